"""A trainable Variable as a regularization factor: differentiated, trained, kept >= 0, and
announced once per Variable."""
import warnings

import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import constraints, regularizers

W = np.array([[1.0, -2.0], [0.5, 3.0]], dtype=np.float32)


def _factor_warnings(record):
    return [w for w in record if "regularizer factor Variable" in str(w.message)]


def test_value_and_gradient_through_the_factor():
    v = tf.Variable(0.1, name="reg_param1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reg = regularizers.L2(v)
    w = tf.Variable(W)
    with tf.GradientTape() as tape:
        loss = reg(w)
    assert float(loss) == pytest.approx(0.1 * 14.25, rel=1e-6)
    g_v, g_w = tape.gradient(loss, [v, w])
    assert float(g_v) == pytest.approx(14.25, rel=1e-6)
    np.testing.assert_allclose(g_w.numpy(), 0.2 * W, rtol=1e-6)
    # the penalty follows the Variable's current value
    v.assign(0.5)
    assert float(reg(w)) == pytest.approx(0.5 * 14.25, rel=1e-6)


def test_l1_l1l2_and_orthogonal_accept_a_variable():
    a, b = tf.Variable(0.1, name="a"), tf.Variable(0.2, name="b")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = tf.constant(W)
        assert float(regularizers.L1(a)(w)) == pytest.approx(0.65, rel=1e-6)
        assert float(regularizers.L1L2(l1=a, l2=b)(w)) == pytest.approx(0.65 + 2.85, rel=1e-6)
        reg = regularizers.OrthogonalRegularizer(factor=b)
        with tf.GradientTape() as tape:
            loss = reg(np.array([[1.0, 0.0], [1.0, 0.0]], np.float32))
        assert float(tape.gradient(loss, b)) == pytest.approx(1.0)


def test_warns_once_per_variable_and_names_it():
    v = tf.Variable(0.01, name="reg_param1")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        reg = regularizers.l2(v)
        regularizers.L1(v)
        for _ in range(3):
            reg(W)
    found = _factor_warnings(record)
    assert len(found) == 1
    assert "'reg_param1:0'" in str(found[0].message) and "non-negative" in str(found[0].message)
    assert found[0].filename == __file__  # points at the user's line, not eigenflow's
    other = tf.Variable(0.01, name="reg_param2")
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        regularizers.l2(other)
    assert len(_factor_warnings(record)) == 1 and "'reg_param2:0'" in str(record[0].message)


def test_attaches_a_non_negative_constraint():
    v = tf.Variable(0.01, name="f")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        regularizers.L2(v)
    assert isinstance(v.constraint, constraints.NonNeg)
    v.assign(-0.5)  # as if an update pushed it below zero
    v.assign(v.constraint(v))
    assert float(v.numpy()) == 0.0


def test_keeps_an_existing_constraint():
    own = constraints.MaxNorm(1.0)
    v = tf.Variable(0.01, name="f", constraint=own)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        regularizers.L2(v)
    assert v.constraint is own
    assert len(_factor_warnings(record)) == 1 and "its own constraint" in str(record[0].message)


def test_non_trainable_variable_is_left_alone():
    v = tf.Variable(0.01, name="fixed", trainable=False)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        reg = regularizers.L2(v)
        reg(W)
    assert not _factor_warnings(record) and v.constraint is None


def test_config_stores_the_float_value():
    v = tf.Variable(0.01, name="f")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reg = regularizers.L1L2(l1=v, l2=0.5)
    assert reg.get_config() == {"l1": 0.01, "l2": 0.5}
    clone = regularizers.deserialize(regularizers.serialize(reg))
    assert clone.l1 == 0.01 and not isinstance(clone.l1, tf.Variable)


def test_float64_weights_with_a_float32_factor():
    v = tf.Variable(0.5, name="f")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reg = regularizers.L2(v)
    w = tf.Variable(W.astype(np.float64))
    with tf.GradientTape() as tape:
        loss = reg(w)
    assert loss.dtype == tf.float64
    assert float(tape.gradient(loss, v)) == pytest.approx(14.25, rel=1e-6)


def test_bad_variable_factors():
    with pytest.raises(ValueError, match="L2: l2 must be non-negative, received l2=Variable 'neg:0' holding -0.1"):
        regularizers.L2(tf.Variable(-0.1, name="neg"))
    with pytest.raises(ValueError, match=r"L1: a Variable l1 must be a float scalar.*shape \(2,\)"):
        regularizers.L1(tf.Variable([0.1, 0.2], name="vec"))
    with pytest.raises(ValueError, match="dtype int32"):
        regularizers.L1(tf.Variable(1, name="int"))


def test_a_layer_trains_its_factor():
    v = tf.Variable(0.01, name="reg_param1")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        layer = tf.keras.layers.Dense(3, kernel_regularizer=regularizers.l2(v))
    layer(np.ones((2, 4), np.float32))
    assert any(w is v for w in layer.trainable_weights)
    with tf.GradientTape() as tape:
        loss = tf.add_n(layer.losses)
    grad = tape.gradient(loss, v)
    assert float(grad) == pytest.approx(float(np.sum(layer.kernel.numpy() ** 2)), rel=1e-5)
