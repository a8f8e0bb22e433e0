"""MaxPooling1D (python/eigenflow/keras/layers/pooling/max_pooling1d.py, base_pooling.py)."""
import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer
from .reference import pool_nd


def test_check_layer():
    check_layer(layers.MaxPooling1D, {}, input_shape=(2, 6, 3), expected_output_shape=(2, 3, 3),
                trainable_weights=0)


@pytest.mark.parametrize("kwargs", [
    {},
    {"pool_size": 3},
    {"pool_size": 3, "strides": 2},
    {"pool_size": 2, "strides": 1, "padding": "same"},
    {"pool_size": 4, "strides": 3, "padding": "same"},
    {"pool_size": (3,), "strides": (2,), "padding": "valid"},
])
def test_forward_matches_numpy(kwargs):
    x = np.random.default_rng(4).normal(size=(3, 9, 4)).astype("float32")
    layer = layers.MaxPooling1D(**kwargs)
    expected = pool_nd(x.astype(np.float64), layer.pool_size, layer.strides, layer.padding, "max")
    y = layer(x).numpy()
    assert y.shape == expected.shape
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-6)
    assert tuple(layer.compute_output_shape((None,) + (3, 9, 4)[1:])) == (None,) + expected.shape[1:]


def test_defaults_config_and_alias():
    assert layers.MaxPool1D is layers.MaxPooling1D
    layer = layers.MaxPooling1D()
    assert layer.pool_size == (2,) and layer.strides == (2,) and layer.padding == "valid"
    config = layers.MaxPooling1D(**{"pool_size": 3, "strides": 2, "padding": "same"}).get_config()
    assert config["pool_size"] == (3,) and config["strides"] == (2,) and config["padding"] == "same"
    assert config["data_format"] == "channels_last"
    assert set(config) == {"name", "trainable", "dtype", "pool_size", "strides", "padding", "data_format"}
    assert layers.MaxPooling1D.from_config(config).get_config() == config


@pytest.mark.parametrize("kwargs, words", [
    ({"pool_size": 0}, "pool_size=0"),
    ({"pool_size": (2, 2)}, "pool_size=(2, 2)"),
    ({"strides": -1}, "strides=-1"),
    ({"padding": "causal"}, "padding='causal'"),
])
def test_bad_arguments(kwargs, words):
    with pytest.raises(ValueError, match="MaxPooling1D") as info:
        layers.MaxPooling1D(**kwargs)
    assert words in str(info.value)


def test_unsupported_and_bad_inputs():
    with pytest.raises(NotImplementedError, match="channels_first"):
        layers.MaxPooling1D(data_format="channels_first")
    with pytest.raises(ValueError, match="rank 1|rank 3"):
        layers.MaxPooling1D()(np.ones((4, 6, 3, 1), "float32"))
