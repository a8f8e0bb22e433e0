"""``LearningRateScheduler``: sets the optimizer's learning rate at the start of each epoch."""
import inspect

import numpy as np

from ... import _core
from .callback import Callback


def _takes_two_arguments(fn):
    """Whether FN can be called as ``fn(epoch, lr)``; None if its signature is unknown."""
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return None
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in params)


def _as_float(value):
    """VALUE as a Python float if it is a float (Python, NumPy or a scalar float tensor), else None."""
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, _core.Tensor) and value.dtype.is_floating and tuple(value.shape) == ():
        return float(value)
    return None


class LearningRateScheduler(Callback):
    """Sets the learning rate at the beginning of every epoch from a schedule function.

    Args:
        schedule: a function ``schedule(epoch, lr)`` taking the epoch index (from 0) and
            the current learning rate (a float) and returning the new learning rate (a
            float); a one-argument ``schedule(epoch)`` is accepted too.
        verbose: 0 quiet, 1 prints the learning rate set at each epoch.

    At the end of each epoch the current learning rate is recorded in the logs as
    ``'learning_rate'`` (so it appears in ``History``).

    Example:
        >>> import numpy as np, eigenflow as tf
        >>> def scheduler(epoch, lr):
        ...     return lr if epoch < 2 else lr * 0.5
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile(tf.keras.optimizers.SGD(learning_rate=0.1), loss="mse")
        >>> history = model.fit(np.ones((4, 2)), np.zeros(4), epochs=4, verbose=0,
        ...                     callbacks=[tf.keras.callbacks.LearningRateScheduler(scheduler)])
        >>> [round(lr, 4) for lr in history.history["learning_rate"]]
        [0.1, 0.1, 0.05, 0.025]
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        if not callable(schedule):
            raise ValueError(f"LearningRateScheduler: `schedule` must be a function, received schedule={schedule!r}")
        self.schedule = schedule
        self.verbose = verbose

    def _update_optimizer_lr(self, optimizer, epoch):
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError('Optimizer must have a "learning_rate" attribute.')
        two = _takes_two_arguments(self.schedule)
        if two is None:  # a builtin or C callable: try the (epoch, lr) form first, as Keras does
            try:
                learning_rate = self.schedule(epoch, float(optimizer.learning_rate))
            except TypeError:
                learning_rate = self.schedule(epoch)
        elif two:
            learning_rate = self.schedule(epoch, float(optimizer.learning_rate))
        else:
            learning_rate = self.schedule(epoch)
        value = _as_float(learning_rate)
        if value is None:
            raise ValueError(f"The output of the `schedule` function should be a float. Got: {learning_rate!r}")
        optimizer.learning_rate = value
        return value

    def on_epoch_begin(self, epoch, logs=None):
        optimizers = getattr(self.model.optimizer, "optimizers", None)
        for opt in optimizers or [self.model.optimizer]:
            learning_rate = self._update_optimizer_lr(opt, epoch)
            if self.verbose > 0:
                which = f"{opt.name} " if optimizers else ""
                print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting {which}learning rate to {learning_rate}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is None:
            return
        optimizers = getattr(self.model.optimizer, "optimizers", None)
        if optimizers:
            for opt in optimizers:
                logs[f"learning_rate_{opt.name}"] = float(opt.learning_rate)
        else:
            logs["learning_rate"] = float(self.model.optimizer.learning_rate)
