"""Shape ops (cpp/ops/manipulation.cpp): axes, joining and cutting, pad, tile, reverse,
slice, shape queries, tensors made from a shape, add_n."""
import numpy as np
import pytest

import eigenflow as tf

from .harness import case, family_tests

ALL = ("float32", "float64", "int32")


def _no_inputs(rng, dtype, shapes):
    return []


def _split_ref(x, num_or_size_splits, axis=0):
    if isinstance(num_or_size_splits, int):
        return np.split(x, num_or_size_splits, axis=axis)
    sizes = list(num_or_size_splits)
    if -1 in sizes:
        sizes[sizes.index(-1)] = x.shape[axis] - (sum(sizes) + 1)
    return np.split(x, np.cumsum(sizes)[:-1], axis=axis)


def _pad_ref(x, paddings, mode="CONSTANT", constant_values=0):
    if mode.upper() == "CONSTANT":
        return np.pad(x, paddings, mode="constant", constant_values=constant_values)
    return np.pad(x, paddings, mode=mode.lower())


def _pad_grad_ref(dy, paddings, mode):
    # The adjoint of np.pad: every padded element adds into the input element it copied.
    shape = tuple(n - int(a) - int(b) for n, (a, b) in zip(dy.shape, paddings))
    source = np.pad(np.arange(int(np.prod(shape))).reshape(shape), paddings, mode=mode.lower())
    dx = np.zeros(int(np.prod(shape)), dy.dtype)
    np.add.at(dx, source.reshape(-1), dy.reshape(-1))
    return dx.reshape(shape)


def _pad_grad_inputs(paddings):
    def make(rng, dtype, shapes):
        return [rng.uniform(-2, 2, size=shapes[0]).astype(dtype), np.array(paddings, np.int32)]
    return make


def _linspace_ref(start, stop, num, axis=0):
    return np.linspace(start, stop, num, axis=axis).astype(np.result_type(start, stop))


def _eye_ref(num_rows, num_columns=None, batch_shape=None, dtype="float32"):
    e = np.eye(num_rows, num_columns, dtype=dtype)
    return np.broadcast_to(e, tuple(batch_shape or ()) + e.shape)


