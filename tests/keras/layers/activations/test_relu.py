import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer


def _reference(x, max_value=None, negative_slope=0.0, threshold=0.0):
    out = np.where(x > threshold, x, negative_slope * (x - threshold))
    if max_value is not None:
        out = np.where(x > threshold, np.minimum(out, max_value), out)
    return out


CASES = [{}, {"max_value": 6.0}, {"max_value": 0.5}, {"negative_slope": 0.2}, {"threshold": 0.3},
         {"negative_slope": 0.1, "threshold": 0.2, "max_value": 0.6}, {"negative_slope": 0.25, "max_value": 0.7}]


@pytest.mark.parametrize("kwargs", CASES)
def test_values_against_numpy(kwargs):
    layer = check_layer(layers.ReLU, kwargs, input_shape=(3, 4), expected_output_shape=(3, 4), trainable_weights=0)
    x = np.linspace(-8, 8, 33, dtype=np.float32).reshape(3, 11)
    np.testing.assert_allclose(layer(x).numpy(), _reference(x, **kwargs), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("kwargs", [{"max_value": -1.0}, {"negative_slope": -0.1}, {"threshold": -1.0},
                                    {"negative_slope": None}, {"threshold": None}])
def test_bad_arguments(kwargs):
    with pytest.raises(ValueError, match="ReLU"):
        layers.ReLU(**kwargs)


def test_config():
    config = layers.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5).get_config()
    assert {k: config[k] for k in ("max_value", "negative_slope", "threshold")} == {
        "max_value": 6.0, "negative_slope": 0.1, "threshold": 0.5}
    assert layers.ReLU().name.startswith("re_lu")
