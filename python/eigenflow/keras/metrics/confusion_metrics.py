"""Metrics from confusion-matrix counts at thresholds: TruePositives, FalsePositives,
TrueNegatives, FalseNegatives, Precision, Recall and AUC.

A prediction counts as positive at a threshold when it is strictly above it; a label is
positive when it is nonzero. Counts are weighted by ``sample_weight``. With many evenly
spaced thresholds (AUC's default) each prediction is dropped into its threshold bucket and
the counts come from a reverse cumulative sum, O(samples + thresholds); otherwise every
prediction is compared with every threshold.
"""
import numpy as np

from ... import _core
from ... import dtypes as _dtypes
from .. import backend as _backend
from ..losses.loss import is_integer, squeeze_or_expand_to_same_rank, to_tensor
from .metric import Metric

_ops = _core.ops
_NEG_INF = -1e10


# ---- counting ---------------------------------------------------------------------------------
def _parse_thresholds(owner, thresholds, default):
    if thresholds is None:
        return [float(default)]
    values = list(np.ravel(thresholds)) if isinstance(thresholds, (list, tuple, np.ndarray)) else [thresholds]
    values = [float(t) for t in values]
    invalid = [t for t in values if not 0.0 <= t <= 1.0]
    if invalid or not values:
        raise ValueError(f"{owner}: thresholds must be values in [0, 1], received thresholds={thresholds!r}")
    return values


def _evenly_distributed(thresholds):
    n = len(thresholds)
    if n < 3:
        return False
    return bool(np.allclose(thresholds, np.arange(n, dtype=np.float64) / (n - 1), atol=_backend.epsilon()))


def _filter_top_k(x, k):
    """X with all but its K largest entries along the last axis set to a large negative value
    (ties broken toward the lower index, as top_k does)."""
    classes = x._shape_tuple[-1]
    xi = _ops.expand_dims(x, -1)
    xj = _ops.expand_dims(x, -2)
    earlier = _core.convert_to_tensor(np.tril(np.ones((classes, classes), dtype=bool), -1))
    ahead = _ops.logical_or(_ops.greater(xj, xi), _ops.logical_and(_ops.equal(xj, xi), earlier))
    rank = _ops.reduce_sum(_ops.cast(ahead, _dtypes.int32), axis=-1)
    return _ops.where(_ops.less(rank, int(k)), x, _NEG_INF)


def update_confusion_matrix_variables(variables, y_true, y_pred, thresholds, evenly_distributed=False,
                                      sample_weight=None, top_k=None, class_id=None, multi_label=False,
                                      label_weights=None):
    """Adds a batch's weighted confusion counts to VARIABLES ({"tp"|"fp"|"tn"|"fn": Variable}).

    Args:
        variables: the Variables to update, shape ``(len(thresholds),)`` (with MULTI_LABEL,
            ``(len(thresholds), num_labels)``).
        y_true: labels; nonzero is positive.
        y_pred: predictions, compared with each threshold.
        thresholds: a list of floats, ascending for EVENLY_DISTRIBUTED.
        evenly_distributed: whether thresholds are ``i / (n - 1)`` (the first and last may be
            pushed just outside [0, 1]); enables the bucket method.
        sample_weight: optional weights broadcastable to ``y_pred``.
        top_k: only the K largest predictions per sample count as positive.
        class_id: only this class (last axis index) is counted.
        multi_label: keep one count per label (last axis) instead of pooling them.
        label_weights: per-label weights (not with MULTI_LABEL).
    """
    dtype = next(iter(variables.values())).dtype
    y_pred = to_tensor(y_pred, dtype)
    y_true = to_tensor(y_true, dtype)
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    weights = None
    if sample_weight is not None:
        weights = _ops.expand_dims(to_tensor(sample_weight, dtype), -1)
        _, weights = squeeze_or_expand_to_same_rank(y_true, weights, expand_rank_1=False)
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        if y_pred.ndim < 2:
            raise ValueError("class_id needs predictions of shape (num_samples, num_classes), received "
                             f"shape {tuple(y_pred._shape_tuple)}")
        if weights is not None and weights._shape_tuple == y_pred._shape_tuple:
            weights = weights[..., class_id:class_id + 1]
        y_true = y_true[..., class_id:class_id + 1]
        y_pred = y_pred[..., class_id:class_id + 1]
    if weights is not None and weights._shape_tuple != y_pred._shape_tuple:
        weights = _ops.broadcast_to(weights, _ops.shape(y_pred))
    if label_weights is not None and not multi_label:
        label_weights = _ops.broadcast_to(to_tensor(label_weights, dtype), _ops.shape(y_pred))
        weights = label_weights if weights is None else weights * label_weights
    positives = _ops.cast(_ops.not_equal(y_true, 0.0), dtype)
    if not multi_label:
        y_pred = _ops.reshape(y_pred, [-1])
        positives = _ops.reshape(positives, [-1])
        if weights is not None:
            weights = _ops.reshape(weights, [-1])
    true_weights = positives if weights is None else positives * weights
    false_weights = (1.0 - positives) if weights is None else (1.0 - positives) * weights

    num_thresholds = len(thresholds)
    if evenly_distributed:
        tp, fp = _bucket_counts(y_pred, true_weights, false_weights, thresholds, multi_label)
    else:
        shape = [num_thresholds] + [1] * y_pred.ndim
        cuts = _core.convert_to_tensor(np.asarray(thresholds).reshape(shape), dtype=dtype)
        above = _ops.cast(_ops.greater(_ops.expand_dims(y_pred, 0), cuts), dtype)
        tp = _ops.reduce_sum(above * true_weights, axis=1)
        fp = _ops.reduce_sum(above * false_weights, axis=1)
    if "tp" in variables:
        variables["tp"].assign_add(tp)
    if "fp" in variables:
        variables["fp"].assign_add(fp)
    if "tn" in variables:
        variables["tn"].assign_add(_ops.reduce_sum(false_weights, axis=0) - fp)
    if "fn" in variables:
        variables["fn"].assign_add(_ops.reduce_sum(true_weights, axis=0) - tp)


