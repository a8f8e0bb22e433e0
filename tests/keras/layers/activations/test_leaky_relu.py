import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer


def test_default_slope_and_values():
    layer = check_layer(layers.LeakyReLU, {}, input_shape=(2, 5), expected_output_shape=(2, 5), trainable_weights=0)
    assert layer.negative_slope == 0.3
    x = np.array([[-2.0, -0.5, 0.0, 1.5]], np.float32)
    np.testing.assert_allclose(layer(x).numpy(), np.where(x > 0, x, 0.3 * x), rtol=1e-6)


def test_alpha_alias_warns():
    with pytest.warns(DeprecationWarning, match="alpha"):
        layer = layers.LeakyReLU(alpha=0.1)
    assert layer.negative_slope == 0.1
    assert layer.get_config()["negative_slope"] == 0.1
    assert "alpha" not in layer.get_config()


@pytest.mark.parametrize("slope", [-0.1, None])
def test_bad_slope(slope):
    with pytest.raises(ValueError, match="LeakyReLU"):
        layers.LeakyReLU(negative_slope=slope)


def test_config_round_trip():
    check_layer(layers.LeakyReLU, {"negative_slope": 0.05}, input_shape=(2, 3))
