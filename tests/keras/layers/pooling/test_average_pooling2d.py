"""AveragePooling2D (python/eigenflow/keras/layers/pooling/average_pooling2d.py, base_pooling.py)."""
import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer
from .reference import pool_nd


def test_check_layer():
    check_layer(layers.AveragePooling2D, {}, input_shape=(2, 4, 6, 3), expected_output_shape=(2, 2, 3, 3),
                trainable_weights=0)


@pytest.mark.parametrize("kwargs", [
    {},
    {"pool_size": 3},
    {"pool_size": (3, 2), "strides": (2, 1)},
    {"pool_size": 2, "strides": 1, "padding": "same"},
    {"pool_size": (3, 3), "strides": 2, "padding": "same"},
    {"pool_size": (2, 3), "strides": None, "padding": "valid"},
])
def test_forward_matches_numpy(kwargs):
    x = np.random.default_rng(4).normal(size=(2, 7, 6, 3)).astype("float32")
    layer = layers.AveragePooling2D(**kwargs)
    expected = pool_nd(x.astype(np.float64), layer.pool_size, layer.strides, layer.padding, "average")
    y = layer(x).numpy()
    assert y.shape == expected.shape
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-6)
    assert tuple(layer.compute_output_shape((None,) + (2, 7, 6, 3)[1:])) == (None,) + expected.shape[1:]


def test_defaults_config_and_alias():
    assert layers.AvgPool2D is layers.AveragePooling2D
    layer = layers.AveragePooling2D()
    assert layer.pool_size == (2, 2) and layer.strides == (2, 2) and layer.padding == "valid"
    config = layers.AveragePooling2D(**{"pool_size": (3, 2), "strides": 2, "padding": "SAME"}).get_config()
    assert config["pool_size"] == (3, 2) and config["strides"] == (2, 2) and config["padding"] == "same"
    assert config["data_format"] == "channels_last"
    assert set(config) == {"name", "trainable", "dtype", "pool_size", "strides", "padding", "data_format"}
    assert layers.AveragePooling2D.from_config(config).get_config() == config


@pytest.mark.parametrize("kwargs, words", [
    ({"pool_size": (2, 0)}, "pool_size=(2, 0)"),
    ({"pool_size": (2, 2, 2)}, "pool_size=(2, 2, 2)"),
    ({"strides": "2"}, "strides='2'"),
    ({"padding": "full"}, "padding='full'"),
])
def test_bad_arguments(kwargs, words):
    with pytest.raises(ValueError, match="AveragePooling2D") as info:
        layers.AveragePooling2D(**kwargs)
    assert words in str(info.value)


def test_unsupported_and_bad_inputs():
    with pytest.raises(NotImplementedError, match="channels_first"):
        layers.AveragePooling2D(data_format="channels_first")
    with pytest.raises(ValueError, match="rank 2|rank 4"):
        layers.AveragePooling2D()(np.ones((6, 3, 1), "float32"))
