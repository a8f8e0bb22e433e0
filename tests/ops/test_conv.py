"""Convolution and pooling ops (cpp/ops/conv.cpp, cpp/ops/pool.cpp), against direct NumPy
loops over the filter taps and the output pixels."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow import _core

from .harness import case, family_tests


# --- NumPy references ------------------------------------------------------------------

def _pair(v, spatial=2):
    """(height, width) of a strides / ksize / dilations argument, as TensorFlow reads it."""
    v = [v] if np.isscalar(v) else list(v)
    if len(v) == spatial + 2:
        v = v[1:-1]
    if spatial == 1:
        return 1, v[-1]
    return (v[0], v[0]) if len(v) == 1 else tuple(v)


def _axis(n, k, stride, dilation, padding):
    """Output size and leading padding of one axis."""
    span = (k - 1) * dilation + 1
    if padding.upper() == "SAME":
        out = -(-n // stride)
        return out, max((out - 1) * stride + span - n, 0) // 2
    return (n - span) // stride + 1, 0


def _taps(x_shape, k, strides, padding, dilations=1):
    """For each filter tap (ky, kx): the output pixels it reaches and the input pixels it reads."""
    _, h, w, _ = x_shape
    (sh, sw), (dh, dw) = _pair(strides), _pair(dilations)
    oh, pt = _axis(h, k[0], sh, dh, padding)
    ow, pl = _axis(w, k[1], sw, dw, padding)
    for ky in range(k[0]):
        for kx in range(k[1]):
            iy = np.arange(oh) * sh - pt + ky * dh
            ix = np.arange(ow) * sw - pl + kx * dw
            vy, vx = (iy >= 0) & (iy < h), (ix >= 0) & (ix < w)
            yield ky, kx, (oh, ow), np.ix_(vy, vx), np.ix_(iy[vy], ix[vx])


def conv2d_ref(x, w, strides=1, padding="VALID", dilations=1, data_format=None):
    x, w = x.astype(np.float64), w.astype(np.float64)
    out = None
    for ky, kx, (oh, ow), o, i in _taps(x.shape, w.shape[:2], strides, padding, dilations):
        if out is None:
            out = np.zeros((x.shape[0], oh, ow, w.shape[3]))
        out[:, o[0], o[1], :] += x[:, i[0], i[1], :] @ w[ky, kx]
    return out


def backprop_input_ref(w, dy, input_sizes, strides, padding, dilations=1):
    w, dy = w.astype(np.float64), dy.astype(np.float64)
    dx = np.zeros(input_sizes)
    for ky, kx, _, o, i in _taps(input_sizes, w.shape[:2], strides, padding, dilations):
        dx[:, i[0], i[1], :] += dy[:, o[0], o[1], :] @ w[ky, kx].T
    return dx


def backprop_filter_ref(x, dy, filter_sizes, strides, padding, dilations=1):
    x, dy = x.astype(np.float64), dy.astype(np.float64)
    dw = np.zeros(filter_sizes)
    for ky, kx, _, o, i in _taps(x.shape, filter_sizes[:2], strides, padding, dilations):
        patch, grad = x[:, i[0], i[1], :], dy[:, o[0], o[1], :]
        dw[ky, kx] = patch.reshape(-1, patch.shape[-1]).T @ grad.reshape(-1, grad.shape[-1])
    return dw


def conv1d_ref(x, w, stride=1, padding="VALID", dilations=1, data_format=None):
    return conv2d_ref(x[:, None], w[None], _pair(stride, 1), padding, _pair(dilations, 1))[:, 0]


def convolution_ref(x, w, strides=1, padding="VALID", dilations=1):
    return (conv1d_ref if w.ndim == 3 else conv2d_ref)(x, w, strides, padding, dilations)


def _windows(x, ksize, strides, padding, spatial=2):
    """(oy, ox, window) for each output pixel; the window holds only cells inside x."""
    x4 = x if spatial == 2 else x[:, None]
    (kh, kw), (sh, sw) = _pair(ksize, spatial), _pair(strides, spatial)
    oh, pt = _axis(x4.shape[1], kh, sh, 1, padding)
    ow, pl = _axis(x4.shape[2], kw, sw, 1, padding)
    for oy in range(oh):
        for ox in range(ow):
            y0, x0 = oy * sh - pt, ox * sw - pl
            yield oy, ox, (oh, ow), x4[:, max(y0, 0):y0 + kh, max(x0, 0):x0 + kw, :]


def pool_ref(reduce, spatial=2):
    def ref(x, ksize, strides, padding, data_format=None):
        out = None
        for oy, ox, (oh, ow), win in _windows(x, ksize, strides, padding, spatial or x.ndim - 2):
            if out is None:
                out = np.zeros((x.shape[0], oh, ow, x.shape[-1]), dtype=x.dtype)
            out[:, oy, ox] = reduce(win, axis=(1, 2))
        return out if (spatial or x.ndim - 2) == 2 else out[:, 0]
    return ref


def max_pool_grad_ref(x, dy, ksize, strides, padding):
    dx = np.zeros(x.shape)
    _, _, w, c = x.shape
    (kh, kw), (sh, sw) = _pair(ksize), _pair(strides)
    _, pt = _axis(x.shape[1], kh, sh, 1, padding)
    _, pl = _axis(w, kw, sw, 1, padding)
    for oy, ox, _, win in _windows(x, ksize, strides, padding):
        flat = win.reshape(win.shape[0], -1, c)
        first = flat.argmax(axis=1)  # first maximum in row-major window order
        y0, x0 = max(oy * sh - pt, 0), max(ox * sw - pl, 0)
        for n in range(x.shape[0]):
            for ch in range(c):
                wy, wx = divmod(first[n, ch], win.shape[2])
                dx[n, y0 + wy, x0 + wx, ch] += dy[n, oy, ox, ch]
    return dx


def max_pool_grad_grad_ref(x, g, ksize, strides, padding):
    # The adjoint of max_pool_grad_ref in its gradient argument.
    oh = _axis(x.shape[1], _pair(ksize)[0], _pair(strides)[0], 1, padding)[0]
    ow = _axis(x.shape[2], _pair(ksize)[1], _pair(strides)[1], 1, padding)[0]
    out = np.zeros((x.shape[0], oh, ow, x.shape[3]))
    for idx in np.ndindex(*out.shape):
        unit = np.zeros(out.shape)
        unit[idx] = 1
        out[idx] = np.sum(max_pool_grad_ref(x, unit, ksize, strides, padding) * g)
    return out


def avg_pool_grad_ref(dy, orig_input_shape, ksize, strides, padding):
    dx = np.zeros(orig_input_shape)
    (kh, kw), (sh, sw) = _pair(ksize), _pair(strides)
    _, pt = _axis(orig_input_shape[1], kh, sh, 1, padding)
    _, pl = _axis(orig_input_shape[2], kw, sw, 1, padding)
    for oy, ox, _, win in _windows(dx, ksize, strides, padding):
        y0, x0 = max(oy * sh - pt, 0), max(ox * sw - pl, 0)
        dx[:, y0:y0 + win.shape[1], x0:x0 + win.shape[2]] += dy[:, oy, ox][:, None, None] / (win.shape[1] * win.shape[2])
    return dx


def _small(rng, dtype, shapes):
    # Values in [-1, 1] keep float32 sums of many products within the forward tolerance.
    return [rng.uniform(-1, 1, size=s).astype(dtype) for s in shapes]


# --- rows --------------------------------------------------------------------------------

CONV2D_FORWARD = [
    {"strides": 1, "padding": "VALID"},
    {"strides": 1, "padding": "SAME"},
    {"strides": 2, "padding": "SAME"},
    {"strides": [2, 1], "padding": "valid"},
    {"strides": [1, 2, 2, 1], "padding": "same"},
    {"strides": 1, "padding": "SAME", "dilations": 2},
    {"strides": 2, "padding": "VALID", "dilations": [1, 2]},
]
CONV2D_SHAPES = [
    ((2, 7, 8, 3), (3, 3, 3, 4)),
    ((3, 6, 6, 2), (2, 2, 2, 5)),     # even kernel: SAME pads more after than before
    ((2, 5, 5, 4), (1, 1, 4, 3)),     # 1x1: the input is the patch matrix (stride 1)
    ((1, 9, 7, 1), (4, 3, 1, 2)),
    ((0, 5, 5, 2), (3, 3, 2, 2)),     # empty batch
]
GRAD_ATTRS = [
    {"strides": 1, "padding": "SAME"},
    {"strides": 2, "padding": "VALID"},
    {"strides": 2, "padding": "SAME", "dilations": 1},
    {"strides": 1, "padding": "VALID", "dilations": 2},
]


def _backprop_input_call(w, dy, **a):
    return _core.ops.conv2d_backprop_input(filters=w, out_backprop=dy, **a)


def _backprop_filter_call(x, dy, **a):
    return _core.ops.conv2d_backprop_filter(input=x, out_backprop=dy, **a)


def _transpose_ref(x, w, output_shape, strides, padding="SAME", dilations=1):
    return backprop_input_ref(w, x, output_shape, strides, padding, dilations)


def _avg_grad_call(dy, **a):
    return _core.ops.avg_pool2d_grad(grad=dy, **a)


CASES = [
    case("conv2d", conv2d_ref, CONV2D_SHAPES, CONV2D_FORWARD, grad=False, make_inputs=_small),
    case("conv2d", conv2d_ref, [((1, 5, 5, 2), (3, 3, 2, 3)), ((2, 4, 3, 1), (2, 2, 1, 2))], GRAD_ATTRS,
         make_inputs=_small, dtypes=("float64",), name="conv2d_grad"),
    # A filter as large as the image (one output pixel per image): no im2col either.
    case("conv2d", conv2d_ref, [((3, 4, 4, 2), (4, 4, 2, 3))], {"strides": 1, "padding": "VALID"},
         make_inputs=_small, name="conv2d_full_window"),
    case("conv2d", conv2d_ref, [((2, 5, 5, 2), (3, 3, 2, 3))], {"strides": 1, "padding": "SAME"},
         dtypes=("int32",), grad=False, name="conv2d_int32"),
    # Extra leading axes fold into the batch.
    case("conv2d", lambda x, w, **a: conv2d_ref(x.reshape(-1, *x.shape[2:]), w, **a).reshape(2, 2, 2, 2, 3),
         [((2, 2, 4, 4, 2), (3, 3, 2, 3))], {"strides": 1, "padding": "VALID"}, make_inputs=_small,
         name="conv2d_batch_axes"),
    case("conv1d", conv1d_ref, [((2, 9, 3), (3, 3, 4)), ((1, 6, 2), (2, 2, 2))],
         [{"stride": 1, "padding": "SAME"}, {"stride": 2, "padding": "VALID"},
          {"stride": [1, 1, 1], "padding": "SAME", "dilations": 2}], make_inputs=_small),
    case("convolution", convolution_ref, [((2, 5, 5, 2), (3, 3, 2, 3)), ((2, 7, 2), (3, 2, 2))],
         [{}, {"strides": 2, "padding": "SAME"}], make_inputs=_small),
    case("conv2d_backprop_input", lambda w, dy, **a: backprop_input_ref(w, dy, **a),
         [((3, 3, 2, 3), (1, 3, 3, 3))],
         [{"input_sizes": [1, 5, 5, 2], "strides": 2, "padding": "SAME"},
          {"input_sizes": [1, 5, 5, 2], "strides": 1, "padding": "VALID"},
          {"input_sizes": [1, 8, 8, 2], "strides": 2, "padding": "VALID"},  # last row and column unread
          {"input_sizes": [1, 3, 3, 2], "strides": 1, "padding": "SAME", "dilations": 2}],
         make_inputs=_small, call=_backprop_input_call),
    case("conv2d_backprop_filter", lambda x, dy, **a: backprop_filter_ref(x, dy, **a),
         [((1, 5, 5, 2), (1, 3, 3, 3))],
         [{"filter_sizes": [3, 3, 2, 3], "strides": 2, "padding": "SAME"},
          {"filter_sizes": [3, 3, 2, 3], "strides": 1, "padding": "VALID"},
          {"filter_sizes": [2, 2, 2, 3], "strides": 2, "padding": "SAME"},
          {"filter_sizes": [2, 2, 2, 3], "strides": 1, "padding": "VALID", "dilations": 2}],
         make_inputs=_small, call=_backprop_filter_call),
    case("conv2d_transpose", _transpose_ref, [((1, 3, 3, 3), (3, 3, 2, 3))],
         [{"output_shape": [1, 5, 5, 2], "strides": 2}, {"output_shape": [1, 6, 6, 2], "strides": 2, "padding": "SAME"},
          {"output_shape": [1, 5, 5, 2], "strides": 1, "padding": "VALID"}], make_inputs=_small),
    case("conv2d_transpose", _transpose_ref, [((2, 2, 2, 3), (2, 2, 1, 3))],
         {"output_shape": [2, 4, 4, 1], "strides": [1, 2, 2, 1], "padding": "SAME"}, make_inputs=_small,
         name="conv2d_transpose_even"),
    case("max_pool2d", pool_ref(np.max), [(2, 6, 7, 3), (1, 5, 5, 1)],
         [{"ksize": 2, "strides": 2, "padding": "VALID"}, {"ksize": 3, "strides": 2, "padding": "SAME"},
          {"ksize": [1, 2, 3, 1], "strides": [1, 1], "padding": "same"}], dtypes=("float32", "float64", "int32")),
    case("max_pool1d", pool_ref(np.max, 1), [(2, 7, 3)],
         [{"ksize": 2, "strides": 2, "padding": "SAME"}, {"ksize": 3, "strides": 1, "padding": "VALID"}]),
    case("max_pool", pool_ref(np.max, 0), [(2, 5, 4, 2), (2, 7, 3)], {"ksize": 2, "strides": 2, "padding": "SAME"},
         dtypes=("float32", "float64", "int64")),
    case("avg_pool2d", pool_ref(np.mean), [(2, 6, 7, 3), (1, 5, 5, 1)],
         [{"ksize": 2, "strides": 2, "padding": "VALID"}, {"ksize": 3, "strides": 2, "padding": "SAME"},
          {"ksize": [2, 3], "strides": 1, "padding": "SAME"}]),
    case("avg_pool1d", pool_ref(np.mean, 1), [(2, 7, 3)], {"ksize": 3, "strides": 2, "padding": "SAME"}),
    case("avg_pool", pool_ref(np.mean, 0), [(2, 5, 4, 2), (2, 7, 3)], {"ksize": 2, "strides": 1, "padding": "SAME"}),
    case("max_pool2d_grad", max_pool_grad_ref, [((1, 5, 5, 2), (1, 3, 3, 2))], {"ksize": 3, "strides": 2, "padding": "SAME"}),
    case("max_pool2d_grad", max_pool_grad_ref, [((2, 4, 4, 1), (2, 2, 2, 1))], {"ksize": 2, "strides": 2, "padding": "VALID"},
         name="max_pool2d_grad_valid"),
    case("max_pool2d_grad_grad", max_pool_grad_grad_ref, [((1, 5, 5, 2), (1, 5, 5, 2))],
         [{"ksize": 3, "strides": 2, "padding": "SAME"}, {"ksize": 2, "strides": 1, "padding": "VALID"}]),
    case("avg_pool2d_grad", lambda dy, **a: avg_pool_grad_ref(dy, **a), [(1, 3, 3, 2)],
         [{"orig_input_shape": [1, 5, 5, 2], "ksize": 3, "strides": 2, "padding": "SAME"},
          {"orig_input_shape": [1, 6, 6, 2], "ksize": 2, "strides": 2, "padding": "VALID"},
          {"orig_input_shape": [1, 3, 3, 2], "ksize": 2, "strides": 1, "padding": "SAME"}], call=_avg_grad_call),
]

test_forward, test_gradient = family_tests(CASES)


# --- public names, second order, errors ---------------------------------------------------

def test_public_names():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (2, 6, 6, 3))
    w = rng.uniform(-1, 1, (3, 3, 3, 4))
    np.testing.assert_allclose(tf.nn.conv2d(x, w, strides=[1, 2, 2, 1], padding="SAME").numpy(),
                               conv2d_ref(x, w, 2, "SAME"), rtol=1e-10)
    np.testing.assert_allclose(tf.nn.convolution(x, w, padding="SAME").numpy(), conv2d_ref(x, w, 1, "SAME"), rtol=1e-10)
    np.testing.assert_allclose(tf.nn.max_pool(x, 2, 2, "VALID").numpy(), pool_ref(np.max)(x, 2, 2, "VALID"))
    np.testing.assert_allclose(tf.nn.avg_pool2d(x, 3, 1, "SAME").numpy(), pool_ref(np.mean)(x, 3, 1, "SAME"))
    y = tf.nn.conv2d_transpose(tf.constant(x), tf.constant(rng.uniform(-1, 1, (2, 2, 5, 3))), [2, 12, 12, 5], 2)
    assert y.shape == (2, 12, 12, 5)


def test_gradient_with_respect_to_both_inputs_matches_references():
    rng = np.random.default_rng(3)
    x = tf.constant(rng.uniform(-1, 1, (2, 7, 6, 3)))
    w = tf.constant(rng.uniform(-1, 1, (3, 2, 3, 4)))
    dy = rng.uniform(-1, 1, (2, 4, 3, 4))
    with tf.GradientTape() as tape:
        tape.watch([x, w])
        y = tf.nn.conv2d(x, w, 2, "SAME")
        loss = tf.reduce_sum(y * tf.constant(dy))
    dx, dw = tape.gradient(loss, [x, w])
    np.testing.assert_allclose(dx.numpy(), backprop_input_ref(w.numpy(), dy, x.shape, 2, "SAME"), rtol=1e-10)
    np.testing.assert_allclose(dw.numpy(), backprop_filter_ref(x.numpy(), dy, w.shape, 2, "SAME"), rtol=1e-10)


def test_second_order():
    """d/dx of a function of d(loss)/dw: the gradient ops' own gradients at work."""
    rng = np.random.default_rng(4)
    x0 = rng.uniform(-1, 1, (1, 4, 4, 2))
    w = tf.constant(rng.uniform(-1, 1, (2, 2, 2, 2)))

    def inner(x_np, outer_tape=None):
        x = tf.constant(x_np)
        if outer_tape:
            outer_tape.watch(x)
        with tf.GradientTape() as tape:
            tape.watch(w)
            y = tf.nn.conv2d(x, w, 1, "SAME")
            loss = tf.reduce_sum(y * y)
        dw = tape.gradient(loss, w)
        return x, tf.reduce_sum(dw * dw)

    with tf.GradientTape() as outer:
        x, value = inner(x0, outer)
    analytic = outer.gradient(value, x).numpy()
    numeric = np.zeros_like(x0)
    for i in np.ndindex(*x0.shape):
        up, down = x0.copy(), x0.copy()
        up[i] += 1e-6
        down[i] -= 1e-6
        numeric[i] = (float(inner(up)[1]) - float(inner(down)[1])) / 2e-6
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-5)


