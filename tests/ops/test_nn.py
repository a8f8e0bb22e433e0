"""tf.nn ops (cpp/ops/nn.cpp, nn_activation.cpp, nn_loss.cpp, python/eigenflow/nn.py)."""
import math

import numpy as np
import pytest

import eigenflow as tf

from .harness import case, family_tests

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
GELU_C = math.sqrt(2 / math.pi)
ALL_NUMERIC = ("float32", "float64", "int32", "int64")
ELEMENTWISE = [(3, 4), (), (2, 0), (7,)]

_erf = np.vectorize(math.erf, otypes=[np.float64])


# NumPy references, written from the definitions.
def _gelu(x, approximate=False):
    if approximate:
        return 0.5 * x * (1 + np.tanh(GELU_C * (x + 0.044715 * x ** 3)))
    return 0.5 * x * (1 + _erf(x / math.sqrt(2)))


def _gelu_grad(x, approximate=False):
    if approximate:
        t = np.tanh(GELU_C * (x + 0.044715 * x ** 3))
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x)
    return (0.5 * (1 + _erf(x / math.sqrt(2))) + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)).astype(x.dtype)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _log_softmax(x, axis=-1):
    axis = -1 if axis is None else axis
    m = x.max(axis=axis, keepdims=True, initial=-np.inf)
    with np.errstate(divide="ignore"):  # log of an empty sum, for zero-size rows
        return x - m - np.log(np.exp(x - m).sum(axis=axis, keepdims=True))


def _softmax(x, axis=-1):
    return np.exp(_log_softmax(x, axis))


def _xent(labels, logits, axis=-1):
    return -(labels * _log_softmax(logits, axis)).sum(axis=axis)


def _sparse_xent(labels, logits):
    ls = _log_softmax(logits)
    return -np.take_along_axis(ls, labels[..., None].astype(np.int64), axis=-1)[..., 0]


def _bias_add(value, bias, data_format=None):
    if data_format and data_format.startswith("NC"):
        return value + bias.reshape((-1,) + (1,) * (value.ndim - 2))
    return value + bias


def _l2_normalize(x, axis=None, epsilon=1e-12):
    ss = np.sum(x * x, axis=None if axis is None else tuple(np.atleast_1d(axis)), keepdims=True)
    return x / np.sqrt(np.maximum(ss, epsilon))


def _moments(x, axes, keepdims=False):
    axes = tuple(np.atleast_1d(axes))
    return x.mean(axis=axes, keepdims=keepdims), x.var(axis=axes, keepdims=keepdims)


# Input makers.
def _labels_and_logits(rng, dtype, shapes):
    return [rng.uniform(0, 1, size=shapes[0]).astype(dtype), rng.uniform(-3, 3, size=shapes[1]).astype(dtype)]


def _sparse_inputs(rng, dtype, shapes):
    classes = shapes[1][-1]
    return [rng.integers(0, classes, size=shapes[0]).astype(np.int32), rng.uniform(-3, 3, size=shapes[1]).astype(dtype)]


def _away_from(*kinks):
    # Inputs at least 0.05 from each kink, where finite differences would straddle it.
    def make(rng, dtype, shapes):
        x = rng.uniform(-3, 8, size=shapes[0])
        for k in kinks:
            x = np.where(np.abs(x - k) < 0.05, k + 0.1, x)
        if np.issubdtype(np.dtype(dtype), np.integer):
            x = np.round(x)
        return [x.astype(dtype)]
    return make


def _away_from_on_second(*kinks):
    # A gradient input anywhere, and the features (second input) away from the kinks.
    def make(rng, dtype, shapes):
        return [rng.uniform(-3, 3, size=shapes[0]).astype(dtype), _away_from(*kinks)(rng, dtype, shapes[1:])[0]]
    return make


