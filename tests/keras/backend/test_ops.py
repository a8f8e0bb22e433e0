import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import backend as K


def test_variable_defaults_and_arguments():
    v = K.variable(0.5, name="offset")
    assert isinstance(v, tf.Variable) and v.trainable and v.dtype == tf.float32 and v.name == "offset:0"
    assert K.variable([1, 2]).dtype == tf.float32  # ints become floatx
    assert K.variable(np.ones(3), dtype="float64").dtype == tf.float64
    c = K.variable([1.0, -1.0], constraint="non_neg")
    assert isinstance(c.constraint, tf.keras.constraints.NonNeg)
    assert K.variable(tf.constant([1.0, 2.0])).numpy().tolist() == [1.0, 2.0]


def test_get_set_value_and_batches():
    v = K.variable(0.5)
    K.set_value(v, 0.0)
    value = K.get_value(v)
    assert isinstance(value, np.ndarray) and float(value) == 0.0
    K.set_value(v, np.float64(2.5))
    assert float(K.eval(v)) == 2.5
    a, b = K.variable([1.0, 2.0]), K.variable([[0.0]])
    K.batch_set_value([(a, [3.0, 4.0]), (b, [[5.0]])])
    assert [x.tolist() for x in K.batch_get_value([a, b])] == [[3.0, 4.0], [[5.0]]]
    with pytest.raises(ValueError, match=r"set_value: Variable 'Variable:0' has shape \(2,\), received a value of "
                                         r"shape \(3,\)"):
        K.set_value(a, [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="set_value: x must be a Variable"):
        K.set_value(tf.constant(1.0), 2.0)
    assert K.get_value(np.array([1.0])).tolist() == [1.0]


def test_constant_zeros_ones():
    assert K.constant(1).dtype == tf.float32
    assert K.constant(2.0, shape=(2, 2)).numpy().tolist() == [[2.0, 2.0], [2.0, 2.0]]
    z = K.zeros((2, 3))
    assert isinstance(z, tf.Variable) and z.trainable and z.numpy().sum() == 0 and z.dtype == tf.float32
    o = K.ones((2,), dtype="float64", name="o")
    assert isinstance(o, tf.Variable) and o.dtype == tf.float64 and o.numpy().tolist() == [1.0, 1.0]
    assert K.zeros_like(tf.constant([1, 2])).numpy().tolist() == [0, 0]
    assert K.ones_like(tf.constant([1.0]), dtype="float64").dtype == tf.float64


def test_shapes_and_types():
    x = tf.ones((2, 3))
    assert K.int_shape(x) == (2, 3)
    assert K.int_shape(tf.keras.Input(shape=(4, 5))) == (None, 4, 5)
    assert K.int_shape(np.zeros((1, 2))) == (1, 2)
    assert K.shape(x).numpy().tolist() == [2, 3]
    assert K.ndim(x) == 2 and K.ndim(tf.constant(1.0)) == 0
    assert K.dtype(x) == "float32" and K.dtype(K.variable(1.0, dtype="float64")) == "float64"
    assert K.cast(tf.constant([1.7, -1.7]), "int32").numpy().tolist() == [1, -1]
    assert tuple(K.reshape(x, (3, -1)).shape) == (3, 2)
    assert tuple(K.transpose(x).shape) == (3, 2)
    assert tuple(K.expand_dims(x, 0).shape) == (1, 2, 3)
    assert tuple(K.squeeze(tf.ones((2, 1)), -1).shape) == (2,)
    assert tuple(K.stack([x, x], axis=1).shape) == (2, 2, 3)
    assert K.count_params(K.zeros((3, 4))) == 12


def test_math_against_numpy(rng):
    a = rng.normal(size=(3, 4)).astype(np.float32)
    t = tf.constant(a)
    np.testing.assert_allclose(K.mean(t).numpy(), a.mean(), rtol=1e-6)
    np.testing.assert_allclose(K.mean(t, axis=1, keepdims=True).numpy(), a.mean(axis=1, keepdims=True), rtol=1e-6)
    np.testing.assert_allclose(K.sum(t, axis=0).numpy(), a.sum(axis=0), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(K.prod(t, axis=1).numpy(), a.prod(axis=1), rtol=1e-5)
    np.testing.assert_allclose(K.max(t, axis=0).numpy(), a.max(axis=0))
    np.testing.assert_allclose(K.min(t).numpy(), a.min())
    assert K.argmax(t).numpy().tolist() == a.argmax(axis=-1).tolist()
    assert K.argmin(t, axis=0).numpy().tolist() == a.argmin(axis=0).tolist()
    np.testing.assert_allclose(K.square(t).numpy(), a ** 2, rtol=1e-6)
    np.testing.assert_allclose(K.sqrt(t).numpy(), np.sqrt(np.maximum(a, 0)), rtol=1e-6)
    np.testing.assert_allclose(K.exp(t).numpy(), np.exp(a), rtol=1e-6)
    np.testing.assert_allclose(K.log(K.abs(t)).numpy(), np.log(np.abs(a)), rtol=1e-5)
    np.testing.assert_allclose(K.pow(t, 3).numpy(), a ** 3, rtol=1e-5)
    np.testing.assert_allclose(K.maximum(t, 0.0).numpy(), np.maximum(a, 0))
    np.testing.assert_allclose(K.minimum(t, tf.zeros((3, 4))).numpy(), np.minimum(a, 0))
    assert float(K.mean(tf.constant([True, False, True, True]))) == 0.75


def test_clip():
    x = tf.constant([-2.0, 0.5, 3.0])
    assert K.clip(x, 0.0, 1.0).numpy().tolist() == [0.0, 0.5, 1.0]
    assert K.clip(x, None, 1.0).numpy().tolist() == [-2.0, 0.5, 1.0]
    assert K.clip(x, 0.0, None).numpy().tolist() == [0.0, 0.5, 3.0]
    assert K.clip(x, 1.0, 0.0).numpy().tolist() == [1.0, 1.0, 1.0]  # max below min is raised to it


def test_concatenate():
    a, b = tf.ones((2, 1)), tf.zeros((2, 2))
    assert tuple(K.concatenate([a, b]).shape) == (2, 3)
    assert tuple(K.concatenate([a, a], axis=0).shape) == (4, 1)


@pytest.mark.parametrize("xs, ys", [((2, 3), (3, 4)), ((2, 3, 4), (4, 5)), ((2, 3), (4, 3, 5)), ((2, 3), (3,)),
                                    ((2, 3, 4), (6, 4, 5))])
def test_dot_matches_keras2_rules(xs, ys, rng):
    a = rng.normal(size=xs).astype(np.float32)
    b = rng.normal(size=ys).astype(np.float32)
    k = 0 if b.ndim == 1 else b.ndim - 2
    expected = np.tensordot(a, b, axes=[[a.ndim - 1], [k]])
    out = K.dot(tf.constant(a), tf.constant(b))
    assert tuple(out.shape) == expected.shape
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-5, atol=1e-5)


def test_dot_on_a_symbolic_batch():
    x = tf.keras.Input(shape=(3, 4))
    assert K.int_shape(K.dot(x, tf.ones((4, 5)))) == (None, 3, 5)


def test_gradients_flow_through_backend_functions():
    v = K.variable(2.0)
    with tf.GradientTape() as tape:
        loss = K.mean(K.square(v)) + K.sum(K.exp(K.variable(0.0) * v))
    assert float(tape.gradient(loss, v)) == pytest.approx(4.0)
    w = K.variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = K.sum(K.stop_gradient(w) * w)
    assert tape.gradient(y, w).numpy().tolist() == [1.0, 2.0]


def test_settings_and_session():
    assert K.epsilon() == 1e-7 and K.floatx() == "float32" and K.learning_phase() == 0
    assert K.image_data_format() == "channels_last"
    K.clear_session()
    assert K.unique_name("dense") == "dense" and K.unique_name("dense") == "dense_1"
    K.clear_session()
    assert K.unique_name("dense") == "dense"


def test_the_lambda_offset_program_pattern():
    # keras.backend.variable read in a Lambda and in add_loss (acceptance program seed002).
    offset = K.variable(0.5, dtype="float32", name="offset")
    K.set_value(offset, 0.0)
    layer = tf.keras.layers.Lambda(lambda x: x + offset)
    layer(np.ones((2, 3), np.float32))
    assert any(w is offset for w in layer.trainable_weights)
    loss = K.mean(K.square(offset))
    assert float(loss) == 0.0 and float(K.get_value(offset)) == 0.0


def test_floatx_sets_the_default_dtype_of_values_and_initializers():
    K.set_floatx("float64")
    try:
        assert K.variable(1.0).dtype == tf.float64 and K.constant(1).dtype == tf.float64
        assert tf.keras.initializers.GlorotUniform()((2, 2)).dtype == tf.float64
    finally:
        K.set_floatx("float32")
    assert K.variable(1.0).dtype == tf.float32
