"""Tensor.__getitem__ against NumPy, its gradient, and its errors."""
import numpy as np
import pytest

import eigenflow as tf

X = np.arange(24, dtype=np.float32).reshape(2, 3, 4)

KEYS = [
    0, -1, (1, 2), (slice(None), 1), (slice(None), 1, slice(None)), (Ellipsis, 0), (Ellipsis, slice(1, 3)),
    (None,), (slice(None), None), (0, Ellipsis, None), slice(0, 1), (slice(None), slice(None, None, -1)),
    (slice(None), slice(None, None, 2), slice(3, 0, -2)), (1, slice(-2, None)), (slice(5, 9),),
    (slice(None), slice(2, 1)),
]


@pytest.mark.parametrize("key", KEYS, ids=[repr(k) for k in KEYS])
def test_getitem_matches_numpy(key):
    np.testing.assert_array_equal(tf.constant(X)[key].numpy(), X[key])


def test_tensor_index_and_loop_index():
    t = tf.constant(X)
    for i in range(tf.shape(t)[1] if hasattr(tf, "shape") else 3):
        np.testing.assert_array_equal(t[:, i, :].numpy(), X[:, i, :])
    np.testing.assert_array_equal(t[tf.constant(1)].numpy(), X[1])


def test_slice_gradient_scatters_back():
    v = tf.Variable(X)
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v[:, 1:, ::2] * 2.0)
    want = np.zeros_like(X)
    want[:, 1:, ::2] = 2.0
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), want)


def test_index_errors():
    t = tf.constant(X)
    with pytest.raises(tf.errors.InvalidArgumentError, match="out of bounds"):
        t[2]
    with pytest.raises(tf.errors.InvalidArgumentError, match="too many indices"):
        t[0, 0, 0, 0]
    with pytest.raises(tf.errors.InvalidArgumentError):
        t["a"]
