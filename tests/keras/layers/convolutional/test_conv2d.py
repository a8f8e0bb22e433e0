"""Conv2D (python/eigenflow/keras/layers/convolutional/conv2d.py, base_conv.py)."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import layers

from ...testing import check_layer
from .reference import conv_nd


def test_check_layer():
    check_layer(layers.Conv2D, {"filters": 3, "kernel_size": 2}, input_shape=(2, 5, 4, 2),
                expected_output_shape=(2, 4, 3, 3), trainable_weights=2)


def test_check_layer_same_strided_with_activation():
    check_layer(layers.Conv2D, {"filters": 2, "kernel_size": (3, 2), "strides": 2, "padding": "same",
                                "activation": "tanh"},
                input_shape=(1, 5, 6, 3), expected_output_shape=(1, 3, 3, 2), trainable_weights=2)


@pytest.mark.parametrize("kwargs", [
    {"kernel_size": 3},
    {"kernel_size": (2, 3), "strides": (2, 1)},
    {"kernel_size": 3, "padding": "same"},
    {"kernel_size": (3, 2), "strides": 2, "padding": "same"},
    {"kernel_size": 2, "dilation_rate": 2},
    {"kernel_size": 3, "dilation_rate": (1, 2), "padding": "same"},
])
def test_forward_matches_numpy(kwargs):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 7, 6, 3)).astype("float32")
    layer = layers.Conv2D(4, **kwargs)
    y = layer(x)
    kernel, bias = layer.get_weights()
    bias = rng.normal(size=bias.shape).astype("float32")
    layer.set_weights([kernel, bias])
    expected = conv_nd(x.astype(np.float64), kernel.astype(np.float64), bias, strides=layer.strides,
                       padding=layer.padding, dilation=layer.dilation_rate)
    y = layer(x).numpy()
    assert y.shape == expected.shape
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-5)
    assert tuple(layer.compute_output_shape((None, 7, 6, 3))) == (None,) + expected.shape[1:]


def test_weights_layout_and_activation():
    layer = layers.Conv2D(32, (3, 3), activation="relu")
    assert layer.get_weights() == []
    y = layer(np.random.default_rng(0).normal(size=(2, 28, 28, 1)).astype("float32"))
    assert [w.shape for w in layer.get_weights()] == [(3, 3, 1, 32), (32,)]
    assert [v.name for v in layer.weights] == ["kernel", "bias"]
    assert tuple(y.shape) == (2, 26, 26, 32) and float(tf.reduce_min(y)) >= 0.0


def test_no_bias_and_regularizer():
    layer = layers.Conv2D(2, 1, use_bias=False, kernel_regularizer="l2")
    layer(np.ones((1, 2, 2, 3), "float32"))
    assert len(layer.trainable_weights) == 1 and layer.bias is None
    assert len(layer.losses) == 1


def test_more_batch_axes():
    layer = layers.Conv2D(2, 2)
    x = np.random.default_rng(2).normal(size=(2, 3, 4, 4, 1)).astype("float32")
    y = layer(x)
    assert tuple(y.shape) == (2, 3, 3, 3, 2)
    np.testing.assert_allclose(y.numpy()[1], layer(x[1]).numpy(), rtol=1e-6, atol=1e-6)


def test_get_config():
    layer = layers.Conv2D(8, 3, strides=(2, 1), padding="SAME", name="c")
    config = layer.get_config()
    assert config["kernel_size"] == (3, 3) and config["strides"] == (2, 1) and config["padding"] == "same"
    assert config["data_format"] == "channels_last" and config["dilation_rate"] == (1, 1)
    assert set(config) == {"name", "trainable", "dtype", "filters", "kernel_size", "strides", "padding",
                           "data_format", "dilation_rate", "groups", "activation", "use_bias", "kernel_initializer",
                           "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                           "kernel_constraint", "bias_constraint"}
    clone = layers.Conv2D.from_config(config)
    assert clone.get_config() == config


def test_custom_layer_holding_a_conv_trains_every_weight():
    class ScaledConv2D(tf.keras.layers.Layer):
        def build(self, input_shape):
            self.conv = layers.Conv2D(4, 3, padding="same")
            self.scale = self.add_weight(name="scale", shape=(1,), initializer="ones")

        def call(self, inputs):
            return tf.nn.relu(self.conv(inputs) * self.scale)

    layer = ScaledConv2D()
    x = tf.random.normal((2, 6, 6, 3), seed=1)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(layer(x)))
    grads = tape.gradient(loss, layer.trainable_variables)
    assert len(grads) == 3 and all(g is not None and float(tf.reduce_sum(tf.abs(g))) > 0 for g in grads)


@pytest.mark.parametrize("kwargs, words", [
    ({"filters": 0, "kernel_size": 3}, "filters=0"),
    ({"filters": -2, "kernel_size": 3}, "filters=-2"),
    ({"filters": 2.5, "kernel_size": 3}, "filters=2.5"),
    ({"filters": 2, "kernel_size": (0, 3)}, "kernel_size=(0, 3)"),
    ({"filters": 2, "kernel_size": (3,)}, "kernel_size=(3,)"),
    ({"filters": 2, "kernel_size": "3"}, "kernel_size='3'"),
    ({"filters": 2, "kernel_size": 3, "strides": 0}, "strides=0"),
    ({"filters": 2, "kernel_size": 3, "padding": "causal"}, "padding='causal'"),
    ({"filters": 2, "kernel_size": 3, "padding": "full"}, "padding='full'"),
    ({"filters": 2, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, "dilation_rate"),
    ({"filters": 2, "kernel_size": 3, "data_format": "nhwc"}, "data_format='nhwc'"),
])
def test_bad_arguments(kwargs, words):
    with pytest.raises(ValueError, match="Conv2D") as info:
        layers.Conv2D(**kwargs)
    assert words in str(info.value)


def test_unsupported_arguments():
    with pytest.raises(NotImplementedError, match="channels_first"):
        layers.Conv2D(2, 3, data_format="channels_first")
    with pytest.raises(NotImplementedError, match="groups=2"):
        layers.Conv2D(2, 3, groups=2)


def test_bad_inputs():
    layer = layers.Conv2D(2, 3)
    with pytest.raises(ValueError, match="rank"):
        layer(np.ones((4, 4, 1), "float32"))
    layer(np.ones((1, 4, 4, 1), "float32"))
    with pytest.raises(ValueError, match="Conv2D"):
        layer(np.ones((1, 4, 4, 2), "float32"))
    with pytest.raises(ValueError, match="Conv2D"):
        layers.Conv2D(2, 5)(np.ones((1, 4, 4, 1), "float32"))
