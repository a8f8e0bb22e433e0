"""Regression metrics against NumPy, accumulated over updates with weights."""
import numpy as np
import pytest

from eigenflow.keras import metrics

rng = np.random.default_rng(2)
T1, P1 = rng.uniform(0.1, 2, (4, 3)), rng.uniform(0.1, 2, (4, 3))
T2, P2 = rng.uniform(0.1, 2, (2, 3)), rng.uniform(0.1, 2, (2, 3))
W2 = np.array([0.5, 2.0])

REFERENCES = [
    (metrics.MeanSquaredError, lambda t, p: np.mean((t - p) ** 2, -1)),
    (metrics.MeanAbsoluteError, lambda t, p: np.mean(np.abs(t - p), -1)),
    (metrics.MeanAbsolutePercentageError, lambda t, p: 100 * np.mean(np.abs((t - p) / t), -1)),
    (metrics.MeanSquaredLogarithmicError, lambda t, p: np.mean((np.log1p(t) - np.log1p(p)) ** 2, -1)),
    (metrics.LogCoshError, lambda t, p: np.mean(np.log(np.cosh(p - t)), -1)),
    (metrics.CosineSimilarity,
     lambda t, p: np.sum(t * p, -1) / (np.linalg.norm(t, axis=-1) * np.linalg.norm(p, axis=-1))),
]


@pytest.mark.parametrize("cls, reference", REFERENCES, ids=[r[0].__name__ for r in REFERENCES])
def test_weighted_mean_over_updates(cls, reference):
    m = cls()
    m.update_state(T1, P1)
    m.update_state(T2, P2, sample_weight=W2)
    values = np.concatenate([reference(T1, P1), reference(T2, P2) * W2])
    assert float(m.result()) == pytest.approx(values.sum() / (4 + W2.sum()), rel=1e-5)
    m.reset_state()
    assert float(m.result()) == 0.0
    config = m.get_config()
    assert cls.from_config(config).get_config() == config


def test_root_mean_squared_error():
    m = metrics.RootMeanSquaredError()
    m.update_state([[0, 1], [0, 0]], [[1, 1], [0, 0]])
    assert float(m.result()) == 0.5
    m.update_state(T2, P2, sample_weight=W2)
    squared = np.concatenate([[0.5, 0.0], np.mean((T2 - P2) ** 2, -1) * W2])
    assert float(m.result()) == pytest.approx(np.sqrt(squared.sum() / (2 + W2.sum())), rel=1e-5)
    assert m.get_config() == {"name": "root_mean_squared_error", "dtype": "float32"}


def test_rank_one_labels_against_column_predictions():
    m = metrics.MeanAbsoluteError()
    m.update_state(np.array([1.0, 2.0, 3.0]), np.array([[1.0], [2.5], [2.0]]))
    assert float(m.result()) == pytest.approx(0.5)


def test_cosine_similarity_axis_is_kept():
    m = metrics.CosineSimilarity(axis=0)
    m.update_state([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]])
    assert float(m.result()) == pytest.approx(1.0)
    assert m.get_config()["axis"] == 0
