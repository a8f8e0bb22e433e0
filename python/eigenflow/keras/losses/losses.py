"""The built-in losses: one function per loss (one value per sample) and its Loss class.

The functions (``mean_squared_error``, ``categorical_crossentropy``...) return one value per
sample, reducing over the last axis; the classes wrap them and reduce over the batch as
``Loss`` describes. Probabilities are clipped to ``[epsilon, 1 - epsilon]`` (epsilon is
``keras.backend.epsilon()``, 1e-7); with ``from_logits=True`` the crossentropies use the
stable ``tf.nn.*_cross_entropy_with_logits`` ops. When ``y_pred`` is the output of
``keras.activations.softmax``, which keeps its logits on it (``y_pred._keras_logits``), the
categorical crossentropies use those logits, as Keras does, so a saturated probability does
not stop the gradient.
"""
import math
import warnings

from ... import _core
from ... import dtypes as _dtypes
from ...errors import InvalidArgumentError
from .. import backend as _backend
from .loss import Loss, is_integer, squeeze_or_expand_to_same_rank, to_float_tensor, to_tensor

_ops = _core.ops


def _pair(y_true, y_pred):
    """Y_PRED as a float tensor, Y_TRUE as a tensor of its dtype, their ranks aligned."""
    y_pred = to_float_tensor(y_pred)
    y_true = to_tensor(y_true, y_pred.dtype)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def _check_same_shape(loss_name, y_true, y_pred, hint=""):
    t, p = y_true._shape_tuple, y_pred._shape_tuple
    if len(t) != len(p) or any(a is not None and b is not None and a != b for a, b in zip(t, p)):
        raise ValueError(f"{loss_name}: y_true and y_pred must have the same shape, received y_true "
                         f"shape {tuple(t)} and y_pred shape {tuple(p)}{hint}")


def _logits(y_pred, from_logits, activation, loss_name):
    """The logits behind Y_PRED when ACTIVATION kept them, and whether we have logits.

    ``keras.activations.softmax`` leaves its input on its output as ``_keras_logits``; an
    activation may name itself in ``_keras_logits_activation`` (softmax when absent). Logits
    of another activation are not used: a softmax's logits are not a sigmoid's.
    """
    logits = getattr(y_pred, "_keras_logits", None)
    if logits is None or getattr(y_pred, "_keras_logits_activation", "softmax") != activation:
        return y_pred, from_logits
    if from_logits:
        warnings.warn(f"{loss_name} received from_logits=True, but y_pred is the output of a {activation} "
                      "activation and so does not hold logits: was this intended?", stacklevel=3)
        return y_pred, True
    return logits, True


def _canonical_axis(axis, rank, loss_name):
    if not is_integer(axis):
        raise ValueError(f"{loss_name}: axis must be an int, received axis={axis!r}")
    if not -rank <= axis < rank:
        raise ValueError(f"{loss_name}: axis={axis} is out of range for y_pred of rank {rank}")
    return int(axis) % rank


