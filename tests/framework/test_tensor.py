"""Tensors: creation, dtypes, NumPy interop, Python protocols, printing, operators."""
import numpy as np
import pytest

import eigenflow as tf


def test_default_dtypes():
    assert tf.constant(1.0).dtype == tf.float32
    assert tf.constant(1).dtype == tf.int32
    assert tf.constant(True).dtype == tf.bool
    assert tf.constant([1.5, 2]).dtype == tf.float32
    assert tf.constant(np.zeros(2)).dtype == tf.float64
    assert tf.constant(np.zeros(2, dtype=np.int64)).dtype == tf.int64


@pytest.mark.parametrize("name,np_type", [("float32", np.float32), ("float64", np.float64),
                                          ("int32", np.int32), ("int64", np.int64), ("bool", np.bool_)])
def test_dtype_compares_with_numpy_and_strings(name, np_type):
    d = tf.as_dtype(name)
    assert d == np_type and d == name and d == np.dtype(np_type) and d == getattr(tf, name if name != "bool" else "bool")
    assert tf.constant(np.zeros(1, np_type)).dtype == d


def test_constant_dtype_and_shape():
    t = tf.constant(3.0, shape=(2, 2))
    np.testing.assert_array_equal(t.numpy(), np.full((2, 2), 3.0, np.float32))
    t = tf.constant([1, 2, 3, 4], dtype=tf.float64, shape=[2, 2])
    assert t.dtype == tf.float64 and t.shape == (2, 2)
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant(1.5, dtype=tf.int32)


def test_numpy_round_trip_and_buffer_protocol():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    t = tf.constant(a)
    np.testing.assert_array_equal(np.asarray(t), a)
    np.testing.assert_array_equal(np.array(memoryview(t)), a)
    assert t.numpy().dtype == np.float32


def test_numpy_view_shares_memory_for_tensors_but_not_variables():
    t = tf.constant([1.0, 2.0])
    assert np.shares_memory(t.numpy(), t.numpy())
    v = tf.Variable([1.0, 2.0])
    a = v.numpy()
    v.assign([5.0, 6.0])
    np.testing.assert_array_equal(a, [1.0, 2.0])


def test_shape_is_tuple_like():
    t = tf.zeros((2, 3)) if hasattr(tf, "zeros") else tf.constant(np.zeros((2, 3), np.float32))
    assert t.shape == (2, 3) and t.shape == [2, 3]
    assert t.shape.as_list() == [2, 3] and t.shape.rank == 2 and t.ndim == 2
    assert len(t) == 2 and t.shape[1] == 3


def test_python_scalar_protocols():
    t = tf.constant(3)
    assert int(t) == 3 and float(t) == 3.0 and bool(t) and list(range(t)) == [0, 1, 2]
    assert [1, 2, 3, 4][tf.constant(1)] == 2
    with pytest.raises(ValueError):
        bool(tf.constant([1, 2]))


def test_iteration_over_first_axis():
    rows = list(tf.constant([[1, 2], [3, 4]]))
    assert [r.numpy().tolist() for r in rows] == [[1, 2], [3, 4]]


def test_str_and_repr():
    t = tf.constant([3.5, 6.0])
    assert str(t) == "tf.Tensor([3.5 6. ], shape=(2,), dtype=float32)"
    assert repr(t).startswith("<tf.Tensor: shape=(2,), dtype=float32, numpy=array([3.5, 6. ]")
    assert str(tf.constant(2)) == "tf.Tensor(2, shape=(), dtype=int32)"


