"""Indexing ops (cpp/ops/gather.cpp): gather, gather_nd, scatter_nd, segment sums, one_hot,
embedding_lookup."""
import numpy as np
import pytest

import eigenflow as tf

from .harness import case, family_tests

ALL_DTYPES = ("float32", "float64", "int32", "int64")


def _values(rng, dtype, shape):
    return rng.uniform(-2, 2, size=shape).astype(dtype)


def _indexed(axis=0, batch_dims=0, index_dtype="int32", low=0):
    """params, then indices drawn in [low, params.shape[axis]) (repeats included)."""
    def make(rng, dtype, shapes):
        params = _values(rng, dtype, shapes[0])
        return [params, rng.integers(low, params.shape[axis], size=shapes[1]).astype(index_dtype)]
    return make


def _batched(fn, batch_dims):
    """Applies FN to each batch entry of (params, indices) and stacks the results."""
    def ref(p, i):
        if batch_dims == 0:
            return fn(p, i)
        return np.stack([_batched(fn, batch_dims - 1)(p[k], i[k]) for k in range(p.shape[0])])
    return ref


def _take(p, i, axis=None, batch_dims=0):
    axis = batch_dims if axis is None else axis % p.ndim
    return _batched(lambda q, j: np.take(q, j, axis=axis - batch_dims), batch_dims)(p, i)


def _nd_indices(batch_dims=0, index_dtype="int32"):
    """params (or a shape attr), then index tuples along the last axis, each in range."""
    def make(rng, dtype, shapes):
        params = _values(rng, dtype, shapes[0])
        k = shapes[1][-1]
        dims = np.array(shapes[0][batch_dims:batch_dims + k])
        tuples = rng.integers(0, 1 << 20, size=shapes[1]) % dims if k else np.zeros(shapes[1])
        return [params, tuples.astype(index_dtype)]
    return make


def _gather_nd(p, i, batch_dims=0):
    return _batched(lambda q, j: q[tuple(np.moveaxis(j, -1, 0))], batch_dims)(p, i)


def _scatter_inputs(out_shape, index_dtype="int32"):
    def make(rng, dtype, shapes):
        ind_shape, upd_shape = shapes
        k = ind_shape[-1]
        tuples = rng.integers(0, 1 << 20, size=ind_shape) % np.array(out_shape[:k])
        return [tuples.astype(index_dtype), _values(rng, dtype, upd_shape)]
    return make


def _scatter_nd(indices, updates, shape):
    out = np.zeros(shape, updates.dtype)
    np.add.at(out, tuple(np.moveaxis(indices, -1, 0)), updates)
    return out


def _segments(num_segments, low=0, sort=False):
    def make(rng, dtype, shapes):
        ids = rng.integers(low, num_segments, size=shapes[1])
        return [_values(rng, dtype, shapes[0]), np.sort(ids) if sort else ids.astype("int32")]
    return make


def _segment_sum_ref(data, ids, num_segments):
    out = np.zeros((num_segments,) + data.shape[ids.ndim:], data.dtype)
    keep = ids >= 0
    np.add.at(out, ids[keep], data[keep])
    return out


def _one_hot_inputs(depth, low=None):
    def make(rng, dtype, shapes):
        return [rng.integers(-1 if low is None else low, depth + 2, size=shapes[0]).astype("int32")]
    return make


def _one_hot(i, depth, on_value=None, off_value=None, axis=None, dtype=None):
    on = 1 if on_value is None else on_value
    off = 0 if off_value is None else off_value
    hot = (i[..., None] == np.arange(depth))
    out = np.where(hot, on, off).astype(dtype or "float32")
    return out if axis in (None, -1) else np.moveaxis(out, -1, axis)


def _embedding(p, ids, max_norm=None):
    rows = np.take(p, ids, axis=0)
    if max_norm is None:
        return rows
    axes = tuple(range(ids.ndim, rows.ndim))
    norm = np.sqrt(np.sum(rows.astype(np.float64) ** 2, axis=axes, keepdims=True))
    return (rows * (max_norm / np.maximum(norm, max_norm))).astype(p.dtype)


