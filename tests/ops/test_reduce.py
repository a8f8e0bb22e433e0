"""Reductions, arg-reductions and cumsum (cpp/ops/reduce.cpp), and the reduction
composites of python/eigenflow/math.py."""
import warnings

import numpy as np
import pytest

import eigenflow as tf

from .harness import case, family_tests

FLOATS = ("float32", "float64")
NUMERIC = ("float32", "float64", "int32", "int64")

AXES_3D = [{}, {"axis": 0}, {"axis": 1}, {"axis": -1}, {"axis": [0, 2]}, {"axis": [-1, 1], "keepdims": True},
           {"axis": None, "keepdims": True}, {"axis": []}]
AXES_SMALL = [{}, {"keepdims": True}]
AXES_EMPTY = [{}, {"axis": 0}, {"axis": 1, "keepdims": True}]


def _np_axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def _ref(fn, empty=None):
    """A NumPy reduction called as the op is, in the input's dtype; EMPTY (a function of the
    dtype) gives the value of reductions over no elements, where NumPy would raise."""
    def ref(x, axis=None, keepdims=False):
        ax = _np_axis(axis)
        if empty is not None and x.size == 0:
            shape = np.sum(np.zeros(x.shape), axis=ax, keepdims=keepdims).shape
            return np.full(shape, empty(x.dtype), dtype=x.dtype)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return np.asarray(fn(x, axis=ax, keepdims=keepdims)).astype(x.dtype)
    return ref


def _mean(x, axis, keepdims):
    if np.issubdtype(x.dtype, np.integer):  # TF divides integers with truncation
        count = max(x.size // max(np.sum(x, axis=axis, keepdims=keepdims).size, 1), 1)
        return np.trunc(np.sum(x, axis=axis, keepdims=keepdims, dtype=np.int64) / count)
    return np.mean(x, axis=axis, keepdims=keepdims)


def _logsumexp(x, axis, keepdims):
    top = np.max(x, axis=axis, keepdims=True)
    s = np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True)) + top
    return s if keepdims else np.squeeze(s, axis=axis)


def _lowest(dt):
    return -np.inf if np.issubdtype(dt, np.floating) else np.iinfo(dt).min


def _highest(dt):
    return np.inf if np.issubdtype(dt, np.floating) else np.iinfo(dt).max


def _with_zeros(rng, dtype, shapes):
    # Exact zeros (one or two per row) exercise reduce_prod's gradient where y / x fails.
    x = rng.uniform(0.5, 1.5, size=shapes[0]) * rng.choice([-1, 1], size=shapes[0])
    flat = x.reshape(-1)
    flat[:: 5] = 0
    return [x.astype(dtype)]


def _bools(rng, dtype, shapes):
    return [rng.random(s) > 0.6 for s in shapes]


def _reduction_rows(op, ref, dtypes=NUMERIC, grad=True, empty=True, **kw):
    rows = [case(op, ref, [(2, 3, 4)], attrs=AXES_3D, dtypes=dtypes, grad=grad, **kw),
            case(op, ref, [(), (5,), (1, 7)], attrs=AXES_SMALL, dtypes=dtypes, grad=grad, name=f"{op}_small", **kw)]
    if empty:
        rows.append(case(op, ref, [(0, 3)], attrs=AXES_EMPTY, dtypes=dtypes, grad=False, name=f"{op}_empty"))
    return rows


def _arg_ref(fn):
    def ref(x, axis=None, output_type=tf.int64):
        return fn(x, axis=0 if axis is None else axis).astype(output_type.as_numpy_dtype)
    return ref


def _cumsum_ref(x, axis=0, exclusive=False, reverse=False):
    y = np.flip(x, axis) if reverse else x
    c = np.cumsum(y, axis=axis, dtype=x.dtype)
    if exclusive:
        c = np.moveaxis(c, axis, 0)
        c = np.concatenate([np.zeros_like(c[:1]), c[:-1]], axis=0)
        c = np.moveaxis(c, 0, axis)
    return np.flip(c, axis) if reverse else c