def test_max_pool_gradient_goes_to_the_first_maximum():
    x = tf.constant(np.array([[1.0, 3.0], [3.0, 2.0]]).reshape(1, 2, 2, 1))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.nn.max_pool2d(x, 2, 2, "VALID")
    np.testing.assert_array_equal(tape.gradient(y, x).numpy().reshape(2, 2), [[0, 1], [0, 0]])


def _raises(fn, *words):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        fn()
    for word in words:
        assert word in str(info.value), str(info.value)


def test_errors():
    x = np.zeros((1, 5, 5, 3), np.float32)
    w = np.zeros((3, 3, 2, 4), np.float32)
    _raises(lambda: tf.nn.conv2d(x, w, 1, "SAME"), "[conv2d]", "(1, 5, 5, 3)", "(3, 3, 2, 4)")
    w3 = np.zeros((3, 3, 3, 4), np.float32)
    _raises(lambda: tf.nn.conv2d(x[0], w3, 1, "SAME"), "[conv2d]", "rank")
    _raises(lambda: tf.nn.conv2d(x, w3[0], 1, "SAME"), "[conv2d]", "rank 4")
    _raises(lambda: tf.nn.conv2d(x, w3, 0, "SAME"), "[conv2d]", "strides")
    _raises(lambda: tf.nn.conv2d(x, w3, [1, 2, 2], "SAME"), "[conv2d]", "[1, 2, 2]")
    _raises(lambda: tf.nn.conv2d(x, w3, [2, 1, 1, 1], "SAME"), "[conv2d]", "strides")
    _raises(lambda: tf.nn.conv2d(x, w3, 1, "SAME", dilations=0), "[conv2d]", "dilations")
    _raises(lambda: tf.nn.conv2d(x, w3, 2**40, "SAME"), "[conv2d]", "strides")
    _raises(lambda: tf.nn.conv2d(x, np.zeros((0, 3, 3, 4), np.float32), 1, "SAME"), "[conv2d]", "wide")
    _raises(lambda: tf.nn.conv2d(x, w3, 1, "FULL"), "[conv2d]", "FULL")
    _raises(lambda: tf.nn.conv2d(x, np.zeros((6, 3, 3, 4), np.float32), 1, "VALID"), "[conv2d]", "VALID")
    _raises(lambda: tf.nn.conv2d(x, w3, 1, "VALID", dilations=3), "[conv2d]", "VALID")
    _raises(lambda: tf.nn.conv2d(x, w3.astype(np.float64), 1, "SAME"), "[conv2d]", "float64")
    _raises(lambda: tf.nn.conv2d(x.astype(bool), w3.astype(bool), 1, "SAME"), "[conv2d]", "bool")
    _raises(lambda: tf.nn.conv2d(x, w3, 1, "SAME", data_format="NWHC"), "[conv2d]", "data_format")
    with pytest.raises(tf.errors.UnimplementedError):
        tf.nn.conv2d(x, w3, 1, "SAME", data_format="NCHW")
    _raises(lambda: tf.nn.conv1d(x[0], w[0], 1, "SAME"), "[conv1d]", "(5, 5, 3)", "(3, 2, 4)")
    _raises(lambda: tf.nn.convolution(x, np.zeros((3,), np.float32)), "[convolution]", "rank 3 or 4")
    dy = np.zeros((1, 3, 3, 4), np.float32)
    _raises(lambda: tf.nn.conv2d_transpose(dy, w3, [1, 9, 9, 3], 1, "SAME"), "[conv2d_transpose]", "(1, 9, 9, 4)")
    _raises(lambda: tf.nn.conv2d_transpose(dy, w3, [1, 5, 5], 1), "[conv2d_transpose]", "output_shape")
    _raises(lambda: tf.nn.conv2d_transpose(dy, w3, [1, 5, 5, 2], 2), "[conv2d_transpose]", "depth")
    _raises(lambda: _core.ops.conv2d_backprop_filter(x, [3, 3, 3, 5], dy, 1, "VALID"), "[conv2d_backprop_filter]")
    _raises(lambda: _core.ops.conv2d_backprop_input([1, 5, 5, 3], w3, dy, 2, "VALID"), "[conv2d_backprop_input]")


