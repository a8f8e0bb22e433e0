import operator

import pytest

from eigenflow.keras.callbacks.monitor_callback import MonitorCallback

from .testing import FakeModel, small_model


class _Metric:
    def __init__(self, name, direction=None):
        self.name = name
        if direction:
            self._direction = direction


def _op(monitor, mode="auto", model=None):
    cb = MonitorCallback(monitor=monitor, mode=mode)
    cb.set_model(model or FakeModel())
    cb._set_monitor_op()
    return cb.monitor_op


@pytest.mark.parametrize("monitor", ["loss", "val_loss", "val_mae", "mean_squared_error", "val_output_1_loss",
                                     "binary_crossentropy"])
def test_auto_minimizes_losses_and_errors(monitor):
    assert _op(monitor) is operator.lt


@pytest.mark.parametrize("monitor", ["accuracy", "val_acc", "val_binary_accuracy", "auc", "val_precision",
                                     "recall", "val_r2_score"])
def test_auto_maximizes_accuracies(monitor):
    assert _op(monitor) is operator.gt


def test_auto_follows_the_metric_direction():
    model = FakeModel(metrics=[_Metric("score", "up"), _Metric("penalty", "down")])
    assert _op("val_score", model=model) is operator.gt
    assert _op("penalty", model=model) is operator.lt


def test_auto_reads_the_compiled_metrics_of_a_model():
    assert _op("val_mae", model=small_model(metrics=["mae"])) is operator.lt


def test_explicit_mode_wins():
    assert _op("val_accuracy", mode="min") is operator.lt
    assert _op("val_loss", mode="max") is operator.gt


def test_unknown_metric_in_auto_mode_raises():
    with pytest.raises(ValueError, match="monitor=val_foo.*mode='max'"):
        _op("val_foo")


def test_unknown_mode_warns_and_falls_back_to_auto():
    with pytest.warns(UserWarning, match="mode 'lowest' is unknown"):
        cb = MonitorCallback(mode="lowest")
    assert cb.mode == "auto"


def test_min_delta_is_needed_to_improve():
    cb = MonitorCallback(monitor="loss", min_delta=0.1)
    cb.set_model(FakeModel())
    cb._set_monitor_op()
    assert cb.min_delta == -0.1
    assert cb._is_improvement(0.85, 1.0)
    assert not cb._is_improvement(0.95, 1.0)
    assert cb._is_improvement(5.0, None)
    up = MonitorCallback(monitor="accuracy", min_delta=-0.1)  # the sign is ignored
    up.set_model(FakeModel())
    up._set_monitor_op()
    assert up._is_improvement(0.75, 0.6) and not up._is_improvement(0.65, 0.6)