CASES = [
    *_reduction_rows("reduce_sum", _ref(np.sum)),
    *_reduction_rows("reduce_mean", _ref(_mean)),
    *_reduction_rows("reduce_max", _ref(np.max, empty=_lowest)),
    *_reduction_rows("reduce_min", _ref(np.min, empty=_highest)),
    *_reduction_rows("reduce_prod", _ref(np.prod)),
    case("reduce_prod", _ref(np.prod), [(3, 5), (2, 5)], attrs=[{}, {"axis": 1}, {"axis": 0, "keepdims": True}],
         make_inputs=_with_zeros, name="reduce_prod_zeros"),
    *_reduction_rows("reduce_logsumexp", _ref(_logsumexp, empty=lambda dt: -np.inf), dtypes=FLOATS),
    case("reduce_logsumexp", _ref(_logsumexp), [(3, 4)], attrs=[{}, {"axis": 0}, {"axis": 1}], low=500, high=800,
         name="reduce_logsumexp_large", rtol=1e-6),
    *_reduction_rows("reduce_any", _ref(np.any), dtypes=("bool",), grad=False, make_inputs=_bools),
    *_reduction_rows("reduce_all", _ref(np.all), dtypes=("bool",), grad=False, make_inputs=_bools),
    # argmax / argmin: ties (frequent in the int rows) resolve to the first index, as NumPy.
    case("argmax", _arg_ref(np.argmax), [(5,), (3, 4), (2, 3, 4), (3, 0)], dtypes=NUMERIC, grad=False,
         attrs=[{}, {"output_type": tf.int32}]),
    case("argmax", _arg_ref(np.argmax), [(3, 4), (2, 3, 4), (2, 1, 3)], dtypes=NUMERIC, grad=False,
         attrs=[{"axis": 1}, {"axis": -1, "output_type": tf.int32}], name="argmax_axis"),
    case("argmin", _arg_ref(np.argmin), [(5,), (3, 4), (2, 3, 4), (3, 0)], dtypes=NUMERIC, grad=False,
         attrs=[{}, {"output_type": tf.int32}]),
    case("argmin", _arg_ref(np.argmin), [(3, 4), (2, 3, 4)], dtypes=NUMERIC, grad=False,
         attrs=[{"axis": 1}, {"axis": -1}], name="argmin_axis"),
    case("argmax", _arg_ref(np.argmax), [(3, 4)], dtypes=("bool",), grad=False, make_inputs=_bools,
         attrs=[{}, {"axis": 1}], name="argmax_bool"),
    case("cumsum", _cumsum_ref, [(5,), (3, 4), (2, 3, 4), (0, 3)], dtypes=NUMERIC,
         attrs=[{}, {"exclusive": True}, {"reverse": True}, {"exclusive": True, "reverse": True}]),
    case("cumsum", _cumsum_ref, [(3, 4), (2, 3, 4)], dtypes=NUMERIC, name="cumsum_axis",
         attrs=[{"axis": 1}, {"axis": -1, "exclusive": True}, {"axis": 1, "reverse": True},
                {"axis": -1, "exclusive": True, "reverse": True}]),
    # Composites in python/eigenflow/math.py.
    case("reduce_variance", _ref(np.var), [(2, 3, 4)], attrs=AXES_3D[:-1], call=tf.math.reduce_variance),
    case("reduce_variance", _ref(np.var), [(), (5,)], attrs=AXES_SMALL, call=tf.math.reduce_variance, grad=False,
         name="reduce_variance_small"),
    case("reduce_std", _ref(np.std), [(2, 3, 4)], attrs=AXES_3D[:-1], call=tf.math.reduce_std),
    case("reduce_std", _ref(np.std), [(5,)], attrs=AXES_SMALL, call=tf.math.reduce_std, name="reduce_std_small"),
]

test_forward, test_gradient = family_tests(CASES)


def test_exports():
    for name in ("reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_logsumexp",
                 "reduce_any", "reduce_all", "argmax", "argmin", "cumsum"):
        assert getattr(tf, name) is getattr(tf.math, name)
    assert callable(tf.math.reduce_variance) and callable(tf.math.reduce_std)


def test_result_dtypes():
    ints = tf.constant([[1, 2], [3, 4]])
    assert tf.reduce_sum(ints).dtype == tf.int32
    assert tf.reduce_prod(tf.constant([2, 3], dtype=tf.int64)).dtype == tf.int64
    assert tf.reduce_mean(tf.constant([1, 2])).numpy() == 1  # integer division, as TF
    assert tf.reduce_mean(tf.constant([-1, -2])).numpy() == -1
    assert tf.argmax(ints).dtype == tf.int64
    assert tf.argmin(ints, axis=1, output_type=tf.int32).dtype == tf.int32
    assert tf.reduce_any(tf.constant([True, False])).dtype == tf.bool
    assert tf.cumsum(ints, axis=1).dtype == tf.int32


