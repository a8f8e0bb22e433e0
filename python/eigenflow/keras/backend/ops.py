"""The tf.keras 2 backend functions (``K.variable``, ``K.mean``, ``K.set_value``...).

Keras 3 dropped most of these, but programs written for tf.keras 2 still call them, so
eigenflow keeps them. Each is a thin wrapper over an eigenflow op with Keras 2's defaults:
values without a dtype become ``floatx()`` (float32).
"""
import builtins

import numpy as np

from ... import _core
from ... import dtypes as _dtypes
from ...framework.variables import Variable
from . import common as _common


def _dtype(dtype):
    return _dtypes.as_dtype(_common.floatx() if dtype is None else dtype)


def _tensor(x):
    return x if isinstance(x, _core.Tensor) else _core.convert_to_tensor(x)


# ---- variables and values -------------------------------------------------------------------

def variable(value, dtype=None, name=None, constraint=None):
    """A trainable ``tf.Variable`` holding VALUE.

    Args:
        value: a number, array or tensor.
        dtype: its dtype; ``floatx()`` (float32) when None.
        name: the Variable's name (``.name`` adds ``:0``).
        constraint: a projection applied by optimizers after each update.

    Returns:
        A Variable; a layer whose computation reads it (e.g. in a Lambda) trains it.

    Example:
        >>> import eigenflow as tf
        >>> v = tf.keras.backend.variable(0.5, name="offset")
        >>> v.name, float(tf.keras.backend.get_value(v))
        ('offset:0', 0.5)
    """
    from .. import constraints

    if isinstance(value, _core.Tensor):
        value = value.numpy()
    dt = _dtype(dtype)
    return Variable(np.asarray(value, dtype=dt.as_numpy_dtype), dtype=dt, name=name,
                    constraint=constraints.get(constraint))


def constant(value, dtype=None, shape=None, name=None):
    """A constant tensor (``floatx()`` unless DTYPE is given), filled or reshaped to SHAPE.

    Args:
        value: a number, array or tensor.
        dtype: the dtype; ``floatx()`` when None.
        shape: an optional shape to fill (for a scalar) or reshape to.
        name: ignored.

    Returns:
        A tensor.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.constant(1, shape=(2,)).numpy().tolist()
        [1.0, 1.0]
    """
    from ...framework.constant_op import constant as _constant

    if isinstance(value, _core.Tensor):
        value = value.numpy()
    return _constant(np.asarray(value), dtype=_dtype(dtype), shape=shape)


def get_value(x):
    """The value of a Variable or tensor as a NumPy array (NumPy input is returned as is).

    Args:
        x: a Variable, tensor or array.

    Returns:
        A NumPy array (a NumPy scalar for a scalar).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.get_value(tf.Variable([1.0, 2.0])).tolist()
        [1.0, 2.0]
    """
    if isinstance(x, _core.Tensor):
        if x._is_symbolic:
            raise ValueError(f"get_value: a symbolic tensor (shape {tuple(x.shape)}) has no value; "
                             "call the model on data instead")
        return x.numpy()
    return x if isinstance(x, np.ndarray) else np.asarray(x)


def set_value(x, value):
    """Assigns VALUE (an array or number of x's shape) to the Variable X.

    Args:
        x: a Variable.
        value: a number, array or tensor of x's shape (converted to x's dtype).

    Example:
        >>> import eigenflow as tf
        >>> v = tf.keras.backend.variable(0.5)
        >>> tf.keras.backend.set_value(v, 0.0)
        >>> float(v.numpy())
        0.0
    """
    if not isinstance(x, Variable):
        raise TypeError(f"set_value: x must be a Variable, received {type(x).__name__}")
    if isinstance(value, _core.Tensor):
        value = value.numpy()
    array = np.asarray(value, dtype=x.dtype.as_numpy_dtype)
    if array.shape != tuple(x.shape):
        if array.size != int(np.prod(tuple(x.shape), dtype=np.int64)):
            raise ValueError(f"set_value: Variable '{x.name}' has shape {tuple(x.shape)}, received a value of "
                             f"shape {array.shape}")
        array = array.reshape(tuple(x.shape))
    x.assign(array)


