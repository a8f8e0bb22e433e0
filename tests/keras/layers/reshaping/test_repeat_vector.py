import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer


def test_values():
    layer = check_layer(layers.RepeatVector, {"n": 3}, input_shape=(2, 4), expected_output_shape=(2, 3, 4),
                        trainable_weights=0)
    x = np.arange(8, dtype=np.float32).reshape(2, 4)
    np.testing.assert_array_equal(layer(x).numpy(), np.repeat(x[:, None, :], 3, axis=1))
    assert layer.compute_output_shape((None, 4)) == (None, 3, 4)
    assert layer.get_config()["n"] == 3


def test_bad_arguments():
    with pytest.raises(TypeError, match="RepeatVector"):
        layers.RepeatVector(2.0)
    with pytest.raises(ValueError, match="rank 2"):
        layers.RepeatVector(2)(np.zeros((2, 3, 4), np.float32))
