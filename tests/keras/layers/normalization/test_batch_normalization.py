import numpy as np
import pytest

import eigenflow as tf
from eigenflow import _core
from eigenflow.keras import layers

from ...testing import check_layer


def _data(shape, seed=0):
    return np.random.default_rng(seed).normal(1.0, 2.0, size=shape).astype(np.float32)


def test_check_layer_inference_and_training():
    check_layer(layers.BatchNormalization, {}, input_shape=(4, 3), expected_output_shape=(4, 3), trainable_weights=2,
                non_trainable_weights=2)
    check_layer(layers.BatchNormalization, {}, input_shape=(4, 3), expected_output_shape=(4, 3), trainable_weights=2,
                non_trainable_weights=2, training=True, grad_tol=1e-4)
    check_layer(layers.BatchNormalization, {"axis": 1}, input_shape=(3, 2, 2, 2), trainable_weights=2,
                non_trainable_weights=2, training=True)


def test_weights_names_order_shapes():
    layer = layers.BatchNormalization()
    layer(_data((2, 5)))
    assert [w.name.split(":")[0] for w in layer.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert all(tuple(w.shape) == (5,) for w in layer.weights)
    assert [w.name.split(":")[0] for w in layer.trainable_weights] == ["gamma", "beta"]
    assert [w.name.split(":")[0] for w in layer.non_trainable_weights] == ["moving_mean", "moving_variance"]
    only_stats = layers.BatchNormalization(center=False, scale=False)
    only_stats(_data((2, 5)))
    assert [w.name.split(":")[0] for w in only_stats.weights] == ["moving_mean", "moving_variance"]


def test_training_uses_batch_statistics_and_updates_moving_ones():
    x = _data((16, 3))
    layer = layers.BatchNormalization(momentum=0.9, epsilon=1e-3)
    layer.build((None, 3))
    gamma = np.array([1.0, 2.0, 0.5], np.float32)
    beta = np.array([0.0, -1.0, 3.0], np.float32)
    moving_mean = np.array([0.5, 0.0, -0.5], np.float32)
    moving_var = np.array([1.0, 2.0, 3.0], np.float32)
    layer.set_weights([gamma, beta, moving_mean, moving_var])
    out = layer(x, training=True).numpy()
    mean, var = x.mean(axis=0), x.var(axis=0)
    np.testing.assert_allclose(out, gamma * (x - mean) / np.sqrt(var + 1e-3) + beta, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(layer.moving_mean.numpy(), moving_mean * 0.9 + mean * 0.1, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(layer.moving_variance.numpy(), moving_var * 0.9 + var * 0.1, rtol=1e-5, atol=1e-6)


def test_inference_uses_moving_statistics():
    x = _data((4, 3))
    layer = layers.BatchNormalization(epsilon=0.01)
    layer.build((None, 3))
    stats = [np.array([2.0, 1.0, 0.5], np.float32), np.array([0.1, 0.2, 0.3], np.float32),
             np.array([1.0, -1.0, 0.0], np.float32), np.array([4.0, 1.0, 0.25], np.float32)]
    layer.set_weights(stats)
    gamma, beta, mean, var = stats
    expected = gamma * (x - mean) / np.sqrt(var + 0.01) + beta
    for training in (None, False):
        np.testing.assert_allclose(layer(x, training=training).numpy(), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(layer.moving_mean.numpy(), mean)  # untouched


def test_trainable_false_freezes_into_inference():
    x = _data((8, 2))
    layer = layers.BatchNormalization()
    layer(x)
    layer.trainable = False
    before = layer.get_weights()
    out = layer(x, training=True).numpy()
    for b, a in zip(before, layer.get_weights()):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(out, x / np.sqrt(1 + 1e-3), rtol=1e-5)
    assert layer.trainable_weights == []


def test_channels_first_axis():
    x = _data((4, 3, 2, 2))
    layer = layers.BatchNormalization(axis=1, momentum=0.5, epsilon=1e-3, center=False, scale=False)
    out = layer(x, training=True).numpy()
    mean = x.mean(axis=(0, 2, 3), keepdims=True)
    var = x.var(axis=(0, 2, 3), keepdims=True)
    np.testing.assert_allclose(out, (x - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(layer.moving_mean.numpy(), 0.5 * mean.ravel(), rtol=1e-5)
    np.testing.assert_allclose(layer.moving_variance.numpy(), 0.5 + 0.5 * var.ravel(), rtol=1e-5)
    assert tuple(layer.moving_mean.shape) == (3,)


def test_training_flag_from_call_context_and_gradient():
    layer = layers.BatchNormalization()
    x = tf.constant(_data((6, 2)))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x, training=True) * tf.constant([[1.0, 2.0]]))
    grads = tape.gradient(loss, layer.trainable_weights)
    assert len(grads) == 2 and all(g is not None for g in grads)
    np.testing.assert_allclose(grads[1].numpy(), [6.0, 12.0], rtol=1e-5)  # d loss / d beta


def test_symbolic_call_builds_without_updating():
    layer = layers.BatchNormalization()
    out = layer(_core.symbolic([None, 4], "float32"), training=True)
    assert tuple(out.shape) == (None, 4)
    np.testing.assert_array_equal(layer.moving_mean.numpy(), np.zeros(4))


def test_errors():
    layer = layers.BatchNormalization(name="bn_probe")
    layer(_data((2, 3)))
    with pytest.raises(ValueError, match="bn_probe"):
        layer(_data((2, 4)))
    with pytest.raises(ValueError, match="out of range"):
        layers.BatchNormalization(axis=3)(_data((2, 3)))
    with pytest.raises(ValueError, match="BatchNormalization"):
        layers.BatchNormalization(axis="x")


def test_config():
    layer = layers.BatchNormalization(axis=1, momentum=0.9, epsilon=1e-5, center=False, gamma_regularizer="l2")
    config = layer.get_config()
    assert set(config) == {"name", "trainable", "dtype", "axis", "momentum", "epsilon", "center", "scale",
                           "beta_initializer", "gamma_initializer", "moving_mean_initializer",
                           "moving_variance_initializer", "beta_regularizer", "gamma_regularizer",
                           "beta_constraint", "gamma_constraint", "synchronized"}
    assert (config["axis"], config["momentum"], config["epsilon"], config["center"]) == (1, 0.9, 1e-5, False)
    clone = layers.BatchNormalization.from_config(config)
    assert clone.get_config() == {**config, "name": clone.name}