def test_empty_reductions():
    e = tf.constant(np.zeros((0, 2), np.float32))
    np.testing.assert_array_equal(tf.reduce_sum(e, axis=0).numpy(), [0, 0])
    np.testing.assert_array_equal(tf.reduce_prod(e, axis=0).numpy(), [1, 1])
    np.testing.assert_array_equal(tf.reduce_max(e, axis=0).numpy(), [-np.inf, -np.inf])
    assert np.isnan(tf.reduce_mean(e).numpy())
    assert tf.reduce_all(tf.constant(np.zeros(0, bool))).numpy()
    assert tf.reduce_max(e, axis=1).shape == (0,)


def test_nan_propagates():
    x = tf.constant([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]])
    np.testing.assert_array_equal(tf.reduce_max(x, axis=1).numpy(), [np.nan, 6.0])
    np.testing.assert_array_equal(tf.reduce_min(x, axis=0).numpy(), [1.0, np.nan, 3.0])
    assert tf.argmax(x, axis=1).numpy().tolist() == [1, 2]  # NumPy: the NaN's index


def test_float_mean_divides_the_sum_as_tensorflow_does():
    # TensorFlow divides the sum by the count; multiplying by 1/n would differ in the last bit,
    # and a loss's mean over the batch (reduce_mean) would not equal its sum / n.
    rng = np.random.default_rng(0)
    for n in (3, 7, 100, 1000, 4097):
        x = tf.constant(rng.normal(size=(4, n)).astype(np.float32))
        np.testing.assert_array_equal(tf.reduce_mean(x, axis=1).numpy(), (tf.reduce_sum(x, axis=1) / float(n)).numpy())
        np.testing.assert_array_equal(tf.reduce_mean(x).numpy(), (tf.reduce_sum(x) / float(4 * n)).numpy())


def test_logsumexp_is_stable():
    x = tf.constant([1000.0, 1000.0, -np.inf])
    np.testing.assert_allclose(tf.reduce_logsumexp(x).numpy(), 1000.0 + np.log(2.0), rtol=1e-6)
    assert tf.reduce_logsumexp(tf.constant([-np.inf, -np.inf])).numpy() == -np.inf
    assert tf.reduce_logsumexp(tf.constant([np.inf, 0.0])).numpy() == np.inf


def _grad(f, x):
    x = tf.constant(np.asarray(x, np.float64))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    return tape.gradient(y, x).numpy()


def test_max_min_gradient_splits_ties():
    np.testing.assert_allclose(_grad(tf.reduce_max, [1.0, 3.0, 3.0, 2.0]), [0, 0.5, 0.5, 0])
    np.testing.assert_allclose(_grad(lambda x: tf.reduce_min(x, axis=1), [[2.0, 2.0, 2.0], [1.0, 0.0, 5.0]]),
                               [[1 / 3, 1 / 3, 1 / 3], [0, 1, 0]])


def test_prod_gradient_with_zeros():
    x = [[0.0, 2.0, 3.0], [0.0, 0.0, 4.0], [1.0, 2.0, 3.0]]
    np.testing.assert_allclose(_grad(lambda t: tf.reduce_prod(t, axis=1), x), [[6, 0, 0], [0, 0, 0], [6, 3, 2]])


def test_second_order_logsumexp():
    # d2/dx2 logsumexp(x) on the diagonal is s - s^2, s = softmax(x).
    x0 = np.array([0.5, -1.0, 2.0])
    x = tf.constant(x0)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_logsumexp(x)
        g = inner.gradient(y, x)
        g0 = tf.reduce_sum(g * tf.constant([1.0, 0.0, 0.0], dtype=tf.float64))
    s = np.exp(x0) / np.exp(x0).sum()
    np.testing.assert_allclose(g.numpy(), s, rtol=1e-12)
    h = outer.gradient(g0, x).numpy()
    np.testing.assert_allclose(h[0], s[0] - s[0] ** 2, rtol=1e-10)


def test_cumsum_gradient_is_reverse_cumsum():
    np.testing.assert_allclose(_grad(lambda t: tf.cumsum(t) * tf.constant([1.0, 2.0, 3.0], dtype=tf.float64), [1.0, 1.0, 1.0]),
                               [6, 5, 3])


