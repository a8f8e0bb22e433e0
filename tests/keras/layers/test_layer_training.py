"""A user's own layer trains: weights from add_weight in build, a sublayer made in build and
a scalar made in __init__ all move under a hand-written GradientTape loop with assign_sub."""
import numpy as np

import eigenflow as tf


class Residual(tf.keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.gain = self.add_weight(name="gain", initializer="ones")  # a scalar, made in __init__

    def build(self, input_shape):
        self.w = self.add_weight(name="w", shape=(input_shape[-1], self.units), initializer="glorot_uniform")
        self.b = self.add_weight(name="b", shape=(self.units,), initializer="zeros")
        self.proj = tf.keras.layers.Dense(self.units)  # a sublayer, made in build

    def call(self, inputs):
        return self.gain * (tf.matmul(inputs, self.w) + self.b) + self.proj(inputs)


def test_every_weight_of_a_subclassed_layer_moves():
    tf.random.set_seed(1)
    rng = np.random.default_rng(0)
    x = tf.constant(rng.normal(size=(64, 5)).astype("float32"))
    y = tf.constant((rng.normal(size=(64, 5)) @ rng.normal(size=(5, 3))).astype("float32"))
    layer = Residual(3)
    layer(x)
    names = [v.name for v in layer.trainable_weights]
    assert names == ["gain", "w", "b", "kernel", "bias"], names
    before = [v.numpy().copy() for v in layer.trainable_weights]
    first_loss = None
    for _ in range(30):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(layer(x) - y))
        grads = tape.gradient(loss, layer.trainable_weights)
        assert all(g is not None for g in grads)
        for v, g in zip(layer.trainable_weights, grads):
            v.assign_sub(0.05 * g)
        first_loss = float(loss) if first_loss is None else first_loss
    assert float(loss) < first_loss
    for name, old, v in zip(names, before, layer.trainable_weights):
        assert not np.allclose(old, v.numpy()), f"weight {name} never moved"
