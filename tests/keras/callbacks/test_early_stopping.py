import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras.callbacks import EarlyStopping

from .testing import data, drive, script, small_model


def test_defaults():
    cb = EarlyStopping()
    assert (cb.monitor, cb.min_delta, cb.patience, cb.verbose, cb.mode, cb.baseline, cb.restore_best_weights,
            cb.start_from_epoch) == ("val_loss", 0, 0, 0, "auto", None, False, 0)


def test_patience_counts_epochs_without_improvement():
    cb = EarlyStopping(patience=2)
    model, last = drive(cb, [1.0, 0.9, 0.95, 0.96, 0.97, 0.5])
    assert model.stop_training and last == 3 and cb.stopped_epoch == 3
    assert cb.best == 0.9 and cb.best_epoch == 1


def test_patience_zero_stops_at_the_first_epoch_without_improvement():
    _, last = drive(EarlyStopping(), [1.0, 0.9, 0.9, 0.5])
    assert last == 2


def test_improvement_resets_the_wait():
    cb = EarlyStopping(patience=2)
    model, last = drive(cb, [1.0, 1.1, 0.9, 1.0, 0.8, 0.85, 0.85])
    assert last == 6 and cb.stopped_epoch == 6


def test_min_delta():
    _, last = drive(EarlyStopping(min_delta=0.1, patience=1), [1.0, 0.95, 0.91, 0.5])
    assert last == 1
    _, last = drive(EarlyStopping(min_delta=0.01, patience=1), [1.0, 0.95, 0.91, 0.5, 0.5])
    assert last == 4


def test_mode_max_and_auto_for_accuracy():
    _, last = drive(EarlyStopping(monitor="val_accuracy", patience=1), [0.5, 0.6, 0.55, 0.9], "val_accuracy")
    assert last == 2
    _, last = drive(EarlyStopping(monitor="val_score", mode="max", patience=1), [0.5, 0.6, 0.7, 0.65], "val_score")
    assert last == 3
    _, last = drive(EarlyStopping(monitor="val_loss", mode="max", patience=1), [0.5, 0.4], "val_loss")
    assert last == 1


def test_baseline_keeps_the_wait_running():
    values = [0.9, 0.8, 0.85, 0.7, 0.6]
    _, last = drive(EarlyStopping(patience=2), values)
    assert last == 4  # no stop without a baseline
    cb = EarlyStopping(patience=2, baseline=0.5)
    _, last = drive(cb, values)
    assert last == 2 and cb.best == 0.8
    _, last = drive(EarlyStopping(patience=2, baseline=0.95), values)
    assert last == 4  # every epoch beats this baseline


def test_start_from_epoch_ignores_warm_up_epochs():
    values = [1.0, 2.0, 3.0, 4.0, 3.5, 3.6]
    _, last = drive(EarlyStopping(patience=1), values)
    assert last == 1
    cb = EarlyStopping(patience=1, start_from_epoch=3)
    _, last = drive(cb, values)
    assert last == 5 and cb.best == 3.5


def test_restore_best_weights_with_fake_logs():
    cb = EarlyStopping(patience=2, restore_best_weights=True)
    model, last = drive(cb, [1.0, 0.5, 0.7, 0.8, 0.1], mark_weights=True)
    assert last == 3 and cb.best_epoch == 1
    np.testing.assert_array_equal(model.weights[0], [1.0, 1.0])


def test_restore_best_weights_at_the_end_even_without_stopping():
    cb = EarlyStopping(patience=5, restore_best_weights=True)
    model, last = drive(cb, [1.0, 0.5, 0.7], mark_weights=True)
    assert last == 2 and not model.stop_training
    np.testing.assert_array_equal(model.weights[0], [1.0, 1.0])


def test_restore_best_weights_in_fit():
    x, y = data()
    model = small_model("sgd")
    seen = []
    record = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(model.get_weights()))
    stop = EarlyStopping(monitor="score", mode="min", patience=2, restore_best_weights=True)
    history = model.fit(x, y, epochs=10, batch_size=4, verbose=0,
                        callbacks=[record, script("score", [5.0, 3.0, 1.0, 2.0, 4.0, 0.5, 0.1, 0, 0, 0]), stop])
    assert len(history.history["loss"]) == 5 and stop.stopped_epoch == 4 and stop.best_epoch == 2
    for got, want in zip(model.get_weights(), seen[2]):
        np.testing.assert_array_equal(got, want)
    assert not np.array_equal(seen[2][0], seen[4][0])


def test_stops_fit_on_the_validation_loss():
    x, y = data()
    model = small_model("sgd")
    stop = EarlyStopping(min_delta=100.0, patience=1, verbose=1)
    history = model.fit(x, y, epochs=10, batch_size=4, validation_split=0.25, verbose=0, callbacks=[stop])
    assert len(history.history["val_loss"]) == 2 and model.stop_training


def test_prints_when_stopping_and_restoring(capsys):
    drive(EarlyStopping(patience=0, verbose=1, restore_best_weights=True), [1.0, 2.0])
    out = capsys.readouterr().out
    assert "Epoch 2: early stopping" in out and "best epoch: 1." in out


def test_missing_metric_warns_and_keeps_training():
    x, y = data()
    model = small_model("sgd")
    with pytest.warns(UserWarning, match="`val_loss` which is not available. Available metrics are: loss"):
        history = model.fit(x, y, epochs=3, batch_size=8, verbose=0, callbacks=[EarlyStopping()])
    assert len(history.history["loss"]) == 3


def test_reuse_across_fits_starts_over():
    cb = EarlyStopping(patience=1)
    drive(cb, [1.0, 2.0])
    assert cb.stopped_epoch == 1
    model, last = drive(cb, [5.0, 4.0, 3.0])
    assert last == 2 and cb.stopped_epoch == 0 and cb.best == 3.0


@pytest.mark.parametrize("kwargs", [{"patience": -1}, {"patience": 1.5}, {"start_from_epoch": -2}])
def test_bad_arguments(kwargs):
    with pytest.raises(ValueError, match="EarlyStopping: `"):
        EarlyStopping(**kwargs)
