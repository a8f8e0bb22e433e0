import numpy as np
import pytest

import eigenflow as tf
from eigenflow import _core
from eigenflow.keras import layers

from ...testing import check_layer


def _data(shapes):
    rng = np.random.default_rng(0)
    return [rng.uniform(-1, 1, size=s).astype(np.float32) for s in shapes]


@pytest.mark.parametrize("axis,shapes,expected", [
    (-1, [(2, 3), (2, 4)], (2, 7)),
    (1, [(2, 3, 4), (2, 1, 4), (2, 2, 4)], (2, 6, 4)),
    (-2, [(2, 3, 4), (2, 5, 4)], (2, 8, 4)),
])
def test_values(axis, shapes, expected):
    data = _data(shapes)
    layer = check_layer(layers.Concatenate, {"axis": axis}, input_data=data, expected_output_shape=expected,
                        trainable_weights=0, check_gradients=False)
    np.testing.assert_array_equal(layer(data).numpy(), np.concatenate(data, axis=axis))
    np.testing.assert_array_equal(layers.concatenate(data, axis=axis).numpy(), np.concatenate(data, axis=axis))
    assert layer.compute_output_shape([(None,) + s[1:] for s in shapes]) == (None,) + expected[1:]


def test_gradient_splits():
    xs = [tf.constant(x) for x in _data([(2, 2), (2, 3)])]
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        out = layers.Concatenate()(xs)
        total = tf.reduce_sum(out * tf.constant(np.arange(10, dtype=np.float32).reshape(2, 5)))
    g0, g1 = tape.gradient(total, xs)
    weights = np.arange(10, dtype=np.float32).reshape(2, 5)
    np.testing.assert_array_equal(g0.numpy(), weights[:, :2])
    np.testing.assert_array_equal(g1.numpy(), weights[:, 2:])


def test_single_input_allowed_as_in_keras():
    (x,) = _data([(2, 3)])
    np.testing.assert_array_equal(layers.Concatenate()([x]).numpy(), x)


def test_shape_errors():
    with pytest.raises(ValueError, match=r"Concatenate 'cat_probe'.*matching shapes except along axis -1.*"
                                         r"\(None, 3, 2\), \(None, 4, 2\)"):
        layers.Concatenate(name="cat_probe")(_data([(2, 3, 2), (2, 4, 2)]))
    with pytest.raises(ValueError, match="matching shapes"):
        layers.Concatenate()(_data([(2, 3), (2, 3, 1)]))
    with pytest.raises(ValueError, match="list of tensors"):
        layers.Concatenate()(_data([(2, 3)])[0])
    with pytest.raises(ValueError, match="out of range"):
        layers.Concatenate(axis=3)(_data([(2, 3), (2, 3)]))


def test_symbolic_and_config():
    a = _core.symbolic([None, 3], "float32")
    b = _core.symbolic([None, 5], "float32")
    assert tuple(layers.Concatenate()([a, b]).shape) == (None, 8)
    config = layers.Concatenate(axis=1).get_config()
    assert config["axis"] == 1
    assert layers.Concatenate.from_config(config).get_config() == config
