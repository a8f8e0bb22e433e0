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


def test_slot_variables_makes_untrainable_variables_of_one_value_each_per_weight():
    from eigenflow.framework.variables import slot_variables, live_variables
    kernel = tf.Variable(tf.ones([2, 2], dtype=tf.float64), name="kernel")
    kernel.path = "dense/kernel"
    bias = tf.Variable([1.0, 2.0, 3.0], name="b")
    made = slot_variables([kernel, bias], ("momentum", "velocity"), [0.5, 0.0], "Adam")
    expected = [(kernel, "dense_kernel_momentum:0", 0.5), (kernel, "dense_kernel_velocity:0", 0.0),
                (bias, "b_momentum:0", 0.5), (bias, "b_velocity:0", 0.0)]
    assert len(made) == len(expected)
    for slot, (weight, name, fill) in zip(made, expected):
        assert isinstance(slot, tf.Variable) and slot.name == name and not slot.trainable
        assert slot.dtype == weight.dtype and slot is not weight
        np.testing.assert_array_equal(slot.numpy(), np.full(weight.shape, fill))
    made[0].assign_add(tf.ones([2, 2], dtype=tf.float64))
    np.testing.assert_array_equal(kernel.numpy(), np.ones((2, 2)))  # a slot has its own buffer
    live = live_variables()
    assert all(any(v is slot for v in live) for slot in made)


@pytest.mark.parametrize("weights, message", [
    (lambda: [tf.Variable(1.0), tf.constant([1.0])], r"Adam: can only update tf\.Variables, received .*Tensor"),
    (lambda: [tf.Variable(1.0), tf.Variable(3, name="steps")],
     r"Adam: can only update floating-point Variables, received 'steps:0' of dtype int32"),
])
def test_slot_variables_checks_every_weight_before_making_any(weights, message):
    from eigenflow.framework.variables import slot_variables, live_variables
    weights = weights()
    before = len(live_variables())
    with pytest.raises(ValueError, match=message):
        slot_variables(weights, ("momentum",), [0.0], "Adam")
    assert len(live_variables()) == before


def test_slot_variables_needs_one_fill_per_slot_name():
    from eigenflow.framework.variables import slot_variables
    with pytest.raises(ValueError, match="2 slot names but 1 fill values"):
        slot_variables([tf.Variable(1.0)], ("momentum", "velocity"), [0.0], "Adam")


def test_slot_variables_lets_an_error_of_a_weight_path_through():
    from eigenflow.framework.variables import slot_variables

    class Unreadable:
        def __bool__(self):
            raise RuntimeError("no path here")

    weight = tf.Variable([1.0])
    weight.path = Unreadable()
    with pytest.raises(RuntimeError, match="no path here"):
        slot_variables([weight], ("momentum",), [0.0], "Adam")
