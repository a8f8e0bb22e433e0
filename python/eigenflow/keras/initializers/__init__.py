"""``keras.initializers``: how weights get their first values.

Each initializer is a class (``GlorotUniform``) also reachable under its snake_case name
(``glorot_uniform``), the name ``get`` and layer arguments accept as a string.
"""
from ..backend import common as _common
from .constant_initializers import Constant, Identity, Ones, Zeros
from .initializer import Initializer
from .orthogonal import Orthogonal
from .random_initializers import RandomNormal, RandomUniform, TruncatedNormal
from .variance_scaling import (GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform,
                               VarianceScaling, compute_fans)

# Snake-case names, as Keras exports them (keras.initializers.glorot_uniform is the class).
zeros, ones, constant, identity = Zeros, Ones, Constant, Identity
random_normal, random_uniform, truncated_normal = RandomNormal, RandomUniform, TruncatedNormal
variance_scaling, orthogonal = VarianceScaling, Orthogonal
glorot_uniform, glorot_normal, he_normal, he_uniform = GlorotUniform, GlorotNormal, HeNormal, HeUniform
lecun_normal, lecun_uniform = LecunNormal, LecunUniform
IdentityInitializer, OrthogonalInitializer = Identity, Orthogonal

_NAMES = {
    "zeros": Zeros, "ones": Ones, "constant": Constant, "identity": Identity,
    "random_normal": RandomNormal, "random_uniform": RandomUniform, "truncated_normal": TruncatedNormal,
    "variance_scaling": VarianceScaling, "orthogonal": Orthogonal,
    "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal, "he_normal": HeNormal,
    "he_uniform": HeUniform, "lecun_normal": LecunNormal, "lecun_uniform": LecunUniform,
}
_BUILTINS = dict(_NAMES)
_BUILTINS.update({cls.__name__: cls for cls in _NAMES.values()})
# Keras's extra aliases.
_BUILTINS.update({"zero": Zeros, "one": Ones, "normal": RandomNormal, "uniform": RandomUniform,
                  "IdentityInitializer": Identity, "OrthogonalInitializer": Orthogonal})


def serialize(initializer):
    """The config dict of an initializer (Keras 3's format), which ``deserialize`` reads.

    Args:
        initializer: an Initializer (a plain callable is returned unchanged).

    Returns:
        ``{"module": "keras.initializers", "class_name": ..., "config": ..., "registered_name": ...}``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.initializers.serialize(tf.keras.initializers.HeNormal(seed=1))["config"]
        {'seed': 1}
    """
    return _common.serialize_object(initializer, "keras.initializers", _BUILTINS)


def deserialize(config, custom_objects=None):
    """The initializer a config dict (from ``serialize``) or a name describes.

    Args:
        config: a dict with ``class_name`` and ``config``, or a name.
        custom_objects: a dict of name -> class for initializers defined by the user.

    Returns:
        An Initializer instance.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.initializers.deserialize({"class_name": "Constant", "config": {"value": 2.0}})
        Constant(value=2.0)
    """
    obj = _common.deserialize_object("initializer", config, _BUILTINS, _NAMES, custom_objects)
    return obj() if isinstance(obj, type) else obj


def get(identifier):
    """An initializer from a name, a config dict, an Initializer or a callable.

    Args:
        identifier: None, a name (``"glorot_uniform"``, ``"HeNormal"``), a config dict,
            an Initializer instance or class, or a callable ``(shape, dtype) -> tensor``.

    Returns:
        The initializer (None for None).

    Raises:
        ValueError: for an unknown name (the message lists the valid ones) or anything else
            that is not an initializer.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.initializers.get("he_normal")
        HeNormal(seed=None)
    """
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if isinstance(identifier, type):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret initializer identifier: {identifier!r} (expected a name, a config dict, "
                     "an Initializer or a callable)")


__all__ = sorted(["Initializer", "Zeros", "Ones", "Constant", "Identity", "RandomNormal", "RandomUniform",
                  "TruncatedNormal", "VarianceScaling", "Orthogonal", "GlorotUniform", "GlorotNormal", "HeNormal",
                  "HeUniform", "LecunNormal", "LecunUniform", "IdentityInitializer", "OrthogonalInitializer",
                  "compute_fans", "serialize", "deserialize", "get"] + list(_NAMES))
