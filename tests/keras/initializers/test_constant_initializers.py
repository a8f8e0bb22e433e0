import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import initializers


@pytest.mark.parametrize("cls, fill", [(initializers.Zeros, 0.0), (initializers.Ones, 1.0)])
def test_zeros_ones_values_and_dtypes(cls, fill):
    out = cls()((2, 3))
    assert isinstance(out, tf.Tensor) and out.dtype == tf.float32 and tuple(out.shape) == (2, 3)
    np.testing.assert_array_equal(out.numpy(), np.full((2, 3), fill, np.float32))
    assert cls()((4,), dtype="int32").dtype == tf.int32
    assert cls()((), dtype=tf.float64).numpy() == fill


def test_constant_scalar_array_and_reshape():
    np.testing.assert_array_equal(initializers.Constant(0.5)((2, 2)).numpy(), np.full((2, 2), 0.5))
    np.testing.assert_array_equal(initializers.Constant([1.0, 2.0])((2, 2)).numpy(), [[1, 2], [1, 2]])
    # tf.keras 2 let an array with as many elements as the shape fill it.
    np.testing.assert_array_equal(initializers.Constant([1, 2, 3, 4])((2, 2)).numpy(), [[1, 2], [3, 4]])
    assert initializers.Constant(3)((2,), dtype="int64").numpy().tolist() == [3, 3]
    assert initializers.Constant()((1,)).numpy().tolist() == [0.0]


def test_constant_config_holds_plain_values():
    init = initializers.Constant(np.array([1.0, 2.0]))
    assert init.get_config() == {"value": [1.0, 2.0]}
    assert initializers.Constant(tf.constant(2.0)).get_config() == {"value": 2.0}


def test_constant_bad_value_and_shape():
    with pytest.raises(ValueError, match="Constant: value"):
        initializers.Constant("abc")
    with pytest.raises(ValueError, match=r"Constant: value of shape \(3,\) cannot fill a tensor of shape \(2, 2\)"):
        initializers.Constant([1.0, 2.0, 3.0])((2, 2))


def test_identity_square_rectangular_and_gain():
    np.testing.assert_array_equal(initializers.Identity()((3, 3)).numpy(), np.eye(3))
    np.testing.assert_array_equal(initializers.Identity(gain=2.0)((2, 3)).numpy(), 2 * np.eye(2, 3))
    assert initializers.Identity().get_config() == {"gain": 1.0}


def test_identity_rejects_non_matrices():
    with pytest.raises(ValueError, match=r"Identity: .*2-D.*shape=\(2, 2, 2\) of rank 3"):
        initializers.Identity()((2, 2, 2))


def test_bad_shape_names_the_initializer():
    with pytest.raises(ValueError, match="Zeros: shape must be"):
        initializers.Zeros()((None, 3))
