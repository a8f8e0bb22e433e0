"""keras.losses.get / serialize / deserialize (losses/__init__.py)."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import losses


@pytest.mark.parametrize("name, fn", [
    ("mse", losses.mean_squared_error), ("MSE", losses.mean_squared_error),
    ("mean_squared_error", losses.mean_squared_error),
    ("mae", losses.mean_absolute_error), ("mean_absolute_error", losses.mean_absolute_error),
    ("mape", losses.mean_absolute_percentage_error), ("msle", losses.mean_squared_logarithmic_error),
    ("categorical_crossentropy", losses.categorical_crossentropy),
    ("binary_crossentropy", losses.binary_crossentropy), ("bce", losses.binary_crossentropy),
    ("sparse_categorical_crossentropy", losses.sparse_categorical_crossentropy),
    ("huber", losses.huber), ("log_cosh", losses.log_cosh), ("logcosh", losses.log_cosh),
    ("kld", losses.kl_divergence), ("kl_divergence", losses.kl_divergence),
    ("kullback_leibler_divergence", losses.kl_divergence), ("poisson", losses.poisson),
    ("hinge", losses.hinge), ("squared_hinge", losses.squared_hinge),
    ("categorical_hinge", losses.categorical_hinge), ("cosine_similarity", losses.cosine_similarity),
])
def test_function_names(name, fn):
    assert losses.get(name) is fn


def test_module_aliases():
    assert losses.mse is losses.MSE is losses.mean_squared_error
    assert losses.logcosh is losses.log_cosh and losses.kld is losses.kl_divergence
    assert tf.keras.losses.mean_squared_error is losses.mean_squared_error


def test_class_names_give_instances():
    loss = losses.get("CategoricalCrossentropy")
    assert isinstance(loss, losses.CategoricalCrossentropy)
    assert isinstance(losses.get(losses.Huber), losses.Huber)


def test_instances_and_callables_pass_through():
    loss = losses.Huber(delta=2.0)
    assert losses.get(loss) is loss
    fn = lambda y_true, y_pred: y_pred  # noqa: E731
    assert losses.get(fn) is fn
    assert losses.get(None) is None


def test_dicts_are_deserialized():
    loss = losses.get({"class_name": "CategoricalCrossentropy", "config": {"from_logits": True}})
    assert isinstance(loss, losses.CategoricalCrossentropy) and loss.from_logits


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"Unknown loss 'msee'\. Did you mean 'mse'\?.*mean_squared_error"):
        losses.get("msee")
    with pytest.raises(ValueError, match="Could not interpret loss identifier"):
        losses.get(3)


def test_serialize_round_trip():
    assert losses.serialize(losses.mse) == "mean_squared_error"
    config = losses.serialize(losses.BinaryCrossentropy(from_logits=True, label_smoothing=0.1))
    assert config["module"] == "keras.losses" and config["class_name"] == "BinaryCrossentropy"
    loss = losses.deserialize(config)
    assert isinstance(loss, losses.BinaryCrossentropy)
    assert loss.get_config() == config["config"]
    # Keras 2's form, without a module.
    loss = losses.deserialize({"class_name": "Huber", "config": {"delta": 0.5, "name": "h", "reduction": "sum"}})
    assert loss.get_config() == {"name": "h", "reduction": "sum", "delta": 0.5}


def test_custom_objects():
    class Mine(losses.Loss):
        def call(self, y_true, y_pred):
            return tf.reduce_mean(y_pred - y_true, axis=-1)

    config = losses.serialize(Mine(name="mine"))
    loss = losses.deserialize(config, custom_objects={"Mine": Mine})
    assert isinstance(loss, Mine) and loss.name == "mine"
    assert float(loss(np.zeros((2, 2)), np.ones((2, 2)))) == 1.0
