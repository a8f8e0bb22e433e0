"""matmul (cpp/ops/linalg.cpp) and the composites of python/eigenflow/linalg.py: norm,
tensordot, einsum."""
import numpy as np
import pytest

import eigenflow as tf

from .harness import case, family_tests

NUMERIC = ("float32", "float64", "int32")


def _matmul_ref(a, b, transpose_a=False, transpose_b=False):
    a = np.swapaxes(a, -1, -2) if transpose_a else a
    b = np.swapaxes(b, -1, -2) if transpose_b else b
    return np.matmul(a, b).astype(a.dtype)


def _norm_ref(x, ord="euclidean", axis=None, keepdims=False):
    if isinstance(axis, (list, tuple)) and len(axis) == 2:
        o = "fro" if ord in ("euclidean", "fro") else ord
        return np.asarray(np.linalg.norm(x, ord=o, axis=tuple(axis), keepdims=keepdims)).astype(x.dtype)
    o = 2 if ord in ("euclidean", "fro") else ord
    if axis is None:
        r = np.linalg.norm(x.reshape(-1), ord=o)
        return np.asarray(r).reshape([1] * x.ndim if keepdims else []).astype(x.dtype)
    return np.asarray(np.linalg.norm(x, ord=o, axis=axis, keepdims=keepdims)).astype(x.dtype)


def _tensordot_ref(a, b, axes):
    return np.tensordot(a, b, axes=axes).astype(a.dtype)


def _einsum_case(equation, *shapes, dtypes=("float32", "float64"), grad=True):
    return case("einsum", lambda *xs, equation: np.einsum(equation, *xs).astype(xs[0].dtype),
                [tuple(shapes)], attrs=[{"equation": equation}], dtypes=dtypes, grad=grad,
                call=lambda *xs, equation: tf.einsum(equation, *xs), name=f"einsum[{equation}]")


CASES = [
    case("matmul", _matmul_ref, [((3, 4), (4, 5)), ((2, 3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)),
                                 ((2, 3, 4), (4, 5)), ((3, 4), (2, 4, 5)), ((1, 4), (4, 1))], dtypes=NUMERIC),
    case("matmul", _matmul_ref, [((0, 3), (3, 2)), ((2, 0), (0, 3)), ((3, 2), (2, 0))], dtypes=NUMERIC,
         grad=False, name="matmul_empty"),
    case("matmul", _matmul_ref, [((4, 3), (4, 5)), ((2, 4, 3), (4, 5))], attrs=[{"transpose_a": True}],
         dtypes=NUMERIC, name="matmul_transpose_a"),
    case("matmul", _matmul_ref, [((3, 4), (5, 4)), ((2, 3, 4), (1, 5, 4))], attrs=[{"transpose_b": True}],
         dtypes=NUMERIC, name="matmul_transpose_b"),
    case("matmul", _matmul_ref, [((4, 3), (5, 4)), ((2, 4, 3), (2, 5, 4))],
         attrs=[{"transpose_a": True, "transpose_b": True}], dtypes=NUMERIC, name="matmul_transpose_ab"),
    # norm: inputs kept away from 0, where |x| and sqrt have no derivative.
    case("norm", _norm_ref, [(3, 4), (5,)], call=tf.norm, low=0.3, high=2.0,
         attrs=[{}, {"ord": 1}, {"ord": 2}, {"ord": np.inf}, {"ord": 3}, {"ord": 1.5}, {"ord": "fro"},
                {"keepdims": True}, {"axis": 0}, {"axis": -1, "ord": 1, "keepdims": True}, {"axis": 0, "ord": np.inf}]),
    case("norm", _norm_ref, [(3, 4), (2, 3, 4)], call=tf.linalg.norm, name="norm_matrix", low=0.3, high=2.0,
         attrs=[{"axis": [0, 1]}, {"axis": (-1, -2), "ord": "fro"}, {"axis": [0, 1], "ord": 1},
                {"axis": [1, 0], "ord": 1, "keepdims": True}, {"axis": [0, 1], "ord": np.inf},
                {"axis": (-1, 0), "ord": np.inf}]),
    case("tensordot", _tensordot_ref, [((3, 4), (4, 5))], call=tf.tensordot, dtypes=NUMERIC,
         attrs=[{"axes": 1}, {"axes": [[1], [0]]}, {"axes": [1, 0]}, {"axes": 0}]),
    case("tensordot", _tensordot_ref, [((2, 3, 4), (4, 3, 5))], call=tf.linalg.tensordot, name="tensordot_3d",
         attrs=[{"axes": [[1, 2], [1, 0]]}, {"axes": [[-1], [0]]}, {"axes": ([2, 1], [0, 1])}]),
    case("tensordot", _tensordot_ref, [((3, 4), (3, 4)), ((), (2, 3))], call=tf.tensordot, name="tensordot_full",
         attrs=[{"axes": 0}]),
    case("tensordot", _tensordot_ref, [((3, 4), (3, 4))], call=tf.tensordot, name="tensordot_all",
         attrs=[{"axes": 2}]),
    _einsum_case("ij,jk->ik", (3, 4), (4, 5), dtypes=NUMERIC),
    _einsum_case("ij,jk", (3, 4), (4, 2)),
    _einsum_case("bij,bjk->bik", (2, 3, 4), (2, 4, 5)),
    _einsum_case("bij,bkj->bik", (2, 3, 4), (2, 5, 4)),
    _einsum_case("...ij,...jk->...ik", (2, 3, 4), (2, 4, 5)),
    _einsum_case("...ij,jk->...ik", (2, 2, 3, 4), (4, 5)),
    _einsum_case("b...,b...->b...", (2, 1, 3), (2, 4, 3)),
    _einsum_case("ij->ji", (3, 4), dtypes=NUMERIC),
    _einsum_case("abc->cab", (2, 3, 4)),
    _einsum_case("ij->", (3, 4)),
    _einsum_case("ij->j", (3, 4)),
    _einsum_case("ij", (3, 4)),
    _einsum_case("ji", (3, 4)),
    _einsum_case("i,j->ij", (3,), (4,)),
    _einsum_case("i,i->", (5,), (5,)),
    _einsum_case("ij,ij->ij", (3, 4), (3, 4)),
    _einsum_case("bi,bi->b", (4, 3), (4, 3)),
    _einsum_case("ij,ik->jk", (3, 4), (3, 2)),
    _einsum_case("bhqd,bhkd->bhqk", (2, 2, 3, 4), (2, 2, 5, 4)),
    _einsum_case("ij,j->i", (3, 4), (4,)),
    _einsum_case("ii->i", (3, 3)),
    _einsum_case("ii", (3, 3)),
    _einsum_case("ij,jk,kl->il", (2, 3), (3, 4), (4, 2)),
    _einsum_case("ab,cd->", (2, 3), (2, 2)),
]

