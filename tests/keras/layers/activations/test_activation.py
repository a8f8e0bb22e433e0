import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer


@pytest.mark.parametrize("name,reference", [
    ("relu", lambda x: np.maximum(x, 0)),
    ("tanh", np.tanh),
    ("sigmoid", lambda x: 1 / (1 + np.exp(-x))),
    ("linear", lambda x: x),
])
def test_values(name, reference):
    layer = check_layer(layers.Activation, {"activation": name}, input_shape=(2, 3), expected_output_shape=(2, 3),
                        trainable_weights=0)
    x = np.linspace(-2, 2, 12, dtype=np.float32).reshape(3, 4)
    np.testing.assert_allclose(layer(x).numpy(), reference(x), rtol=1e-5, atol=1e-6)


def test_callable_and_config():
    layer = layers.Activation(lambda t: t * 3.0)
    np.testing.assert_allclose(layer(np.ones((1, 2), np.float32)).numpy(), [[3.0, 3.0]])
    config = layers.Activation("softmax").get_config()
    assert config["activation"] == "softmax"
    assert layers.Activation.from_config(config).get_config() == config
