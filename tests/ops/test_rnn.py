"""Fused recurrent cells (cpp/ops/rnn.cpp, cpp/kernels/rnn.cpp), against NumPy gate by gate."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow import _core

from .harness import case, family_tests


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _gates(z):
    i, f, g, o = np.split(z, 4, axis=1)
    return _sigmoid(i), _sigmoid(f), np.tanh(g), _sigmoid(o)


def _lstm_cell(z, c_prev):
    i, f, g, o = _gates(z)
    c = f * c_prev + i * g
    return o * np.tanh(c), c


def _lstm_cell_grad(z, c_prev, dh, dc):
    i, f, g, o = _gates(z)
    tc = np.tanh(f * c_prev + i * g)
    total = dc + dh * o * (1 - tc ** 2)
    dz = np.concatenate([total * g * i * (1 - i), total * c_prev * f * (1 - f), total * i * (1 - g ** 2),
                         dh * tc * o * (1 - o)], axis=1)
    return dz, total * f


def _gru_parts(x_proj, h_proj):
    xz, xr, xh = np.split(x_proj, 3, axis=1)
    hz, hr, hh = np.split(h_proj, 3, axis=1)
    z, r = _sigmoid(xz + hz), _sigmoid(xr + hr)
    return z, r, np.tanh(xh + r * hh), hh


def _gru_cell(x_proj, h_proj, h):
    z, _, candidate, _ = _gru_parts(x_proj, h_proj)
    return z * h + (1 - z) * candidate


def _gru_cell_grad(x_proj, h_proj, h, dh_new):
    z, r, candidate, h_h = _gru_parts(x_proj, h_proj)
    a_h = dh_new * (1 - z) * (1 - candidate ** 2)
    a_z = dh_new * (h - candidate) * z * (1 - z)
    a_r = a_h * h_h * r * (1 - r)
    return np.concatenate([a_z, a_r, a_h], axis=1), np.concatenate([a_z, a_r, a_h * r], axis=1), dh_new * z


CASES = [
    case("lstm_cell", _lstm_cell, shapes=[((3, 8), (3, 2)), ((1, 20), (1, 5)), ((0, 12), (0, 3))]),
    case("lstm_cell_grad", _lstm_cell_grad,
         shapes=[((3, 8), (3, 2), (3, 2), (3, 2)), ((2, 12), (2, 3), (2, 3), (2, 3))]),
    case("gru_cell", _gru_cell,
         shapes=[((3, 6), (3, 6), (3, 2)), ((1, 15), (1, 15), (1, 5)), ((0, 9), (0, 9), (0, 3))]),
    case("gru_cell_grad", _gru_cell_grad, shapes=[((3, 6), (3, 6), (3, 2), (3, 2)), ((2, 9), (2, 9), (2, 3), (2, 3))]),
    # Batches large enough that the rows are shared among the pool's threads.
    case("lstm_cell", _lstm_cell, shapes=[((67, 256), (67, 64))], grad=False, name="lstm_cell_rows_across_threads"),
    case("lstm_cell_grad", _lstm_cell_grad, shapes=[((67, 256), (67, 64), (67, 64), (67, 64))], grad=False,
         name="lstm_cell_grad_rows_across_threads"),
    case("gru_cell", _gru_cell, shapes=[((67, 192), (67, 192), (67, 64))], grad=False,
         name="gru_cell_rows_across_threads"),
    case("gru_cell_grad", _gru_cell_grad, shapes=[((67, 192), (67, 192), (67, 64), (67, 64))], grad=False,
         name="gru_cell_grad_rows_across_threads"),
]

test_forward, test_gradient = family_tests(CASES)


def test_lstm_cell_second_order():
    """The gradient of a gradient through lstm_cell, against finite differences of the first."""
    rng = np.random.default_rng(3)
    z0, c0 = rng.normal(size=(2, 8)), rng.normal(size=(2, 2))

    def first(z):
        z = tf.constant(z)
        with tf.GradientTape() as tape:
            tape.watch(z)
            h, c = _core.ops.lstm_cell(z, tf.constant(c0))
            y = tf.reduce_sum(h * h) + tf.reduce_sum(c)
        return tape.gradient(y, z)

    z = tf.constant(z0)
    with tf.GradientTape() as outer:
        outer.watch(z)
        with tf.GradientTape() as inner:
            inner.watch(z)
            h, c = _core.ops.lstm_cell(z, tf.constant(c0))
            y = tf.reduce_sum(h * h) + tf.reduce_sum(c)
        g = inner.gradient(y, z)
        s = tf.reduce_sum(g * g)
    analytic = outer.gradient(s, z).numpy()
    eps, numeric = 1e-6, np.zeros_like(z0)
    for j in range(z0.size):
        up, down = z0.copy(), z0.copy()
        up.reshape(-1)[j] += eps
        down.reshape(-1)[j] -= eps
        numeric.reshape(-1)[j] = (np.sum(first(up).numpy() ** 2) - np.sum(first(down).numpy() ** 2)) / (2 * eps)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6)


def test_gru_cell_second_order():
    rng = np.random.default_rng(4)
    x0, p0, h0 = rng.normal(size=(2, 6)), rng.normal(size=(2, 6)), rng.normal(size=(2, 2))

    def first(x, p, h):
        sources = [tf.constant(v) for v in (x, p, h)]
        with tf.GradientTape() as tape:
            for s in sources:
                tape.watch(s)
            y = tf.reduce_sum(tf.square(_core.ops.gru_cell(*sources)))
        return tape.gradient(y, sources)

    def objective(x, p, h):
        return sum(float(tf.reduce_sum(g * g)) for g in first(x, p, h))

    sources = [tf.constant(v) for v in (x0, p0, h0)]
    with tf.GradientTape() as outer:
        for s in sources:
            outer.watch(s)
        with tf.GradientTape() as inner:
            for s in sources:
                inner.watch(s)
            y = tf.reduce_sum(tf.square(_core.ops.gru_cell(*sources)))
        total = tf.add_n([tf.reduce_sum(g * g) for g in inner.gradient(y, sources)])
    analytic = [g.numpy() for g in outer.gradient(total, sources)]
    values, eps = [x0, p0, h0], 1e-6
    for k, base in enumerate(values):
        numeric = np.zeros_like(base)
        for j in range(base.size):
            up = [v.copy() for v in values]
            down = [v.copy() for v in values]
            up[k].reshape(-1)[j] += eps
            down[k].reshape(-1)[j] -= eps
            numeric.reshape(-1)[j] = (objective(*up) - objective(*down)) / (2 * eps)
        np.testing.assert_allclose(analytic[k], numeric, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("shapes", [((3, 6), (3, 6), (3, 3)), ((3, 6), (3, 9), (3, 2)), ((3, 6), (2, 6), (3, 2)),
                                    ((3, 6, 1), (3, 6), (3, 2))])
def test_gru_cell_bad_shapes(shapes):
    with pytest.raises(ValueError, match=r"\[gru_cell\]"):
        _core.ops.gru_cell(*[tf.zeros(s) for s in shapes])


@pytest.mark.parametrize("z_shape, c_shape", [((3, 8), (3, 3)), ((3, 8), (2, 2)), ((3, 8, 1), (3, 2)), ((3,), (3, 2))])
def test_lstm_cell_bad_shapes(z_shape, c_shape):
    with pytest.raises(ValueError, match=r"\[lstm_cell\]"):
        _core.ops.lstm_cell(tf.zeros(z_shape), tf.zeros(c_shape))


def test_lstm_cell_bad_dtypes():
    with pytest.raises(ValueError, match=r"\[lstm_cell\]"):
        _core.ops.lstm_cell(tf.zeros((2, 4), dtype=tf.int32), tf.zeros((2, 1), dtype=tf.int32))
    with pytest.raises(ValueError, match=r"\[lstm_cell\]"):
        _core.ops.lstm_cell(tf.zeros((2, 4)), tf.zeros((2, 1), dtype=tf.float64))


def test_lstm_cell_symbolic_batch():
    h, c = _core.ops.lstm_cell(_core.symbolic([None, 12], "float32"), _core.symbolic([None, 3], "float32"))
    assert tuple(h.shape) == (None, 3) and tuple(c.shape) == (None, 3)
    g = _core.ops.gru_cell(_core.symbolic([None, 9], "float32"), _core.symbolic([None, 9], "float32"),
                           _core.symbolic([None, 3], "float32"))
    assert tuple(g.shape) == (None, 3)