CASES = [
    case("expand_dims", lambda x, axis: np.expand_dims(x, axis), [(3, 4), (), (2, 0)],
         attrs=[{"axis": 0}, {"axis": -1}], dtypes=ALL),
    case("expand_dims", lambda x, axis: np.expand_dims(x, axis), [(3, 4)], attrs=[{"axis": 1}, {"axis": -2}],
         name="expand_dims_middle"),
    case("squeeze", lambda x, axis=None: np.squeeze(x, axis if axis is None else tuple(axis)),
         [(1, 3, 1, 2), (1, 1, 1)], attrs=[{}, {"axis": [0]}, {"axis": [-2, 0]}], dtypes=ALL),
    case("squeeze", np.squeeze, [(1,), (), (2, 3)], name="squeeze_all"),
    case("squeeze", lambda x, axis: np.squeeze(x, axis), [(3, 1, 2)], attrs=[{"axis": 1}, {"axis": -2}],
         name="squeeze_one_axis"),
    case("concat", lambda *xs, axis: np.concatenate(xs, axis),
         [((2, 3), (2, 1), (2, 0)), ((4,),), ((1, 2, 3), (1, 2, 3))], attrs=[{"axis": -1}],
         call=lambda *xs, axis: tf.concat(list(xs), axis), dtypes=ALL),
    case("concat", lambda *xs, axis: np.concatenate(xs, axis), [((2, 3), (1, 3), (3, 3))], attrs=[{"axis": 0}],
         call=lambda *xs, axis: tf.concat(list(xs), axis=axis), name="concat_axis0"),
    case("stack", lambda *xs, axis=0: np.stack(xs, axis), [((2, 3), (2, 3), (2, 3)), ((4,),), ((0, 2), (0, 2))],
         attrs=[{}, {"axis": -1}, {"axis": 1}], call=lambda *xs, **a: tf.stack(list(xs), **a), dtypes=ALL),
    case("stack", lambda *xs, axis=0: np.stack(xs, axis), [((), ()), ((),)], attrs=[{}, {"axis": -1}],
         call=lambda *xs, **a: tf.stack(list(xs), **a), name="stack_scalars"),
    case("unstack", lambda x, axis=0, num=None: [x.take(i, axis) for i in range(x.shape[axis])],
         [(3, 4), (2, 3, 4)], attrs=[{}, {"axis": 1}, {"axis": -1, "num": 4}], dtypes=ALL),
    case("split", _split_ref, [(6, 4)],
         attrs=[{"num_or_size_splits": 3}, {"num_or_size_splits": [1, 2, 3]}, {"num_or_size_splits": 2, "axis": 1},
                {"num_or_size_splits": [1, -1], "axis": -1}, {"num_or_size_splits": [0, 6]}],
         call=lambda x, **a: tf.split(x, **a), dtypes=ALL),
    case("tile", lambda x: np.tile(x, (2,) * x.ndim), [(3,), (), (2, 0)], dtypes=ALL,
         call=lambda x: tf.tile(x, [2] * len(x.shape)), name="tile_shapes"),
    case("tile", lambda x, multiples: np.tile(x, multiples), [(2, 3)], dtypes=ALL,
         attrs=[{"multiples": [2, 3]}, {"multiples": [1, 0]}, {"multiples": [3, 1]}]),
    case("tile", lambda x, multiples: np.tile(x, multiples), [(2, 1, 3)], attrs=[{"multiples": [2, 4, 1]}],
         name="tile_rank3"),
    case("pad", _pad_ref, [(3, 4)], dtypes=ALL,
         attrs=[{"paddings": [[1, 2], [0, 3]]}, {"paddings": [[1, 1], [2, 2]], "constant_values": 5},
                {"paddings": [[2, 1], [3, 0]], "mode": "REFLECT"}, {"paddings": [[3, 0], [1, 4]], "mode": "symmetric"}],
         call=lambda x, **a: tf.pad(x, **a)),
    case("pad", _pad_ref, [(5,)], attrs=[{"paddings": [[4, 4]], "mode": "REFLECT"}, {"paddings": [[5, 5]], "mode": "SYMMETRIC"}],
         call=lambda x, **a: tf.pad(x, **a), name="pad_wide"),
    case("pad", _pad_ref, [(0, 3), (2, 0)], attrs=[{"paddings": [[1, 1], [0, 2]]}],
         call=lambda x, **a: tf.pad(x, **a), name="pad_empty"),
    case("pad", lambda x, paddings: x, [()], attrs=[{"paddings": np.zeros((0, 2), np.int32)}],
         call=lambda x, **a: tf.pad(x, **a), name="pad_scalar"),
    case("pad_grad", _pad_grad_ref, [((6, 9),)], attrs=[{"mode": "REFLECT"}],
         make_inputs=_pad_grad_inputs([[2, 1], [3, 2]])),
    case("pad_grad", _pad_grad_ref, [((8, 4),)], attrs=[{"mode": "SYMMETRIC"}],
         make_inputs=_pad_grad_inputs([[3, 2], [0, 2]]), name="pad_grad_symmetric"),
    case("slice", lambda x, begin, size: x[tuple(slice(b, None if s == -1 else b + s) for b, s in zip(begin, size))],
         [(4, 5)], attrs=[{"begin": [1, 2], "size": [2, 3]}, {"begin": [0, 1], "size": [-1, -1]},
                          {"begin": [4, 0], "size": [0, 5]}], dtypes=ALL),
    case("slice", lambda x, begin, size: x[1:3], [(5,)], attrs=[{"begin": [1], "size": [2]}],
         call=lambda x, begin, size: tf.slice(x, tf.constant(begin), tf.constant(size)), name="slice_tensor_args"),
    case("reverse", lambda x, axis: np.flip(x, tuple(axis)), [(3, 4), (2, 3, 4)],
         attrs=[{"axis": [0]}, {"axis": [-1]}, {"axis": [1, 0]}], dtypes=ALL),
    case("reverse", lambda x, axis: x, [(), (3,)], attrs=[{"axis": []}], name="reverse_none"),
    case("shape", lambda x, out_type="int32": np.array(x.shape, out_type), [(3, 4), (), (2, 0, 5)],
         attrs=[{}, {"out_type": "int64"}], grad=False, dtypes=ALL),
    case("size", lambda x, out_type="int32": np.array(x.size, out_type), [(3, 4), (), (2, 0, 5)],
         attrs=[{}, {"out_type": "int64"}], grad=False, dtypes=ALL),
    case("rank", lambda x: np.array(x.ndim, np.int32), [(3, 4), (), (2, 0, 5)], grad=False, dtypes=ALL),
    case("zeros", lambda shape, dtype="float32": np.zeros(shape, dtype), [()], make_inputs=_no_inputs,
         attrs=[{"shape": [2, 3]}, {"shape": []}, {"shape": [0, 4], "dtype": "int32"}, {"shape": 3, "dtype": "bool"}],
         call=lambda **a: tf.zeros(**a), grad=False, dtypes=("float32",)),
    case("ones", lambda shape, dtype="float32": np.ones(shape, dtype), [()], make_inputs=_no_inputs,
         attrs=[{"shape": [2, 3]}, {"shape": []}, {"shape": [0, 4], "dtype": "int32"}, {"shape": (3,), "dtype": "float64"}],
         call=lambda **a: tf.ones(**a), grad=False, dtypes=("float32",)),
    case("range", lambda start, limit=None, delta=1, dtype=None: np.arange(*((start,) if limit is None else (start, limit, delta))),
         [()], make_inputs=_no_inputs,
         attrs=[{"start": 5}, {"start": 0}, {"start": 1, "limit": 10, "delta": 3}, {"start": 10, "limit": 0, "delta": -3},
                {"start": 0.5, "limit": 2, "delta": 0.25}, {"start": 3, "limit": 3}, {"start": -2.0, "limit": 1.5, "delta": 0.5}],
         call=lambda **a: tf.range(**a), grad=False, dtypes=("float32",)),
    case("linspace", _linspace_ref, [((), ()), ((3,), (3,)), ((2, 1), (3,))],
         attrs=[{"num": 5}, {"num": 1}, {"num": 4, "axis": -1}]),
    case("eye", _eye_ref, [()], make_inputs=_no_inputs,
         attrs=[{"num_rows": 3}, {"num_rows": 2, "num_columns": 4}, {"num_rows": 3, "num_columns": 1, "batch_shape": [2]},
                {"num_rows": 0}, {"num_rows": 2, "dtype": "int32"}, {"num_rows": 2, "batch_shape": [2, 0]}],
         call=lambda **a: tf.eye(**a), grad=False, dtypes=("float32",)),
    case("add_n", lambda *xs: sum(xs), [((3, 4), (3, 4), (3, 4)), ((),), ((2, 0), (2, 0))],
         call=lambda *xs: tf.add_n(list(xs)), dtypes=ALL),
]

