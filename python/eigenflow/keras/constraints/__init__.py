"""``keras.constraints``: projections applied to a weight after each optimizer update.

Each constraint is a class (``MaxNorm``) also reachable under its snake_case name
(``max_norm``), the name ``get`` and layer arguments accept as a string.
"""
from ..backend import common as _common
from .constraint import Constraint
from .constraints import MaxNorm, MinMaxNorm, NonNeg, UnitNorm

# Keras's lowercase aliases of the classes.
max_norm, non_neg, unit_norm, min_max_norm = MaxNorm, NonNeg, UnitNorm, MinMaxNorm

_NAMES = {"max_norm": MaxNorm, "non_neg": NonNeg, "unit_norm": UnitNorm, "min_max_norm": MinMaxNorm}
_BUILTINS = dict(_NAMES)
_BUILTINS.update({cls.__name__: cls for cls in (Constraint, MaxNorm, NonNeg, UnitNorm, MinMaxNorm)})
_BUILTINS.update({"maxnorm": MaxNorm, "nonneg": NonNeg, "unitnorm": UnitNorm})


def serialize(constraint):
    """The config dict of a constraint (Keras 3's format), which ``deserialize`` reads.

    Args:
        constraint: a Constraint (a plain callable is returned unchanged; None gives None).

    Returns:
        ``{"module": "keras.constraints", "class_name": ..., "config": ..., "registered_name": ...}``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.constraints.serialize(tf.keras.constraints.MaxNorm(3))["config"]
        {'max_value': 3, 'axis': 0}
    """
    return _common.serialize_object(constraint, "keras.constraints", _BUILTINS)


def deserialize(config, custom_objects=None):
    """The constraint a config dict (from ``serialize``) or a name describes.

    Args:
        config: a dict with ``class_name`` and ``config``, or a name.
        custom_objects: a dict of name -> class for constraints defined by the user.

    Returns:
        A Constraint instance.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.constraints.deserialize("non_neg")
        NonNeg()
    """
    obj = _common.deserialize_object("constraint", config, _BUILTINS, _NAMES, custom_objects)
    return obj() if isinstance(obj, type) else obj


def get(identifier):
    """A constraint from a name, a config dict, a Constraint or a callable.

    Args:
        identifier: None, a name (``"non_neg"``, ``"MaxNorm"``), a config dict, a
            Constraint instance or class, or a callable ``w -> projected w``.

    Returns:
        The constraint (None for None).

    Raises:
        ValueError: for an unknown name (the message lists the valid ones) or anything else
            that is not a constraint.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.constraints.get("max_norm")
        MaxNorm(max_value=2, axis=0)
    """
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if isinstance(identifier, type):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret constraint identifier: {identifier!r} (expected a name, a config dict, "
                     "a Constraint or a callable)")


__all__ = ["Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "max_norm", "min_max_norm", "non_neg",
           "unit_norm", "serialize", "deserialize", "get"]
