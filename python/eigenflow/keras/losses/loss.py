"""``keras.losses.Loss``: the base class of losses, and how per-sample losses are reduced.

A loss's ``call(y_true, y_pred)`` returns one value per sample (or per element); ``__call__``
weights them by ``sample_weight`` (one weight per sample, broadcast over the sample's
entries) and by a mask, then reduces them to a scalar:

- ``"sum_over_batch_size"`` (default; Keras 2's ``"auto"``, and ``"mean"``): the weighted
  sum divided by the number of per-sample values, so a weight of 0 still counts a sample;
- ``"mean_with_sample_weight"``: the weighted sum divided by the sum of the weights;
- ``"sum"``: the weighted sum;
- ``"none"`` (or None): the weighted values themselves.
"""
import numbers
import re

from ... import _core
from ... import dtypes as _dtypes
from .. import backend as _backend

_REDUCTIONS = ("sum_over_batch_size", "sum", "none", None, "mean", "mean_with_sample_weight", "auto")


class Reduction:
    """Keras 2's names of the reductions (``tf.keras.losses.Reduction.SUM`` ...).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.MeanSquaredError(reduction=tf.keras.losses.Reduction.SUM).reduction
        'sum'
    """

    AUTO = "auto"
    NONE = "none"
    SUM = "sum"
    SUM_OVER_BATCH_SIZE = "sum_over_batch_size"

    @classmethod
    def all(cls):
        return (cls.AUTO, cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        standardize_reduction(key)


def standardize_reduction(reduction, owner="Loss"):
    """REDUCTION checked: one of the reductions above, else a ValueError naming OWNER."""
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{owner}: reduction must be one of {[r for r in _REDUCTIONS if r]} or None, "
                         f"received reduction={reduction!r}")
    return reduction


