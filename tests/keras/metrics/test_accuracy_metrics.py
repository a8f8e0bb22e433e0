"""Accuracy metrics: functions by hand, classes accumulating with weights, top-k ties, configs."""
import numpy as np
import pytest

from eigenflow.keras import metrics

PROBS = np.array([[0.1, 0.6, 0.3], [0.05, 0.95, 0.0], [0.5, 0.2, 0.3], [0.2, 0.2, 0.6]], dtype=np.float32)
LABELS = np.array([2, 1, 0, 1])
ONEHOT = np.eye(3, dtype=np.float32)[LABELS]


def test_accuracy():
    np.testing.assert_array_equal(metrics.accuracy([1, 2, 3], [1, 2, 4]).numpy(), [1.0, 1.0, 0.0])
    m = metrics.Accuracy()
    m.update_state([[1], [2], [3], [4]], [[0], [2], [3], [4]])
    assert float(m.result()) == 0.75
    m.update_state([[1], [2]], [[1], [0]], sample_weight=[2.0, 0.0])
    assert float(m.result()) == pytest.approx(5.0 / 6.0)


def test_binary_accuracy_function_and_threshold():
    y_true = np.array([[1.0], [1.0], [0.0], [0.0]])
    y_pred = np.array([[0.98], [0.3], [0.0], [0.6]])
    np.testing.assert_array_equal(metrics.binary_accuracy(y_true, y_pred).numpy()[:, 0], [1, 0, 1, 0])
    np.testing.assert_array_equal(metrics.binary_accuracy(y_true, y_pred, threshold=0.2).numpy()[:, 0],
                                  [1, 1, 1, 0])
    # (batch,) labels against (batch, 1) predictions are aligned, not broadcast.
    assert tuple(metrics.binary_accuracy(y_true[:, 0], y_pred).shape) == (4, 1)
    np.testing.assert_array_equal(metrics.binary_accuracy(np.array([1, 1, 0, 0]), y_pred).numpy()[:, 0],
                                  [1, 0, 1, 0])


def test_binary_accuracy_class():
    m = metrics.BinaryAccuracy()
    m.update_state([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]])
    assert float(m.result()) == 0.75
    m.reset_state()
    m.update_state([[1], [1], [0], [0]], [[0.98], [1], [0], [0.6]], sample_weight=[1, 0, 0, 1])
    assert float(m.result()) == 0.5
    m = metrics.BinaryAccuracy(threshold=0.7)
    m.update_state([1, 0, 1], [0.8, 0.75, 0.65])
    assert float(m.result()) == pytest.approx(1 / 3)
    assert m.get_config() == {"name": "binary_accuracy", "dtype": "float32", "threshold": 0.7}


def test_categorical_accuracy():
    np.testing.assert_array_equal(metrics.categorical_accuracy(ONEHOT, PROBS).numpy(), [0, 1, 1, 0])
    m = metrics.CategoricalAccuracy()
    m.update_state(ONEHOT, PROBS)
    m.update_state(ONEHOT[:2], PROBS[:2], sample_weight=[0.0, 3.0])
    assert float(m.result()) == pytest.approx((2 + 3) / 7)


def test_sparse_categorical_accuracy_label_forms():
    expected = [0, 1, 1, 0]
    for labels in (LABELS, LABELS[:, None], LABELS.astype(np.float32), LABELS.astype(np.int64)):
        out = metrics.sparse_categorical_accuracy(labels, PROBS)
        assert tuple(out.shape) == (4,)
        np.testing.assert_array_equal(out.numpy(), expected)
    m = metrics.SparseCategoricalAccuracy()
    m.update_state(LABELS[:, None], PROBS, sample_weight=[1.0, 1.0, 2.0, 0.0])
    assert float(m.result()) == 0.75


