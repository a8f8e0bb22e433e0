"""Elementwise unary ops (cpp/ops/unary.cpp)."""
import math

import numpy as np
import pytest

import eigenflow as tf

from .harness import case, family_tests

SHAPES = [(3, 4), (), (2, 0), (2, 3, 5)]
INTS = ("float32", "float64", "int32", "int64")


def _away_from_zero(rng, dtype, shapes):
    # abs and sign have a kink / jump at 0.
    return [(rng.uniform(0.2, 2, size=s) * rng.choice([-1, 1], size=s)).astype(dtype) for s in shapes]


def _positive(rng, dtype, shapes):
    return [rng.uniform(0.3, 3, size=s).astype(dtype) for s in shapes]


def _between_integers(rng, dtype, shapes):
    # floor and ceil jump at integers.
    return [(rng.integers(-3, 3, size=s) + rng.uniform(0.1, 0.9, size=s)).astype(dtype) for s in shapes]


def _away_from_halves(rng, dtype, shapes):
    # round jumps at k + 0.5.
    return [(rng.integers(-3, 3, size=s) + rng.uniform(-0.4, 0.4, size=s)).astype(dtype) for s in shapes]


def _with_specials(rng, dtype, shapes):
    out = []
    for s in shapes:
        x = rng.uniform(-2, 2, size=s)
        flat = x.reshape(-1)
        specials = [np.nan, np.inf, -np.inf]
        for j in range(0, flat.size, 3):
            flat[j] = specials[(j // 3) % 3]
        out.append(x.astype(dtype))
    return out


def _clip_inputs(rng, dtype, shapes):
    # min in [-1.5, -0.5], max in [0.5, 1.5]; t kept 0.1 away from both, where the gradient jumps.
    t_shape, lo_shape, hi_shape = shapes
    lo = rng.uniform(-1.5, -0.5, size=lo_shape)
    hi = rng.uniform(0.5, 1.5, size=hi_shape)
    t = rng.uniform(-2.5, 2.5, size=t_shape)
    lo_b, hi_b = np.broadcast_to(lo, t_shape), np.broadcast_to(hi, t_shape)
    t = np.where(np.abs(t - lo_b) < 0.1, lo_b - 0.2, t)
    t = np.where(np.abs(t - hi_b) < 0.1, hi_b + 0.2, t)
    if np.issubdtype(np.dtype(dtype), np.integer):
        return [np.round(a * 2).astype(dtype) for a in (t, lo, hi)]
    return [a.astype(dtype) for a in (t, lo, hi)]


def _softplus(x):
    return np.logaddexp(0, x).astype(x.dtype)


def _erf(x):
    return np.vectorize(math.erf, otypes=[x.dtype])(x) if x.size else x.copy()


def _clip(t, lo, hi):
    return np.maximum(np.minimum(t, hi), lo)


CASES = [
    case("negative", np.negative, SHAPES, dtypes=INTS),
    case("square", np.square, SHAPES, dtypes=INTS),
    case("abs", np.abs, SHAPES, dtypes=INTS, make_inputs=_away_from_zero),
    case("sign", np.sign, SHAPES, dtypes=INTS, make_inputs=_away_from_zero),
    case("exp", np.exp, SHAPES),
    case("log", np.log, SHAPES, make_inputs=_positive),
    case("sqrt", np.sqrt, SHAPES, make_inputs=_positive),
    case("rsqrt", lambda x: 1 / np.sqrt(x), SHAPES, make_inputs=_positive),
    case("reciprocal", np.reciprocal, SHAPES, make_inputs=_away_from_zero),
    case("log1p", np.log1p, SHAPES, low=-0.7, high=2.0),
    case("expm1", np.expm1, SHAPES),
    case("sin", np.sin, SHAPES, low=-4.0, high=4.0),
    case("cos", np.cos, SHAPES, low=-4.0, high=4.0),
    case("tan", np.tan, SHAPES, low=-1.2, high=1.2),
    case("tanh", np.tanh, SHAPES, low=-4.0, high=4.0),
    case("sigmoid", lambda x: 1 / (1 + np.exp(-x)), SHAPES, low=-6.0, high=6.0),
    case("softplus", _softplus, SHAPES, low=-6.0, high=6.0),
    case("softsign", lambda x: x / (1 + np.abs(x)), SHAPES, low=-4.0, high=4.0),
    case("erf", _erf, SHAPES),
    case("floor", np.floor, SHAPES, make_inputs=_between_integers, grad=False),
    case("ceil", np.ceil, SHAPES, make_inputs=_between_integers, grad=False),
    case("round", np.round, SHAPES, dtypes=INTS, make_inputs=_away_from_halves, grad=False),
    case("clip_by_value", _clip,
         [((3, 4), (), ()), ((2, 3), (3,), (2, 1)), ((), (), ()), ((2, 0), (), (0,)), ((4, 1, 3), (1, 3), ())],
         dtypes=INTS, make_inputs=_clip_inputs),
    case("is_nan", np.isnan, SHAPES, make_inputs=_with_specials, grad=False),
    case("is_inf", np.isinf, SHAPES, make_inputs=_with_specials, grad=False),
    case("is_finite", np.isfinite, SHAPES, make_inputs=_with_specials, grad=False),
    case("logical_not", np.logical_not, SHAPES, dtypes=("bool",), grad=False,
         make_inputs=lambda rng, dt, shapes: [rng.random(s) > 0.5 for s in shapes]),
]

test_forward, test_gradient = family_tests(CASES)


# Public names, as TensorFlow 2 exports them.
EXPORTS = {
    "abs": ["abs", "math.abs"], "sign": ["sign", "math.sign"], "sqrt": ["sqrt", "math.sqrt"],
    "rsqrt": ["math.rsqrt"], "reciprocal": ["math.reciprocal"], "log": ["math.log"],
    "log1p": ["math.log1p"], "expm1": ["math.expm1"], "sin": ["sin", "math.sin"],
    "cos": ["cos", "math.cos"], "tan": ["tan", "math.tan"], "tanh": ["tanh", "math.tanh", "nn.tanh"],
    "sigmoid": ["sigmoid", "math.sigmoid", "nn.sigmoid"], "softplus": ["math.softplus", "nn.softplus"],
    "softsign": ["math.softsign", "nn.softsign"], "erf": ["math.erf"], "floor": ["floor", "math.floor"],
    "ceil": ["math.ceil"], "round": ["round", "math.round"], "clip_by_value": ["clip_by_value"],
    "is_nan": ["math.is_nan"], "is_inf": ["math.is_inf"], "is_finite": ["math.is_finite"],
    "logical_not": ["logical_not", "math.logical_not"],
}


def _lookup(public):
    obj = tf
    for part in public.split("."):
        obj = getattr(obj, part)
    return obj


@pytest.mark.parametrize("op", sorted(EXPORTS))
def test_exported_names(op):
    fns = [_lookup(p) for p in EXPORTS[op]]
    assert all(f is fns[0] for f in fns)


def test_round_half_to_even():
    x = tf.constant([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5])
    np.testing.assert_array_equal(tf.round(x).numpy(), [-2, -2, -0, 0, 2, 2, 4])


def test_softplus_is_stable_for_large_inputs():
    for dtype in (tf.float32, tf.float64):
        x = tf.constant([-1000.0, -50.0, 0.0, 100.0, 1000.0], dtype=dtype)
        y = tf.nn.softplus(x).numpy()
        assert np.all(np.isfinite(y))
        np.testing.assert_allclose(y, [0, np.exp(-50.0), np.log(2), 100, 1000], rtol=1e-6, atol=0)
        with tf.GradientTape() as tape:
            tape.watch(x)
            s = tf.reduce_sum(tf.nn.softplus(x))
        np.testing.assert_allclose(tape.gradient(s, x).numpy(), [0, np.exp(-50.0), 0.5, 1, 1], rtol=1e-6)


def test_sigmoid_is_accurate_in_the_tail():
    x = np.array([-15.0, -10.0, -5.0, 5.0, 15.0], dtype=np.float32)
    want = 1 / (1 + np.exp(-x.astype(np.float64)))
    np.testing.assert_allclose(tf.sigmoid(tf.constant(x)).numpy(), want, rtol=1e-6)


def test_result_dtypes():
    assert tf.abs(tf.constant([-3, 2], dtype=tf.int64)).dtype == tf.int64
    assert tf.sign(tf.constant([-3, 2])).dtype == tf.int32
    assert tf.math.is_nan(tf.constant([1.0])).dtype == tf.bool
    assert tf.round(tf.constant([1, 2])).dtype == tf.int32
    assert tf.sqrt(tf.constant([4.0], dtype=tf.float64)).dtype == tf.float64


def test_rounding_ops_have_no_gradient():
    # TensorFlow: None for floor/ceil/round, zeros for sign.
    x = tf.constant([0.3, 1.7, -2.2])
    for fn in (tf.floor, tf.math.ceil, tf.round):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = fn(x)
        assert tape.gradient(y, x) is None
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = tf.sign(x)
    np.testing.assert_array_equal(tape.gradient(y, x).numpy(), [0, 0, 0])


def test_clip_by_value_gradient_boundaries():
    # The gradient passes to t where min <= t <= max, the bounds included.
    t = tf.constant([-2.0, -1.0, 0.0, 1.0, 2.0])
    lo, hi = tf.constant(-1.0), tf.constant(1.0)
    with tf.GradientTape() as tape:
        tape.watch([t, lo, hi])
        y = tf.clip_by_value(t, lo, hi)
    gt, glo, ghi = tape.gradient(y, [t, lo, hi])
    np.testing.assert_array_equal(gt.numpy(), [0, 1, 1, 1, 0])
    assert float(glo) == 1.0 and float(ghi) == 1.0


def test_clip_by_value_min_above_max_gives_min():
    y = tf.clip_by_value(tf.constant([0.0, 5.0]), 3.0, 1.0)
    np.testing.assert_array_equal(y.numpy(), [3, 3])


def test_second_order_tanh():
    x = tf.constant([-0.7, 0.2, 1.3], dtype=tf.float64)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.tanh(x)
        dy = inner.gradient(y, x)
    d2 = outer.gradient(dy, x)
    t = np.tanh(x.numpy())
    np.testing.assert_allclose(d2.numpy(), -2 * t * (1 - t * t), rtol=1e-10)


@pytest.mark.parametrize("call, name", [
    (lambda: tf.sqrt(tf.constant([1, 2])), "sqrt"),
    (lambda: tf.math.log(tf.constant([1, 2])), "log"),
    (lambda: tf.sigmoid(tf.constant([1, 2], dtype=tf.int64)), "sigmoid"),
    (lambda: tf.floor(tf.constant([1, 2])), "floor"),
    (lambda: tf.math.is_nan(tf.constant([1, 2])), "is_nan"),
    (lambda: tf.abs(tf.constant([True])), "abs"),
    (lambda: tf.logical_not(tf.constant([1.0])), "logical_not"),
    (lambda: tf.clip_by_value(tf.constant([1.0, 2.0]), tf.constant([[0.0], [1.0]]), 2.0), "clip_by_value"),
    (lambda: tf.clip_by_value(tf.constant([1.0, 2.0]), tf.constant([0.0, 1.0, 2.0]), 2.0), "clip_by_value"),
    (lambda: tf.clip_by_value(tf.constant([1.0]), tf.constant(0.0, dtype=tf.float64), 2.0), "clip_by_value"),
])
def test_bad_input_raises(call, name):
    with pytest.raises(tf.errors.InvalidArgumentError, match=rf"\[{name}\]"):
        call()
