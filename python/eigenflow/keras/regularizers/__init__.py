"""``keras.regularizers``: penalties on weights (or activities) added to the training loss.

``L1``, ``L2``, ``L1L2`` and ``OrthogonalRegularizer``, also named ``l1``, ``l2``,
``l1_l2`` and ``orthogonal_regularizer`` as strings. A factor may be a trainable Variable:
it is then trained with the model and kept non-negative (see ``factor.py``).
"""
from ..backend import common as _common
from .regularizer import Regularizer
from .regularizers import L1, L1L2, L2, OrthogonalRegularizer, l1, l1_l2, l2

orthogonal_regularizer = OrthogonalRegularizer

_NAMES = {"l1": L1, "l2": L2, "l1_l2": L1L2, "orthogonal_regularizer": OrthogonalRegularizer}
_BUILTINS = dict(_NAMES)
_BUILTINS.update({cls.__name__: cls for cls in (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)})


def serialize(regularizer):
    """The config dict of a regularizer (Keras 3's format), which ``deserialize`` reads.

    A Variable factor is stored as its current float value.

    Args:
        regularizer: a Regularizer (a plain callable is returned unchanged; None gives None).

    Returns:
        ``{"module": "keras.regularizers", "class_name": ..., "config": ..., "registered_name": ...}``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.regularizers.serialize(tf.keras.regularizers.l2(0.01))["config"]
        {'l2': 0.01}
    """
    return _common.serialize_object(regularizer, "keras.regularizers", _BUILTINS)


def deserialize(config, custom_objects=None):
    """The regularizer a config dict (from ``serialize``) or a name describes.

    Args:
        config: a dict with ``class_name`` and ``config``, or a name.
        custom_objects: a dict of name -> class for regularizers defined by the user.

    Returns:
        A Regularizer instance.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.regularizers.deserialize({"class_name": "L2", "config": {"l2": 0.1}})
        L2(l2=0.1)
    """
    obj = _common.deserialize_object("regularizer", config, _BUILTINS, _NAMES, custom_objects)
    return obj() if isinstance(obj, type) else obj


def get(identifier):
    """A regularizer from a name, a config dict, a Regularizer or a callable.

    Args:
        identifier: None, a name (``"l2"``, ``"L1L2"``), a config dict, a Regularizer
            instance or class, or a callable ``x -> scalar``.

    Returns:
        The regularizer (None for None).

    Raises:
        ValueError: for an unknown name (the message lists the valid ones) or anything else
            that is not a regularizer.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.regularizers.get("l2")
        L2(l2=0.01)
    """
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if isinstance(identifier, type):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier: {identifier!r} (expected a name, a config dict, "
                     "a Regularizer or a callable)")


__all__ = ["Regularizer", "L1", "L2", "L1L2", "OrthogonalRegularizer", "l1", "l2", "l1_l2",
           "orthogonal_regularizer", "serialize", "deserialize", "get"]