CASES = [
    case("relu", lambda x: np.maximum(x, 0).astype(x.dtype), ELEMENTWISE, dtypes=ALL_NUMERIC,
         make_inputs=_away_from(0)),
    case("relu_grad", lambda dy, x: np.where(x > 0, dy, 0).astype(dy.dtype),
         [((3, 4), (3, 4)), ((), ()), ((2, 0), (2, 0)), ((7,), (7,))], dtypes=ALL_NUMERIC,
         make_inputs=_away_from_on_second(0)),
    case("relu6", lambda x: np.clip(x, 0, 6).astype(x.dtype), ELEMENTWISE, dtypes=ALL_NUMERIC,
         make_inputs=_away_from(0, 6)),
    case("leaky_relu", lambda x, alpha=0.2: np.where(x > 0, x, alpha * x).astype(x.dtype), ELEMENTWISE,
         attrs=[{}, {"alpha": 0.05}, {"alpha": 2.0}], make_inputs=_away_from(0)),
    case("elu", lambda x: np.where(x > 0, x, np.expm1(x)), ELEMENTWISE, make_inputs=_away_from(0)),
    case("selu", lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x)), ELEMENTWISE,
         make_inputs=_away_from(0)),
    case("gelu", _gelu, ELEMENTWISE, attrs=[{}, {"approximate": True}], low=-4, high=4),
    case("gelu_grad", _gelu_grad, ELEMENTWISE, attrs=[{}, {"approximate": True}], low=-4, high=4),
    case("silu", lambda x, beta=1.0: x * _sigmoid(beta * x), ELEMENTWISE, attrs=[{}, {"beta": 0.5}],
         low=-12, high=5),
    case("softmax", _softmax, [(3, 4), (5,), (2, 3, 4), (2, 0), (0, 3)], low=-4, high=4),
    case("softmax", _softmax, [(2, 3, 4)], attrs=[{"axis": 0}, {"axis": 1}, {"axis": -2}],
         name="softmax_axis", low=-4, high=4),
    case("log_softmax", _log_softmax, [(3, 4), (5,), (2, 3, 4), (2, 0)], low=-4, high=4),
    case("log_softmax", _log_softmax, [(2, 3, 4)], attrs=[{"axis": 0}, {"axis": 1}],
         name="log_softmax_axis", low=-4, high=4),
    case("sigmoid_cross_entropy_with_logits",
         lambda z, x: np.maximum(x, 0) - x * z + np.log1p(np.exp(-np.abs(x))),
         [((3, 4), (3, 4)), ((), ()), ((2, 0), (2, 0))], make_inputs=_labels_and_logits),
    case("softmax_cross_entropy_with_logits", _xent, [((3, 4), (3, 4)), ((5,), (5,)), ((2, 3, 4), (2, 3, 4))],
         make_inputs=_labels_and_logits),
    case("softmax_cross_entropy_with_logits", _xent, [((2, 3, 4), (2, 3, 4))],
         attrs=[{"axis": 0}, {"axis": 1}], make_inputs=_labels_and_logits, name="softmax_cross_entropy_axis"),
    case("sparse_softmax_cross_entropy_with_logits", _sparse_xent,
         [((3,), (3, 4)), ((), (5,)), ((2, 3), (2, 3, 4)), ((0,), (0, 4))], make_inputs=_sparse_inputs),
    case("bias_add", _bias_add, [((3, 4), (4,)), ((2, 3, 4), (4,)), ((2, 0, 3), (3,))], dtypes=ALL_NUMERIC),
    case("bias_add", _bias_add, [((2, 3, 4), (3,)), ((2, 3, 2, 2), (3,))],
         attrs=[{"data_format": "NCHW"}, {"data_format": "NC..."}], name="bias_add_channels_first"),
    case("bias_add", _bias_add, [((2, 3, 2, 4), (4,))], attrs=[{"data_format": "NHWC"}], name="bias_add_nhwc"),
    case("l2_normalize", _l2_normalize, [(3, 4), (5,)], attrs=[{}, {"axis": 0}, {"axis": -1}]),
    case("l2_normalize", _l2_normalize, [(2, 3, 4)], attrs=[{"axis": [0, 2]}, {"axis": 1}], name="l2_normalize_axes"),
    case("l2_normalize", _l2_normalize, [(3, 4)], attrs=[{"axis": 1, "epsilon": 1e-2}], low=-0.01, high=0.01,
         name="l2_normalize_below_epsilon"),
    case("moments", _moments, [(3, 4), (2, 3, 4)], attrs=[{"axes": [0]}, {"axes": [0, 1], "keepdims": True}],
         call=tf.nn.moments),
    case("moments", _moments, [(5,)], attrs=[{"axes": 0}, {"axes": [-1], "keepdims": True}],
         call=tf.nn.moments, name="moments_vector"),
]

test_forward, test_gradient = family_tests(CASES)


# Public names and keywords, as TF 2 users call them.
def test_public_names_and_keywords():
    x = tf.constant([[1.0, -2.0, 3.0]])
    np.testing.assert_allclose(tf.nn.relu(features=x).numpy(), [[1, 0, 3]])
    np.testing.assert_allclose(tf.nn.leaky_relu(x, alpha=0.5).numpy(), [[1, -1, 3]])
    np.testing.assert_allclose(tf.nn.softmax(logits=x, axis=-1).numpy(), _softmax(x.numpy()), rtol=1e-6)
    np.testing.assert_allclose(tf.math.softmax(x).numpy(), _softmax(x.numpy()), rtol=1e-6)
    np.testing.assert_allclose(tf.math.log_softmax(x, axis=None).numpy(), _log_softmax(x.numpy()), rtol=1e-6)
    assert tf.nn.swish is tf.nn.silu
    assert tf.math.l2_normalize is tf.nn.l2_normalize
    loss = tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones_like(x), logits=x)
    assert loss.shape == (1, 3)
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=[[0.0, 0.0, 1.0]], logits=x)
    assert loss.dtype == tf.float32 and loss.shape == (1,)
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[2], logits=x)
    np.testing.assert_allclose(loss.numpy(), _sparse_xent(np.array([2]), x.numpy()), rtol=1e-6)
    mean, variance = tf.nn.moments(x, axes=[1], keepdims=True)
    assert mean.shape == (1, 1) and variance.shape == (1, 1)