def batch_get_value(tensors):
    """The values of several Variables or tensors, as a list of NumPy arrays.

    Args:
        tensors: a list of Variables or tensors.

    Returns:
        A list of NumPy arrays.

    Example:
        >>> import eigenflow as tf
        >>> [float(v) for v in tf.keras.backend.batch_get_value([tf.Variable(1.0), tf.Variable(2.0)])]
        [1.0, 2.0]
    """
    return [get_value(x) for x in tensors]


def batch_set_value(tuples):
    """Assigns several Variables at once.

    Args:
        tuples: a list of ``(variable, value)`` pairs.

    Example:
        >>> import eigenflow as tf
        >>> a, b = tf.Variable(0.0), tf.Variable(0.0)
        >>> tf.keras.backend.batch_set_value([(a, 1.0), (b, 2.0)])
        >>> float(a.numpy()), float(b.numpy())
        (1.0, 2.0)
    """
    for x, value in tuples:
        set_value(x, value)


def eval(x):
    """The value of a tensor or Variable as a NumPy array (as ``get_value``).

    Args:
        x: a tensor or Variable.

    Returns:
        A NumPy array.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.eval(tf.constant([1.0])).tolist()
        [1.0]
    """
    return get_value(x)


def zeros(shape, dtype=None, name=None):
    """A trainable Variable of zeros, as tf.keras 2 returned.

    Args:
        shape: a tuple of ints.
        dtype: its dtype; ``floatx()`` when None.
        name: the Variable's name.

    Returns:
        A Variable.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.zeros((2,)).numpy().tolist()
        [0.0, 0.0]
    """
    return variable(np.zeros(tuple(shape)), dtype=dtype, name=name)


def ones(shape, dtype=None, name=None):
    """A trainable Variable of ones, as tf.keras 2 returned.

    Args:
        shape: a tuple of ints.
        dtype: its dtype; ``floatx()`` when None.
        name: the Variable's name.

    Returns:
        A Variable.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.ones((2,)).numpy().tolist()
        [1.0, 1.0]
    """
    return variable(np.ones(tuple(shape)), dtype=dtype, name=name)


def zeros_like(x, dtype=None, name=None):
    """A tensor of zeros with x's shape (and x's dtype unless DTYPE is given).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.zeros_like(tf.constant([1.0, 2.0])).numpy().tolist()
        [0.0, 0.0]
    """
    return _core.ops.zeros_like(_tensor(x), dtype=None if dtype is None else _dtypes.as_dtype(dtype))


def ones_like(x, dtype=None, name=None):
    """A tensor of ones with x's shape (and x's dtype unless DTYPE is given).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.ones_like(tf.constant([1.0, 2.0])).numpy().tolist()
        [1.0, 1.0]
    """
    return _core.ops.ones_like(_tensor(x), dtype=None if dtype is None else _dtypes.as_dtype(dtype))


# ---- shapes and types -----------------------------------------------------------------------

def int_shape(x):
    """X's static shape as a tuple of ints, with None for unknown dimensions.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.int_shape(tf.keras.Input(shape=(3,)))
        (None, 3)
    """
    if isinstance(x, _core.Tensor):
        return tuple(x._shape_tuple)
    return tuple(np.shape(x))


def shape(x):
    """X's shape as an int32 tensor (``tf.shape``).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.shape(tf.ones((2, 3))).numpy().tolist()
        [2, 3]
    """
    return _core.ops.shape(_tensor(x))


def ndim(x):
    """X's number of axes, an int.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.ndim(tf.ones((2, 3)))
        2
    """
    return len(int_shape(x))


def dtype(x):
    """X's dtype name, a string such as ``'float32'``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.dtype(tf.keras.backend.variable(1.0))
        'float32'
    """
    if isinstance(x, _core.Tensor):
        return x.dtype.name
    return np.asarray(x).dtype.name


def cast(x, dtype):
    """X converted to DTYPE.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.cast(tf.constant([1.7]), "int32").numpy().tolist()
        [1]
    """
    return _core.ops.cast(_tensor(x), _dtypes.as_dtype(dtype))