CASES = [
    case("gather", _take, [((5, 3), (4,)), ((5,), ()), ((4, 2, 3), (2, 3)), ((3, 2), (0,))],
         make_inputs=_indexed(0), dtypes=ALL_DTYPES),
    case("gather", _take, [((2, 4, 3), (5,)), ((3, 4), (2, 2))], attrs=[{"axis": 1}],
         make_inputs=_indexed(1), name="gather_axis1"),
    case("gather", _take, [((2, 3, 4), (3, 2))], attrs=[{"axis": -1}],
         make_inputs=_indexed(2, index_dtype="int64"), name="gather_axis_last_int64"),
    case("gather", _take, [((3, 4, 2), (3, 5)), ((2, 4), (2, 3))], attrs=[{"batch_dims": 1}],
         make_inputs=_indexed(1), name="gather_batch_dims"),
    case("gather", _take, [((2, 3, 4, 2), (2, 3))], attrs=[{"batch_dims": 1, "axis": 2}],
         make_inputs=_indexed(2), name="gather_batch_dims_axis2"),
    case("embedding_lookup", _embedding, [((6, 3), (2, 4)), ((5,), (3,)), ((4, 2, 2), ())],
         make_inputs=_indexed(0), dtypes=ALL_DTYPES[:3]),
    case("embedding_lookup", _embedding, [((6, 3), (2, 4)), ((5,), (4,))], attrs=[{"max_norm": 1.5}],
         make_inputs=_indexed(0), name="embedding_lookup_max_norm"),
    case("gather_nd", _gather_nd, [((4, 3), (5, 2)), ((4, 3), (2, 1)), ((3, 2, 2), (2, 2, 3)), ((4,), (1,))],
         make_inputs=_nd_indices(), dtypes=ALL_DTYPES),
    case("gather_nd", _gather_nd, [((2, 4, 3), (2, 5, 1)), ((3, 4, 2), (3, 2))], attrs=[{"batch_dims": 1}],
         make_inputs=_nd_indices(1, "int64"), name="gather_nd_batch_dims"),
    case("scatter_nd", _scatter_nd, [((6, 1), (6, 3))], attrs=[{"shape": [4, 3]}],
         make_inputs=_scatter_inputs((4, 3)), dtypes=ALL_DTYPES),
    case("scatter_nd", _scatter_nd, [((5, 2), (5,)), ((2, 2, 2), (2, 2))], attrs=[{"shape": [3, 2]}],
         make_inputs=_scatter_inputs((3, 2), "int64"), name="scatter_nd_elements"),
    case("unsorted_segment_sum", _segment_sum_ref, [((6, 3), (6,)), ((2, 3, 2), (2, 3)), ((4,), (4,))],
         attrs=[{"num_segments": 4}], make_inputs=_segments(4), dtypes=ALL_DTYPES),
    case("unsorted_segment_sum", _segment_sum_ref, [((7, 2), (7,))], attrs=[{"num_segments": 3}],
         make_inputs=_segments(3, low=-2), name="unsorted_segment_sum_dropped"),
    case("segment_sum", lambda d, ids: _segment_sum_ref(d, ids, int(ids[-1]) + 1), [((6, 3), (6,)), ((5,), (5,))],
         make_inputs=_segments(4, sort=True), dtypes=ALL_DTYPES),
    case("one_hot", _one_hot, [(5,), (2, 3), ()], make_inputs=_one_hot_inputs(4), grad=False,
         attrs=[{"depth": 4}, {"depth": 4, "axis": 0}, {"depth": 3, "on_value": 5.0, "off_value": -1.0, "dtype": "float64"},
                {"depth": 4, "dtype": "int32"}, {"depth": 4, "dtype": "bool"}, {"depth": 0}]),
    case("one_hot", _one_hot, [(2, 3)], make_inputs=_one_hot_inputs(4), grad=False, dtypes=("float32",),
         attrs=[{"depth": 4, "axis": 1}, {"depth": 4, "axis": 2}, {"depth": 4, "axis": -1}], name="one_hot_axes"),
]