def test_moments_of_integers_truncates_like_tensorflow():
    mean, variance = tf.nn.moments(tf.constant([1, 2, 4]), axes=[0])
    assert mean.dtype == tf.int32 and int(mean) == 2 and int(variance) == 1


def test_gradients_at_kinks_follow_tensorflow():
    x = tf.constant([0.0, 6.0])  # TensorFlow's slopes exactly at the kinks
    slopes = {}
    for name, fn in [("relu", tf.nn.relu), ("relu6", tf.nn.relu6), ("leaky_relu", tf.nn.leaky_relu),
                     ("elu", tf.nn.elu), ("selu", tf.nn.selu)]:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = tf.reduce_sum(fn(x))
        slopes[name] = tape.gradient(y, x).numpy()
    want = {"relu": [0, 1], "relu6": [0, 0], "leaky_relu": [0.2, 1], "elu": [1, 1], "selu": [SELU_SCALE] * 2}
    for name, slope in want.items():
        np.testing.assert_allclose(slopes[name], slope, rtol=1e-6, err_msg=name)


# Stability: logits of magnitude 1000 give finite values and gradients.
BIG = np.array([[1000.0, -1000.0, 0.0, 999.0], [-1000.0, -999.0, -1000.0, -1000.0]])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_large_logits_stay_finite(dtype):
    logits = tf.constant(BIG.astype(dtype))
    labels = tf.constant(np.array([[0.1, 0.2, 0.3, 0.4], [0.0, 1.0, 0.0, 0.0]], dtype))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(logits)
        tape.watch(labels)
        outs = {
            "softmax": tf.nn.softmax(logits),
            "softmax_axis0": tf.nn.softmax(logits, axis=0),
            "log_softmax": tf.nn.log_softmax(logits),
            "xent": tf.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits),
            "sparse": tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[3, 1], logits=logits),
            "sigmoid": tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits),
            "silu": tf.nn.silu(logits),
            "gelu": tf.nn.gelu(logits),
            "gelu_tanh": tf.nn.gelu(logits, approximate=True),
            "elu": tf.nn.elu(logits),
        }
    tol = 1e-5 if dtype == "float32" else 1e-12
    np.testing.assert_allclose(outs["softmax"].numpy(), _softmax(BIG), atol=tol)
    np.testing.assert_allclose(outs["log_softmax"].numpy(), _log_softmax(BIG), rtol=tol)
    np.testing.assert_allclose(outs["xent"].numpy(), _xent(labels.numpy().astype("float64"), BIG), rtol=tol)
    np.testing.assert_allclose(outs["sparse"].numpy(), [1.0 + np.log1p(np.exp(-1.0)), np.log1p(3 * np.exp(-1.0))],
                               rtol=tol)
    for key, out in outs.items():
        assert np.all(np.isfinite(out.numpy())), key
        grads = tape.gradient(out, [logits, labels])
        for g in grads:
            if g is not None:
                assert np.all(np.isfinite(g.numpy())), f"gradient of {key}"


# Second order: the gradient of each gradient against central differences of the first.
def _first_grad(fn, x):
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.reduce_sum(fn(x) * W_OUT)
    return tape.gradient(y, x).numpy()


W_OUT = tf.constant(np.random.default_rng(3).normal(size=(2, 3)))
W_GRAD = np.random.default_rng(4).normal(size=(2, 3))
SECOND_ORDER = {
    "relu": lambda x: tf.nn.relu(x) * x,
    "relu6": lambda x: tf.nn.relu6(x) * x,
    "leaky_relu": lambda x: tf.nn.leaky_relu(x) * x,
    "elu": tf.nn.elu,
    "selu": tf.nn.selu,
    "gelu": tf.nn.gelu,
    "gelu_tanh": lambda x: tf.nn.gelu(x, approximate=True),
    "silu": lambda x: tf.nn.silu(x, beta=1.5),
    "softmax": tf.nn.softmax,
    "softmax_axis0": lambda x: tf.nn.softmax(x, axis=0),
    "log_softmax": tf.nn.log_softmax,
    "sigmoid_xent": lambda x: tf.nn.sigmoid_cross_entropy_with_logits(labels=x * 0.5, logits=x),
    "xent": lambda x: tf.nn.softmax_cross_entropy_with_logits(labels=tf.nn.softmax(x * 2.0), logits=x)[..., None],
    "sparse_xent": lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[2, 0], logits=x)[..., None],
    "l2_normalize": lambda x: tf.nn.l2_normalize(x, axis=1),
    "bias_add": lambda x: tf.nn.bias_add(x * x, tf.reduce_sum(x, axis=0)),
}


