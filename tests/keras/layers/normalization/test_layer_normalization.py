import numpy as np
import pytest

from eigenflow import _core
from eigenflow.keras import layers

from ...testing import check_layer


def _data(shape, seed=0):
    return np.random.default_rng(seed).normal(1.0, 2.0, size=shape).astype(np.float32)


def _reference(x, axes, gamma=None, beta=None, epsilon=1e-3):
    mean = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    out = (x - mean) / np.sqrt(var + epsilon)
    if gamma is not None:
        out = out * gamma
    if beta is not None:
        out = out + beta
    return out


@pytest.mark.parametrize("kwargs,shape,n", [({}, (2, 5), 2), ({"axis": [1, 2]}, (2, 3, 4), 2),
                                            ({"axis": 1}, (2, 3, 4), 2), ({"center": False}, (3, 4), 1),
                                            ({"rms_scaling": True}, (3, 4), 1)])
def test_check_layer(kwargs, shape, n):
    check_layer(layers.LayerNormalization, kwargs, input_shape=shape, expected_output_shape=shape,
                trainable_weights=n)


def test_values_last_axis():
    x = _data((3, 6))
    layer = layers.LayerNormalization()
    layer.build((None, 6))
    gamma, beta = _data((6,), 1), _data((6,), 2)
    layer.set_weights([gamma, beta])
    assert [w.name.split(":")[0] for w in layer.weights] == ["gamma", "beta"]
    np.testing.assert_allclose(layer(x).numpy(), _reference(x, -1, gamma, beta), rtol=1e-4, atol=1e-5)


def test_values_multiple_and_inner_axes():
    x = _data((2, 3, 4))
    layer = layers.LayerNormalization(axis=[1, 2], epsilon=1e-5)
    out = layer(x).numpy()
    assert tuple(layer.gamma.shape) == (3, 4)
    np.testing.assert_allclose(out, _reference(x, (1, 2), epsilon=1e-5), rtol=1e-4, atol=1e-5)
    layer = layers.LayerNormalization(axis=1)
    layer.build((None, 3, 4))
    gamma = np.array([1.0, 2.0, 3.0], np.float32)
    layer.set_weights([gamma, np.zeros(3, np.float32)])
    np.testing.assert_allclose(layer(x).numpy(), _reference(x, 1, gamma.reshape(1, 3, 1)), rtol=1e-4, atol=1e-5)


def test_rms_scaling():
    x = _data((2, 4))
    layer = layers.LayerNormalization(rms_scaling=True, epsilon=1e-6)
    out = layer(x).numpy()
    assert [w.name.split(":")[0] for w in layer.weights] == ["gamma"]
    np.testing.assert_allclose(out, x / np.sqrt((x ** 2).mean(axis=-1, keepdims=True) + 1e-6), rtol=1e-5)


def test_symbolic_errors_config():
    assert tuple(layers.LayerNormalization()(_core.symbolic([None, 3], "float32")).shape) == (None, 3)
    with pytest.raises(ValueError, match="out of range"):
        layers.LayerNormalization(axis=2)(_data((2, 3)))
    with pytest.raises(ValueError, match="LayerNormalization"):
        layers.LayerNormalization(axis=1.5)
    config = layers.LayerNormalization(axis=[1, 2], epsilon=1e-5, center=False).get_config()
    assert set(config) == {"name", "trainable", "dtype", "axis", "epsilon", "center", "scale", "rms_scaling",
                           "beta_initializer", "gamma_initializer", "beta_regularizer", "gamma_regularizer",
                           "beta_constraint", "gamma_constraint"}
    assert layers.LayerNormalization.from_config(config).get_config()["axis"] == [1, 2]
