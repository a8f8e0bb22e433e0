"""Shared pieces of the callback tests: a small compiled model, its data, and a stand-in
model for driving callbacks directly with hand-written logs."""
import numpy as np

import eigenflow as tf


def small_model(optimizer="sgd", metrics=None, seed=0):
    """A compiled ``Sequential([Dense(1)])`` on 3 features, with deterministic weights."""
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
    rng = np.random.default_rng(seed)
    model.set_weights([rng.uniform(-1, 1, size=(3, 1)).astype("float32"), np.zeros(1, dtype="float32")])
    model.compile(optimizer, "mse", metrics=metrics)
    return model


def data(n=16, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 3)).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], dtype="float32")).astype("float32")
    return x, y


def script(name, values):
    """A LambdaCallback that writes VALUES[epoch] into the epoch logs under NAME, so the
    callbacks after it see a chosen metric sequence during a real fit."""
    return tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: logs.__setitem__(name, values[epoch]))


class FakeModel:
    """What monitor callbacks use of a model: stop_training, weights and an optimizer."""

    def __init__(self, learning_rate=0.1, metrics=()):
        self.stop_training = False
        self.weights = [np.zeros(2, dtype="float32")]
        self.optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)
        self.metrics = list(metrics)

    def get_weights(self):
        return [w.copy() for w in self.weights]

    def set_weights(self, weights):
        self.weights = [np.array(w) for w in weights]


def drive(callback, values, monitor="val_loss", model=None, mark_weights=False):
    """Runs CALLBACK over epochs whose logs hold VALUES[epoch] under MONITOR, as fit would
    (stopping when the callback sets stop_training); with MARK_WEIGHTS the model's weights
    are filled with the epoch number during each epoch. Returns the model and the last epoch run."""
    model = model or FakeModel()
    callback.set_model(model)
    callback.on_train_begin()
    epoch = -1
    for epoch, value in enumerate(values):
        callback.on_epoch_begin(epoch)
        if mark_weights:
            model.weights = [np.full(2, epoch, dtype="float32")]
        callback.on_epoch_end(epoch, {monitor: value})
        if model.stop_training:
            break
    callback.on_train_end()
    return model, epoch
