import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import layers

from ...testing import check_layer


def _softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("axis", [-1, 1, (1, 2)])
def test_values_against_numpy(axis):
    layer = check_layer(layers.Softmax, {"axis": axis}, input_shape=(2, 3, 4), expected_output_shape=(2, 3, 4),
                        trainable_weights=0)
    x = np.random.default_rng(2).normal(size=(2, 3, 4)).astype(np.float32)
    np.testing.assert_allclose(layer(x).numpy(), _softmax(x, axis), rtol=1e-5, atol=1e-7)


def test_mask_zeroes_masked_entries():
    x = np.array([[1.0, 2.0, 3.0]], np.float32)
    mask = tf.constant([[True, False, True]])
    out = layers.Softmax()(x, mask=mask).numpy()
    expected = _softmax(np.array([[1.0, 3.0]]), -1)
    np.testing.assert_allclose(out, [[expected[0, 0], 0.0, expected[0, 1]]], rtol=1e-5, atol=1e-7)


def test_bad_axis_and_config():
    with pytest.raises(ValueError, match="Softmax"):
        layers.Softmax(axis="last")
    assert layers.Softmax(axis=1).get_config()["axis"] == 1
