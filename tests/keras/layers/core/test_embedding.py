import numpy as np
import pytest

import eigenflow as tf
from eigenflow import _core
from eigenflow.errors import InvalidArgumentError
from eigenflow.keras import layers

from ...testing import check_layer


def _ids(shape=(2, 4), high=10):
    return np.random.default_rng(0).integers(0, high, size=shape).astype(np.int32)


def test_check_layer():
    check_layer(layers.Embedding, {"input_dim": 10, "output_dim": 3}, input_data=_ids(),
                expected_output_shape=(2, 4, 3), trainable_weights=1)


def test_lookup_matches_numpy_and_weight():
    layer = layers.Embedding(10, 3)
    ids = _ids()
    out = layer(ids)
    assert [w.name.split(":")[0] for w in layer.weights] == ["embeddings"]
    table = layer.embeddings.numpy()
    assert table.shape == (10, 3)
    assert np.all(np.abs(table) <= 0.05) and table.std() > 0  # "uniform": U(-0.05, 0.05)
    np.testing.assert_array_equal(out.numpy(), table[ids])


def test_float_and_int64_indices():
    layer = layers.Embedding(5, 2)
    out64 = layer(np.array([[0, 1]], np.int64))
    table = layer.embeddings.numpy()
    np.testing.assert_array_equal(out64.numpy(), table[[[0, 1]]])
    np.testing.assert_array_equal(layer(np.array([[4.0, 2.0]], np.float32)).numpy(), table[[[4, 2]]])


@pytest.mark.parametrize("bad", [5, -1])
def test_out_of_range_indices(bad):
    layer = layers.Embedding(5, 2, name="emb_probe")
    with pytest.raises(InvalidArgumentError) as info:
        layer(np.array([[0, bad]], np.int32))
    assert "emb_probe" in str(info.value) and str(bad) in str(info.value)


def test_gradient_scatters_into_rows():
    layer = layers.Embedding(4, 2)
    ids = np.array([[1, 1, 3]], np.int32)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(ids) * tf.constant([[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]))
    grad = tape.gradient(loss, layer.embeddings)
    grad = tf.convert_to_tensor(grad).numpy()
    np.testing.assert_allclose(grad, [[0, 0], [4, 6], [0, 0], [5, 6]])


def test_mask_zero():
    layer = layers.Embedding(5, 2, mask_zero=True)
    ids = np.array([[0, 3, 0]], np.int32)
    mask = layer.compute_mask(tf.constant(ids))
    np.testing.assert_array_equal(mask.numpy(), [[False, True, False]])
    assert layers.Embedding(5, 2).compute_mask(tf.constant(ids)) is None


@pytest.mark.parametrize("kwargs", [{"input_dim": 0, "output_dim": 2}, {"input_dim": 3, "output_dim": -1},
                                    {"input_dim": 3.5, "output_dim": 2}])
def test_bad_dims(kwargs):
    with pytest.raises(ValueError, match="Embedding"):
        layers.Embedding(**kwargs)


def test_config_and_input_length():
    layer = layers.Embedding(7, 4, mask_zero=True, input_length=5)
    config = layer.get_config()
    assert config["input_dim"] == 7 and config["output_dim"] == 4 and config["mask_zero"] is True
    assert config["input_length"] == 5
    clone = layers.Embedding.from_config(config)
    assert clone.get_config() == config
    plain = layers.Embedding(7, 4).get_config()
    assert set(plain) == {"name", "trainable", "dtype", "input_dim", "output_dim", "embeddings_initializer",
                          "embeddings_regularizer", "activity_regularizer", "embeddings_constraint", "mask_zero"}


def test_symbolic():
    out = layers.Embedding(7, 4)(_core.symbolic([None, 5], "int32"))
    assert tuple(out.shape) == (None, 5, 4)
