"""``MonitorCallback``: the shared base of callbacks that watch one metric for improvement.

EarlyStopping, ReduceLROnPlateau and ModelCheckpoint compare the monitored value of each
epoch with the best so far. In ``mode='auto'`` the direction comes from the metric: 'loss'
is minimised; a compiled metric says which way is better through its ``_direction``
('up'/'down', as Keras 3 metrics do), and otherwise its name decides ('accuracy', 'auc',
'precision'... are maximised; errors, crossentropies, hinges... minimised).
"""
import operator
import warnings

from .callback import Callback

# Name fragments of Keras metrics that improve upward or downward (checked in this order).
_UP = ("acc", "auc", "precision", "recall", "sensitivity", "specificity", "f1_score", "fbeta_score", "iou",
       "correlation", "cosine_similarity", "r2_score")
_DOWN = ("loss", "error", "mse", "mae", "mape", "msle", "crossentropy", "hinge", "divergence", "kld",
         "poisson", "logcosh", "log_cosh")


def _metric_direction(model, metric_name):
    """'up', 'down' or None: what the model's metric named METRIC_NAME says."""
    for metric in getattr(model, "metrics", None) or ():
        for m in getattr(metric, "metrics", None) or [metric]:
            if getattr(m, "name", None) == metric_name and getattr(m, "_direction", None) in ("up", "down"):
                return m._direction
    return None


def _name_direction(metric_name):
    if metric_name == "loss" or metric_name.endswith("_loss"):
        return "down"
    if any(part in metric_name for part in _UP):
        return "up"
    if any(part in metric_name for part in _DOWN):
        return "down"
    return None


class MonitorCallback(Callback):
    """Base class of callbacks that track the best value of a monitored metric.

    Args:
        monitor: the name of the monitored quantity in the logs (default 'val_loss').
        mode: 'min', 'max' or 'auto' (direction inferred from the metric); an unknown
            mode warns and falls back to 'auto'.
        baseline: the initial best value (None: the first value seen is the best).
        min_delta: how much the value must improve on the reference to count.

    Example:
        >>> import eigenflow as tf
        >>> from eigenflow.keras.callbacks.monitor_callback import MonitorCallback
        >>> cb = MonitorCallback(monitor="val_accuracy")
        >>> cb._set_monitor_op()
        >>> cb._is_improvement(0.9, 0.8)
        True
    """

    def __init__(self, monitor="val_loss", mode="auto", baseline=None, min_delta=0):
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(f"{type(self).__name__} mode '{mode}' is unknown, fallback to auto mode.", stacklevel=3)
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self.monitor_op = None

    def _set_monitor_op(self):
        """Picks ``monitor_op`` (operator.lt or operator.gt) from the mode, once the
        model's metrics exist; in min mode ``min_delta`` becomes negative, as in Keras."""
        if self.mode == "min":
            direction = "down"
        elif self.mode == "max":
            direction = "up"
        else:
            name = self.monitor[len("val_"):] if self.monitor.startswith("val_") else self.monitor
            direction = ("down" if name == "loss" else None) or _metric_direction(self.model, name) \
                or _name_direction(name)
            if direction is None:
                raise ValueError(
                    f"{type(self).__name__} callback received monitor={self.monitor}, but eigenflow isn't able to "
                    "automatically determine whether that metric should be maximized or minimized. Pass "
                    "`mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` "
                    "in order to use the lowest value.")
        self.monitor_op = operator.gt if direction == "up" else operator.lt
        if self.monitor_op is operator.lt:
            self.min_delta *= -1

    def _is_improvement(self, monitor_value, reference_value):
        """Whether MONITOR_VALUE beats REFERENCE_VALUE by more than ``min_delta`` (always
        True when there is no reference yet)."""
        if reference_value is None:
            return True
        return bool(self.monitor_op(monitor_value - self.min_delta, reference_value))
