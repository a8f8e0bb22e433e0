import math

import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import activations

X = np.array([[-4.0, -1.5, -0.2, 0.0], [0.3, 1.0, 2.5, 7.0]])
SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805
_erf = np.vectorize(math.erf)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


REFERENCES = {
    "relu": lambda x: np.maximum(x, 0),
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
    "softmax": _softmax,
    "log_softmax": lambda x: np.log(_softmax(x)),
    "elu": lambda x: np.where(x > 0, x, np.expm1(x)),
    "selu": lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x)),
    "gelu": lambda x: 0.5 * x * (1 + _erf(x / np.sqrt(2))),
    "silu": lambda x: x * _sigmoid(x),
    "swish": lambda x: x * _sigmoid(x),
    "softplus": lambda x: np.log1p(np.exp(x)),
    "softsign": lambda x: x / (1 + np.abs(x)),
    "leaky_relu": lambda x: np.where(x > 0, x, 0.2 * x),
    "relu6": lambda x: np.clip(x, 0, 6),
    "hard_sigmoid": lambda x: np.clip(x + 3, 0, 6) / 6,
    "hard_silu": lambda x: x * np.clip(x + 3, 0, 6) / 6,
    "hard_swish": lambda x: x * np.clip(x + 3, 0, 6) / 6,
    "hard_tanh": lambda x: np.clip(x, -1, 1),
    "mish": lambda x: x * np.tanh(np.log1p(np.exp(x))),
    "log_sigmoid": lambda x: np.log(_sigmoid(x)),
    "exponential": np.exp,
    "linear": lambda x: x,
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_against_numpy(name, dtype):
    fn = activations.get(name)
    out = fn(tf.constant(X.astype(dtype)))
    assert out.dtype == dtype and tuple(out.shape) == X.shape
    np.testing.assert_allclose(out.numpy(), REFERENCES[name](X), rtol=1e-5 if dtype == "float32" else 1e-10,
                               atol=1e-6 if dtype == "float32" else 1e-12)


def test_relu_options():
    x = tf.constant(X)
    np.testing.assert_allclose(activations.relu(x, max_value=2.0).numpy(), np.clip(X, 0, 2))
    np.testing.assert_allclose(activations.relu(x, negative_slope=0.1).numpy(), np.where(X > 0, X, 0.1 * X))
    np.testing.assert_allclose(activations.relu(x, threshold=1.0).numpy(), np.where(X > 1.0, X, 0.0))
    expected = np.where(X > 1.0, np.minimum(X, 5.0), 0.1 * (X - 1.0))
    np.testing.assert_allclose(activations.relu(x, negative_slope=0.1, max_value=5.0, threshold=1.0).numpy(),
                               expected, rtol=1e-12)
    np.testing.assert_allclose(activations.relu(x, alpha=0.3).numpy(), np.where(X > 0, X, 0.3 * X))
    np.testing.assert_allclose(activations.relu(x, max_value=6.0).numpy(), np.clip(X, 0, 6))


def test_parameters_of_elu_gelu_leaky_relu_softmax():
    x = tf.constant(X)
    np.testing.assert_allclose(activations.elu(x, alpha=2.0).numpy(), np.where(X > 0, X, 2 * np.expm1(X)))
    approx = 0.5 * X * (1 + np.tanh(np.sqrt(2 / np.pi) * (X + 0.044715 * X ** 3)))
    np.testing.assert_allclose(activations.gelu(x, approximate=True).numpy(), approx, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(activations.leaky_relu(x, negative_slope=0.5).numpy(), np.where(X > 0, X, 0.5 * X))
    np.testing.assert_allclose(activations.softmax(x, axis=0).numpy(), _softmax(X, axis=0), rtol=1e-10)
    both = np.exp(X) / np.exp(X).sum()
    np.testing.assert_allclose(activations.softmax(x, axis=(0, 1)).numpy(), both, rtol=1e-10)
    np.testing.assert_allclose(activations.log_softmax(x, axis=(0, 1)).numpy(), np.log(both), rtol=1e-10)


def test_gradients_match_finite_differences():
    x0 = np.array([-2.0, -0.7, 0.4, 1.3, 3.5])  # away from the kinks
    fns = [lambda t: activations.relu(t, negative_slope=0.1, max_value=2.0, threshold=0.5),
           lambda t: activations.elu(t, alpha=1.7), activations.hard_sigmoid, activations.mish]
    for fn in fns:
        x = tf.constant(x0)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(fn(x))
        g = tape.gradient(y, x).numpy()
        eps = 1e-6
        numeric = [(float(tf.reduce_sum(fn(tf.constant(x0 + eps * e)))) -
                    float(tf.reduce_sum(fn(tf.constant(x0 - eps * e))))) / (2 * eps) for e in np.eye(5)]
        np.testing.assert_allclose(g, numeric, rtol=1e-5, atol=1e-7)


def test_inputs_that_are_not_tensors():
    np.testing.assert_allclose(activations.relu(np.array([-1.0, 2.0])).numpy(), [0.0, 2.0])
    assert activations.sigmoid([0.0]).numpy().tolist() == [0.5]


def test_symbolic_inputs_keep_their_shape():
    x = tf.keras.Input(shape=(3,))
    for name in REFERENCES:
        assert tuple(activations.get(name)(x).shape) == (None, 3), name
    assert tuple(activations.relu(x, negative_slope=0.1, max_value=3.0, threshold=0.5).shape) == (None, 3)


def test_get_and_serialize_round_trip():
    for name in REFERENCES:
        fn = activations.get(name)
        assert activations.get(activations.serialize(fn)) is fn
    assert activations.serialize(activations.relu) == "relu"
    assert activations.serialize(activations.swish) == "silu"  # one function, Keras 3's name
    assert activations.get(None) is activations.linear
    assert activations.serialize(None) == "linear"
    assert activations.get("swish") is activations.silu and activations.get("hard_swish") is activations.hard_silu
    fn = lambda t: t * 2  # noqa: E731
    assert activations.get(fn) is fn and activations.serialize(fn) is fn
    assert activations.deserialize({"module": "keras.activations", "class_name": "function", "config": "tanh",
                                    "registered_name": "tanh"}) is activations.tanh


def my_activation(x):
    return x * 3.0


def test_module_level_custom_function_round_trip():
    config = activations.serialize(my_activation)
    assert config["class_name"] == "function" and config["config"] == "my_activation"
    assert activations.get(config) is my_activation
    assert activations.deserialize("my_activation", custom_objects={"my_activation": my_activation}) is my_activation


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError) as info:
        activations.get("rellu")
    message = str(info.value)
    assert "'rellu'" in message and "Did you mean 'relu'" in message
    for name in ("relu", "sigmoid", "softmax", "gelu", "linear", "hard_sigmoid"):
        assert name in message
    with pytest.raises(ValueError, match="Could not interpret activation function identifier: 3"):
        activations.get(3)


def test_activation_layers_round_trip_under_keras_layers():
    layer = tf.keras.layers.LeakyReLU(negative_slope=0.1)
    config = activations.serialize(layer)
    assert config["module"] == "keras.layers" and config["class_name"] == "LeakyReLU"
    assert config["registered_name"] is None
    clone = activations.get(config)
    assert isinstance(clone, tf.keras.layers.LeakyReLU) and clone.get_config() == layer.get_config()
    assert activations.get(layer) is layer
