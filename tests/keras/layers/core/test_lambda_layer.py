import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import layers

from ...testing import check_layer


def _square(x):
    return x * x


def test_check_layer():
    check_layer(layers.Lambda, {"function": _square}, input_shape=(2, 3), expected_output_shape=(2, 3),
                trainable_weights=0)


def test_values_and_arguments():
    layer = layers.Lambda(lambda x, scale, shift=0.0: x * scale + shift, arguments={"scale": 2.0, "shift": 1.0})
    np.testing.assert_allclose(layer(np.array([[1.0, -2.0]], np.float32)).numpy(), [[3.0, -3.0]])


def test_closed_over_variable_is_tracked_and_trained():
    w = tf.Variable(np.array([1.0, 2.0], np.float32), name="scale")
    layer = layers.Lambda(lambda x: x * w)
    x = tf.constant(np.array([[1.0, 3.0], [2.0, 5.0]], np.float32))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x))
    assert any(v is w for v in layer.trainable_weights)
    grad = tape.gradient(loss, layer.trainable_weights)
    assert len(grad) == 1
    np.testing.assert_allclose(grad[0].numpy(), [3.0, 8.0])
    # A second call keeps tracking it once, and a gradient step moves it.
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x))
    (g,) = tape.gradient(loss, layer.trainable_weights)
    w.assign_sub(0.1 * g)
    np.testing.assert_allclose(w.numpy(), [0.7, 1.2], rtol=1e-6)
    assert len(layer.trainable_weights) == 1


def test_training_and_mask_passed_when_accepted():
    seen = {}

    def fn(x, training=None):
        seen["training"] = training
        return x

    layer = layers.Lambda(fn)
    layer(np.ones((1, 2), np.float32), training=True)
    assert seen["training"] is True


def test_output_shape():
    layer = layers.Lambda(lambda x: tf.reshape(x, (-1, 6)), output_shape=(6,))
    assert tuple(layer.compute_output_shape((None, 2, 3))) == (None, 6)
    layer = layers.Lambda(lambda x: x[:, :1], output_shape=lambda s: (s[0], 1))
    assert tuple(layer.compute_output_shape((4, 3))) == (4, 1)
    inferred = layers.Lambda(lambda x: tf.reduce_sum(x, axis=-1))
    assert tuple(inferred.compute_output_shape((None, 3))) == (None,)


def test_bad_arguments():
    with pytest.raises(ValueError, match="callable"):
        layers.Lambda(3)
    with pytest.raises(ValueError, match="arguments"):
        layers.Lambda(_square, arguments=[1])


def test_config_round_trip():
    layer = layers.Lambda(_square, output_shape=(3,), arguments={})
    config = layer.get_config()
    assert config["function"] is _square and config["output_shape"] == (3,)
    clone = layers.Lambda.from_config(config)
    np.testing.assert_allclose(clone(np.array([[2.0]], np.float32)).numpy(), [[4.0]])
