"""``Sum``, ``Mean`` and ``MeanMetricWrapper``: metrics that accumulate values.

Values are first reduced to one per sample (the mean, or for ``Sum`` the sum, over the
non-batch axes), weighted by ``sample_weight``, then accumulated: ``Mean`` keeps the
weighted total and the total weight, and returns their ratio.
"""
from ... import _core
from ..losses.loss import apply_mask, squeeze_or_expand_to_same_rank, to_tensor
from .metric import Metric

_ops = _core.ops


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype):
    """VALUES weighted and reduced to one per sample, and the per-sample weights (or None).

    Weights are aligned with the values (a trailing axis of 1 squeezed or expanded); values
    with more axes than the weights are first reduced over the extra axes.
    """
    mask = getattr(values, "_keras_mask", None)
    values = to_tensor(values, dtype)
    if sample_weight is not None:
        sample_weight = to_tensor(sample_weight, dtype)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, values.dtype, "sum")
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim, values_ndim = sample_weight.ndim, values.ndim
        if values_ndim > weight_ndim:
            values = reduce_fn(values, axis=list(range(weight_ndim, values_ndim)))
        if sample_weight._shape_tuple != values._shape_tuple:
            sample_weight = _ops.broadcast_to(sample_weight, _ops.shape(values))
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=list(range(1, weight_ndim)))
    if values.ndim > 1:
        values = reduce_fn(values, axis=list(range(1, values.ndim)))
    return values, sample_weight


class Sum(Metric):
    """The (weighted) sum of all values seen.

    Args:
        name: the metric's name (default "sum").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        values: a tensor of any shape.
        sample_weight: optional weights, one per sample or per value.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.Sum()
        >>> m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
        >>> float(m.result())
        4.0
    """

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", name="total")

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise_values(values, sample_weight, _ops.reduce_sum, self.dtype)
        self.total.assign_add(_ops.reduce_sum(values))

    def reset_state(self):
        self.total.assign(0)

    def result(self):
        return _ops.identity(self.total)


class Mean(Metric):
    """The (weighted) mean of all values seen: the mean of the per-sample means, weighted.

    Args:
        name: the metric's name (default "mean").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        values: a tensor of any shape (each sample's values are averaged first).
        sample_weight: optional weights, one per sample or per value.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.Mean()
        >>> m.update_state([1, 3, 5, 7])
        >>> float(m.result())
        4.0
        >>> m.reset_state()
        >>> m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
        >>> float(m.result())
        2.0
    """

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", name="count")

    def update_state(self, values, sample_weight=None):
        if getattr(values, "_keras_mask", None) is None and (
                sample_weight is None or type(sample_weight) is float):
            # The common cases (a loss weighted by the batch size, a batch of accuracies): few
            # ops, no reshapes.
            values = to_tensor(values, self.dtype)
            shape = values._shape_tuple
            if not shape:
                if sample_weight is None:
                    self.total.assign_add(values)
                    self.count.assign_add(1.0)
                else:
                    self.total.assign_add(values * sample_weight)
                    self.count.assign_add(sample_weight)
                return
            if None not in shape and sample_weight is None:
                inner = 1
                for d in shape[1:]:
                    inner *= d
                total = _ops.reduce_sum(values)
                self.total.assign_add(total / float(inner) if inner != 1 else total)
                self.count.assign_add(float(shape[0]))
                return
        values, sample_weight = reduce_to_samplewise_values(values, sample_weight, _ops.reduce_mean, self.dtype)
        self.total.assign_add(_ops.reduce_sum(values))
        if sample_weight is not None:
            num_samples = _ops.reduce_sum(sample_weight)
        elif values.ndim >= 1:
            num_samples = _ops.cast(_ops.shape(values)[0], self.dtype)
        else:
            num_samples = 1.0
        self.count.assign_add(num_samples)

    def reset_state(self):
        self.total.assign(0)  # scalar states take 0 as it is
        self.count.assign(0)

    def result(self):
        return _core.ops.divide_no_nan(self.total, self.count)


class MeanMetricWrapper(Mean):
    """The mean of a function ``fn(y_true, y_pred, **kwargs)`` over all samples seen.

    Args:
        fn: the per-sample function (a loss function, ``binary_accuracy``, your own...).
        name: the metric's name.
        dtype: the dtype of the state and result.
        **kwargs: passed to ``fn`` on each update.

    Call arguments (``update_state``):
        y_true, y_pred: passed to ``fn``.
        sample_weight: optional weights, one per sample or per value.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.MeanMetricWrapper(tf.keras.losses.mean_absolute_error, name="mae")
        >>> m.update_state([[1.0], [2.0]], [[2.0], [2.0]])
        >>> float(m.result())
        0.5
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        if not callable(fn):
            raise ValueError(f"MeanMetricWrapper: fn must be callable, received fn={fn!r}")
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = getattr(y_pred, "_keras_mask", None)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        if mask is not None:
            sample_weight = apply_mask(sample_weight, mask, self.dtype, "sum")
        return super().update_state(values, sample_weight=sample_weight)

    def get_config(self):
        from . import _serialize_function
        config = super().get_config()
        config["fn"] = _serialize_function(self._fn)
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        if "fn" in config:
            from . import _deserialize_function
            config = dict(config)
            config["fn"] = _deserialize_function(config["fn"])
        return cls(**config)
