"""Layer.__call__ runs a built layer on one plain eager tensor through a short path
(_call_plain). These check that it keeps what the general path does: the training flag
reaches nested layers, call losses start afresh, errors name the layer, and anything
unusual (a mask, another dtype, extra arguments) still takes the general path."""
import threading

import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import layers
from eigenflow.keras.layers import call_context


class Outer(layers.Layer):
    """Calls an inner Dropout without passing `training`: it must inherit the outer flag."""

    def __init__(self):
        super().__init__()
        self.dropout = layers.Dropout(0.5)

    def call(self, x):
        return self.dropout(x)


class WithCallLoss(layers.Layer):
    def call(self, x):
        self.add_loss(tf.reduce_sum(x))
        return x


def _built(layer, x):
    layer(x)  # the first call builds: the general path
    return layer


def test_training_flag_reaches_nested_layers_on_a_built_layer():
    x = tf.ones((64, 8))
    outer = _built(Outer(), x)
    assert np.array_equal(outer(x).numpy(), x.numpy())  # inference: dropout off
    dropped = outer(x, training=True).numpy()
    assert (dropped == 0).any() and (dropped == 2).any()
    assert np.array_equal(outer(x, training=False).numpy(), x.numpy())


def test_call_losses_start_afresh_at_each_outermost_call():
    x = tf.ones((2, 3))
    layer = _built(WithCallLoss(), x)
    layer(x)
    layer(x * 2.0)
    assert [float(v) for v in layer.losses] == [12.0]


def test_an_error_in_call_names_the_layer():
    class Broken(layers.Layer):
        def call(self, x):
            if self.built and x.shape[0] == 3:
                raise ValueError("three rows")
            return x

    layer = _built(Broken(name="broken_layer"), tf.ones((2, 2)))
    with pytest.raises(ValueError, match="broken_layer"):
        layer(tf.ones((3, 2)))


def test_an_error_in_call_leaves_no_call_running():
    class Broken(layers.Layer):
        def call(self, x, training=None):
            raise ValueError("broken")

    layer = Broken()
    for _ in range(2):  # the general path (unbuilt), then the plain one
        with pytest.raises(ValueError, match="broken"):
            layer(tf.ones((2, 2)), training=True)
        assert (call_context.depth(), call_context.training()) == (0, None)


def test_the_training_flag_of_a_call_is_not_seen_by_another_thread():
    seen = {}

    class Probe(layers.Layer):
        def call(self, x, training=None):
            seen[threading.current_thread().name] = (training, call_context.depth())
            return x

    class StartsAThread(layers.Layer):
        def call(self, x):
            thread = threading.Thread(target=Probe(), args=(x,), name="other")
            thread.start()
            thread.join()
            return Probe()(x)

    StartsAThread()(tf.ones((1, 2)), training=True)
    assert seen == {"other": (None, 1), threading.current_thread().name: (True, 2)}


def test_a_numpy_float_array_gives_what_its_tensor_gives():
    dense = _built(layers.Dense(2), tf.ones((1, 3)))
    x = np.arange(6, dtype="float64").reshape(2, 3)
    out = dense(x)
    assert out.dtype == tf.float32
    np.testing.assert_array_equal(out.numpy(), dense(tf.constant(x, dtype="float32")).numpy())
    with pytest.raises(ValueError, match=r"Dense .* expects last axis 3, received input shape \(2, 2\)"):
        dense(np.ones((2, 2), dtype="float32"))


def test_a_dense_input_of_the_wrong_width_is_refused_after_build():
    dense = _built(layers.Dense(4), tf.ones((2, 3)))
    with pytest.raises(ValueError, match=r"Dense .* expects last axis 3, received input shape \(2, 5\)"):
        dense(tf.ones((2, 5)))


def test_float64_input_is_cast_to_the_layer_dtype():
    dense = _built(layers.Dense(2), tf.ones((1, 3)))
    out = dense(tf.constant(np.ones((1, 3)), dtype="float64"))
    assert out.dtype == tf.float32
    np.testing.assert_allclose(out.numpy(), dense(tf.ones((1, 3))).numpy())


def test_a_masked_input_keeps_its_mask_through_a_built_layer():
    x = tf.constant([[1.0, 0.0], [2.0, 3.0]])
    masking = layers.Masking(mask_value=0.0)
    relu = _built(layers.Activation("relu"), x)
    out = relu(masking(tf.reshape(x, (2, 2, 1))))
    np.testing.assert_array_equal(out._keras_mask.numpy(), [[True, False], [True, True]])