# ---- regression ------------------------------------------------------------------------------
def mean_squared_error(y_true, y_pred):
    """Mean of the squared errors over the last axis: ``mean(square(y_true - y_pred), -1)``.

    Args:
        y_true: targets, shape ``(batch, d0, .. dN)``; ``(batch,)`` against ``(batch, 1)``
            is aligned, not broadcast.
        y_pred: predictions of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.mean_squared_error([[0.0, 1.0]], [[1.0, 1.0]]).numpy().tolist()
        [0.5]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return _ops.reduce_mean(_ops.squared_difference(y_pred, y_true), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """Mean of the absolute errors over the last axis: ``mean(abs(y_true - y_pred), -1)``.

    Args:
        y_true: targets, shape ``(batch, d0, .. dN)``.
        y_pred: predictions of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.mean_absolute_error([[0.0, 1.0]], [[1.0, 3.0]]).numpy().tolist()
        [1.5]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return _ops.reduce_mean(_ops.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """``100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), -1)``.

    Args:
        y_true: targets, shape ``(batch, d0, .. dN)``.
        y_pred: predictions of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.mean_absolute_percentage_error([[2.0, 4.0]], [[1.0, 5.0]]).numpy().tolist()
        [37.5]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    diff = _ops.abs((y_true - y_pred) / _ops.maximum(_ops.abs(y_true), _backend.epsilon()))
    return 100.0 * _ops.reduce_mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """``mean(square(log(max(y_pred, eps) + 1) - log(max(y_true, eps) + 1)), -1)``.

    Args:
        y_true: targets, shape ``(batch, d0, .. dN)``.
        y_pred: predictions of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.mean_squared_logarithmic_error([[0.0]], [[1.718281828]])[0]), 5)
        1.0
    """
    y_true, y_pred = _pair(y_true, y_pred)
    eps = _backend.epsilon()
    first = _ops.log1p(_ops.maximum(y_pred, eps))
    second = _ops.log1p(_ops.maximum(y_true, eps))
    return _ops.reduce_mean(_ops.squared_difference(first, second), axis=-1)


def huber(y_true, y_pred, delta=1.0):
    """Huber loss: ``0.5 * e**2`` where ``|e| <= delta``, else ``delta * |e| - 0.5 * delta**2``,
    with ``e = y_pred - y_true``, averaged over the last axis.

    Args:
        y_true: targets, shape ``(batch, d0, .. dN)``.
        y_pred: predictions of the same shape.
        delta: where the loss turns from quadratic to linear.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.huber([[0.0, 0.0]], [[0.5, 3.0]]).numpy().tolist()
        [1.3125]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    delta = float(delta)
    error = y_pred - y_true
    abs_error = _ops.abs(error)
    quadratic = 0.5 * _ops.square(error)
    linear = delta * abs_error - 0.5 * delta * delta
    return _ops.reduce_mean(_ops.where(_ops.less_equal(abs_error, delta), quadratic, linear), axis=-1)


def log_cosh(y_true, y_pred):
    """Mean of ``log(cosh(y_pred - y_true))`` over the last axis, computed stably as
    ``x + softplus(-2x) - log(2)``.

    Args:
        y_true: targets, shape ``(batch, d0, .. dN)``.
        y_pred: predictions of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.log_cosh([[0.0]], [[1.0]])[0]), 5)
        0.43378
    """
    y_true, y_pred = _pair(y_true, y_pred)
    x = y_pred - y_true
    return _ops.reduce_mean(x + _ops.softplus(-2.0 * x) - math.log(2.0), axis=-1)


