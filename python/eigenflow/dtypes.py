"""Element types: ``tf.float32``, ``tf.float64``, ``tf.int32``, ``tf.int64``, ``tf.bool``.

A ``DType`` compares equal to its NumPy dtype, NumPy scalar type and name, so
``t.dtype == np.float32`` and ``t.dtype == "float32"`` both hold.
"""
import numpy as np


class DType:
    """An element type of tensors: ``tf.float32``, ``tf.int32``... (made once, by eigenflow).

    Args:
        name: The type's name, as TensorFlow spells it (``'float32'``).
        enum: The engine's number for it.
        numpy_type: The matching NumPy type.

    Example:
        >>> import eigenflow as tf
        >>> tf.constant([1.0]).dtype == tf.float32
        True
    """

    # The is_* flags are attributes, not properties: losses, metrics and optimizers ask them
    # on every step, and an attribute read costs no Python call.
    __slots__ = ("name", "_enum", "as_numpy_dtype", "size", "is_floating", "is_integer", "is_bool")

    def __init__(self, name, enum, numpy_type):
        self.name = name
        self._enum = enum
        self.as_numpy_dtype = numpy_type
        self.size = np.dtype(numpy_type).itemsize
        self.is_floating = name.startswith("float")
        self.is_integer = name.startswith("int")
        self.is_bool = name == "bool"

    @property
    def is_numeric(self):
        return not self.is_bool

    @property
    def base_dtype(self):
        return self

    @property
    def min(self):
        return np.finfo(self.as_numpy_dtype).min if self.is_floating else np.iinfo(self.as_numpy_dtype).min

    @property
    def max(self):
        return np.finfo(self.as_numpy_dtype).max if self.is_floating else np.iinfo(self.as_numpy_dtype).max

    def __eq__(self, other):
        if isinstance(other, DType):
            return self is other
        try:
            return as_dtype(other) is self
        except (TypeError, ValueError):
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return f"tf.{self.name}"

    def __str__(self):
        return f"<dtype: '{self.name}'>"

    def __reduce__(self):
        return as_dtype, (self.name,)


bool_ = DType("bool", 0, np.bool_)
int32 = DType("int32", 1, np.int32)
int64 = DType("int64", 2, np.int64)
float32 = DType("float32", 3, np.float32)
float64 = DType("float64", 4, np.float64)
double = float64

_BY_ENUM = [bool_, int32, int64, float32, float64]
_BY_NAME = {d.name: d for d in _BY_ENUM}
_BY_NAME.update({"float": float32, "double": float64, "int": int32, "long": int64})
_PYTHON_TYPES = {float: float32, int: int32, bool: bool_}


def as_dtype(value):
    """Converts a DType, NumPy dtype or type, string or Python type to a ``DType``.

    Args:
        value: What names the type: ``tf.float32``, ``np.int64``, ``'float32'``, ``float``...

    Returns:
        The ``DType``.

    Raises:
        TypeError: for anything that names no supported element type.

    Example:
        >>> import numpy as np
        >>> import eigenflow as tf
        >>> tf.as_dtype(np.float64).name, tf.as_dtype("int32") == tf.int32
        ('float64', True)
    """
    if isinstance(value, DType):
        return value
    if isinstance(value, str):
        if value in _BY_NAME:
            return _BY_NAME[value]
        raise TypeError(f"Cannot convert {value!r} to a dtype: eigenflow supports "
                        "float32, float64, int32, int64 and bool")
    if value in _PYTHON_TYPES:
        return _PYTHON_TYPES[value]
    try:
        name = np.dtype(value).name
    except TypeError:
        raise TypeError(f"Cannot convert {value!r} to a dtype") from None
    if name in _BY_NAME:
        return _BY_NAME[name]
    raise TypeError(f"Cannot convert {value!r} to a dtype: eigenflow supports "
                    "float32, float64, int32, int64 and bool")


__all__ = ["DType", "as_dtype", "bool_", "int32", "int64", "float32", "float64", "double"]