test_forward, test_gradient = family_tests(CASES)


def _same(got, want, dtype):
    got = np.asarray(got)
    assert got.dtype == np.dtype(dtype), f"dtype {got.dtype}, expected {dtype}"
    np.testing.assert_allclose(got, want, rtol=1e-6)


def test_range_dtypes_follow_tensorflow():
    _same(tf.range(5), np.arange(5), "int32")
    _same(tf.range(5.0), np.arange(5.0), "float32")
    _same(tf.range(0, 3, 0.5), np.arange(0, 3, 0.5), "float32")
    _same(tf.range(2, dtype=tf.float64), [0, 1], "float64")
    _same(tf.range(tf.constant(4, tf.int64)), np.arange(4), "int64")
    _same(tf.range(tf.constant(1.0, tf.float64), 3), [1, 2], "float64")
    _same(tf.range(start=1, limit=4), [1, 2, 3], "int32")
    _same(tf.range(0.0, 1.0, 0.1), np.arange(0.0, 1.0, 0.1, dtype=np.float32), "float32")


def test_tensor_arguments():
    x = tf.constant(np.arange(12.0).reshape(3, 4))
    _same(tf.zeros(tf.shape(x)), np.zeros((3, 4)), "float32")
    _same(tf.tile(x, tf.constant([1, 2])), np.tile(np.arange(12.0).reshape(3, 4), (1, 2)), "float64")
    _same(tf.split(x, tf.constant([1, 3]), axis=1)[1], np.arange(12.0).reshape(3, 4)[:, 1:], "float64")
    _same(tf.range(tf.size(x)), np.arange(12), "int32")
    _same(tf.pad(x, tf.constant([[0, 1], [1, 0]])), np.pad(np.arange(12.0).reshape(3, 4), [[0, 1], [1, 0]]), "float64")
    _same(tf.expand_dims(x, tf.constant(1)), np.arange(12.0).reshape(3, 1, 4), "float64")


