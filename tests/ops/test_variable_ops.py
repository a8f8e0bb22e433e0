"""The assign, assign_add and assign_sub ops (cpp/ops/variable.cpp): Variable.assign and
friends run them, so a traced function replays assignments. They write their input rather
than return a value."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow import _core

CHECKED_ELSEWHERE = {op: "test_variable_ops.py and tests/framework/test_variable.py"
                     for op in ("assign", "assign_add", "assign_sub")}


def test_assign_writes_the_variable_and_keeps_a_snapshot_intact():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v)
    out = _core.ops.assign(v, tf.constant([5.0, 6.0]))
    assert out.shape == () and out.dtype == tf.int32
    np.testing.assert_array_equal(v.numpy(), [5.0, 6.0])
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), [2.0, 4.0])  # read before the write


@pytest.mark.parametrize("target, value, match", [
    (lambda: tf.constant([1.0]), tf.constant([2.0]), r"\[assign\] only a Variable can be assigned to"),
    (lambda: tf.Variable([1.0]), tf.constant([2.0, 3.0]), r"\[assign\] shape mismatch: the variable has shape \(1,\), "
                                                           r"the value \(2,\)"),
    (lambda: tf.Variable([1.0]), tf.constant([2], dtype="int32"), r"\[assign\] dtype mismatch"),
])
def test_bad_assignments_raise(target, value, match):
    with pytest.raises(tf.errors.InvalidArgumentError, match=match):
        _core.ops.assign(target(), value)


@pytest.mark.parametrize("dtype", ["float32", "float64", "int32", "int64"])
def test_updates_in_place_match_numpy(dtype):
    rng = np.random.default_rng(0)
    start = rng.integers(-5, 5, size=(3, 4)).astype(dtype)
    for op, ref in (("assign_add", np.add), ("assign_sub", np.subtract)):
        for shape in [(3, 4), (4,), (1, 4), (3, 1), ()]:
            v = tf.Variable(start)
            value = rng.integers(-5, 5, size=shape).astype(dtype)
            out = getattr(_core.ops, op)(v, tf.constant(value))
            assert out.shape == () and out.dtype == tf.int32
            np.testing.assert_array_equal(v.numpy(), ref(start, value))


def test_update_in_place_keeps_a_tape_snapshot_intact():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(v * v)
    v.assign_add([1.0, 1.0])
    v.assign_sub(0.5)
    np.testing.assert_array_equal(v.numpy(), [1.5, 2.5])
    np.testing.assert_array_equal(tape.gradient(y, v).numpy(), [2.0, 4.0])  # read before the writes
    v.assign_add(v)  # the value is the Variable itself
    np.testing.assert_array_equal(v.numpy(), [3.0, 5.0])


@pytest.mark.parametrize("op, target, value, match", [
    ("assign_add", lambda: tf.constant([1.0]), tf.constant([2.0]), r"\[assign_add\] only a Variable can be assigned to"),
    ("assign_sub", lambda: tf.Variable([1.0]), tf.constant([2.0, 3.0]),
     r"\[assign_sub\] a value of shape \(2,\) does not broadcast to the variable's shape \(1,\)"),
    ("assign_add", lambda: tf.Variable([1.0]), tf.constant([2], dtype="int32"), r"\[assign_add\].*dtype"),
    ("assign_add", lambda: tf.Variable([True]), tf.constant([True]), r"\[assign_add\].*bool"),
    ("assign_add", lambda: tf.Variable([1.0]), tf.keras.Input((1,)), r"\[assign_add\] a symbolic tensor"),
])
def test_bad_updates_raise(op, target, value, match):
    with pytest.raises(tf.errors.InvalidArgumentError, match=match):
        getattr(_core.ops, op)(target(), value)


@pytest.mark.parametrize("op", ["assign", "assign_add", "assign_sub"])
def test_stateful(op):
    info = _core.op_info(op)
    assert info["stateful"] and not info["differentiable"]