def test_pool_errors():
    x = np.zeros((1, 4, 4, 2), np.float32)
    _raises(lambda: tf.nn.max_pool2d(x, 5, 1, "VALID"), "[max_pool2d]", "window")
    _raises(lambda: tf.nn.max_pool2d(x[0], 2, 1, "VALID"), "[max_pool2d]", "4-D")
    _raises(lambda: tf.nn.max_pool1d(x, 2, 1, "VALID"), "[max_pool1d]", "3-D")
    _raises(lambda: tf.nn.avg_pool2d(x, [2, 2, 2], 1, "VALID"), "[avg_pool2d]", "ksize")
    _raises(lambda: tf.nn.avg_pool2d(x, 2, [1, 1, 1, 2], "VALID"), "[avg_pool2d]", "strides")
    _raises(lambda: tf.nn.avg_pool2d(x, 2, 1, "same-ish"), "[avg_pool2d]", "padding")
    _raises(lambda: tf.nn.avg_pool2d(x.astype(np.int32), 2, 1, "SAME"), "[avg_pool2d]", "int32")
    _raises(lambda: tf.nn.max_pool(x[0, 0], 2, 1, "SAME"), "[max_pool]", "(4, 2)")
    _raises(lambda: _core.ops.max_pool2d_grad(x, np.zeros((1, 3, 3, 2), np.float32), 2, 2, "VALID"), "[max_pool2d_grad]", "grad")
    _raises(lambda: _core.ops.avg_pool2d_grad([1, 4, 4], np.zeros((1, 2, 2, 2), np.float32), 2, 2, "VALID"),
            "[avg_pool2d_grad]", "orig_input_shape")
    with pytest.raises(tf.errors.UnimplementedError):
        tf.nn.max_pool(np.zeros((1, 2, 2, 2, 1), np.float32), 2, 2, "VALID")


