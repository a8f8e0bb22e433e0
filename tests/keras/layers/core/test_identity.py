import numpy as np

from eigenflow.keras import layers

from ...testing import check_layer


def test_check_layer_and_values():
    layer = check_layer(layers.Identity, {}, input_shape=(2, 3), expected_output_shape=(2, 3), trainable_weights=0)
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    np.testing.assert_array_equal(layer(x).numpy(), x)
    assert tuple(layer.compute_output_shape((None, 3))) == (None, 3)
    assert set(layer.get_config()) == {"name", "trainable", "dtype"}
