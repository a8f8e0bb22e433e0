import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer


@pytest.mark.parametrize("dims", [(2, 1), (1, 2)])
def test_rank3(dims):
    layer = check_layer(layers.Permute, {"dims": dims}, input_shape=(2, 3, 4), trainable_weights=0)
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    np.testing.assert_array_equal(layer(x).numpy(), x.transpose((0,) + dims))


def test_rank4_and_output_shape():
    layer = check_layer(layers.Permute, {"dims": (3, 1, 2)}, input_shape=(2, 3, 4, 5),
                        expected_output_shape=(2, 5, 3, 4))
    assert layer.compute_output_shape((None, 3, 4, 5)) == (None, 5, 3, 4)
    assert layer.get_config()["dims"] == (3, 1, 2)


@pytest.mark.parametrize("dims", [(0, 1), (1, 3), (1, 1)])
def test_bad_dims(dims):
    with pytest.raises(ValueError, match="Permute"):
        layers.Permute(dims)


def test_wrong_rank():
    with pytest.raises(ValueError, match="rank 3"):
        layers.Permute((2, 1))(np.zeros((2, 3), np.float32))
