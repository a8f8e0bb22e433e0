"""Accuracy metrics: how often predictions match labels, as functions (one value per
sample) and as ``Mean`` metrics over all samples seen."""
from ... import _core
from ... import dtypes as _dtypes
from ..losses.loss import floatx, is_integer, squeeze_or_expand_to_same_rank, to_float_tensor, to_tensor
from .reduction_metrics import MeanMetricWrapper

_ops = _core.ops


def _matches(condition):
    return _ops.cast(condition, floatx())


def accuracy(y_true, y_pred):
    """1.0 where ``y_pred`` equals ``y_true`` exactly, else 0.0 (elementwise).

    Args:
        y_true: labels.
        y_pred: predicted labels (not probabilities) of the same shape.

    Returns:
        A float tensor of the aligned shape of the inputs.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.metrics.accuracy([1, 2, 3], [1, 2, 4]).numpy().tolist()
        [1.0, 1.0, 0.0]
    """
    y_pred = to_tensor(y_pred)
    y_true = to_tensor(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return _matches(_ops.equal(y_true, y_pred))


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where ``y_pred > threshold`` agrees with the 0/1 label ``y_true`` (elementwise).

    Args:
        y_true: 0/1 labels; ``(batch,)`` against ``(batch, 1)`` is aligned.
        y_pred: probabilities (or scores) of the same shape.
        threshold: predictions above it count as 1.

    Returns:
        A float tensor of the aligned shape of the inputs.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.metrics.binary_accuracy([[1.0], [0.0]], [[0.7], [0.6]]).numpy().tolist()
        [[1.0], [0.0]]
    """
    y_pred = to_float_tensor(y_pred)
    y_true = to_tensor(y_true, y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    predicted = _ops.cast(_ops.greater(y_pred, float(threshold)), y_pred.dtype)
    return _matches(_ops.equal(y_true, predicted))


def categorical_accuracy(y_true, y_pred):
    """1.0 where the largest prediction is at the one-hot label's class, per sample.

    Args:
        y_true: one-hot labels, shape ``(batch, classes)``.
        y_pred: class scores (probabilities or logits) of the same shape.

    Returns:
        A float tensor of shape ``(batch,)``.

    Example:
        >>> import eigenflow as tf
        >>> y_pred = [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]
        >>> tf.keras.metrics.categorical_accuracy([[0, 0, 1], [0, 1, 0]], y_pred).numpy().tolist()
        [0.0, 1.0]
    """
    y_pred = to_tensor(y_pred)
    y_true = to_tensor(y_true)
    return _matches(_ops.equal(_ops.argmax(y_true, -1), _ops.argmax(y_pred, -1)))


def _sparse_labels(y_true, y_pred):
    """Integer labels Y_TRUE with a trailing axis of 1 squeezed, and whether it was."""
    if y_true.ndim == y_pred.ndim and y_true.ndim and y_true._shape_tuple[-1] == 1:
        return _ops.squeeze(y_true, [-1]), True
    return y_true, False


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the largest prediction is at the integer label's class, per sample.

    Args:
        y_true: class indices, shape ``(batch,)`` or ``(batch, 1)``.
        y_pred: class scores (probabilities or logits), shape ``(batch, classes)``.

    Returns:
        A float tensor of shape ``(batch,)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.metrics.sparse_categorical_accuracy([2, 1], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]]).numpy().tolist()
        [0.0, 1.0]
    """
    y_pred = to_tensor(y_pred)
    y_true, _ = _sparse_labels(to_tensor(y_true), y_pred)
    if y_true.dtype.is_integer:
        predicted = _ops.argmax(y_pred, -1, output_type=y_true.dtype)
    else:
        predicted = _ops.cast(_ops.argmax(y_pred, -1), y_true.dtype)
    return _matches(_ops.equal(y_true, predicted))


def _in_top_k(targets, predictions, k):
    """Whether each target class is among the K largest predictions. As TensorFlow's
    in_top_k, classes tied with the target's score count in its favour."""
    rank = predictions.ndim
    target_score = _ops.gather(predictions, _ops.expand_dims(targets, -1), batch_dims=rank - 1)
    above = _ops.reduce_sum(_ops.cast(_ops.greater(predictions, target_score), _dtypes.int32), axis=-1)
    return _ops.less(above, int(k))


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the one-hot label's class is among the K largest predictions, per sample.

    Args:
        y_true: one-hot labels, shape ``(batch, classes)``.
        y_pred: class scores of the same shape.
        k: how many of the top predictions count.

    Returns:
        A float tensor of shape ``(batch,)``.

    Example:
        >>> import eigenflow as tf
        >>> y_pred = [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]
        >>> tf.keras.metrics.top_k_categorical_accuracy([[0, 0, 1], [0, 1, 0]], y_pred, k=1).numpy().tolist()
        [0.0, 1.0]
    """
    y_pred = to_tensor(y_pred)
    targets = _ops.argmax(to_tensor(y_true), -1, output_type=_dtypes.int32)
    return _matches(_in_top_k(targets, y_pred, k))


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """1.0 where the integer label is among the K largest predictions, per sample.

    Args:
        y_true: class indices, shape ``(batch,)`` (or ``(batch, 1)``).
        y_pred: class scores, shape ``(batch, classes)``; with FROM_SORTED_IDS, the ids of
            the top classes, best first, shape ``(batch, N)`` with ``N >= k``.
        k: how many of the top predictions count.
        from_sorted_ids: whether ``y_pred`` holds sorted class ids rather than scores.

    Returns:
        A float tensor of the shape of ``y_true``.

    Example:
        >>> import eigenflow as tf
        >>> y_pred = [[0.1, 0.9, 0.8], [0.05, 0.95, 0]]
        >>> tf.keras.metrics.sparse_top_k_categorical_accuracy([2, 1], y_pred, k=1).numpy().tolist()
        [0.0, 1.0]
    """
    y_pred = to_tensor(y_pred)
    y_true = to_tensor(y_true)
    original_shape = y_true._shape_tuple
    y_true, squeezed = _sparse_labels(y_true, y_pred)
    if from_sorted_ids:
        y_true = _ops.cast(y_true, y_pred.dtype)
        top = y_pred[..., :int(k)]
        matches = _ops.reduce_any(_ops.equal(_ops.expand_dims(y_true, -1), top), axis=-1)
    else:
        if not y_true.dtype.is_integer:
            y_true = _ops.cast(y_true, _dtypes.int32)
        matches = _in_top_k(y_true, y_pred, k)
    matches = _matches(matches)
    return _ops.reshape(matches, list(original_shape)) if squeezed and None not in original_shape else matches


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels exactly (for predicted labels, not probabilities).

    Args:
        name: the metric's name (default "accuracy").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true, y_pred: labels and predicted labels.
        sample_weight: optional weights; 0 masks a sample out.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.Accuracy()
        >>> m.update_state([[1], [2], [3], [4]], [[0], [2], [3], [4]])
        >>> float(m.result())
        0.75
    """

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class BinaryAccuracy(MeanMetricWrapper):
    """How often ``y_pred > threshold`` matches 0/1 labels.

    Args:
        name: the metric's name (default "binary_accuracy").
        dtype: the dtype of the state and result.
        threshold: predictions above it count as 1 (default 0.5).

    Call arguments (``update_state``):
        y_true: 0/1 labels.
        y_pred: probabilities of the same shape.
        sample_weight: optional weights; 0 masks a sample out.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.BinaryAccuracy()
        >>> m.update_state([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]])
        >>> float(m.result())
        0.75
    """

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)):
            raise ValueError(f"BinaryAccuracy: threshold must be a number, received threshold={threshold!r}")
        super().__init__(binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self.threshold = threshold

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "threshold": self.threshold}