def reshape(x, shape):
    """X with a new shape (one dimension may be -1).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.reshape(tf.ones((2, 3)), (3, -1)).shape
        TensorShape([3, 2])
    """
    return _core.ops.reshape(_tensor(x), [int(d) for d in shape])


def transpose(x):
    """X with its axes reversed (a matrix transposed).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.transpose(tf.ones((2, 3))).shape
        TensorShape([3, 2])
    """
    return _core.ops.transpose(_tensor(x))


def concatenate(tensors, axis=-1):
    """The tensors joined along AXIS.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.concatenate([tf.ones((2, 1)), tf.zeros((2, 2))]).shape
        TensorShape([2, 3])
    """
    tensors = [_tensor(t) for t in tensors]
    if axis < 0:
        rank = ndim(tensors[0])
        axis = axis % rank if rank else 0
    return _core.ops.concat(tensors, axis=axis)


def stack(x, axis=0):
    """The tensors stacked along a new axis AXIS.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.stack([tf.ones((2,)), tf.zeros((2,))]).shape
        TensorShape([2, 2])
    """
    return _core.ops.stack([_tensor(t) for t in x], axis=axis)


def expand_dims(x, axis=-1):
    """X with a size-1 axis inserted at AXIS.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.expand_dims(tf.ones((2,))).shape
        TensorShape([2, 1])
    """
    return _core.ops.expand_dims(_tensor(x), axis)


def squeeze(x, axis):
    """X without its size-1 axis AXIS.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.squeeze(tf.ones((2, 1)), -1).shape
        TensorShape([2])
    """
    return _core.ops.squeeze(_tensor(x), [axis])


# ---- math -----------------------------------------------------------------------------------

