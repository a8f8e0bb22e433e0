"""Subclassed models: every layer and Variable the user stores is tracked and trained."""
import numpy as np
import pytest

import eigenflow as tf

keras = tf.keras
layers = tf.keras.layers


def _regression(n=32, d=3, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    return x, (x @ np.arange(1, d + 1, dtype="float32").reshape(d, 1) + 0.5).astype("float32")


class Attributes(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(4)
        self.blocks = [layers.Dense(4), layers.Dense(4)]
        self.heads = {"main": layers.Dense(1)}
        self.scale = tf.Variable(1.0, name="scale")
        self.offsets = [tf.Variable(0.0, name="offset_a"), tf.Variable(0.0, name="offset_b")]
        self.gains = {"g": tf.Variable(1.0, name="gain")}

    def call(self, x):
        h = self.dense(x)
        for block in self.blocks:
            h = block(h)
        out = self.heads["main"](h) * self.scale * self.gains["g"]
        return out + self.offsets[0] + self.offsets[1]


def test_layers_and_variables_in_attributes_lists_and_dicts_are_tracked():
    model = Attributes()
    model(np.ones((2, 3), "float32"))
    ids = {id(w) for w in model.trainable_weights}
    for v in [model.scale, model.gains["g"], *model.offsets]:
        assert id(v) in ids
    for layer in [model.dense, *model.blocks, model.heads["main"]]:
        assert id(layer.kernel) in ids and id(layer.bias) in ids
    assert len(model.trainable_weights) == 4 * 2 + 4
    assert len(model.layers) == 4
    assert model.count_params() == (3 * 4 + 4) + 2 * (4 * 4 + 4) + (4 + 1) + 4


def test_all_tracked_weights_are_trained_by_fit():
    model = Attributes()
    x, y = _regression()
    model.compile(keras.optimizers.SGD(learning_rate=0.01), "mse")
    model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    before = [w.numpy().copy() for w in model.trainable_weights]
    model.fit(x, y, epochs=1, batch_size=8, verbose=0)
    for b, w in zip(before, model.trainable_weights):
        assert not np.allclose(b, w.numpy()), w.name


def test_all_tracked_weights_are_trained_by_a_gradient_tape_loop():
    model = Attributes()
    x, y = _regression()
    optimizer = keras.optimizers.Adam(learning_rate=0.01)
    model(x[:1])
    before = [w.numpy().copy() for w in model.trainable_weights]
    losses = []
    for _ in range(20):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(x) - y))
        grads = tape.gradient(loss, model.trainable_weights)
        assert all(g is not None for g in grads)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
        losses.append(float(loss.numpy()))
    assert losses[-1] < losses[0]
    for b, w in zip(before, model.trainable_weights):
        assert not np.allclose(b, w.numpy()), w.name


def test_variables_appended_after_init_are_tracked():
    class Late(keras.Model):
        def __init__(self):
            super().__init__()
            self.extra = []

        def build(self, input_shape):
            self.extra.append(tf.Variable(np.ones((input_shape[-1], 1), "float32")))

        def call(self, x):
            return tf.matmul(x, self.extra[0])

    model = Late()
    model(np.ones((2, 5), "float32"))
    assert len(model.trainable_weights) == 1 and tuple(model.trainable_weights[0].shape) == (5, 1)


def test_sublayer_made_in_build_is_tracked():
    class Built(keras.Model):
        def build(self, input_shape):
            self.proj = layers.Dense(2)

        def call(self, x):
            return self.proj(x)

    model = Built()
    model(np.ones((2, 3), "float32"))
    assert len(model.weights) == 2


def test_lambda_closing_over_variable_is_trained_by_fit():
    slope = tf.Variable(0.0)
    model = keras.Sequential([keras.Input(shape=(1,)), layers.Lambda(lambda t: t * slope)])
    assert any(w is slope for w in model.trainable_weights)
    x = np.linspace(-1, 1, 32, dtype="float32").reshape(-1, 1)
    model.compile(keras.optimizers.SGD(learning_rate=0.5), "mse")
    model.fit(x, 3.0 * x, epochs=30, batch_size=32, verbose=0)
    assert abs(float(slope.numpy()) - 3.0) < 0.05


