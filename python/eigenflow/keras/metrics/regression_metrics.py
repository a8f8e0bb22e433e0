"""Regression metrics: the regression losses averaged over all samples seen, and the root
mean squared error."""
from ... import _core
from .. import backend as _backend
from ..losses.loss import is_integer, squeeze_or_expand_to_same_rank, to_tensor
from ..losses.losses import (log_cosh, mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                             mean_squared_logarithmic_error)
from .reduction_metrics import Mean, MeanMetricWrapper

_ops = _core.ops


class MeanSquaredError(MeanMetricWrapper):
    """The mean of ``square(y_true - y_pred)`` over all values seen.

    Args:
        name: the metric's name (default "mean_squared_error").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true, y_pred: targets and predictions.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.MeanSquaredError()
        >>> m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]])
        >>> float(m.result())
        0.25
    """

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class MeanAbsoluteError(MeanMetricWrapper):
    """The mean of ``abs(y_true - y_pred)`` over all values seen.

    Args:
        name: the metric's name (default "mean_absolute_error").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true, y_pred: targets and predictions.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.MeanAbsoluteError()
        >>> m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]])
        >>> float(m.result())
        0.25
    """

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """The mean of ``100 * abs((y_true - y_pred) / y_true)`` over all values seen.

    Args:
        name: the metric's name (default "mean_absolute_percentage_error").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true, y_pred: targets and predictions.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.MeanAbsolutePercentageError()
        >>> m.update_state([[2.0, 4.0]], [[1.0, 5.0]])
        >>> float(m.result())
        37.5
    """

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """The mean of ``square(log(y_true + 1) - log(y_pred + 1))`` over all values seen.

    Args:
        name: the metric's name (default "mean_squared_logarithmic_error").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true, y_pred: targets and predictions.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.MeanSquaredLogarithmicError()
        >>> m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]])
        >>> round(float(m.result()), 5)
        0.12011
    """

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class LogCoshError(MeanMetricWrapper):
    """The mean of ``log(cosh(y_pred - y_true))`` over all values seen.

    Args:
        name: the metric's name (default "logcosh").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true, y_pred: targets and predictions.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.LogCoshError()
        >>> m.update_state([[0.0, 0.0]], [[1.0, 0.0]])
        >>> round(float(m.result()), 5)
        0.21689
    """

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(log_cosh, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


def _cosine_similarity(y_true, y_pred, axis=-1):
    y_pred = to_tensor(y_pred)
    y_true = to_tensor(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    eps2 = _backend.epsilon() ** 2
    y_true = _ops.l2_normalize(y_true, axis=axis, epsilon=eps2)
    y_pred = _ops.l2_normalize(y_pred, axis=axis, epsilon=eps2)
    return _ops.reduce_sum(y_true * y_pred, axis=axis)


class CosineSimilarity(MeanMetricWrapper):
    """The mean cosine similarity of ``y_true`` and ``y_pred`` along AXIS (1 is best).

    Args:
        name: the metric's name (default "cosine_similarity").
        dtype: the dtype of the state and result.
        axis: the axis holding the vectors (default -1).

    Call arguments (``update_state``):
        y_true, y_pred: target and predicted vectors.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.CosineSimilarity()
        >>> m.update_state([[0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0]])
        >>> round(float(m.result()), 5)
        0.5
    """

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        if not is_integer(axis):
            raise ValueError(f"CosineSimilarity: axis must be an int, received axis={axis!r}")
        super().__init__(_cosine_similarity, name=name, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}


class RootMeanSquaredError(Mean):
    """The square root of the mean of ``square(y_pred - y_true)`` over all values seen.

    Args:
        name: the metric's name (default "root_mean_squared_error").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true, y_pred: targets and predictions.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.RootMeanSquaredError()
        >>> m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]])
        >>> float(m.result())
        0.5
    """

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name=name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = to_tensor(y_pred, self.dtype)
        y_true = to_tensor(y_true, self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        super().update_state(_ops.squared_difference(y_pred, y_true), sample_weight=sample_weight)

    def result(self):
        return _ops.sqrt(super().result())
