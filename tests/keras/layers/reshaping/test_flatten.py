import numpy as np
import pytest

from eigenflow import _core
from eigenflow.keras import layers

from ...testing import check_layer


def test_values_channels_last():
    layer = check_layer(layers.Flatten, {}, input_shape=(2, 3, 4), expected_output_shape=(2, 12), trainable_weights=0)
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    np.testing.assert_array_equal(layer(x).numpy(), x.reshape(2, 12))
    assert layer.get_config()["data_format"] == "channels_last"


def test_channels_first_moves_channels_last():
    layer = check_layer(layers.Flatten, {"data_format": "channels_first"}, input_shape=(2, 3, 2, 2),
                        expected_output_shape=(2, 12))
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2)
    np.testing.assert_array_equal(layer(x).numpy(), x.transpose(0, 2, 3, 1).reshape(2, 12))


def test_rank1_and_symbolic():
    np.testing.assert_array_equal(layers.Flatten()(np.array([1.0, 2.0], np.float32)).numpy(), [[1.0], [2.0]])
    out = layers.Flatten()(_core.symbolic([None, 3, 5], "float32"))
    assert tuple(out.shape) == (None, 15)
    assert layers.Flatten().compute_output_shape((None, 3, 5)) == (None, 15)


def test_bad_data_format():
    with pytest.raises(ValueError, match="Flatten"):
        layers.Flatten(data_format="nhwc")