test_forward, test_gradient = family_tests(CASES)


def _raises(fn, *words):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        fn()
    for w in words:
        assert w in str(info.value), str(info.value)


PARAMS = np.arange(12.0).reshape(3, 4)


def test_gather_errors():
    _raises(lambda: tf.gather(PARAMS, [0, 3]), "[gather]", "indices[1] = 3", "[0, 3)")
    _raises(lambda: tf.gather(PARAMS, [[0, -1]]), "[gather]", "indices[0, 1] = -1")
    _raises(lambda: tf.gather(PARAMS, [4], axis=1), "[gather]", "[0, 4)")
    _raises(lambda: tf.gather(PARAMS, [1.0]), "[gather]", "float32")
    _raises(lambda: tf.gather(PARAMS, [0], axis=2), "[gather]", "axis 2")
    _raises(lambda: tf.gather(PARAMS, [0], axis=-3), "[gather]", "axis -3")
    _raises(lambda: tf.gather(3.0, [0]), "[gather]", "scalar")
    _raises(lambda: tf.gather(PARAMS, [[0], [1]], batch_dims=1), "[gather]", "batch")
    _raises(lambda: tf.gather(PARAMS, [[0]], batch_dims=1, axis=0), "[gather]", "batch_dims")
    _raises(lambda: tf.nn.embedding_lookup(PARAMS, [5]), "[embedding_lookup]", "indices[0] = 5")


def test_nd_and_segment_errors():
    _raises(lambda: tf.gather_nd(PARAMS, [[0, 4]]), "[gather_nd]", "indices[0] = [0, 4]")
    _raises(lambda: tf.gather_nd(PARAMS, [[0, 1, 2]]), "[gather_nd]", "length 3")
    _raises(lambda: tf.gather_nd(PARAMS, 1), "[gather_nd]", "scalar")
    _raises(lambda: tf.gather_nd(PARAMS, [[0.0, 1.0]]), "[gather_nd]", "float32")
    _raises(lambda: tf.scatter_nd([[3]], [1.0], [3]), "[scatter_nd]", "[3]")
    _raises(lambda: tf.scatter_nd([[1]], [1.0, 2.0], [3]), "[scatter_nd]", "updates must have shape (1,)")
    _raises(lambda: tf.scatter_nd([[1]], [1.0], [-3]), "[scatter_nd]", "non-negative")
    _raises(lambda: tf.math.unsorted_segment_sum([1.0, 2.0], [0, 2], 2), "[unsorted_segment_sum]", "segment_ids[1] = 2")
    _raises(lambda: tf.math.unsorted_segment_sum([1.0, 2.0], [[0, 1]], 2), "[unsorted_segment_sum]", "prefix")
    _raises(lambda: tf.math.unsorted_segment_sum([1.0, 2.0], [0, 1], -1), "[unsorted_segment_sum]", "num_segments")
    _raises(lambda: tf.math.segment_sum([1.0, 2.0, 3.0], [0, 2, 1]), "[segment_sum]", "sorted")
    _raises(lambda: tf.math.segment_sum([1.0, 2.0], [0]), "[segment_sum]", "vector")


def test_one_hot_errors():
    _raises(lambda: tf.one_hot([0, 1], -1), "[one_hot]", "depth")
    _raises(lambda: tf.one_hot([0, 1], 3, axis=2), "[one_hot]", "axis")
    _raises(lambda: tf.one_hot([0, 1], 3, axis=-2), "[one_hot]", "axis")
    _raises(lambda: tf.one_hot([0.0, 1.0], 3), "[one_hot]", "float32")
    _raises(lambda: tf.one_hot([0, 1], 3, on_value=0.5, dtype=tf.int32), "[one_hot]", "on_value")
    _raises(lambda: tf.one_hot([0, 1], 3, off_value=2.0**40, dtype=tf.int32), "[one_hot]", "off_value")


