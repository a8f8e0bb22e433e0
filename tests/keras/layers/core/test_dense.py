import numpy as np
import pytest

import eigenflow as tf
from eigenflow import _core
from eigenflow.keras import layers

from ...testing import check_layer


def test_check_layer_rank2_and_rank3():
    check_layer(layers.Dense, {"units": 4}, input_shape=(2, 3), expected_output_shape=(2, 4), trainable_weights=2)
    check_layer(layers.Dense, {"units": 4, "activation": "tanh"}, input_shape=(2, 5, 3),
                expected_output_shape=(2, 5, 4), trainable_weights=2)
    check_layer(layers.Dense, {"units": 2, "use_bias": False}, input_shape=(3, 4), expected_output_shape=(3, 2),
                trainable_weights=1)


def test_forward_matches_numpy():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 6, 3)).astype(np.float32)
    layer = layers.Dense(4, activation="relu")
    layer.build((None, 3))
    kernel = rng.normal(size=(3, 4)).astype(np.float32)
    bias = rng.normal(size=(4,)).astype(np.float32)
    layer.set_weights([kernel, bias])
    np.testing.assert_allclose(layer(x).numpy(), np.maximum(x @ kernel + bias, 0), rtol=1e-5, atol=1e-6)


def test_weights_names_shapes_order():
    layer = layers.Dense(5)
    layer(np.zeros((1, 3), np.float32))
    assert [w.name.split(":")[0] for w in layer.weights] == ["kernel", "bias"]
    assert [tuple(w.shape) for w in layer.weights] == [(3, 5), (5,)]
    assert layer.kernel is layer.weights[0] and layer.bias is layer.weights[1]
    np.testing.assert_array_equal(layer.bias.numpy(), np.zeros(5))
    limit = np.sqrt(6 / (3 + 5))  # glorot_uniform
    assert np.all(np.abs(layer.kernel.numpy()) <= limit)


@pytest.mark.parametrize("units", [0, -3, 2.5, "4", None, True])
def test_bad_units(units):
    with pytest.raises(ValueError, match=r"Dense.*units"):
        layers.Dense(units)


def test_integral_float_units_accepted():
    assert layers.Dense(4.0).units == 4


def test_wrong_last_axis_names_layer_kernel_and_shapes():
    layer = layers.Dense(3, name="dense_probe")
    layer(np.zeros((2, 4), np.float32))
    with pytest.raises(ValueError) as info:
        layer(np.zeros((2, 5), np.float32))
    message = str(info.value)
    for part in ("Dense 'dense_probe'", "'kernel'", "(4, 3)", "(2, 5)", "expects last axis 4"):
        assert part in message, message
    symbolic = _core.symbolic([None, 5], "float32")
    with pytest.raises(ValueError, match=r"received input shape \(None, 5\)"):
        layer(symbolic)


def test_rank1_input_rejected():
    with pytest.raises(ValueError, match=r"rank >= 2"):
        layers.Dense(3)(np.zeros((4,), np.float32))


def test_symbolic_and_compute_output_shape():
    layer = layers.Dense(7)
    out = layer(_core.symbolic([None, 2, 3], "float32"))
    assert tuple(out.shape) == (None, 2, 7)
    assert tuple(layer.compute_output_shape((None, 2, 3))) == (None, 2, 7)
    assert layer.input_spec["axes"] == {-1: 3}


def test_regularizers_add_losses():
    layer = layers.Dense(2, kernel_regularizer=tf.keras.regularizers.L2(0.5), activity_regularizer="l1")
    x = np.ones((2, 3), np.float32)
    out = layer(x)
    kernel = layer.kernel.numpy()
    losses = [float(v) for v in layer.losses]
    expected_kernel = 0.5 * np.sum(kernel ** 2)
    expected_activity = 0.01 * np.sum(np.abs(out.numpy())) / 2
    assert any(np.isclose(v, expected_kernel, rtol=1e-5) for v in losses), losses
    assert any(np.isclose(v, expected_activity, rtol=1e-5) for v in losses), losses


def test_get_config_keys_and_round_trip():
    layer = layers.Dense(3, activation="relu", kernel_initializer="he_normal", name="d")
    config = layer.get_config()
    assert set(config) == {"name", "trainable", "dtype", "units", "activation", "use_bias", "kernel_initializer",
                           "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                           "kernel_constraint", "bias_constraint"}
    assert config["units"] == 3 and config["activation"] == "relu"
    clone = layers.Dense.from_config({**config, "name": "d_clone"})
    assert clone.get_config() == {**config, "name": "d_clone"}


def test_gradient_trains_kernel_and_bias():
    layer = layers.Dense(2)
    x = tf.constant(np.ones((4, 3), np.float32))
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x))
    grads = tape.gradient(loss, layer.trainable_weights)
    np.testing.assert_allclose(grads[0].numpy(), np.full((3, 2), 4.0))
    np.testing.assert_allclose(grads[1].numpy(), np.full((2,), 4.0))


def test_integer_inputs_are_cast():
    layer = layers.Dense(2, kernel_initializer="ones")
    out = layer(np.array([[1, 2, 3]], np.int32))
    assert out.dtype == tf.float32
    np.testing.assert_allclose(out.numpy(), [[6.0, 6.0]])


def test_activation_swapped_after_construction():
    layer = layers.Dense(2, activation="relu", kernel_initializer="ones", bias_initializer="zeros")
    x = -np.ones((1, 3), np.float32)
    np.testing.assert_allclose(layer(x).numpy(), [[0.0, 0.0]])
    layer.activation = tf.keras.activations.linear
    np.testing.assert_allclose(layer(x).numpy(), [[-3.0, -3.0]])
