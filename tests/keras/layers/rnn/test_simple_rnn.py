"""SimpleRNNCell and SimpleRNN (python/eigenflow/keras/layers/rnn/simple_rnn.py)."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import layers

from ...testing import check_layer
from .reference import random_weights, run, simple_rnn_step


class AttentiveRNN(layers.Layer):
    """The seed program's layer: a SimpleRNNCell made in build, looped in call, plus a weight."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.rnn_cell = None
        self.attention_weights = None

    def build(self, input_shape):
        self.rnn_cell = layers.SimpleRNNCell(self.units, dtype=self.dtype)
        self.attention_weights = self.add_weight(name="attention_weights", shape=(input_shape[-1], self.units))

    def call(self, inputs):
        state = self.rnn_cell.get_initial_state(batch_size=tf.shape(inputs)[0], dtype=self.dtype)
        outputs = []
        for t in range(inputs.shape[1]):
            step_input = inputs[:, t, :]
            output, state = self.rnn_cell(step_input, state)
            outputs.append(output * tf.nn.softmax(tf.matmul(step_input, self.attention_weights)))
        return tf.stack(outputs, axis=1)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def test_check_layer():
    check_layer(layers.SimpleRNN, {"units": 3}, input_shape=(2, 4, 3), expected_output_shape=(2, 3),
                trainable_weights=3)
    check_layer(layers.SimpleRNN, {"units": 2, "return_sequences": True, "activation": "relu"},
                input_shape=(2, 3, 2), expected_output_shape=(2, 3, 2), trainable_weights=3)


def test_cell_in_a_custom_layer_is_tracked_and_trained():
    layer = AttentiveRNN(8)
    x = tf.random.normal((4, 6, 5), seed=3)
    assert tuple(layer(x).shape) == (4, 6, 8)
    names = [v.name for v in layer.trainable_variables]
    assert len(names) == 4 and set(names) == {"attention_weights", "kernel", "recurrent_kernel", "bias"}
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(layer(x)))
    grads = tape.gradient(loss, layer.trainable_variables)
    assert all(g is not None and float(tf.reduce_sum(tf.abs(g))) > 0 for g in grads)
    check_layer(AttentiveRNN, {"units": 2}, input_shape=(2, 3, 2), expected_output_shape=(2, 3, 2),
                trainable_weights=4)


def test_forward_matches_numpy():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 5, 4))
    weights = random_weights(rng, 4, 6, 1)
    h0 = rng.normal(size=(3, 6))
    layer = layers.SimpleRNN(6, return_sequences=True, return_state=True, dtype="float64")
    layer(x)
    layer.set_weights(weights)
    outputs, h = layer(x, initial_state=tf.constant(h0))
    expected, (eh,) = run(simple_rnn_step, x, [h0], weights)
    np.testing.assert_allclose(outputs.numpy(), expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(h.numpy(), eh, rtol=1e-10, atol=1e-12)


def test_cell_states_keep_their_form():
    cell = layers.SimpleRNNCell(3)
    x = tf.ones((2, 4))
    state = cell.get_initial_state(batch_size=2)
    assert isinstance(state, list) and len(state) == 1
    output, new_state = cell(x, state)
    assert isinstance(new_state, list) and new_state[0] is output
    output2, tensor_state = cell(x, new_state[0])
    assert isinstance(tensor_state, tf.Tensor) and tensor_state is output2
    assert [w.shape for w in cell.get_weights()] == [(4, 3), (3, 3), (3,)]
    assert cell.state_size == 3 and cell.output_size == 3
    expected = np.tanh(np.ones((2, 4)) @ cell.get_weights()[0] + np.tanh(np.ones((2, 4)) @ cell.get_weights()[0])
                       @ cell.get_weights()[1])
    np.testing.assert_allclose(output2.numpy(), expected, rtol=1e-5, atol=1e-6)


def test_activation_none_is_linear():
    layer = layers.SimpleRNN(2, activation=None, use_bias=False, kernel_initializer="ones",
                             recurrent_initializer="zeros")
    np.testing.assert_allclose(layer(np.ones((1, 3, 2), "float32")).numpy(), [[2.0, 2.0]])
    assert len(layer.weights) == 2
    assert layer.get_config()["activation"] == "linear"


def test_get_config():
    layer = layers.SimpleRNN(4, go_backwards=True, name="s")
    config = layer.get_config()
    assert config["units"] == 4 and config["go_backwards"] is True and config["recurrent_initializer"]
    assert layers.SimpleRNN.from_config(config).get_config() == config
    cell_config = layers.SimpleRNNCell(3, dropout=0.5).get_config()
    assert {"units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
            "dropout", "recurrent_dropout", "seed"} <= set(cell_config)
    assert layers.SimpleRNNCell.from_config(cell_config).get_config() == cell_config


@pytest.mark.parametrize("cls", [layers.SimpleRNN, layers.SimpleRNNCell])
@pytest.mark.parametrize("units", [0, -1, 1.5, None, "3"])
def test_bad_units(cls, units):
    with pytest.raises(ValueError, match=f"{cls.__name__}: units must be a positive integer"):
        cls(units)
