"""tf.Variable: construction, assignment, names, use as a tensor."""
import numpy as np
import pytest

import eigenflow as tf


def test_variable_is_usable_as_a_tensor():
    v = tf.Variable([1.0, 2.0])
    assert isinstance(v, tf.Variable) and v.dtype == tf.float32 and v.shape == (2,)
    np.testing.assert_allclose(tf.add(v, 1.0).numpy(), [2.0, 3.0])
    np.testing.assert_allclose((v * v).numpy(), [1.0, 4.0])


def test_assign_family_returns_the_variable_and_updates_in_place():
    v = tf.Variable([1.0, 2.0])
    assert v.assign([3.0, 4.0]) is v
    v.assign_add([1.0, 1.0])
    v.assign_sub(tf.constant([0.5, 0.5]))
    np.testing.assert_allclose(v.numpy(), [3.5, 4.5])


def test_assign_checks_shape_and_dtype():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(tf.errors.InvalidArgumentError, match="shape"):
        v.assign([1.0, 2.0, 3.0])
    with pytest.raises(tf.errors.InvalidArgumentError):
        v.assign(tf.constant([1, 2]))


def test_read_value_is_a_snapshot():
    v = tf.Variable(1.0)
    r = v.read_value()
    v.assign(5.0)
    assert float(r) == 1.0 and float(v) == 5.0


def test_tensor_computed_from_variable_is_not_changed_by_assign():
    v = tf.Variable([1.0, 2.0])
    y = tf.reshape(v, (2, 1))
    v.assign([7.0, 8.0])
    np.testing.assert_allclose(y.numpy().ravel(), [1.0, 2.0])


def test_initial_value_forms():
    assert float(tf.Variable(lambda: tf.constant(2.0))) == 2.0
    a = tf.Variable(3.0)
    b = tf.Variable(a)
    a.assign(4.0)
    assert float(b) == 3.0
    assert tf.Variable(1, dtype=tf.float32).dtype == tf.float32
    assert tf.Variable(np.zeros((2, 2))).dtype == tf.float64


def test_names_and_flags():
    v = tf.Variable(1.0, name="power", trainable=False)
    assert v.name == "power:0" and not v.trainable
    assert tf.Variable(1.0).name == "Variable:0"
    assert "tf.Variable 'power:0'" in repr(v)


def test_variable_in_dict_and_set_by_identity():
    a, b = tf.Variable(1.0), tf.Variable(1.0)
    assert len({a, b}) == 2
    assert {a: 1}[a] == 1


def test_filled_variables_makes_untrainable_variables_of_one_value_each():
    from eigenflow.framework.variables import filled_variables, live_variables
    like = tf.Variable(tf.ones([2, 2], dtype=tf.float64))
    momentum, velocity = filled_variables(like, [0.5, 0.0], ["w_momentum", "w_velocity"])
    for slot, name, fill in ((momentum, "w_momentum:0", 0.5), (velocity, "w_velocity:0", 0.0)):
        assert isinstance(slot, tf.Variable) and slot.name == name and not slot.trainable
        assert slot.dtype == tf.float64 and slot is not like
        np.testing.assert_array_equal(slot.numpy(), np.full((2, 2), fill))
    live = live_variables()
    assert any(v is momentum for v in live) and any(v is velocity for v in live)
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\[Variable\].*symbolic tensor of shape \(None, 3\)"):
        filled_variables(tf.keras.Input((3,)), [0.0], ["x"])
