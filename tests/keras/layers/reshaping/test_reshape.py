import numpy as np
import pytest

from eigenflow import _core
from eigenflow.keras import layers

from ...testing import check_layer


@pytest.mark.parametrize("target,expected", [((3, 4), (2, 3, 4)), ((-1, 2), (2, 6, 2)), ((12,), (2, 12)),
                                             ((2, -1, 3), (2, 2, 2, 3))])
def test_values(target, expected):
    layer = check_layer(layers.Reshape, {"target_shape": target}, input_shape=(2, 12), expected_output_shape=expected,
                        trainable_weights=0)
    x = np.arange(24, dtype=np.float32).reshape(2, 12)
    np.testing.assert_array_equal(layer(x).numpy(), x.reshape(expected))


def test_size_mismatch_names_layer():
    with pytest.raises(ValueError, match=r"Reshape 'reshape_probe'.*\(5,\)"):
        layers.Reshape((5,), name="reshape_probe")(np.zeros((2, 6), np.float32))
    with pytest.raises(ValueError, match=r"Reshape 'reshape_probe2'"):
        layers.Reshape((-1, 4), name="reshape_probe2")(np.zeros((2, 6), np.float32))


def test_bad_target_shape():
    with pytest.raises(ValueError, match="Reshape"):
        layers.Reshape((-1, -1))
    with pytest.raises(ValueError, match="Reshape"):
        layers.Reshape(("a",))


def test_symbolic_and_output_shape():
    layer = layers.Reshape((-1, 3))
    assert tuple(layer(_core.symbolic([None, 2, 6], "float32")).shape) == (None, 4, 3)
    assert layer.compute_output_shape((None, 12)) == (None, 4, 3)
    assert layer.get_config()["target_shape"] == (-1, 3)