def _bucket_counts(y_pred, true_weights, false_weights, thresholds, multi_label):
    """Weighted counts of positive and negative labels predicted above each threshold, for
    thresholds ``i / (n - 1)``: prediction p is above thresholds 0 .. ceil(p (n - 1)) - 1."""
    n = len(thresholds)
    with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0
    p = _ops.clip_by_value(y_pred, 0.0, 1.0)
    bucket = _ops.ceil(p * float(n - 1)) - 1.0
    if with_epsilon:
        # The first threshold lies just below 0: every prediction is above it.
        bucket = _ops.maximum(bucket, 0.0)
    ids = _ops.cast(bucket, _dtypes.int32)
    segments = n
    if multi_label:
        labels = y_pred._shape_tuple[-1]
        flat = ids * labels + _ops.range(0, labels, 1, dtype=_dtypes.int32)
        # Predictions above no threshold keep a negative id, so the segment sum drops them.
        ids = _ops.where(_ops.less(ids, 0), -1, flat)
        segments = n * labels
    tp = _ops.unsorted_segment_sum(true_weights, ids, segments)
    fp = _ops.unsorted_segment_sum(false_weights, ids, segments)
    if multi_label:
        tp = _ops.reshape(tp, [n, labels])
        fp = _ops.reshape(fp, [n, labels])
    return _ops.cumsum(tp, axis=0, reverse=True), _ops.cumsum(fp, axis=0, reverse=True)


