"""The built-in constraints: ``NonNeg``, ``MaxNorm``, ``UnitNorm`` and ``MinMaxNorm``.

The norm constraints compute the L2 norm of the weight along ``axis`` (kept as size-1 axes)
and rescale by ``desired / (epsilon + norm)``, with ``keras.backend.epsilon()``.
"""
from ... import _core
from ..backend import common as _common
from .constraint import Constraint


def _as_tensor(w):
    return w if isinstance(w, _core.Tensor) else _core.convert_to_tensor(w)


def _norms(w, axis):
    return _core.ops.sqrt(_core.ops.reduce_sum(_core.ops.square(w), axis=axis, keepdims=True))


def _check_axis(owner, axis):
    if isinstance(axis, (list, tuple)):
        if all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
            return list(axis)
    elif isinstance(axis, int) and not isinstance(axis, bool):
        return axis
    raise ValueError(f"{owner}: axis must be an int or a list of ints, received axis={axis!r}")


def _check_number(owner, name, value, low=0.0, high=None):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low or (high is not None and value > high):
        bound = f"in [{low}, {high}]" if high is not None else f">= {low}"
        raise ValueError(f"{owner}: {name} must be a number {bound}, received {name}={value!r}")
    return value


class NonNeg(Constraint):
    """Keeps the weight non-negative: negative entries become 0.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.constraints.NonNeg()(tf.constant([-1.0, 2.0])).numpy().tolist()
        [0.0, 2.0]
    """

    def __call__(self, w):
        w = _as_tensor(w)
        return _core.ops.maximum(w, _core.convert_to_tensor(0, dtype=w.dtype))


class MaxNorm(Constraint):
    """Rescales the weight wherever its L2 norm along ``axis`` exceeds ``max_value``.

    Args:
        max_value: the largest norm allowed.
        axis: the axis (or list of axes) along which norms are computed: 0 for a Dense
            kernel ``(in, out)`` constrains each unit's incoming weights; ``[0, 1, 2]`` for
            a Conv2D kernel ``(kh, kw, in, out)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.constraints.MaxNorm(1.0)(tf.constant([[3.0], [4.0]], "float64")).numpy().round(4).tolist()
        [[0.6], [0.8]]
    """

    def __init__(self, max_value=2, axis=0):
        self.max_value = _check_number("MaxNorm", "max_value", max_value)
        self.axis = _check_axis("MaxNorm", axis)

    def __call__(self, w):
        w = _as_tensor(w)
        norms = _norms(w, self.axis)
        desired = _core.ops.clip_by_value(norms, 0.0, float(self.max_value))
        return w * (desired / (_common.epsilon() + norms))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class UnitNorm(Constraint):
    """Rescales the weight to unit L2 norm along ``axis``.

    Args:
        axis: the axis (or list of axes) along which norms are computed (see ``MaxNorm``).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.constraints.UnitNorm()(tf.constant([[3.0], [4.0]], "float64")).numpy().round(4).tolist()
        [[0.6], [0.8]]
    """

    def __init__(self, axis=0):
        self.axis = _check_axis("UnitNorm", axis)

    def __call__(self, w):
        w = _as_tensor(w)
        return w / (_common.epsilon() + _norms(w, self.axis))

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Moves the weight's L2 norm along ``axis`` into ``[min_value, max_value]``.

    The target norm is ``rate * clip(norm, min_value, max_value) + (1 - rate) * norm``:
    rate 1 projects at once, a smaller rate moves part of the way at each update.

    Args:
        min_value: the smallest norm allowed.
        max_value: the largest norm allowed.
        rate: in ``[0, 1]``, how far each application moves toward the interval.
        axis: the axis (or list of axes) along which norms are computed (see ``MaxNorm``).

    Example:
        >>> import eigenflow as tf
        >>> c = tf.keras.constraints.MinMaxNorm(min_value=2.0, max_value=3.0)
        >>> c(tf.constant([[0.6], [0.8]], "float64")).numpy().round(4).tolist()
        [[1.2], [1.6]]
    """

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = _check_number("MinMaxNorm", "min_value", min_value)
        self.max_value = _check_number("MinMaxNorm", "max_value", max_value)
        if max_value < min_value:
            raise ValueError(f"MinMaxNorm: max_value must be >= min_value, received min_value={min_value!r}, "
                             f"max_value={max_value!r}")
        self.rate = _check_number("MinMaxNorm", "rate", rate, 0.0, 1.0)
        self.axis = _check_axis("MinMaxNorm", axis)

    def __call__(self, w):
        w = _as_tensor(w)
        norms = _norms(w, self.axis)
        clipped = _core.ops.clip_by_value(norms, float(self.min_value), float(self.max_value))
        desired = self.rate * clipped + (1.0 - self.rate) * norms
        return w * (desired / (_common.epsilon() + norms))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate, "axis": self.axis}