def test_result_dtypes_and_signatures():
    assert tf.one_hot([0, 1], 3).dtype == tf.float32
    assert tf.one_hot([0, 1], 3, dtype=tf.int64).dtype == tf.int64
    np.testing.assert_array_equal(tf.one_hot([1, 0], 2, 7.0, 3.0).numpy(), [[3, 7], [7, 3]])  # positional on/off
    assert tf.gather(np.arange(4, dtype=np.int64), [1]).dtype == tf.int64
    assert tf.gather(np.array([True, False]), [1, 1]).numpy().tolist() == [False, False]
    ind = np.array([[2], [0]], dtype=np.int64)
    np.testing.assert_array_equal(tf.gather(PARAMS, ind, None, 1).numpy(), np.take(PARAMS, ind, axis=1))
    assert tf.math.unsorted_segment_sum(tf.constant([1, 2, 3]), [1, 1, 0], tf.constant(2)).numpy().tolist() == [3, 3]


def test_embedding_rows_and_gradient():
    # The embedding use case: rows of a (10000, 128) table by a (batch, seq) id array.
    rng = np.random.default_rng(0)
    table = tf.Variable(rng.normal(size=(10000, 128)).astype(np.float32))
    ids = rng.integers(0, 10000, size=(16, 40)).astype(np.int32)
    ids[0, :3] = 7  # repeated ids accumulate
    w = rng.normal(size=(16, 40, 128)).astype(np.float32)
    with tf.GradientTape() as tape:
        out = tf.nn.embedding_lookup(table, ids)
        loss = tf.reduce_sum(out * w)
    np.testing.assert_array_equal(out.numpy(), np.take(table.numpy(), ids, axis=0))
    want = np.zeros((10000, 128), np.float32)
    np.add.at(want, ids, w)
    np.testing.assert_allclose(tape.gradient(loss, table).numpy(), want, rtol=1e-5, atol=1e-5)


def test_second_order_through_gather():
    # y = sum(gather(p, i)^2): dy/dp = 2 count p; d/dp sum(dy/dp * w) = 2 count w.
    p = tf.constant(np.arange(8.0).reshape(4, 2))
    idx = np.array([0, 2, 2, 3])
    w = tf.constant(np.random.default_rng(0).normal(size=(4, 2)))
    with tf.GradientTape() as outer:
        outer.watch(p)
        with tf.GradientTape() as inner:
            inner.watch(p)
            y = tf.reduce_sum(tf.square(tf.gather(p, idx, axis=0)))
        z = tf.reduce_sum(inner.gradient(y, p) * w)
    count = np.bincount(idx, minlength=4)[:, None]
    np.testing.assert_allclose(outer.gradient(z, p).numpy(), 2 * count * w.numpy())


def test_second_order_through_gather_nd_and_axis():
    # As above: d/dp sum(2 count p * w) = 2 count, counting how often each element is read.
    p = tf.constant(np.arange(6.0).reshape(2, 3))
    nd_count = np.array([[1.0, 0, 0], [0, 0, 2]])      # (1, 2) twice, (0, 0) once
    axis1_count = np.array([[1.0, 0, 2], [1, 0, 2]])   # column 2 twice, column 0 once
    for op, count in ((lambda x: tf.gather_nd(x, [[1, 2], [1, 2], [0, 0]]), nd_count),
                      (lambda x: tf.gather(x, [2, 2, 0], axis=1), axis1_count)):
        with tf.GradientTape() as outer:
            outer.watch(p)
            with tf.GradientTape() as inner:
                inner.watch(p)
                y = tf.reduce_sum(tf.square(op(p)))
            z = tf.reduce_sum(inner.gradient(y, p))
        np.testing.assert_allclose(outer.gradient(z, p).numpy(), 2 * count)