def test_result_dtypes():
    assert tf.zeros([2]).dtype == tf.float32
    assert tf.ones([2], tf.int64).dtype == tf.int64
    assert tf.eye(2).dtype == tf.float32
    assert tf.shape(tf.zeros([2, 3])).dtype == tf.int32
    assert tf.rank(tf.zeros([2, 3])).dtype == tf.int32
    assert tf.linspace(tf.constant(0.0, tf.float64), 1.0, 3).dtype == tf.float64
    assert tf.concat([tf.constant([1, 2]), tf.constant([3])], 0).dtype == tf.int32


def test_public_names():
    assert tf.lin_space is tf.linspace
    assert tf.linalg.eye is tf.eye
    assert tf.math.add_n is tf.add_n
    np.testing.assert_allclose(tf.linspace([0.0, 5.0], [10.0, 40.0], 5, axis=-1),
                               [[0, 2.5, 5, 7.5, 10], [5, 13.75, 22.5, 31.25, 40]])


def test_views_share_nothing_visible():
    x = tf.constant([[1.0], [2.0]])
    assert tf.squeeze(x).shape == (2,)
    assert tf.expand_dims(tf.squeeze(x), -1).shape == (2, 1)


def test_pad_gradient_is_itself_differentiable():
    x = tf.constant(np.arange(4.0))
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = tf.reduce_sum(tf.pad(x, [[2, 1]], "REFLECT") ** 2)
        g = inner.gradient(y, x)
        z = tf.reduce_sum(g)
    # The padded row is [x2, x1, x0, x1, x2, x3, x2]: y = sum_i c_i x_i^2 with c = [1, 2, 3, 1].
    np.testing.assert_allclose(g, 2 * np.array([1, 2, 3, 1]) * np.arange(4.0))
    np.testing.assert_allclose(outer.gradient(z, x), [2, 4, 6, 2])