test_forward, test_gradient = family_tests(CASES)


def test_exports():
    assert tf.norm is tf.linalg.norm
    assert tf.tensordot is tf.linalg.tensordot
    assert tf.einsum is tf.linalg.einsum
    assert tf.matmul is tf.linalg.matmul
    for fn in (tf.norm, tf.tensordot, tf.einsum):
        assert "Args:" in fn.__doc__ and "Example:" in fn.__doc__


def test_matmul_int32_exact():
    a = tf.constant([[1, 2], [3, 4]])
    b = tf.constant([[5, 6], [7, 8]])
    out = tf.matmul(a, b, transpose_b=True)
    assert out.dtype == tf.int32
    np.testing.assert_array_equal(out.numpy(), [[17, 23], [39, 53]])


@pytest.mark.parametrize("a_shape, b_shape, attrs", [
    ((96, 64, 32), (96, 32, 64), {}),                         # attention's scores: one product per item
    ((8, 12, 32, 64), (1, 12, 64, 32), {"transpose_a": True, "transpose_b": True}),  # a broadcast batch
])
def test_many_small_products_shared_among_threads_match_numpy(a_shape, b_shape, attrs):
    # Each product is below a thread's share, their total above it: the batch is split
    # across the pool's threads, every product whole.
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=a_shape), rng.normal(size=b_shape)
    out = tf.linalg.matmul(tf.constant(a, dtype=tf.float32), tf.constant(b, dtype=tf.float32), **attrs)
    ta = np.swapaxes(a, -1, -2) if attrs.get("transpose_a") else a
    tb = np.swapaxes(b, -1, -2) if attrs.get("transpose_b") else b
    np.testing.assert_allclose(out.numpy(), ta @ tb, rtol=1e-4, atol=1e-4)


def test_einsum_accepts_spaces_and_a_list():
    a, b = np.ones((2, 3)), np.ones((3, 4))
    np.testing.assert_allclose(tf.einsum("ij, jk -> ik", [a, b]).numpy(), a @ b)


@pytest.mark.parametrize("call, message", [
    (lambda: tf.matmul(tf.ones([2, 3]), tf.ones([4, 5])), "[matmul]"),
    (lambda: tf.matmul(tf.ones([3]), tf.ones([3, 2])), "[matmul]"),
    (lambda: tf.norm(tf.ones([2, 3]), ord=-1), "[norm]"),
    (lambda: tf.norm(tf.ones([2, 3]), ord="nuc", axis=[0, 1]), "[norm]"),
    (lambda: tf.norm(tf.ones([2, 3]), axis=[0, 0]), "[norm]"),
    (lambda: tf.norm(tf.ones([2, 3]), axis=2), "[norm]"),
    (lambda: tf.norm(tf.constant([1, 2])), "[norm]"),
    (lambda: tf.tensordot(tf.ones([2, 3]), tf.ones([4, 5]), axes=1), "[tensordot]"),
    (lambda: tf.tensordot(tf.ones([2, 3]), tf.ones([3, 5]), axes=3), "[tensordot]"),
    (lambda: tf.tensordot(tf.ones([2, 3]), tf.ones([3, 5]), axes=[[1], [0, 1]]), "[tensordot]"),
    (lambda: tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([4, 5])), "[einsum]"),
    (lambda: tf.einsum("ij,jk->ik", tf.ones([2, 3])), "[einsum]"),
    (lambda: tf.einsum("ij->k", tf.ones([2, 3])), "[einsum]"),
    (lambda: tf.einsum("ijk->ij", tf.ones([2, 3])), "[einsum]"),
    (lambda: tf.einsum("i1->i", tf.ones([2, 3])), "[einsum]"),
    (lambda: tf.einsum("ij->ii", tf.ones([2, 3])), "[einsum]"),
    (lambda: tf.einsum("...i->i", tf.ones([2, 3])), "[einsum]"),
])
def test_bad_input_raises(call, message):
    with pytest.raises(tf.errors.InvalidArgumentError) as info:
        call()
    assert message in str(info.value)


def test_matrix_two_norm_is_unimplemented():
    with pytest.raises(tf.errors.UnimplementedError, match=r"\[norm\]"):
        tf.norm(tf.ones([2, 3]), ord=2, axis=[0, 1])