# Shapes that reach each kernel path: long and short runs along the reduced axis, few and
# many outputs per row, reduced axes that need a transposed copy.
PATH_SHAPES = [((257, 130), (0,)), ((257, 130), (1,)), ((300, 3), (0,)), ((3, 300), (1,)), ((40, 20), (0,)),
               ((5, 20, 7), (1,)), ((5, 20, 7), (0, 2)), ((6, 5, 7, 3), (1, 3)), ((6, 5, 7, 3), (0, 1, 3)),
               ((6, 1, 7, 3), (0, 2)), ((2000,), (0,))]
PATH_REFS = {"reduce_sum": np.sum, "reduce_mean": np.mean, "reduce_max": np.max, "reduce_min": np.min,
             "reduce_prod": np.prod, "reduce_logsumexp": _logsumexp, "reduce_any": np.any, "reduce_all": np.all}


@pytest.mark.parametrize("op", sorted(PATH_REFS))
def test_kernel_paths_match_numpy(op):
    rng = np.random.default_rng(0)
    for shape, axis in PATH_SHAPES:
        if op in ("reduce_any", "reduce_all"):
            dtypes, x0 = ["bool"], rng.random(shape) > (0.05 if op == "reduce_all" else 0.95)
        else:
            dtypes, x0 = ["float64", "float32", "int32"], rng.uniform(0.9, 1.1, size=shape)
        for dtype in dtypes:
            if op == "reduce_logsumexp" and dtype == "int32":
                continue
            bound = 2 if op == "reduce_prod" else 4  # products of int32 must not overflow
            x = x0.astype(dtype) if dtype != "int32" else rng.integers(1 - bound, bound, size=shape).astype(dtype)
            got = getattr(tf, op)(x, axis=list(axis)).numpy()
            want = _ref(PATH_REFS[op])(x, axis=list(axis)) if op != "reduce_mean" else _ref(_mean)(x, axis=list(axis))
            rtol = 1e-4 if dtype == "float32" else 1e-10
            np.testing.assert_allclose(got, want, rtol=rtol, err_msg=f"{op} {dtype} {shape} {axis}")
    x = rng.normal(size=(6, 5, 7, 3))
    for axis in range(4):
        np.testing.assert_array_equal(tf.argmax(x, axis=axis).numpy(), np.argmax(x, axis=axis))
        np.testing.assert_array_equal(tf.argmin(x, axis=axis).numpy(), np.argmin(x, axis=axis))


@pytest.mark.parametrize("call, message", [
    (lambda: tf.reduce_sum(tf.constant([[1.0, 2.0]]), axis=2), "[reduce_sum]"),
    (lambda: tf.reduce_mean(tf.constant([True])), "[reduce_mean]"),
    (lambda: tf.reduce_max(tf.constant([1.0]), axis=[-3]), "[reduce_max]"),
    (lambda: tf.reduce_any(tf.constant([1.0])), "[reduce_any]"),
    (lambda: tf.reduce_all(tf.constant([1])), "[reduce_all]"),
    (lambda: tf.reduce_logsumexp(tf.constant([1, 2])), "[reduce_logsumexp]"),
    (lambda: tf.argmax(tf.constant(np.zeros((0, 3), np.float32))), "[argmax]"),
    (lambda: tf.argmax(tf.constant(1.0)), "[argmax]"),
    (lambda: tf.argmin(tf.constant([1.0, 2.0]), axis=1), "[argmin]"),
    (lambda: tf.argmax(tf.constant([1.0, 2.0]), output_type=tf.float32), "[argmax]"),
    (lambda: tf.cumsum(tf.constant([[1.0]]), axis=2), "[cumsum]"),
    (lambda: tf.cumsum(tf.constant(1.0)), "[cumsum]"),
    (lambda: tf.cumsum(tf.constant([True])), "[cumsum]"),
    (lambda: tf.math.reduce_variance(tf.constant([1, 2])), "[reduce_variance]"),
    (lambda: tf.math.reduce_std(tf.constant([1, 2])), "[reduce_std]"),
])
def test_bad_input_raises(call, message):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        call()
    assert message in str(info.value)


def test_repeated_reduction_axes_are_refused():
    import eigenflow as tf
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\[reduce_sum\] axis 1 is given twice"):
        tf.reduce_sum(tf.zeros((2, 3)), axis=[1, -1])