def _reduce(op, x, axis, keepdims):
    x = _tensor(x)
    if x.dtype.is_bool:
        x = _core.ops.cast(x, _common.floatx())
    return op(x, axis=axis, keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    """The mean of X over AXIS (all axes when None); booleans count as floatx.

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.backend.mean(tf.constant([1.0, 2.0, 6.0])))
        3.0
    """
    return _reduce(_core.ops.reduce_mean, x, axis, keepdims)


def sum(x, axis=None, keepdims=False):
    """The sum of X over AXIS (all axes when None).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.sum(tf.ones((2, 3)), axis=1).numpy().tolist()
        [3.0, 3.0]
    """
    return _reduce(_core.ops.reduce_sum, x, axis, keepdims)


def prod(x, axis=None, keepdims=False):
    """The product of X over AXIS (all axes when None).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.backend.prod(tf.constant([2.0, 3.0])))
        6.0
    """
    return _reduce(_core.ops.reduce_prod, x, axis, keepdims)


def max(x, axis=None, keepdims=False):
    """The maximum of X over AXIS (all axes when None).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.backend.max(tf.constant([2.0, 3.0])))
        3.0
    """
    return _reduce(_core.ops.reduce_max, x, axis, keepdims)


def min(x, axis=None, keepdims=False):
    """The minimum of X over AXIS (all axes when None).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.backend.min(tf.constant([2.0, 3.0])))
        2.0
    """
    return _reduce(_core.ops.reduce_min, x, axis, keepdims)


def argmax(x, axis=-1):
    """The index of the largest value along AXIS.

    Example:
        >>> import eigenflow as tf
        >>> int(tf.keras.backend.argmax(tf.constant([2.0, 3.0, 1.0])))
        1
    """
    return _core.ops.argmax(_tensor(x), axis)


def argmin(x, axis=-1):
    """The index of the smallest value along AXIS.

    Example:
        >>> import eigenflow as tf
        >>> int(tf.keras.backend.argmin(tf.constant([2.0, 3.0, 1.0])))
        2
    """
    return _core.ops.argmin(_tensor(x), axis)


def square(x):
    """``x * x``, elementwise.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.square(tf.constant([-2.0])).numpy().tolist()
        [4.0]
    """
    return _core.ops.square(_tensor(x))


def sqrt(x):
    """The square root, elementwise; negative values are clipped to 0 first, as in tf.keras 2.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.sqrt(tf.constant([4.0, -1.0])).numpy().tolist()
        [2.0, 0.0]
    """
    x = _tensor(x)
    return _core.ops.sqrt(_core.ops.maximum(x, _core.convert_to_tensor(0, dtype=x.dtype)))


def exp(x):
    """``e ** x``, elementwise.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.exp(tf.constant([0.0])).numpy().tolist()
        [1.0]
    """
    return _core.ops.exp(_tensor(x))


def log(x):
    """The natural logarithm, elementwise.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.log(tf.constant([1.0])).numpy().tolist()
        [0.0]
    """
    return _core.ops.log(_tensor(x))


def abs(x):
    """The absolute value, elementwise.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.abs(tf.constant([-2.0])).numpy().tolist()
        [2.0]
    """
    return _core.ops.abs(_tensor(x))


def pow(x, a):
    """``x ** a``, elementwise.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.pow(tf.constant([3.0]), 2).numpy().tolist()
        [9.0]
    """
    x = _tensor(x)
    return _core.ops.pow(x, _core.convert_to_tensor(a, dtype=x.dtype))


def maximum(x, y):
    """The elementwise maximum of X and Y (broadcast).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.maximum(tf.constant([1.0, 5.0]), 2.0).numpy().tolist()
        [2.0, 5.0]
    """
    x = _tensor(x)
    return _core.ops.maximum(x, y if isinstance(y, _core.Tensor) else _core.convert_to_tensor(y, dtype=x.dtype))


def minimum(x, y):
    """The elementwise minimum of X and Y (broadcast).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.minimum(tf.constant([1.0, 5.0]), 2.0).numpy().tolist()
        [1.0, 2.0]
    """
    x = _tensor(x)
    return _core.ops.minimum(x, y if isinstance(y, _core.Tensor) else _core.convert_to_tensor(y, dtype=x.dtype))


def clip(x, min_value, max_value):
    """X clipped to ``[min_value, max_value]`` (None means unbounded; a max below the min
    is raised to it, as in tf.keras 2).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.clip(tf.constant([-2.0, 0.5, 3.0]), 0.0, 1.0).numpy().tolist()
        [0.0, 0.5, 1.0]
    """
    x = _tensor(x)
    if isinstance(min_value, (int, float)) and isinstance(max_value, (int, float)) and max_value < min_value:
        max_value = min_value
    low = -np.inf if min_value is None else min_value
    high = np.inf if max_value is None else max_value
    return _core.ops.clip_by_value(x, _core.convert_to_tensor(low, dtype=x.dtype),
                                   _core.convert_to_tensor(high, dtype=x.dtype))


def dot(x, y):
    """The matrix product generalised as in tf.keras 2: X's last axis against Y's
    second-to-last (its only axis when Y is a vector).

    Shapes ``(2, 3, 4)`` and ``(4, 5)`` give ``(2, 3, 5)``; ``(2, 3)`` and ``(4, 3, 5)``
    give ``(2, 4, 5)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.dot(tf.ones((2, 3)), tf.ones((3, 4))).shape
        TensorShape([2, 4])
    """
    x, y = _tensor(x), _tensor(y)
    if x.ndim >= 2 and y.ndim == 2:
        return _core.ops.matmul(x, y)
    from ... import linalg

    return linalg.tensordot(x, y, [[x.ndim - 1], [builtins.max(y.ndim - 2, 0)]])


def stop_gradient(variables):
    """The tensor (or each tensor of a list) with no gradient flowing back through it.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.stop_gradient(tf.constant([1.0])).numpy().tolist()
        [1.0]
    """
    if isinstance(variables, (list, tuple)):
        return [_core.ops.stop_gradient(_tensor(v)) for v in variables]
    return _core.ops.stop_gradient(_tensor(variables))


def count_params(x):
    """The number of scalars in X (a Variable or tensor).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.count_params(tf.keras.backend.zeros((2, 3)))
        6
    """
    return int(np.prod(int_shape(x), dtype=np.int64))


# ---- session --------------------------------------------------------------------------------

def learning_phase():
    """Always 0 (inference): eigenflow passes ``training`` to layers explicitly, as Keras 3 does.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.learning_phase()
        0
    """
    return 0