def test_operators_with_scalars_on_either_side():
    x = tf.constant([1.0, 2.0, 4.0])
    np.testing.assert_allclose((x + 1).numpy(), [2, 3, 5])
    np.testing.assert_allclose((1 - x).numpy(), [0, -1, -3])
    np.testing.assert_allclose((2 * x).numpy(), [2, 4, 8])
    np.testing.assert_allclose((x / 2).numpy(), [0.5, 1, 2])
    np.testing.assert_allclose((8 / x).numpy(), [8, 4, 2])
    np.testing.assert_allclose((x ** 2).numpy(), [1, 4, 16])
    np.testing.assert_allclose((2 ** x).numpy(), [2, 4, 16])
    np.testing.assert_allclose((x // 3).numpy(), [0, 0, 1])
    np.testing.assert_allclose((x % 3).numpy(), [1, 2, 1])
    np.testing.assert_allclose((-x).numpy(), [-1, -2, -4])
    assert (x > 1.5).numpy().tolist() == [False, True, True]
    assert (x == 2.0).numpy().tolist() == [False, True, False]
    assert (x + 1).dtype == tf.float32


def test_operators_broadcast_and_matmul():
    a = tf.constant(np.ones((2, 3), np.float32))
    b = tf.constant(np.arange(3, dtype=np.float32))
    np.testing.assert_allclose((a + b).numpy(), np.ones((2, 3)) + np.arange(3))
    np.testing.assert_allclose((a @ tf.constant(np.ones((3, 4), np.float32))).numpy(), np.full((2, 4), 3.0))


def test_operators_reach_variables_and_respect_subclass_overrides():
    # The operators are number slots (cpp/bindings/operator_slots.cpp); Python subclasses
    # get them when created, unless they define the operator themselves.
    v = tf.Variable([1.0, 2.0])
    np.testing.assert_allclose((v - 1).numpy(), [0, 1])
    np.testing.assert_allclose((3 - v).numpy(), [2, 1])
    np.testing.assert_allclose((tf.Variable([[1.0, 2.0]]) @ tf.constant([[1.0], [1.0]])).numpy(), [[3]])
    assert ((v > 1.5) & (v > 0)).numpy().tolist() == [False, True]

    class Shouting(tf.Variable):
        def __add__(self, other):
            return "added"

    s = Shouting([1.0])
    assert s + 1 == "added"
    np.testing.assert_allclose((1 + s).numpy(), [2])  # the inherited __radd__
    np.testing.assert_allclose((s * 2).numpy(), [2])
    np.testing.assert_allclose(tf.constant([1.0]).__add__(2.0).numpy(), [3])  # explicit dunders still work


def test_numpy_array_on_the_left_gives_a_tensor():
    x = tf.constant([1.0, 2.0])
    assert isinstance(np.float32(2.0) * x, tf.Tensor)
    assert isinstance(np.array([1.0, 1.0], np.float32) + x, tf.Tensor)


def test_integer_division_gives_float64_like_tensorflow():
    t = tf.constant([3, 4]) / tf.constant([2, 2])
    assert t.dtype == tf.float64
    np.testing.assert_allclose(t.numpy(), [1.5, 2.0])


def test_mixed_dtypes_are_refused_with_a_clear_message():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\[add\].*float32, float64"):
        tf.constant([1.0]) + tf.constant(np.array([1.0]))
    with pytest.raises(ValueError):  # InvalidArgumentError is a ValueError
        tf.constant([1, 2]) + tf.constant([1.0, 2.0])


def test_convert_to_tensor_and_is_tensor():
    t = tf.convert_to_tensor([1, 2])
    assert tf.is_tensor(t) and not tf.is_tensor([1, 2])
    assert tf.convert_to_tensor(t) is t
    assert tf.convert_to_tensor(1, dtype_hint=tf.float32).dtype == tf.float32


def test_unconvertible_objects_raise():
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant("text")
    with pytest.raises(tf.errors.InvalidArgumentError):
        tf.constant([[1, 2], [3]])


def test_large_int64_values_keep_every_bit():
    big = 2 ** 63 - 1
    assert int(tf.constant(big, tf.int64)) == big
    assert int(tf.constant(big)) == big and tf.constant(big).dtype == tf.int64
    assert int(tf.constant(-(2 ** 53) - 1, tf.int64)) == -(2 ** 53) - 1