class CategoricalAccuracy(MeanMetricWrapper):
    """How often the largest prediction is at the one-hot label's class.

    Args:
        name: the metric's name (default "categorical_accuracy").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: one-hot labels, shape ``(batch, classes)``.
        y_pred: class scores of the same shape.
        sample_weight: optional weights; 0 masks a sample out.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.CategoricalAccuracy()
        >>> m.update_state([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]])
        >>> float(m.result())
        0.5
    """

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(categorical_accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often the largest prediction is at the integer label's class.

    Args:
        name: the metric's name (default "sparse_categorical_accuracy").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: class indices, shape ``(batch,)`` or ``(batch, 1)``.
        y_pred: class scores, shape ``(batch, classes)``.
        sample_weight: optional weights; 0 masks a sample out.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.SparseCategoricalAccuracy()
        >>> m.update_state([[2], [1]], [[0.1, 0.6, 0.3], [0.05, 0.95, 0]])
        >>> float(m.result())
        0.5
    """

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_accuracy, name=name, dtype=dtype)

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


def _check_k(owner, k):
    if not is_integer(k) or k < 1:
        raise ValueError(f"{owner}: k must be a positive integer, received k={k!r}")


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the one-hot label's class is among the K largest predictions.

    Args:
        k: how many of the top predictions count (default 5).
        name: the metric's name (default "top_k_categorical_accuracy").
        dtype: the dtype of the state and result.

    Call arguments (``update_state``):
        y_true: one-hot labels, shape ``(batch, classes)``.
        y_pred: class scores of the same shape.
        sample_weight: optional weights; 0 masks a sample out.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.TopKCategoricalAccuracy(k=1)
        >>> m.update_state([[0, 0, 1], [0, 1, 0]], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]])
        >>> float(m.result())
        0.5
    """

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        _check_k("TopKCategoricalAccuracy", k)
        super().__init__(top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self.k = k

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "k": self.k}


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer label is among the K largest predictions.

    Args:
        k: how many of the top predictions count (default 5).
        name: the metric's name (default "sparse_top_k_categorical_accuracy").
        dtype: the dtype of the state and result.
        from_sorted_ids: whether ``y_pred`` holds the ids of the top classes, best first,
            rather than scores for every class.

    Call arguments (``update_state``):
        y_true: class indices, shape ``(batch,)``.
        y_pred: class scores, shape ``(batch, classes)`` (or sorted ids).
        sample_weight: optional weights; 0 masks a sample out.

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.SparseTopKCategoricalAccuracy(k=1)
        >>> m.update_state([2, 1], [[0.1, 0.9, 0.8], [0.05, 0.95, 0]])
        >>> float(m.result())
        0.5
    """

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None, from_sorted_ids=False):
        _check_k("SparseTopKCategoricalAccuracy", k)
        super().__init__(sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)
        self.k = k
        self.from_sorted_ids = from_sorted_ids

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype, "k": self.k}
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config