# ---- counts -------------------------------------------------------------------------------------
class _ConfusionMatrixConditionCount(Metric):
    """One weighted confusion count (``tp``, ``fp``, ``tn`` or ``fn``) at each threshold."""

    _condition = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = _parse_thresholds(type(self).__name__, thresholds, 0.5)
        self._evenly = _evenly_distributed(self.thresholds)
        self.accumulator = self.add_variable(shape=(len(self.thresholds),), initializer="zeros", name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables({self._condition: self.accumulator}, y_true, y_pred, self.thresholds,
                                          self._evenly, sample_weight)

    def result(self):
        return self.accumulator[0] if len(self.thresholds) == 1 else _ops.identity(self.accumulator)

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


class TruePositives(_ConfusionMatrixConditionCount):
    """The weighted number of true positives (label nonzero, prediction above the threshold).

    Args:
        thresholds: a float or list of floats in [0, 1] (default 0.5); one count each.
        name: the metric's name.
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: labels (nonzero is positive).
        y_pred: predictions of the same shape.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.TruePositives()
        >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
        >>> float(m.result())
        2.0
    """

    _condition = "tp"


class FalsePositives(_ConfusionMatrixConditionCount):
    """The weighted number of false positives (label 0, prediction above the threshold).

    Args:
        thresholds: a float or list of floats in [0, 1] (default 0.5); one count each.
        name: the metric's name.
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: labels (nonzero is positive).
        y_pred: predictions of the same shape.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.FalsePositives()
        >>> m.update_state([0, 1, 0, 0], [0, 0, 1, 1])
        >>> float(m.result())
        2.0
    """

    _condition = "fp"


class TrueNegatives(_ConfusionMatrixConditionCount):
    """The weighted number of true negatives (label 0, prediction not above the threshold).

    Args:
        thresholds: a float or list of floats in [0, 1] (default 0.5); one count each.
        name: the metric's name.
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: labels (nonzero is positive).
        y_pred: predictions of the same shape.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.TrueNegatives()
        >>> m.update_state([0, 1, 0, 0], [1, 1, 0, 0])
        >>> float(m.result())
        2.0
    """

    _condition = "tn"


class FalseNegatives(_ConfusionMatrixConditionCount):
    """The weighted number of false negatives (label nonzero, prediction not above the threshold).

    Args:
        thresholds: a float or list of floats in [0, 1] (default 0.5); one count each.
        name: the metric's name.
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: labels (nonzero is positive).
        y_pred: predictions of the same shape.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.FalseNegatives()
        >>> m.update_state([0, 1, 1, 1], [0, 1, 0, 0])
        >>> float(m.result())
        2.0
    """

    _condition = "fn"


# ---- precision and recall -------------------------------------------------------------------
class _PrecisionRecall(Metric):
    """Shared state of Precision and Recall: true positives and one other count."""

    _other = None  # ("false_positives", "fp") or ("false_negatives", "fn")

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        owner = type(self).__name__
        if top_k is not None and (not is_integer(top_k) or top_k < 1):
            raise ValueError(f"{owner}: top_k must be a positive integer or None, received top_k={top_k!r}")
        if class_id is not None and (not is_integer(class_id) or class_id < 0):
            raise ValueError(f"{owner}: class_id must be a non-negative integer or None, "
                             f"received class_id={class_id!r}")
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        self.thresholds = _parse_thresholds(owner, thresholds, 0.5 if top_k is None else _NEG_INF)
        self._evenly = _evenly_distributed(self.thresholds)
        size = (len(self.thresholds),)
        self.true_positives = self.add_variable(shape=size, initializer="zeros", name="true_positives")
        other_name, _ = self._other
        setattr(self, other_name, self.add_variable(shape=size, initializer="zeros", name=other_name))

    def update_state(self, y_true, y_pred, sample_weight=None):
        other_name, key = self._other
        update_confusion_matrix_variables({"tp": self.true_positives, key: getattr(self, other_name)},
                                          y_true, y_pred, self.thresholds, self._evenly, sample_weight,
                                          top_k=self.top_k, class_id=self.class_id)

    def result(self):
        tp = self.true_positives
        value = _ops.divide_no_nan(tp, tp + getattr(self, self._other[0]))
        return value[0] if len(self.thresholds) == 1 else value

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds, "top_k": self.top_k,
                "class_id": self.class_id}


class Precision(_PrecisionRecall):
    """The fraction of positive predictions that are right: ``tp / (tp + fp)``.

    Args:
        thresholds: a float or list of floats in [0, 1]; a prediction above it is positive
            (default 0.5; with TOP_K, none). A list gives one precision per threshold.
        top_k: only the K largest predictions of each sample count as positive.
        class_id: only this class (index on the last axis) is scored.
        name: the metric's name (default "precision").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: labels (nonzero is positive).
        y_pred: predictions of the same shape.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.Precision()
        >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
        >>> round(float(m.result()), 5)
        0.66667
    """

    _other = ("false_positives", "fp")