@pytest.mark.parametrize("xs, ws, strides, padding", [
    ((16, 20, 20, 8), (3, 3, 8, 8), 1, "SAME"),     # two chunks of rows, split inside an image
    ((4, 40, 40, 64), (5, 5, 64, 4), 1, "VALID"),  # 11 chunks; im2col split across threads
    ((9, 22, 22, 64), (3, 3, 64, 8), 1, "VALID"),  # images split unevenly over threads, several chunks each
    ((3, 21, 21, 8), (3, 3, 8, 8), 2, "SAME"),     # too few images to split: chunks split inside
])
def test_large_convolution_and_gradients(xs, ws, strides, padding):
    rng = np.random.default_rng(5)
    x, w = rng.uniform(-1, 1, xs), rng.uniform(-1, 1, ws)
    y = tf.nn.conv2d(x, w, strides, padding).numpy()
    np.testing.assert_allclose(y, conv2d_ref(x, w, strides, padding), rtol=1e-9, atol=1e-9)
    dy = rng.uniform(-1, 1, y.shape)
    dx = _core.ops.conv2d_backprop_input(xs, w, dy, strides, padding).numpy()
    np.testing.assert_allclose(dx, backprop_input_ref(w, dy, xs, strides, padding), rtol=1e-9, atol=1e-9)
    dw = _core.ops.conv2d_backprop_filter(x, ws, dy, strides, padding).numpy()
    np.testing.assert_allclose(dw, backprop_filter_ref(x, dy, ws, strides, padding), rtol=1e-9, atol=1e-9)


def test_large_pools():
    rng = np.random.default_rng(6)
    x = rng.uniform(-1, 1, (16, 32, 32, 8))
    for ksize, strides, padding in [(2, 2, "VALID"), (3, 2, "SAME")]:
        np.testing.assert_allclose(tf.nn.max_pool2d(x, ksize, strides, padding).numpy(),
                                   pool_ref(np.max)(x, ksize, strides, padding))
        y = tf.nn.avg_pool2d(x, ksize, strides, padding).numpy()
        np.testing.assert_allclose(y, pool_ref(np.mean)(x, ksize, strides, padding), rtol=1e-12, atol=1e-15)
        dy = rng.uniform(-1, 1, y.shape)
        np.testing.assert_allclose(_core.ops.max_pool2d_grad(x, dy, ksize, strides, padding).numpy(),
                                   max_pool_grad_ref(x, dy, ksize, strides, padding), rtol=1e-12)
        np.testing.assert_allclose(_core.ops.avg_pool2d_grad(x.shape, dy, ksize, strides, padding).numpy(),
                                   avg_pool_grad_ref(dy, x.shape, ksize, strides, padding), rtol=1e-12, atol=1e-15)