@pytest.mark.parametrize("name", sorted(SECOND_ORDER))
def test_second_order(name):
    fn = SECOND_ORDER[name]
    x0 = np.array([[0.3, -1.2, 2.1], [-0.4, 0.8, -2.5]])
    x = tf.constant(x0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(fn(x) * W_OUT)
        g = inner.gradient(y, x)
        z = tf.reduce_sum(g * tf.constant(W_GRAD))
    analytic = outer.gradient(z, x).numpy()
    numeric = np.zeros_like(x0)
    eps = 1e-6
    for i in np.ndindex(x0.shape):
        up, down = x0.copy(), x0.copy()
        up[i] += eps
        down[i] -= eps
        numeric[i] = np.sum((_first_grad(fn, up) - _first_grad(fn, down)) * W_GRAD) / (2 * eps)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6, err_msg=name)


# Bad input raises InvalidArgumentError naming the op and what it received.
ERRORS = [
    ("softmax", lambda: tf.nn.softmax(tf.constant([1, 2])), "int32"),
    ("softmax", lambda: tf.nn.softmax(tf.constant(1.0)), "()"),
    ("softmax", lambda: tf.nn.softmax(tf.constant([[1.0]]), axis=2), "2"),
    ("log_softmax", lambda: tf.nn.log_softmax(tf.constant([1.0]), axis=-3), "-3"),
    ("leaky_relu", lambda: tf.nn.leaky_relu(tf.constant([1, 2])), "int32"),
    ("gelu", lambda: tf.nn.gelu(tf.constant([True])), "bool"),
    ("relu", lambda: tf.nn.relu(tf.constant([True])), "bool"),
    ("sigmoid_cross_entropy_with_logits",
     lambda: tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.zeros_like(tf.constant([1.0, 2.0])),
                                                     logits=tf.constant([1.0, 2.0, 3.0])), "(2,)"),
    ("softmax_cross_entropy_with_logits",
     lambda: tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant([[1.0, 0.0]]),
                                                     logits=tf.constant([[1.0, 2.0, 3.0]])), "(1, 3)"),
    ("softmax_cross_entropy_with_logits",
     lambda: tf.nn.softmax_cross_entropy_with_logits(labels=tf.constant([1.0, 0.0], dtype=tf.float64),
                                                     logits=tf.constant([1.0, 2.0])), "float64"),
    ("sparse_softmax_cross_entropy_with_logits",
     lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0, 3], logits=np.ones((2, 3), np.float32)),
     "label value of 3 which is outside the valid range of [0, 3)"),
    ("sparse_softmax_cross_entropy_with_logits",
     lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([-1], dtype=tf.int64),
                                                            logits=tf.constant([[1.0, 2.0]])),
     "label value of -1"),
    ("sparse_softmax_cross_entropy_with_logits",
     lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[[0]], logits=tf.constant([[1.0, 2.0]])), "(1, 1)"),
    ("sparse_softmax_cross_entropy_with_logits",
     lambda: tf.nn.sparse_softmax_cross_entropy_with_logits(labels=[0.0], logits=tf.constant([[1.0, 2.0]])), "float32"),
    ("bias_add", lambda: tf.nn.bias_add(tf.constant([[1.0, 2.0]]), tf.constant([1.0, 2.0, 3.0])), "(3,)"),
    ("bias_add", lambda: tf.nn.bias_add(tf.constant([[1.0, 2.0]]), tf.constant([[1.0, 2.0]])), "(1, 2)"),
    ("bias_add", lambda: tf.nn.bias_add(tf.constant([1.0, 2.0]), tf.constant([1.0, 2.0])), "(2,)"),
    ("bias_add", lambda: tf.nn.bias_add(tf.constant([[1.0, 2.0]]), tf.constant([1.0, 2.0]), data_format="HWC"),
     "'HWC'"),
    ("l2_normalize", lambda: tf.nn.l2_normalize(tf.constant([[1.0, 2.0]]), axis=2), "2"),
    ("l2_normalize", lambda: tf.math.l2_normalize(tf.constant([1, 2])), "int32"),
    ("moments", lambda: tf.nn.moments(tf.constant([[1.0, 2.0]]), axes=[3]), "3"),
]


@pytest.mark.parametrize("op,fn,received", ERRORS, ids=[f"{e[0]}-{i}" for i, e in enumerate(ERRORS)])
def test_bad_input_raises(op, fn, received):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        fn()
    message = str(info.value)
    assert f"[{op}]" in message and received in message, message