def test_top_k_counts_ties_in_favour_of_the_target():
    scores = np.array([[0.3, 0.3, 0.3, 0.1], [0.1, 0.5, 0.4, 0.0]], dtype=np.float32)
    labels = np.array([2, 2])
    np.testing.assert_array_equal(metrics.sparse_top_k_categorical_accuracy(labels, scores, k=1).numpy(), [1, 0])
    np.testing.assert_array_equal(metrics.sparse_top_k_categorical_accuracy(labels, scores, k=2).numpy(), [1, 1])
    np.testing.assert_array_equal(metrics.top_k_categorical_accuracy(np.eye(4)[labels], scores, k=1).numpy(), [1, 0])


def test_top_k_against_numpy():
    rng = np.random.default_rng(1)
    scores = rng.normal(size=(20, 7)).astype(np.float32)
    labels = rng.integers(0, 7, 20)
    for k in (1, 3, 7, 10):
        rank = (scores > scores[np.arange(20), labels][:, None]).sum(-1)
        expected = (rank < k).astype(np.float32)
        np.testing.assert_array_equal(metrics.sparse_top_k_categorical_accuracy(labels, scores, k=k).numpy(),
                                      expected)
        np.testing.assert_array_equal(metrics.top_k_categorical_accuracy(np.eye(7)[labels], scores, k=k).numpy(),
                                      expected)


def test_top_k_classes():
    m = metrics.TopKCategoricalAccuracy(k=2)
    m.update_state(ONEHOT, PROBS)  # the last sample's label ties for second place
    assert float(m.result()) == 1.0
    m.update_state(ONEHOT[:1], PROBS[:1], sample_weight=[0.0])
    m.update_state([[0, 0, 1]], [[0.5, 0.4, 0.1]])
    assert float(m.result()) == pytest.approx(0.8)
    m = metrics.SparseTopKCategoricalAccuracy(k=1)
    m.update_state(LABELS, PROBS, sample_weight=[1, 1, 1, 0])
    assert float(m.result()) == pytest.approx(2 / 3)
    assert metrics.SparseTopKCategoricalAccuracy().get_config() == {
        "name": "sparse_top_k_categorical_accuracy", "dtype": "float32", "k": 5}
    assert tuple(metrics.sparse_top_k_categorical_accuracy(LABELS[:, None], PROBS, k=1).shape) == (4, 1)


def test_sparse_top_k_from_sorted_ids():
    ids = np.array([[2, 0, 1], [0, 2, 1], [1, 0, 2], [0, 2, 1]])
    np.testing.assert_array_equal(
        metrics.sparse_top_k_categorical_accuracy(LABELS, ids, k=2, from_sorted_ids=True).numpy(), [1, 0, 1, 0])
    m = metrics.SparseTopKCategoricalAccuracy(k=1, from_sorted_ids=True)
    m.update_state(LABELS, ids)
    assert float(m.result()) == 0.25 and m.get_config()["from_sorted_ids"] is True


@pytest.mark.parametrize("cls, kwargs", [
    (metrics.Accuracy, {}), (metrics.BinaryAccuracy, {"threshold": 0.3}), (metrics.CategoricalAccuracy, {}),
    (metrics.SparseCategoricalAccuracy, {}), (metrics.TopKCategoricalAccuracy, {"k": 2}),
    (metrics.SparseTopKCategoricalAccuracy, {"k": 3}),
])
def test_config_round_trip(cls, kwargs):
    m = cls(name="m", dtype="float64", **kwargs)
    config = m.get_config()
    assert config["name"] == "m" and config["dtype"] == "float64"
    assert cls.from_config(config).get_config() == config


def test_bad_arguments():
    with pytest.raises(ValueError, match="TopKCategoricalAccuracy: k must be a positive integer, received k=0"):
        metrics.TopKCategoricalAccuracy(k=0)
    with pytest.raises(ValueError, match="BinaryAccuracy: threshold must be a number"):
        metrics.BinaryAccuracy(threshold="high")
