"""Conv1D (python/eigenflow/keras/layers/convolutional/conv1d.py, base_conv.py)."""
import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer
from .reference import conv_nd


def test_check_layer():
    check_layer(layers.Conv1D, {"filters": 3, "kernel_size": 2}, input_shape=(2, 6, 2),
                expected_output_shape=(2, 5, 3), trainable_weights=2)


def test_check_layer_causal_dilated():
    check_layer(layers.Conv1D, {"filters": 2, "kernel_size": 3, "padding": "causal", "dilation_rate": 2},
                input_shape=(2, 7, 3), expected_output_shape=(2, 7, 2), trainable_weights=2)


@pytest.mark.parametrize("kwargs", [
    {"kernel_size": 3},
    {"kernel_size": 3, "strides": 2},
    {"kernel_size": 4, "padding": "same"},
    {"kernel_size": 3, "strides": 3, "padding": "same"},
    {"kernel_size": 2, "dilation_rate": 3},
    {"kernel_size": 3, "padding": "causal"},
    {"kernel_size": 2, "padding": "causal", "dilation_rate": 2},
])
def test_forward_matches_numpy(kwargs):
    rng = np.random.default_rng(3)
    x = rng.normal(size=(3, 10, 4)).astype("float32")
    layer = layers.Conv1D(5, **kwargs)
    layer(x)
    kernel, bias = layer.get_weights()
    bias = rng.normal(size=bias.shape).astype("float32")
    layer.set_weights([kernel, bias])
    expected = conv_nd(x.astype(np.float64), kernel.astype(np.float64), bias, strides=layer.strides,
                       padding=layer.padding, dilation=layer.dilation_rate)
    y = layer(x).numpy()
    assert y.shape == expected.shape
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)
    assert tuple(layer.compute_output_shape((None, 10, 4))) == (None,) + expected.shape[1:]


def test_causal_output_sees_only_the_past():
    layer = layers.Conv1D(1, 3, padding="causal", kernel_initializer="ones", use_bias=False)
    x = np.zeros((1, 6, 1), "float32")
    x[0, 3, 0] = 1.0
    assert layer(x).numpy()[0, :, 0].tolist() == [0, 0, 0, 1, 1, 1]


def test_weights_and_alias():
    assert layers.Convolution1D is layers.Conv1D
    layer = layers.Conv1D(8, 3)
    layer(np.ones((2, 5, 4), "float32"))
    assert [w.shape for w in layer.get_weights()] == [(3, 4, 8), (8,)]
    config = layer.get_config()
    assert config["kernel_size"] == (3,) and config["strides"] == (1,) and config["dilation_rate"] == (1,)
    assert layers.Conv1D.from_config(config).get_config() == config


@pytest.mark.parametrize("kwargs, words", [
    ({"filters": 0, "kernel_size": 3}, "filters=0"),
    ({"filters": 2, "kernel_size": (3, 3)}, "kernel_size=(3, 3)"),
    ({"filters": 2, "kernel_size": 3, "strides": -1}, "strides=-1"),
    ({"filters": 2, "kernel_size": 3, "padding": "full"}, "padding='full'"),
])
def test_bad_arguments(kwargs, words):
    with pytest.raises(ValueError, match="Conv1D") as info:
        layers.Conv1D(**kwargs)
    assert words in str(info.value)