def is_integer(value):
    """Whether VALUE is an integer (Python or NumPy), not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _snake_case(name):
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


# ---- tensors ---------------------------------------------------------------------------------
_DTYPES = {}


def as_dtype(dtype):
    """DTYPE (a DType or a name) as a DType. Ops take DType objects faster than names, and
    losses and metrics run on every batch."""
    if isinstance(dtype, _dtypes.DType):
        return dtype
    found = _DTYPES.get(dtype)
    if found is None:
        found = _DTYPES[dtype] = _dtypes.as_dtype(getattr(dtype, "name", dtype))
    return found


def floatx():
    """``keras.backend.floatx()`` as a DType."""
    return as_dtype(_backend.floatx())


def to_tensor(x, dtype=None):
    """X as a tensor of DTYPE (a DType, name, or None to keep X's own); no copy when it is one."""
    if dtype is not None:
        dtype = as_dtype(dtype)
    if isinstance(x, _core.Tensor):
        if dtype is None or x.dtype is dtype:
            return x
        return _core.ops.cast(x, dtype)
    return _core.convert_to_tensor(x, dtype=dtype)


def to_float_tensor(x, dtype=None):
    """X as a tensor of DTYPE; with DTYPE None, floats keep their dtype and others become floatx."""
    if dtype is None:
        x = to_tensor(x)
        return x if x.dtype.is_floating else _core.ops.cast(x, floatx())
    return to_tensor(x, dtype)


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """X1, X2 with ranks made equal when they differ by one and the longer ends in 1.

    A rank-1 tensor is expanded (``(batch,)`` against ``(batch, 1)`` gives two
    ``(batch, 1)``), otherwise the trailing 1 is squeezed, so the pair never broadcasts to
    ``(batch, batch)``.
    """
    r1, r2 = x1.ndim, x2.ndim
    if r1 == r2:
        return x1, x2
    if r1 == r2 + 1 and x1._shape_tuple[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = _core.ops.expand_dims(x2, -1)
        else:
            x1 = _core.ops.squeeze(x1, [-1])
    elif r2 == r1 + 1 and x2._shape_tuple[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = _core.ops.expand_dims(x1, -1)
        else:
            x2 = _core.ops.squeeze(x2, [-1])
    return x1, x2


def num_elements(x, dtype=None):
    """The number of elements of X: a Python int when its shape is known, else a tensor of
    DTYPE (default X's)."""
    shape = x._shape_tuple
    if any(d is None for d in shape):
        return _core.ops.cast(_core.ops.size(x), dtype or x.dtype)
    n = 1
    for d in shape:
        n *= d
    return n


# ---- reduction -------------------------------------------------------------------------------
def apply_mask(sample_weight, mask, dtype, reduction):
    """SAMPLE_WEIGHT times MASK. For mean reductions the valid entries get total/valid, so
    the mean runs over the valid entries only."""
    if mask is None:
        return sample_weight
    ops = _core.ops
    mask = to_tensor(mask)
    if reduction in ("sum_over_batch_size", "mean", "auto"):
        mask_bool = mask if mask.dtype.is_bool else ops.not_equal(mask, ops.cast(0, mask.dtype))
        valid = ops.reduce_sum(ops.cast(mask_bool, dtype))
        total = num_elements(mask, dtype)
        total = to_tensor(float(total), dtype) if isinstance(total, int) else total
        float_mask = ops.where(mask_bool, ops.divide_no_nan(total, valid), 0.0)
    else:
        float_mask = ops.cast(mask, dtype)
    if sample_weight is None:
        return float_mask
    sample_weight = to_tensor(sample_weight, dtype)
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, sample_weight)
    return sample_weight * float_mask


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    """VALUES (already weighted) reduced as REDUCTION says."""
    if reduction is None or reduction == "none" or values.ndim == 0:
        return values
    if reduction == "sum":
        return _core.ops.reduce_sum(values)
    if reduction == "mean_with_sample_weight" and sample_weight is not None:
        return _core.ops.divide_no_nan(_core.ops.reduce_sum(values), _core.ops.reduce_sum(sample_weight))
    n = num_elements(values)  # over the batch size: the mean of the values, in one op
    if isinstance(n, int):
        return _core.ops.reduce_mean(values) if n else _core.ops.reduce_sum(values)
    return _core.ops.divide_no_nan(_core.ops.reduce_sum(values), n)


def reduce_weighted_values(values, sample_weight=None, mask=None, reduction="sum_over_batch_size",
                           dtype=None):
    """Per-sample VALUES weighted by SAMPLE_WEIGHT and MASK, then reduced.

    A weight per sample applies to all of that sample's values: weights of shape
    ``(batch,)`` against values of shape ``(batch, steps)`` weight whole rows.
    """
    values = to_float_tensor(values, dtype)
    sample_weight = apply_mask(sample_weight, mask, values.dtype, reduction)
    if sample_weight is not None:
        sample_weight = to_tensor(sample_weight, values.dtype)
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        for _ in range(values.ndim - sample_weight.ndim if sample_weight.ndim else 0):
            sample_weight = _core.ops.expand_dims(sample_weight, -1)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


class Loss:
    """Base class of losses: subclass it and compute per-sample losses in ``call``.

    Args:
        name: the loss's name (default: the snake_case class name, made unique).
        reduction: how per-sample losses become the result: ``"sum_over_batch_size"``
            (default), ``"sum"``, ``"none"``/None, ``"mean"``, ``"mean_with_sample_weight"``,
            or Keras 2's ``"auto"`` (= ``"sum_over_batch_size"``).
        dtype: the dtype of the computation; by default a float ``y_pred`` keeps its dtype
            and anything else is computed in ``keras.backend.floatx()``.

    Call arguments:
        y_true: the targets; cast to the dtype of ``y_pred``.
        y_pred: the predictions.
        sample_weight: optional weights: a scalar, one per sample, or one per value.

    Returns:
        A scalar tensor (with ``reduction="none"``, the weighted per-sample losses).

    Example:
        >>> import eigenflow as tf
        >>> class MeanCube(tf.keras.losses.Loss):
        ...     def call(self, y_true, y_pred):
        ...         return tf.reduce_mean(tf.abs(y_pred - y_true) ** 3, axis=-1)
        >>> float(MeanCube()([[0.0, 0.0]], [[1.0, 2.0]]))
        4.5
    """

    # Subclasses whose y_true holds class indices keep them as integers.
    _integer_labels = False

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or _backend.unique_name(_snake_case(type(self).__name__))
        self.reduction = standardize_reduction(reduction, type(self).__name__)
        self._dtype = None if dtype is None else _dtypes.as_dtype(getattr(dtype, "name", dtype)).name

    @property
    def dtype(self):
        return self._dtype or _backend.floatx()

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = getattr(y_pred, "_keras_mask", None)
        y_pred = to_float_tensor(y_pred, self._dtype)
        if not self._integer_labels:
            y_true = to_tensor(y_true, y_pred.dtype)
        losses = self.call(y_true, y_pred)
        out_mask = getattr(losses, "_keras_mask", None)
        if in_mask is not None and out_mask is not None:
            mask = _core.ops.logical_and(to_tensor(in_mask, _dtypes.bool_), to_tensor(out_mask, _dtypes.bool_))
        else:
            mask = in_mask if out_mask is None else out_mask
        reduction = "sum_over_batch_size" if self.reduction == "auto" else self.reduction
        return reduce_weighted_values(losses, sample_weight, mask, reduction, y_pred.dtype)

    def call(self, y_true, y_pred):
        """The per-sample losses; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement call(y_true, y_pred)")

    def get_config(self):
        """The constructor arguments that recreate this loss."""
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"
