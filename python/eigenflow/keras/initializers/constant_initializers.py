"""Initializers that draw nothing: ``Zeros``, ``Ones``, ``Constant`` and ``Identity``."""
import numpy as np

from ... import _core
from .initializer import Initializer, normalize_dtype, normalize_shape


class Zeros(Initializer):
    """Initializes a tensor with 0.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.initializers.Zeros()((2,)).numpy().tolist()
        [0.0, 0.0]
    """

    def __call__(self, shape, dtype=None, **kwargs):
        return _core.ops.zeros(list(normalize_shape("Zeros", shape)), dtype=normalize_dtype(dtype))


class Ones(Initializer):
    """Initializes a tensor with 1.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.initializers.Ones()((2,), dtype="int32").numpy().tolist()
        [1, 1]
    """

    def __call__(self, shape, dtype=None, **kwargs):
        return _core.ops.ones(list(normalize_shape("Ones", shape)), dtype=normalize_dtype(dtype))


class Constant(Initializer):
    """Initializes a tensor with a constant value.

    Args:
        value: a number, or an array broadcastable to the requested shape (an array with
            as many elements as the shape is reshaped to it, as tf.keras 2 did).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.initializers.Constant(0.5)((2, 2)).numpy().tolist()
        [[0.5, 0.5], [0.5, 0.5]]
    """

    def __init__(self, value=0.0):
        if isinstance(value, _core.Tensor):
            value = value.numpy()
        if isinstance(value, (np.ndarray, np.generic)):
            value = value.tolist()
        try:
            np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ValueError(f"Constant: value must be a number or an array of numbers, received value={value!r}") \
                from None
        self.value = value

    def __call__(self, shape, dtype=None, **kwargs):
        shape = normalize_shape("Constant", shape)
        dt = normalize_dtype(dtype)
        array = np.asarray(self.value, dtype=dt.as_numpy_dtype)
        try:
            array = np.broadcast_to(array, shape)
        except ValueError:
            if array.size != int(np.prod(shape)):
                raise ValueError(f"Constant: value of shape {array.shape} cannot fill a tensor of shape {shape}") \
                    from None
            array = array.reshape(shape)
        return _core.convert_to_tensor(np.array(array, order="C"), dtype=dt)

    def get_config(self):
        return {"value": self.value}


class Identity(Initializer):
    """Initializes a 2-D tensor with the identity matrix times ``gain`` (also rectangular).

    Args:
        gain: the multiplier of the identity matrix.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.initializers.Identity()((2, 2)).numpy().tolist()
        [[1.0, 0.0], [0.0, 1.0]]
    """

    def __init__(self, gain=1.0):
        self.gain = float(gain)

    def __call__(self, shape, dtype=None, **kwargs):
        shape = normalize_shape("Identity", shape)
        if len(shape) != 2:
            raise ValueError(f"Identity: the identity initializer makes 2-D matrices only, received shape={shape} "
                             f"of rank {len(shape)}")
        dt = normalize_dtype(dtype)
        eye = _core.ops.eye(shape[0], num_columns=shape[1], dtype=dt)
        return eye if self.gain == 1.0 else eye * _core.convert_to_tensor(self.gain, dtype=dt)

    def get_config(self):
        return {"gain": self.gain}
