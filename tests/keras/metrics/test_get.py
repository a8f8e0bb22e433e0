"""keras.metrics.get / serialize / deserialize (metrics/__init__.py)."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import metrics


@pytest.mark.parametrize("name, cls", [
    ("mse", metrics.MeanSquaredError), ("mean_squared_error", metrics.MeanSquaredError),
    ("mae", metrics.MeanAbsoluteError), ("mape", metrics.MeanAbsolutePercentageError),
    ("msle", metrics.MeanSquaredLogarithmicError), ("root_mean_squared_error", metrics.RootMeanSquaredError),
    ("binary_accuracy", metrics.BinaryAccuracy), ("categorical_accuracy", metrics.CategoricalAccuracy),
    ("sparse_categorical_accuracy", metrics.SparseCategoricalAccuracy),
    ("top_k_categorical_accuracy", metrics.TopKCategoricalAccuracy),
    ("sparse_top_k_categorical_accuracy", metrics.SparseTopKCategoricalAccuracy),
    ("auc", metrics.AUC), ("AUC", metrics.AUC), ("precision", metrics.Precision), ("recall", metrics.Recall),
    ("Precision", metrics.Precision), ("true_positives", metrics.TruePositives), ("logcosh", metrics.LogCoshError),
    ("cosine_similarity", metrics.CosineSimilarity),
])
def test_names_give_instances_named_as_asked(name, cls):
    m = metrics.get(name)
    assert type(m) is cls and m.name == name


@pytest.mark.parametrize("name", ["accuracy", "acc"])
def test_accuracy_is_left_for_compile(name):
    assert metrics.get(name) == name


@pytest.mark.parametrize("name, fn", [("binary_crossentropy", tf.keras.losses.binary_crossentropy),
                                      ("kld", tf.keras.losses.kl_divergence), ("hinge", tf.keras.losses.hinge)])
def test_loss_names_give_the_mean_of_the_loss(name, fn):
    m = metrics.get(name)
    assert isinstance(m, metrics.MeanMetricWrapper) and m.name == name
    m.update_state([[1.0, 0.0]], [[0.8, 0.3]])
    assert float(m.result()) == pytest.approx(float(fn([[1.0, 0.0]], [[0.8, 0.3]])[0]))


def test_instances_classes_functions_and_none():
    m = metrics.AUC()
    assert metrics.get(m) is m
    assert isinstance(metrics.get(metrics.Recall), metrics.Recall)
    assert metrics.get(metrics.binary_accuracy) is metrics.binary_accuracy
    assert metrics.get(None) is None


def test_dicts_and_round_trip():
    m = metrics.get({"class_name": "BinaryAccuracy", "config": {"threshold": 0.7}})
    assert isinstance(m, metrics.BinaryAccuracy) and m.threshold == 0.7
    config = metrics.serialize(metrics.AUC(num_thresholds=7, curve="PR"))
    assert config["module"] == "keras.metrics" and config["class_name"] == "AUC"
    clone = metrics.deserialize(config)
    assert clone.num_thresholds == 7 and clone.curve == "PR"
    assert metrics.serialize(metrics.binary_accuracy) == "binary_accuracy"


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"Unknown metric 'aucc'\. Did you mean 'auc'\?"):
        metrics.get("aucc")
    with pytest.raises(ValueError, match="Could not interpret metric identifier"):
        metrics.get(42)


def test_functional_forms_are_exported():
    for name in ("binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
                 "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "mse", "mae",
                 "mean_squared_error", "binary_crossentropy", "categorical_crossentropy"):
        assert callable(getattr(tf.keras.metrics, name)), name
    np.testing.assert_allclose(tf.keras.metrics.mse([[0.0, 2.0]], [[0.0, 0.0]]).numpy(), [2.0])