def cosine_similarity(y_true, y_pred, axis=-1):
    """Minus the cosine of the angle between ``y_true`` and ``y_pred`` along AXIS: from -1
    (same direction) to 1 (opposite); 0 when either vector is zero.

    Args:
        y_true: targets.
        y_pred: predictions of the same shape.
        axis: the axis holding the vectors.

    Returns:
        The loss per sample (AXIS removed).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.cosine_similarity([[0.0, 1.0], [1.0, 0.0]], [[0.0, 2.0], [-3.0, 0.0]]).numpy().tolist()
        [-1.0, 1.0]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    eps2 = _backend.epsilon() ** 2
    y_true = _ops.l2_normalize(y_true, axis=axis, epsilon=eps2)
    y_pred = _ops.l2_normalize(y_pred, axis=axis, epsilon=eps2)
    return -_ops.reduce_sum(y_true * y_pred, axis=axis)


# ---- probabilistic ---------------------------------------------------------------------------
def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Binary crossentropy of 0/1 targets against probabilities (or logits), averaged over AXIS.

    ``-(y * log(p) + (1 - y) * log(1 - p))`` with ``p`` clipped to ``[eps, 1 - eps]``; with
    ``from_logits=True``, the stable ``sigmoid_cross_entropy_with_logits``.

    Args:
        y_true: targets in [0, 1]; ``(batch,)`` against ``(batch, 1)`` is aligned.
        y_pred: probabilities, or logits if FROM_LOGITS.
        from_logits: whether ``y_pred`` holds logits.
        label_smoothing: in [0, 1]; targets become ``y * (1 - s) + 0.5 * s``.
        axis: the axis averaged over.

    Returns:
        The loss per sample (AXIS removed).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.binary_crossentropy([[1.0, 0.0]], [[0.8, 0.4]])[0]), 4)
        0.367
    """
    y_true, y_pred = _pair(y_true, y_pred)
    _check_same_shape("binary_crossentropy", y_true, y_pred)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    logits, from_logits = _logits(y_pred, from_logits, "sigmoid", "binary_crossentropy")
    if from_logits:
        values = _ops.sigmoid_cross_entropy_with_logits(labels=y_true, logits=logits)
    else:
        eps = _backend.epsilon()
        p = _ops.clip_by_value(y_pred, eps, 1.0 - eps)
        values = -(y_true * _ops.log(p) + (1.0 - y_true) * _ops.log(1.0 - p))
    return _ops.reduce_mean(values, axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Crossentropy of one-hot (or soft) targets against class probabilities (or logits).

    ``-sum(y * log(p), axis)`` with ``p`` rescaled to sum to 1 and clipped to
    ``[eps, 1 - eps]``; with ``from_logits=True``, the stable
    ``softmax_cross_entropy_with_logits``.

    Args:
        y_true: one-hot targets, the shape of ``y_pred``.
        y_pred: class probabilities, or logits if FROM_LOGITS.
        from_logits: whether ``y_pred`` holds logits.
        label_smoothing: in [0, 1]; targets become ``y * (1 - s) + s / num_classes``.
        axis: the class axis.

    Returns:
        The loss per sample (AXIS removed).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.categorical_crossentropy([[0.0, 1.0, 0.0]], [[0.1, 0.8, 0.1]])[0]), 5)
        0.22314
    """
    if isinstance(axis, bool):
        raise ValueError(f"categorical_crossentropy: axis must be an int, received axis={axis!r}")
    y_pred = to_float_tensor(y_pred)
    y_true = to_tensor(y_true, y_pred.dtype)
    _check_same_shape("categorical_crossentropy", y_true, y_pred,
                      "; for integer class labels use sparse_categorical_crossentropy")
    axis = _canonical_axis(axis, y_pred.ndim, "categorical_crossentropy")
    num_classes = y_pred._shape_tuple[axis]
    if num_classes == 1:
        warnings.warn("categorical_crossentropy: y_pred has a single class along axis "
                      f"{axis} (shape {tuple(y_pred._shape_tuple)}), so the loss is always 0; for two "
                      "classes use binary_crossentropy", stacklevel=2)
    if label_smoothing:
        if num_classes is None:
            num_classes = _ops.cast(_ops.shape(y_pred)[axis], y_pred.dtype)
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / num_classes
    logits, from_logits = _logits(y_pred, from_logits, "softmax", "categorical_crossentropy")
    if from_logits:
        return _ops.softmax_cross_entropy_with_logits(labels=y_true, logits=logits, axis=axis)
    eps = _backend.epsilon()
    p = y_pred / _ops.reduce_sum(y_pred, axis=axis, keepdims=True)
    p = _ops.clip_by_value(p, eps, 1.0 - eps)
    return -_ops.reduce_sum(y_true * _ops.log(p), axis=axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Crossentropy of integer class labels against class probabilities (or logits).

    Args:
        y_true: class indices in ``[0, num_classes)``, the shape of ``y_pred`` without the
            class axis (a trailing axis of 1 is accepted).
        y_pred: class probabilities (clipped to ``[eps, 1 - eps]``), or logits if FROM_LOGITS.
        from_logits: whether ``y_pred`` holds logits.
        ignore_class: a label value whose samples get a loss of 0 and are left out of the
            mean (e.g. padding); None for none.
        axis: the class axis of ``y_pred``.

    Returns:
        The loss per sample (class axis removed).

    Raises:
        InvalidArgumentError: a label outside ``[0, num_classes)``.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.sparse_categorical_crossentropy([1], [[0.1, 0.8, 0.1]])[0]), 5)
        0.22314
    """
    y_pred = to_float_tensor(y_pred)
    y_true = to_tensor(y_true)
    if y_true.dtype.is_floating or y_true.dtype.is_bool:
        y_true = _ops.cast(y_true, _dtypes.int64)
    rank = y_pred.ndim
    axis = _canonical_axis(axis, rank, "sparse_categorical_crossentropy")
    if y_true.ndim == rank and y_true._shape_tuple[axis] == 1:
        y_true = _ops.squeeze(y_true, [axis])
    if axis != rank - 1:
        y_pred = _ops.transpose(y_pred, [d for d in range(rank) if d != axis] + [axis])
    expected = y_pred._shape_tuple[:-1]
    got = y_true._shape_tuple
    if len(got) != len(expected) or any(a is not None and b is not None and a != b for a, b in zip(got, expected)):
        raise ValueError(
            "sparse_categorical_crossentropy: y_true must hold one class index per sample, shape "
            f"{tuple(expected)} for y_pred of shape {tuple(y_pred._shape_tuple)}, received y_true shape "
            f"{tuple(got)}; for one-hot labels use categorical_crossentropy")
    valid = None
    if ignore_class is not None:
        valid = _ops.not_equal(y_true, _ops.cast(int(ignore_class), y_true.dtype))
        y_true = _ops.where(valid, y_true, _ops.zeros_like(y_true))
        y_pred = _ops.where(_ops.expand_dims(valid, -1), y_pred, 0.0)
    logits, from_logits = _logits(y_pred, from_logits, "softmax", "sparse_categorical_crossentropy")
    if not from_logits:
        eps = _backend.epsilon()
        logits = _ops.log(_ops.clip_by_value(y_pred, eps, 1.0 - eps))
    try:
        result = _ops.sparse_softmax_cross_entropy_with_logits(labels=y_true, logits=logits)
    except InvalidArgumentError as error:
        message = str(error)
        if message.startswith("[") and "] " in message:
            message = message.split("] ", 1)[1]
        raise InvalidArgumentError(f"sparse_categorical_crossentropy: {message}; labels must be class "
                                   "indices, one per sample") from None
    if valid is not None:
        result = _ops.where(valid, result, 0.0)
        result._keras_mask = valid
    return result


