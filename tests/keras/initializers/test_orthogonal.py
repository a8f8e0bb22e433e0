import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import initializers


def test_square_and_tall_matrices_have_orthonormal_columns():
    for shape in [(6, 6), (10, 4)]:
        w = initializers.Orthogonal()(shape).numpy()
        np.testing.assert_allclose(w.T @ w, np.eye(shape[1]), atol=1e-5)


def test_wide_matrices_have_orthonormal_rows():
    w = initializers.Orthogonal(seed=1)((3, 8)).numpy()
    np.testing.assert_allclose(w @ w.T, np.eye(3), atol=1e-5)


def test_gain_and_conv_kernel():
    w = initializers.Orthogonal(gain=2.0, seed=3)((3, 3, 4, 8)).numpy()
    assert w.shape == (3, 3, 4, 8)
    flat = w.reshape(-1, 8)
    np.testing.assert_allclose(flat.T @ flat, 4.0 * np.eye(8), atol=1e-4)


def test_seed_and_dtype():
    a = initializers.Orthogonal(seed=5)((4, 4))
    np.testing.assert_array_equal(a.numpy(), initializers.Orthogonal(seed=5)((4, 4)).numpy())
    assert a.dtype == tf.float32
    assert initializers.Orthogonal()((4, 4), dtype="float64").dtype == tf.float64
    assert initializers.Orthogonal(gain=0.5, seed=2).get_config() == {"gain": 0.5, "seed": 2}


def test_rejects_vectors():
    with pytest.raises(ValueError, match=r"Orthogonal: .*at least 2 dimensions, received shape=\(5,\)"):
        initializers.Orthogonal()((5,))
