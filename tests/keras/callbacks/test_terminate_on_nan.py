import math
import warnings

import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras.callbacks import TerminateOnNaN

from .testing import FakeModel, data, small_model


def _fit(model, x, y, callbacks, epochs=20):
    batches = []
    count = tf.keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: batches.append(logs["loss"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fit's own warning about the non-finite loss
        history = model.fit(x, y, epochs=epochs, batch_size=4, shuffle=False, verbose=0,
                            callbacks=[count] + callbacks)
    return history, batches


def test_stops_fit_when_the_data_holds_inf(capsys):
    x, y = data(n=16)
    x[5, 1] = np.inf  # in the second batch
    history, losses = _fit(small_model(), x, y, [TerminateOnNaN()])
    assert len(losses) == 2 and not math.isfinite(losses[-1])
    assert len(history.history["loss"]) == 1
    assert "Batch 1: Invalid loss, terminating training" in capsys.readouterr().out


def test_stops_fit_when_a_huge_learning_rate_diverges():
    x, y = data(n=16)
    x *= 100.0
    history, losses = _fit(small_model(tf.keras.optimizers.SGD(learning_rate=1e6)), x, y, [TerminateOnNaN()])
    assert not math.isfinite(losses[-1]) and all(math.isfinite(v) for v in losses[:-1])
    assert len(losses) < 20 * 4 and len(history.history["loss"]) < 20
    # without the callback fit runs every epoch
    history, losses = _fit(small_model(tf.keras.optimizers.SGD(learning_rate=1e6)), x, y, [], epochs=3)
    assert len(losses) == 12


def test_finite_losses_do_not_stop():
    cb = TerminateOnNaN()
    cb.set_model(FakeModel())
    for batch, loss in enumerate([1.0, 1e30, 0.0]):
        cb.on_train_batch_end(batch, {"loss": loss})
    cb.on_train_batch_end(3, {})
    cb.on_train_batch_end(4, None)
    assert not cb.model.stop_training


@pytest.mark.parametrize("loss", [float("nan"), float("inf"), -float("inf"), np.float32("nan")])
def test_nan_or_inf_loss_stops(loss):
    cb = TerminateOnNaN()
    cb.set_model(FakeModel())
    cb.on_train_batch_end(7, {"loss": loss})
    assert cb.model.stop_training


def test_raise_error():
    cb = TerminateOnNaN(raise_error=True)
    cb.set_model(FakeModel())
    with pytest.raises(RuntimeError, match="NaN or Inf loss encountered at batch 3"):
        cb.on_train_batch_end(3, {"loss": float("nan")})
    assert not cb.model.stop_training