def kl_divergence(y_true, y_pred):
    """Kullback-Leibler divergence ``sum(y_true * log(y_true / y_pred), -1)``, both clipped
    to ``[epsilon, 1]``.

    Args:
        y_true: target distributions.
        y_pred: predicted distributions of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.kl_divergence([[0.5, 0.5]], [[0.25, 0.75]])[0]), 5)
        0.14384
    """
    y_true, y_pred = _pair(y_true, y_pred)
    eps = _backend.epsilon()
    y_true = _ops.clip_by_value(y_true, eps, 1.0)
    y_pred = _ops.clip_by_value(y_pred, eps, 1.0)
    return _ops.reduce_sum(y_true * _ops.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """Poisson loss ``mean(y_pred - y_true * log(y_pred + epsilon), -1)``.

    Args:
        y_true: observed counts.
        y_pred: predicted rates of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.poisson([[1.0]], [[1.0]])[0]), 5)
        1.0
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return _ops.reduce_mean(y_pred - y_true * _ops.log(y_pred + _backend.epsilon()), axis=-1)


# ---- hinge -----------------------------------------------------------------------------------
def _hinge_labels(y_true):
    """0/1 labels as -1/1 (when every label is 0 or 1); -1/1 labels unchanged."""
    is_binary = _ops.reduce_all(_ops.logical_or(_ops.equal(y_true, 0.0), _ops.equal(y_true, 1.0)))
    b = _ops.cast(is_binary, y_true.dtype)
    return y_true * (1.0 + b) - b


def hinge(y_true, y_pred):
    """Hinge loss ``mean(maximum(1 - y_true * y_pred, 0), -1)``; 0/1 labels become -1/1.

    Args:
        y_true: labels, -1/1 (or 0/1).
        y_pred: predicted scores of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.hinge([[1.0, 0.0]], [[0.5, 0.5]]).numpy().tolist()
        [1.0]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _hinge_labels(y_true)
    return _ops.reduce_mean(_ops.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


def squared_hinge(y_true, y_pred):
    """Squared hinge loss ``mean(square(maximum(1 - y_true * y_pred, 0)), -1)``; 0/1 labels
    become -1/1.

    Args:
        y_true: labels, -1/1 (or 0/1).
        y_pred: predicted scores of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.squared_hinge([[1.0, 0.0]], [[0.5, 0.5]]).numpy().tolist()
        [1.25]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    y_true = _hinge_labels(y_true)
    return _ops.reduce_mean(_ops.square(_ops.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """Categorical hinge loss ``maximum(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)``.

    Args:
        y_true: one-hot targets.
        y_pred: class scores of the same shape.

    Returns:
        The loss per sample, shape ``(batch, d0, .. dN-1)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.categorical_hinge([[0.0, 1.0]], [[0.5, 0.25]]).numpy().tolist()
        [1.25]
    """
    y_true, y_pred = _pair(y_true, y_pred)
    pos = _ops.reduce_sum(y_true * y_pred, axis=-1)
    neg = _ops.reduce_max((1.0 - y_true) * y_pred, axis=-1)
    return _ops.maximum(neg - pos + 1.0, 0.0)


# ---- classes ---------------------------------------------------------------------------------
def _check_axis(owner, axis):
    if not is_integer(axis):
        raise ValueError(f"{owner}: axis must be an int, received axis={axis!r}")


def _check_label_smoothing(owner, label_smoothing):
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, (int, float)) or \
            not 0.0 <= label_smoothing <= 1.0:
        raise ValueError(f"{owner}: label_smoothing must be a number in [0, 1], "
                         f"received label_smoothing={label_smoothing!r}")


class LossFunctionWrapper(Loss):
    """A Loss made from a function ``fn(y_true, y_pred, **kwargs)`` returning per-sample losses.

    Args:
        fn: the loss function.
        reduction: as for ``Loss``.
        name: the loss's name.
        dtype: as for ``Loss``.
        **kwargs: passed to ``fn`` on each call.

    Example:
        >>> import eigenflow as tf
        >>> loss = tf.keras.losses.LossFunctionWrapper(tf.keras.losses.huber, delta=0.5)
        >>> float(loss([[0.0]], [[2.0]]))
        0.875
    """

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        if not callable(fn):
            raise ValueError(f"LossFunctionWrapper: fn must be callable, received fn={fn!r}")
        super().__init__(name=name or getattr(fn, "__name__", None), reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        if not self._integer_labels and isinstance(y_true, _core.Tensor) and isinstance(y_pred, _core.Tensor):
            y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        from . import serialize
        config = super().get_config()
        config["fn"] = serialize(self.fn)
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        if "fn" in config and not callable(config["fn"]):
            from . import get
            config = dict(config)
            config["fn"] = get(config["fn"])
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__}({getattr(self.fn, '__name__', self.fn)}, kwargs={self._fn_kwargs})>"


class _BuiltinLoss(LossFunctionWrapper):
    """A built-in loss: its config is its own arguments, without ``fn``."""

    _config_keys = ()

    def get_config(self):
        config = Loss.get_config(self)
        config.update({key: self._fn_kwargs[key] for key in self._config_keys})
        return config


class MeanSquaredError(_BuiltinLoss):
    """Mean of the squared errors: ``mean(square(y_true - y_pred))``.

    Args:
        reduction: ``"sum_over_batch_size"`` (default), ``"sum"``, ``"none"``/None, ``"mean"``,
            ``"mean_with_sample_weight"`` or ``"auto"``; see ``Loss``.
        name: the loss's name.
        dtype: the computation dtype (default: ``y_pred``'s float dtype).

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.MeanSquaredError()([1.0, 0.0, 1.0], [0.9, 0.1, 0.8])), 5)
        0.02
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, reduction=reduction, name=name, dtype=dtype)