def test_variable_used_only_in_call_is_tracked_and_trained():
    bias = tf.Variable(0.0)

    class UsesGlobal(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1, use_bias=False, kernel_initializer="zeros")

        def call(self, x):
            return self.dense(x) + bias

    model = UsesGlobal()
    x = np.zeros((16, 2), "float32")
    model.compile(keras.optimizers.SGD(learning_rate=0.5), "mse")
    model.fit(x, np.full((16, 1), 2.0, "float32"), epochs=20, verbose=0)
    assert abs(float(bias.numpy()) - 2.0) < 0.05


def test_non_trainable_variable_is_not_trained():
    class Frozen(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)
            self.fixed = tf.Variable(5.0, trainable=False)

        def call(self, x):
            return self.dense(x) * self.fixed

    model = Frozen()
    model(np.ones((1, 2), "float32"))
    assert all(w is not model.fixed for w in model.trainable_weights)
    assert any(w is model.fixed for w in model.non_trainable_weights)
    model.compile("sgd", "mse")
    model.fit(np.ones((4, 2), "float32"), np.zeros((4, 1), "float32"), verbose=0)
    assert float(model.fixed.numpy()) == 5.0


def test_training_argument_is_passed_to_call():
    seen = []

    class Flag(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(1)

        def call(self, x, training=None):
            seen.append(training)
            return self.dense(x)

    model = Flag()
    x, y = np.ones((4, 2), "float32"), np.zeros((4, 1), "float32")
    model(x, training=True)
    model(x, training=False)
    assert seen[-2:] == [True, False]
    model.compile("sgd", "mse")
    seen.clear()
    model.fit(x, y, verbose=0)
    assert seen and all(flag is True for flag in seen)
    seen.clear()
    model.predict(x, verbose=0)
    model.evaluate(x, y, verbose=0)
    assert seen and all(flag is False for flag in seen)


def test_build_with_input_shape_creates_weights():
    model = Attributes()
    model.build((None, 3))
    assert model.built
    assert len(model.weights) == 12


def test_model_without_call_raises_clearly():
    with pytest.raises(NotImplementedError, match="call"):
        keras.Model()(np.ones((1, 2), "float32"))


# ---- add_loss ------------------------------------------------------------------------------

_LOSS_RESET = ("Layer.__call__ never clears _losses at the start of the outermost call, so tensors passed to "
               "add_loss inside call() pile up across calls (and Model.build's symbolic call adds one more); "
               "Keras resets layer.losses at the start of every top-level __call__")


class _ConstantLoss(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(1, kernel_initializer="zeros")

    def call(self, x):
        self.add_loss(tf.constant(10.0))
        return self.dense(x)


def test_add_loss_tensor_in_call_appears_in_losses():
    model = _ConstantLoss()
    model(np.ones((1, 2), "float32"))
    assert len(model.losses) >= 1
    assert all(abs(float(l.numpy()) - 10.0) < 1e-6 for l in model.losses if not l._is_symbolic)


def test_add_loss_tensor_in_call_counts_once_in_evaluate_and_fit():
    model = _ConstantLoss()
    model.compile("sgd", "mse")
    x, y = np.ones((4, 2), "float32"), np.zeros((4, 1), "float32")
    # predictions 0 equal the targets (and the mse gradient is 0), so the loss is the added one
    assert abs(model.evaluate(x, y, verbose=0) - 10.0) < 1e-5
    history = model.fit(x, y, epochs=3, batch_size=2, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [10.0] * 3, rtol=1e-6)


def test_add_loss_is_not_accumulated_across_calls():
    class WithLoss(keras.Model):
        def call(self, x):
            self.add_loss(tf.reduce_sum(x))
            return x

    model = WithLoss()
    model(np.ones((1, 2), "float32"))
    model(np.ones((1, 2), "float32"))
    assert len(model.losses) == 1
    np.testing.assert_allclose(float(model.losses[0].numpy()), 2.0)


def test_add_loss_callable_on_model():
    inputs = keras.Input(shape=(2,))
    dense = layers.Dense(1)
    model = keras.Model(inputs, dense(inputs))
    model.add_loss(lambda: tf.reduce_sum(tf.abs(dense.kernel)))
    assert len(model.losses) == 1
    np.testing.assert_allclose(float(model.losses[0].numpy()), np.abs(dense.kernel.numpy()).sum(), rtol=1e-6)
    dense.kernel.assign(np.ones((2, 1), "float32"))
    np.testing.assert_allclose(float(model.losses[0].numpy()), 2.0)


def test_add_loss_callable_is_minimised_by_fit():
    inputs = keras.Input(shape=(2,))
    dense = layers.Dense(1, kernel_initializer="ones", use_bias=False)
    model = keras.Model(inputs, dense(inputs))
    model.add_loss(lambda: 10.0 * tf.reduce_sum(tf.square(dense.kernel)))
    model.compile(keras.optimizers.SGD(learning_rate=0.01), "mse")
    x = np.zeros((8, 2), "float32")
    model.fit(x, np.zeros((8, 1), "float32"), epochs=5, verbose=0)
    # only the added loss has a gradient: w <- w * (1 - 0.01 * 20) each step
    np.testing.assert_allclose(dense.kernel.numpy(), np.full((2, 1), 0.8 ** 5), rtol=1e-4)


def test_regularizer_losses_in_model_losses():
    dense = layers.Dense(1, kernel_initializer="ones", kernel_regularizer=keras.regularizers.L2(0.5))
    model = keras.Sequential([keras.Input(shape=(2,)), dense])
    assert len(model.losses) == 1
    np.testing.assert_allclose(float(model.losses[0].numpy()), 0.5 * 2.0, rtol=1e-6)


def test_activity_regularizer_loss_is_that_of_the_last_call():
    inputs = keras.Input(shape=(2,))
    model = keras.Model(inputs, layers.Dense(1, kernel_initializer="ones", use_bias=False,
                                             activity_regularizer=keras.regularizers.L1(1.0))(inputs))
    assert model.losses == []  # the symbolic call adds nothing
    model(np.ones((2, 2), "float32"))
    model(np.full((2, 2), 2.0, "float32"))
    assert len(model.losses) == 1
    # L1 of the outputs (4 + 4), divided by the batch size
    np.testing.assert_allclose(float(model.losses[0].numpy()), 4.0, rtol=1e-6)


def test_add_loss_in_a_layer_of_a_functional_model_counts_once():
    class Penalty(layers.Layer):
        def call(self, x):
            self.add_loss(tf.constant(3.0))
            return x

    inputs = keras.Input(shape=(1,))
    model = keras.Model(inputs, Penalty()(inputs))
    assert model.losses == []
    model.compile("sgd", "mse")
    x = np.zeros((4, 1), "float32")
    assert model.evaluate(x, x, verbose=0) == pytest.approx(3.0)
    assert model.evaluate(x, x, verbose=0) == pytest.approx(3.0)


def test_model_with_only_added_losses_fits_without_targets():
    class AutoEncoder(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = layers.Dense(2)

        def call(self, x):
            out = self.dense(x)
            self.add_loss(tf.reduce_mean(tf.square(out - x)))
            return out

    model = AutoEncoder()
    model.compile(keras.optimizers.Adam(learning_rate=0.05))
    x = np.random.default_rng(0).normal(size=(32, 2)).astype("float32")
    losses = model.fit(x, epochs=20, batch_size=8, verbose=0).history["loss"]
    assert losses[-1] < 0.5 * losses[0]