class Recall(_PrecisionRecall):
    """The fraction of positive labels that are predicted positive: ``tp / (tp + fn)``.

    Args:
        thresholds: a float or list of floats in [0, 1]; a prediction above it is positive
            (default 0.5; with TOP_K, none). A list gives one recall per threshold.
        top_k: only the K largest predictions of each sample count as positive.
        class_id: only this class (index on the last axis) is scored.
        name: the metric's name (default "recall").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: labels (nonzero is positive).
        y_pred: predictions of the same shape.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.Recall()
        >>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
        >>> round(float(m.result()), 5)
        0.66667
    """

    _other = ("false_negatives", "fn")


# ---- AUC --------------------------------------------------------------------------------------
_CURVES = {"roc": "ROC", "pr": "PR", "prgain": "PRGAIN"}
_SUMMATIONS = ("interpolation", "minoring", "majoring")


class AUC(Metric):
    """Area under the ROC or precision-recall curve, from counts at fixed thresholds.

    The curve's points are the (false positive rate, recall) or (recall, precision) pairs at
    ``num_thresholds`` thresholds spread evenly over [0, 1]; the area is a Riemann sum over
    them (trapezoids by default; for PR, the interpolation of Davis & Goadrich).

    Args:
        num_thresholds: how many thresholds (> 1; default 200).
        curve: ``"ROC"`` (default), ``"PR"`` or ``"PRGAIN"``.
        summation_method: ``"interpolation"`` (default), ``"minoring"`` (left sums) or
            ``"majoring"`` (right sums).
        name: the metric's name (default "auc").
        dtype: the dtype of the state and result.
        thresholds: explicit thresholds in [0, 1] instead of NUM_THRESHOLDS evenly spaced
            ones; 0 - epsilon and 1 + epsilon are added.
        multi_label: one curve per label (last axis), their AUCs averaged, instead of
            pooling all labels into one curve.
        num_labels: with MULTI_LABEL, the number of labels (else read from the first batch).
        label_weights: per-label weights: of the pooled counts, or with MULTI_LABEL of the
            average of the label AUCs.
        from_logits: whether ``y_pred`` holds logits (a sigmoid is applied first).

    Call arguments (``update_state``):
        y_true: 0/1 labels.
        y_pred: probabilities (or logits with FROM_LOGITS) of the same shape.
        sample_weight: optional weights.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.AUC(num_thresholds=3)
        >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
        >>> round(float(m.result()), 5)
        0.75
    """

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation", name=None, dtype=None,
                 thresholds=None, multi_label=False, num_labels=None, label_weights=None, from_logits=False):
        key = curve.lower() if isinstance(curve, str) else None
        if key not in _CURVES:
            raise ValueError(f"AUC: curve must be one of 'ROC', 'PR', 'PRGAIN', received curve={curve!r}")
        method = summation_method.lower() if isinstance(summation_method, str) else None
        if method not in _SUMMATIONS:
            raise ValueError(f"AUC: summation_method must be one of {list(_SUMMATIONS)}, "
                             f"received summation_method={summation_method!r}")
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            inner = sorted(_parse_thresholds("AUC", thresholds, 0.5))
            self.num_thresholds = len(inner) + 2
            self._thresholds_distributed_evenly = _evenly_distributed([0.0] + inner + [1.0])
        else:
            if not is_integer(num_thresholds) or num_thresholds <= 1:
                raise ValueError("AUC: num_thresholds must be an integer > 1, "
                                 f"received num_thresholds={num_thresholds!r}")
            self.num_thresholds = int(num_thresholds)
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        eps = _backend.epsilon()
        self._thresholds = [0.0 - eps] + inner + [1.0 + eps]
        self.curve = _CURVES[key]
        self.summation_method = method
        super().__init__(name=name, dtype=dtype)
        if num_labels is not None and not multi_label:
            raise ValueError("AUC: num_labels is needed only when multi_label=True, "
                             f"received num_labels={num_labels!r}")
        self.multi_label = bool(multi_label)
        self.num_labels = num_labels
        self.label_weights = None if label_weights is None else \
            [float(w) for w in np.ravel(np.asarray(label_weights, dtype=np.float64))]
        self._from_logits = bool(from_logits)
        self._built = False
        if not self.multi_label:
            self._build(None)
        elif num_labels:
            self._build((None, num_labels))

    @property
    def thresholds(self):
        """The thresholds, including the two just outside [0, 1]."""
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(f"AUC: multi_label=True needs y_pred of rank 2 (samples, labels), received "
                                 f"shape {tuple(shape)}")
            self._num_labels = shape[1]
            size = (self.num_thresholds, self._num_labels)
        else:
            size = (self.num_thresholds,)
        self.true_positives = self.add_variable(shape=size, initializer="zeros", name="true_positives")
        self.false_positives = self.add_variable(shape=size, initializer="zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape=size, initializer="zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape=size, initializer="zeros", name="false_negatives")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = to_tensor(y_pred, self.dtype)
        if not self._built:
            self._build(y_pred._shape_tuple)
        if self._from_logits:
            y_pred = _ops.sigmoid(y_pred)
        update_confusion_matrix_variables(
            {"tp": self.true_positives, "fp": self.false_positives, "tn": self.true_negatives,
             "fn": self.false_negatives},
            y_true, y_pred, self._thresholds, self._thresholds_distributed_evenly, sample_weight,
            multi_label=self.multi_label, label_weights=None if self.multi_label else self.label_weights)

    def _average_over_labels(self, by_threshold):
        """The area from per-interval terms: summed over thresholds, averaged over labels."""
        if not self.multi_label:
            return _ops.reduce_sum(by_threshold)
        by_label = _ops.reduce_sum(by_threshold, axis=0)
        if self.label_weights is None:
            return _ops.reduce_mean(by_label)
        weights = to_tensor(self.label_weights, self.dtype)
        return _ops.divide_no_nan(_ops.reduce_sum(by_label * weights), _ops.reduce_sum(weights))

    def interpolate_pr_auc(self):
        """The PR area by Davis & Goadrich's interpolation between thresholds: precision is
        interpolated along true positives, not linearly in recall."""
        n = self.num_thresholds
        tp, fp, fn = self.true_positives, self.false_positives, self.false_negatives
        dtp = tp[:n - 1] - tp[1:]
        p = tp + fp
        dp = p[:n - 1] - p[1:]
        slope = _ops.divide_no_nan(dtp, _ops.maximum(dp, 0.0))
        intercept = tp[1:] - slope * p[1:]
        both_positive = _ops.logical_and(_ops.greater(p[:n - 1], 0.0), _ops.greater(p[1:], 0.0))
        ratio = _ops.where(both_positive, _ops.divide_no_nan(p[:n - 1], _ops.maximum(p[1:], 0.0)), 1.0)
        terms = _ops.divide_no_nan(slope * (dtp + intercept * _ops.log(ratio)), _ops.maximum(tp[1:] + fn[1:], 0.0))
        return self._average_over_labels(terms)

    def result(self):
        if not self._built:
            return _ops.zeros([], dtype=self.dtype)
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self.interpolate_pr_auc()
        tp, fp, tn, fn = self.true_positives, self.false_positives, self.true_negatives, self.false_negatives
        recall = _ops.divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = _ops.divide_no_nan(fp, fp + tn), recall
        elif self.curve == "PR":
            x, y = recall, _ops.divide_no_nan(tp, tp + fp)
        else:
            # Precision-recall gain (Flach & Kull): both gains scaled by positives/negatives,
            # recall gain 0 and precision gain 1 where there is no true positive.
            scale = _ops.divide_no_nan(tp + fn, tn + fp)
            no_tp = _ops.equal(tp, 0.0)
            x = _ops.maximum(_ops.where(no_tp, 0.0, 1.0 - scale * _ops.divide_no_nan(fn, tp)), 0.0)
            y = _ops.where(no_tp, 1.0, 1.0 - scale * _ops.divide_no_nan(fp, tp))
        n = self.num_thresholds
        if self.summation_method == "interpolation":
            heights = (y[:n - 1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            heights = _ops.minimum(y[:n - 1], y[1:])
        else:
            heights = _ops.maximum(y[:n - 1], y[1:])
        return self._average_over_labels((x[:n - 1] - x[1:]) * heights)

    def reset_state(self):
        if self._built:
            for v in (self.true_positives, self.false_positives, self.true_negatives, self.false_negatives):
                v.assign(_ops.zeros_like(v))

    def get_config(self):
        config = {**super().get_config(), "num_thresholds": self.num_thresholds, "curve": self.curve,
                  "summation_method": self.summation_method, "multi_label": self.multi_label,
                  "num_labels": self.num_labels, "label_weights": self.label_weights,
                  "from_logits": self._from_logits}
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        return config