def test_gradients_of_variadic_ops_reach_every_input():
    a, b = tf.constant([1.0, 2.0]), tf.constant([3.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(a), tape.watch(b)
        y = tf.concat([a, b, a], 0) * tf.constant([1.0, 2.0, 3.0, 4.0, 5.0])
        s = tf.reduce_sum(tf.stack([a, a * 2.0]))
    ga, gb = tape.gradient(y, [a, b])
    np.testing.assert_allclose(ga, [5.0, 7.0])
    np.testing.assert_allclose(gb, [3.0])
    np.testing.assert_allclose(tape.gradient(s, a), [3.0, 3.0])


def test_unused_outputs_of_split_get_zero_gradient():
    x = tf.constant(np.arange(6.0))
    with tf.GradientTape() as tape:
        tape.watch(x)
        parts = tf.split(x, 3)
        y = tf.reduce_sum(parts[1] * 2.0)
    np.testing.assert_allclose(tape.gradient(y, x), [0, 0, 2, 2, 0, 0])


def test_single_part_is_still_a_list():
    assert isinstance(tf.unstack(tf.zeros([1, 3])), list)
    assert isinstance(tf.split(tf.zeros([4]), 1), list)


BAD = [
    ("expand_dims", lambda: tf.expand_dims(tf.zeros([2, 3]), 3)),
    ("squeeze", lambda: tf.squeeze(tf.zeros([2, 3]), [1])),
    ("squeeze", lambda: tf.squeeze(tf.zeros([1, 1]), [0, -2])),
    ("concat", lambda: tf.concat([tf.zeros([2, 3]), tf.zeros([3, 3])], 1)),
    ("concat", lambda: tf.concat([tf.zeros([2]), tf.zeros([2], tf.int32)], 0)),
    ("concat", lambda: tf.concat([tf.constant(1.0), tf.constant(2.0)], 0)),
    ("concat", lambda: tf.concat([], 0)),
    ("concat", lambda: tf.concat([tf.zeros([2])], 1)),
    ("stack", lambda: tf.stack([tf.zeros([2]), tf.zeros([3])])),
    ("stack", lambda: tf.stack([tf.zeros([2])], axis=3)),
    ("unstack", lambda: tf.unstack(tf.constant(1.0))),
    ("unstack", lambda: tf.unstack(tf.zeros([2, 3]), num=3)),
    ("unstack", lambda: tf.unstack(tf.zeros([2, 3]), num=-1)),
    ("split", lambda: tf.split(tf.zeros([5]), 2)),
    ("split", lambda: tf.split(tf.zeros([5]), [2, 2])),
    ("split", lambda: tf.split(tf.zeros([5]), [-1, -1, 5])),
    ("split", lambda: tf.split(tf.zeros([5]), 0)),
    ("split", lambda: tf.split(tf.zeros([5]), [[1, 4]])),
    ("split", lambda: tf.split(tf.zeros([4]), 2, num=3)),
    ("tile", lambda: tf.tile(tf.zeros([2, 3]), [2])),
    ("tile", lambda: tf.tile(tf.zeros([2]), [-1])),
    ("tile", lambda: tf.tile(tf.zeros([2, 2]), [2**40, 2**40])),
    ("pad", lambda: tf.pad(tf.zeros([2, 3]), [[1, 1]])),
    ("pad", lambda: tf.pad(tf.zeros([2, 3]), [[1, 1], [-1, 0]])),
    ("pad", lambda: tf.pad(tf.zeros([2, 3]), [[2, 0], [0, 0]], "REFLECT")),
    ("pad", lambda: tf.pad(tf.zeros([2, 3]), [[3, 0], [0, 0]], "SYMMETRIC")),
    ("pad", lambda: tf.pad(tf.zeros([2, 3]), [[1, 0], [0, 0]], "WRAP")),
    ("pad", lambda: tf.pad(tf.zeros([2]), [[1.5, 0]])),
    ("pad_grad", lambda: tf._core.ops.pad_grad(tf.zeros([3]), tf.constant([[2, 2]]), mode="REFLECT")),
    ("slice", lambda: tf.slice(tf.zeros([4, 5]), [1, 2], [4, 1])),
    ("slice", lambda: tf.slice(tf.zeros([4, 5]), [-1, 0], [1, 1])),
    ("slice", lambda: tf.slice(tf.zeros([4, 5]), [0], [1])),
    ("reverse", lambda: tf.reverse(tf.zeros([2, 3]), [2])),
    ("reverse", lambda: tf.reverse(tf.zeros([2, 3]), [1, -1])),
    ("shape", lambda: tf.shape(tf.zeros([2]), out_type=tf.float32)),
    ("zeros", lambda: tf.zeros([2, -3])),
    ("ones", lambda: tf.ones([2**40, 2**40])),
    ("range", lambda: tf.range(5, 0)),
    ("range", lambda: tf.range(0, 5, 0)),
    ("range", lambda: tf.range(0, float("inf"))),
    ("range", lambda: tf.range(tf.zeros([2]))),
    ("range", lambda: tf.range(3, dtype=tf.bool)),
    ("linspace", lambda: tf.linspace(0.0, 1.0, 0)),
    ("linspace", lambda: tf.linspace(0, 1, 3)),
    ("linspace", lambda: tf.linspace([0.0, 1.0], [1.0, 2.0, 3.0], 3)),
    ("eye", lambda: tf.eye(-1)),
    ("eye", lambda: tf.eye(2, batch_shape=[-2])),
    ("add_n", lambda: tf.add_n([tf.zeros([2]), tf.zeros([3])])),
    ("add_n", lambda: tf.add_n([tf.zeros([2]), tf.zeros([2], tf.float64)])),
    ("add_n", lambda: tf.add_n([tf.constant([True])])),
    ("add_n", lambda: tf.add_n([])),
]


@pytest.mark.parametrize("op,fn", BAD, ids=[f"{op}-{i}" for i, (op, _) in enumerate(BAD)])
def test_bad_input_raises(op, fn):
    with pytest.raises(tf.errors.InvalidArgumentError, match=rf"\[{op}\]"):
        fn()
