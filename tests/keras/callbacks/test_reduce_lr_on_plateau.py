import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras.callbacks import ReduceLROnPlateau

from .testing import FakeModel, data, script, small_model


def _rates(callback, values, monitor="val_loss", learning_rate=0.1):
    """The learning rate after each epoch when the monitored metric takes VALUES."""
    model = FakeModel(learning_rate=learning_rate)
    callback.set_model(model)
    callback.on_train_begin()
    rates = []
    for epoch, value in enumerate(values):
        callback.on_epoch_end(epoch, {monitor: value})
        rates.append(float(model.optimizer.learning_rate))
    return rates


def test_defaults():
    cb = ReduceLROnPlateau()
    assert (cb.monitor, cb.factor, cb.patience, cb.verbose, cb.mode, cb.min_delta, cb.cooldown, cb.min_lr) == \
        ("val_loss", 0.1, 10, 0, "auto", 1e-4, 0, 0.0)


def test_reduces_after_patience_epochs_without_improvement():
    rates = _rates(ReduceLROnPlateau(factor=0.5, patience=2), [1.0] * 7)
    np.testing.assert_allclose(rates, [0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125], rtol=1e-6)


def test_cooldown_pauses_the_count_after_a_reduction():
    rates = _rates(ReduceLROnPlateau(factor=0.5, patience=2, cooldown=2), [1.0] * 9)
    # reductions at epochs 2, 5 and 8 (instead of 2, 4, 6, 8 without cooldown)
    np.testing.assert_allclose(rates, [0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125], rtol=1e-6)


def test_improvement_resets_the_wait():
    rates = _rates(ReduceLROnPlateau(factor=0.5, patience=2), [1.0, 1.0, 0.5, 0.5, 0.4, 0.4, 0.4])
    np.testing.assert_allclose(rates, [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05], rtol=1e-6)


def test_min_delta():
    values = [1.0, 0.99, 0.98, 0.97]
    np.testing.assert_allclose(_rates(ReduceLROnPlateau(patience=1, min_delta=0.05), values),
                               [0.1, 0.01, 0.001, 1e-4], rtol=1e-5)
    np.testing.assert_allclose(_rates(ReduceLROnPlateau(patience=1, min_delta=0.001), values), [0.1] * 4)


def test_min_lr_bounds_the_rate():
    cb = ReduceLROnPlateau(factor=0.1, patience=1, min_lr=0.005, cooldown=2)
    rates = _rates(cb, [1.0] * 8)
    np.testing.assert_allclose(rates, [0.1, 0.01, 0.01, 0.005, 0.005, 0.005, 0.005, 0.005], rtol=1e-6)
    # at min_lr nothing is reduced, so no cooldown starts and the wait keeps growing
    assert cb.cooldown_counter == 0 and cb.wait == 3


def test_mode_max():
    rates = _rates(ReduceLROnPlateau(monitor="val_accuracy", factor=0.5, patience=1), [0.5, 0.6, 0.55, 0.7],
                   monitor="val_accuracy")
    np.testing.assert_allclose(rates, [0.1, 0.1, 0.05, 0.05], rtol=1e-6)


def test_records_the_rate_in_the_logs():
    cb = ReduceLROnPlateau(patience=1)
    cb.set_model(FakeModel(learning_rate=0.3))
    cb.on_train_begin()
    logs = {"val_loss": 1.0}
    cb.on_epoch_end(0, logs)
    assert logs["learning_rate"] == pytest.approx(0.3)


def test_in_fit_the_optimizer_uses_the_reduced_rate():
    x, y = data(n=8)
    model = small_model(tf.keras.optimizers.SGD(learning_rate=0.1))
    seen = []
    record = tf.keras.callbacks.LambdaCallback(
        on_epoch_begin=lambda epoch, logs: seen.append(float(model.optimizer.learning_rate)))
    reduce = ReduceLROnPlateau(monitor="score", mode="min", factor=0.5, patience=1)
    history = model.fit(x, y, epochs=5, verbose=0,
                        callbacks=[record, script("score", [3.0, 2.0, 2.5, 1.0, 1.5]), reduce])
    np.testing.assert_allclose(seen, [0.1, 0.1, 0.1, 0.05, 0.05], rtol=1e-6)
    # logged before the reduction of that epoch, as Keras does
    np.testing.assert_allclose(history.history["learning_rate"], [0.1, 0.1, 0.1, 0.05, 0.05], rtol=1e-6)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.025)


def test_verbose_message(capsys):
    _rates(ReduceLROnPlateau(patience=1, factor=0.5, verbose=1), [1.0, 1.0])
    assert "Epoch 2: ReduceLROnPlateau reducing learning rate to 0.05" in capsys.readouterr().out


def test_missing_metric_warns():
    cb = ReduceLROnPlateau()
    cb.set_model(FakeModel())
    cb.on_train_begin()
    with pytest.warns(UserWarning, match="`val_loss` which is not available. Available metrics are: loss"):
        cb.on_epoch_end(0, {"loss": 1.0})


def test_factor_must_be_below_one():
    with pytest.raises(ValueError, match="factor >= 1.0. Received factor=1.5"):
        ReduceLROnPlateau(factor=1.5)