class MeanAbsoluteError(_BuiltinLoss):
    """Mean of the absolute errors: ``mean(abs(y_true - y_pred))``.

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.MeanAbsoluteError()([1.0, 0.3, 1.0], [1.9, 0.3, 1.8])), 5)
        0.56667
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, reduction=reduction, name=name, dtype=dtype)


class MeanAbsolutePercentageError(_BuiltinLoss):
    """``100 * mean(abs((y_true - y_pred) / y_true))`` (the divisor at least epsilon).

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.MeanAbsolutePercentageError()([100.0, 200.0, 300.0], [90.0, 210.0, 310.0])), 4)
        6.1111
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, reduction=reduction, name=name, dtype=dtype)


class MeanSquaredLogarithmicError(_BuiltinLoss):
    """``mean(square(log(y_true + 1) - log(y_pred + 1)))`` (values below epsilon raised to it).

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.MeanSquaredLogarithmicError()([[0.0, 1.0]], [[1.0, 1.0]])), 5)
        0.24023
    """

    def __init__(self, reduction="sum_over_batch_size", name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, reduction=reduction, name=name, dtype=dtype)


class CosineSimilarity(_BuiltinLoss):
    """Minus the cosine similarity of ``y_true`` and ``y_pred`` along AXIS (-1 is best).

    Args:
        axis: the axis holding the vectors (default -1).
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.CosineSimilarity()([[0.0, 1.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0]])), 5)
        -0.5
    """

    _config_keys = ("axis",)

    def __init__(self, axis=-1, reduction="sum_over_batch_size", name="cosine_similarity", dtype=None):
        _check_axis("CosineSimilarity", axis)
        super().__init__(cosine_similarity, reduction=reduction, name=name, dtype=dtype, axis=axis)


