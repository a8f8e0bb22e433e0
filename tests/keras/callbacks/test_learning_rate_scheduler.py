import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras.callbacks import LearningRateScheduler

from .testing import data, small_model


def _fit_recording_lr(schedule, epochs=4, optimizer=None):
    """Fits with the schedule; returns the learning rate the optimizer held at each batch."""
    x, y = data(n=8)
    model = small_model(optimizer or tf.keras.optimizers.SGD(learning_rate=0.1))
    seen = []
    record = tf.keras.callbacks.LambdaCallback(
        on_train_batch_begin=lambda batch, logs: seen.append(float(model.optimizer.learning_rate)))
    history = model.fit(x, y, epochs=epochs, batch_size=4, verbose=0,
                        callbacks=[LearningRateScheduler(schedule), record])
    return model, history, seen


def test_one_argument_schedule_sets_the_rate_of_each_epoch():
    model, history, seen = _fit_recording_lr(lambda epoch: 0.5 / (epoch + 1))
    want = [0.5, 0.25, 0.5 / 3, 0.125]
    np.testing.assert_allclose(seen, np.repeat(want, 2), rtol=1e-6)  # two batches per epoch
    np.testing.assert_allclose(history.history["learning_rate"], want, rtol=1e-6)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.125)


def test_two_argument_schedule_receives_the_current_rate():
    received = []

    def schedule(epoch, lr):
        received.append(lr)
        return lr if epoch < 2 else lr * 0.5

    _, history, seen = _fit_recording_lr(schedule)
    np.testing.assert_allclose(received, [0.1, 0.1, 0.1, 0.05], rtol=1e-6)
    assert all(isinstance(lr, float) for lr in received)
    np.testing.assert_allclose(history.history["learning_rate"], [0.1, 0.1, 0.05, 0.025], rtol=1e-6)


def test_the_optimizer_steps_with_the_scheduled_rate():
    x, y = data(n=4)
    model = small_model(tf.keras.optimizers.SGD(learning_rate=0.1))
    before = model.get_weights()
    model.fit(x, y, epochs=1, batch_size=4, verbose=0, callbacks=[LearningRateScheduler(lambda epoch: 0.0)])
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)
    model.fit(x, y, epochs=1, batch_size=4, verbose=0, callbacks=[LearningRateScheduler(lambda epoch: 0.2)])
    # one SGD step of mse on a linear model: kernel -= lr * 2/n * x^T (x w + b - y)
    w, b = before
    grad = 2.0 / len(x) * x.T @ (x @ w + b - y)
    np.testing.assert_allclose(model.get_weights()[0], w - 0.2 * grad, rtol=1e-5, atol=1e-6)


def test_works_with_adam_and_numpy_or_tensor_rates():
    _, history, _ = _fit_recording_lr(lambda epoch: np.float32(0.01 * (epoch + 1)), epochs=2,
                                      optimizer=tf.keras.optimizers.Adam(learning_rate=0.5))
    np.testing.assert_allclose(history.history["learning_rate"], [0.01, 0.02], rtol=1e-6)
    _, history, _ = _fit_recording_lr(lambda epoch, lr: tf.constant(0.03), epochs=2)
    np.testing.assert_allclose(history.history["learning_rate"], [0.03, 0.03], rtol=1e-6)


def test_initial_epoch_is_passed_to_the_schedule():
    x, y = data(n=4)
    model = small_model()
    epochs = []
    model.fit(x, y, epochs=4, initial_epoch=2, verbose=0,
              callbacks=[LearningRateScheduler(lambda epoch: epochs.append(epoch) or 0.01)])
    assert epochs == [2, 3]


def test_verbose_prints_the_rate(capsys):
    _fit_recording_lr(lambda epoch: 0.25, epochs=1)
    assert capsys.readouterr().out == ""
    x, y = data(n=4)
    small_model().fit(x, y, epochs=1, verbose=0, callbacks=[LearningRateScheduler(lambda epoch: 0.25, verbose=1)])
    assert "Epoch 1: LearningRateScheduler setting learning rate to 0.25." in capsys.readouterr().out


@pytest.mark.parametrize("output", [1, "0.1", None, [0.1]])
def test_schedule_must_return_a_float(output):
    x, y = data(n=4)
    with pytest.raises(ValueError, match="should be a float"):
        small_model().fit(x, y, epochs=1, verbose=0, callbacks=[LearningRateScheduler(lambda epoch: output)])


def test_schedule_must_be_callable():
    with pytest.raises(ValueError, match="LearningRateScheduler: `schedule` must be a function"):
        LearningRateScheduler(0.1)
