"""``keras.optimizers``: the Optimizer base class, the built-in optimizers, learning rate
schedules, and ``get`` / ``serialize`` / ``deserialize``."""
import inspect

from ..backend import common as _common
from . import schedules
from .optimizer import Optimizer
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam
from .adamax import Adamax
from .adamw import AdamW
from .nadam import Nadam
from .rmsprop import RMSprop
from .sgd import SGD

_CLASSES = (Optimizer, SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, Nadam)
_BUILTINS = {cls.__name__: cls for cls in _CLASSES}
# Lower-case names that `get` and `compile(optimizer=...)` accept.
_ALIASES = {cls.__name__.lower(): cls for cls in _CLASSES if cls is not Optimizer}
_BUILTINS.update(_ALIASES)


def serialize(optimizer):
    """An optimizer's config in Keras 3's format:
    ``{"module", "class_name", "config", "registered_name"}``.

    Args:
        optimizer: an Optimizer.

    Returns:
        A dict that ``deserialize`` turns back into an equivalent (fresh) optimizer.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.optimizers.serialize(tf.keras.optimizers.Adam())["class_name"]
        'Adam'
    """
    return _common.serialize_object(optimizer, "keras.optimizers", _BUILTINS)


def deserialize(config, custom_objects=None):
    """The optimizer a config (or a name) describes.

    Args:
        config: a dict from ``serialize`` (Keras 2's ``{"class_name", "config"}`` too) or
            a name such as ``"adam"``.
        custom_objects: extra ``{name: class}`` to look names up in.

    Returns:
        A new Optimizer.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.optimizers.deserialize({"class_name": "SGD", "config": {"learning_rate": 0.1}}).name
        'SGD'
    """
    if isinstance(config, dict) and isinstance(config.get("class_name"), str):
        config = dict(config, class_name=_canonical(config["class_name"]))
    obj = _common.deserialize_object("optimizer", config, _BUILTINS, _shown_names(), custom_objects)
    return obj() if inspect.isclass(obj) else obj


def _canonical(name):
    cls = _ALIASES.get(name.lower()) if isinstance(name, str) else None
    return cls.__name__ if cls is not None else name


def _shown_names():
    return sorted(_ALIASES)


def get(identifier):
    """The optimizer an identifier names.

    Args:
        identifier: an Optimizer (returned as is), a name (``'adam'``, ``'sgd'``,
            ``'rmsprop'``, ``'adagrad'``, ``'adadelta'``, ``'adamax'``, ``'nadam'``,
            ``'adamw'``; any case), a dict from ``serialize``, or an Optimizer class.

    Returns:
        An Optimizer instance (a new one with default arguments for a name).

    Raises:
        ValueError: an unknown name (the message lists the known ones) or another type.

    Example:
        >>> import eigenflow as tf
        >>> type(tf.keras.optimizers.get("adam")).__name__
        'Adam'
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if inspect.isclass(identifier) and issubclass(identifier, Optimizer):
        return identifier()
    if isinstance(identifier, str):
        cls = _ALIASES.get(identifier.lower())
        if cls is None:
            _common.lookup_name("optimizer", identifier, {}, _shown_names())
        return cls()
    if isinstance(identifier, dict):
        return deserialize(identifier)
    raise ValueError(f"Could not interpret optimizer identifier: {identifier!r} (expected an Optimizer, a name "
                     f"such as 'adam', or a config dict)")


from . import legacy  # noqa: E402  (tf.keras 2.11+'s aliases of the same classes)

__all__ = sorted({cls.__name__ for cls in _CLASSES} | {"get", "serialize", "deserialize", "schedules", "legacy"})