class Huber(_BuiltinLoss):
    """Huber loss: quadratic for errors up to DELTA, linear beyond (see ``huber``).

    Args:
        delta: where the loss turns from quadratic to linear (default 1.0).
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.losses.Huber()([[0.0, 0.0]], [[0.5, 3.0]]))
        1.3125
    """

    _config_keys = ("delta",)

    def __init__(self, delta=1.0, reduction="sum_over_batch_size", name="huber_loss", dtype=None):
        if isinstance(delta, bool) or not isinstance(delta, (int, float)) or delta < 0:
            raise ValueError(f"Huber: delta must be a non-negative number, received delta={delta!r}")
        super().__init__(huber, reduction=reduction, name=name, dtype=dtype, delta=delta)


class LogCosh(_BuiltinLoss):
    """Mean of ``log(cosh(y_pred - y_true))``: like MSE/2 for small errors, MAE for large.

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.LogCosh()([[0.0, 0.0]], [[1.0, 0.0]])), 5)
        0.21689
    """

    def __init__(self, reduction="sum_over_batch_size", name="log_cosh", dtype=None):
        super().__init__(log_cosh, reduction=reduction, name=name, dtype=dtype)


class BinaryCrossentropy(_BuiltinLoss):
    """Crossentropy of 0/1 labels against predicted probabilities (or logits).

    Args:
        from_logits: whether ``y_pred`` holds logits (more stable) rather than probabilities.
        label_smoothing: in [0, 1]; squeezes the labels toward 0.5.
        axis: the axis averaged over (default -1).
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
        >>> round(float(bce([0.0, 1.0, 0.0, 0.0], [-18.6, 0.51, 2.94, -12.8])), 3)
        0.865
    """

    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="binary_crossentropy", dtype=None):
        _check_label_smoothing("BinaryCrossentropy", label_smoothing)
        _check_axis("BinaryCrossentropy", axis)
        super().__init__(binary_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class CategoricalCrossentropy(_BuiltinLoss):
    """Crossentropy of one-hot labels against predicted class probabilities (or logits).

    Args:
        from_logits: whether ``y_pred`` holds logits (more stable) rather than probabilities.
        label_smoothing: in [0, 1]; mixes the labels with the uniform distribution.
        axis: the class axis (default -1).
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> cce = tf.keras.losses.CategoricalCrossentropy()
        >>> round(float(cce([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]])), 4)
        1.1769
    """

    _config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction="sum_over_batch_size",
                 name="categorical_crossentropy", dtype=None):
        _check_label_smoothing("CategoricalCrossentropy", label_smoothing)
        _check_axis("CategoricalCrossentropy", axis)
        super().__init__(categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis


class SparseCategoricalCrossentropy(_BuiltinLoss):
    """Crossentropy of integer class labels against predicted class probabilities (or logits).

    Args:
        from_logits: whether ``y_pred`` holds logits (more stable) rather than probabilities.
        ignore_class: a label value left out of the loss (e.g. padding); None for none.
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        axis: the class axis of ``y_pred`` (default -1).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true: class indices in ``[0, num_classes)``, shape ``y_pred.shape`` without the
            class axis (or with it as 1).
        y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> scce = tf.keras.losses.SparseCategoricalCrossentropy()
        >>> round(float(scce([1, 2], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]])), 4)
        1.1769
    """

    _integer_labels = True
    _config_keys = ("from_logits", "ignore_class", "axis")

    def __init__(self, from_logits=False, ignore_class=None, reduction="sum_over_batch_size", axis=-1,
                 name="sparse_categorical_crossentropy", dtype=None):
        if ignore_class is not None and not is_integer(ignore_class):
            raise ValueError("SparseCategoricalCrossentropy: ignore_class must be an int or None, "
                             f"received ignore_class={ignore_class!r}")
        _check_axis("SparseCategoricalCrossentropy", axis)
        ignore_class = None if ignore_class is None else int(ignore_class)
        super().__init__(sparse_categorical_crossentropy, reduction=reduction, name=name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)
        self.from_logits = from_logits
        self.ignore_class = ignore_class
        self.axis = axis


class KLDivergence(_BuiltinLoss):
    """Kullback-Leibler divergence ``sum(y_true * log(y_true / y_pred))`` per sample.

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.KLDivergence()([[0.5, 0.5]], [[0.25, 0.75]])), 5)
        0.14384
    """

    def __init__(self, reduction="sum_over_batch_size", name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, reduction=reduction, name=name, dtype=dtype)


class Poisson(_BuiltinLoss):
    """Poisson loss ``mean(y_pred - y_true * log(y_pred))`` per sample.

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.losses.Poisson()([[1.0]], [[1.0]])), 5)
        1.0
    """

    def __init__(self, reduction="sum_over_batch_size", name="poisson", dtype=None):
        super().__init__(poisson, reduction=reduction, name=name, dtype=dtype)


class Hinge(_BuiltinLoss):
    """Hinge loss ``mean(maximum(1 - y_true * y_pred, 0))``; 0/1 labels become -1/1.

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.losses.Hinge()([[1.0, 0.0]], [[0.5, 0.5]]))
        1.0
    """

    def __init__(self, reduction="sum_over_batch_size", name="hinge", dtype=None):
        super().__init__(hinge, reduction=reduction, name=name, dtype=dtype)


class SquaredHinge(_BuiltinLoss):
    """Squared hinge loss ``mean(square(maximum(1 - y_true * y_pred, 0)))``.

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.losses.SquaredHinge()([[1.0, 0.0]], [[0.5, 0.5]]))
        1.25
    """

    def __init__(self, reduction="sum_over_batch_size", name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, reduction=reduction, name=name, dtype=dtype)


class CategoricalHinge(_BuiltinLoss):
    """Categorical hinge loss ``maximum(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)``.

    Args:
        reduction: see ``Loss`` (default ``"sum_over_batch_size"``).
        name: the loss's name.
        dtype: the computation dtype.

    Call arguments:
        y_true, y_pred, sample_weight: as for ``Loss``.

    Returns:
        A scalar (per-sample losses with ``reduction="none"``).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.losses.CategoricalHinge()([[0.0, 1.0]], [[0.5, 0.25]]))
        1.25
    """

    def __init__(self, reduction="sum_over_batch_size", name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, reduction=reduction, name=name, dtype=dtype)
