"""``ReduceLROnPlateau``: multiplies the learning rate by a factor when a metric stalls."""
import warnings

import numpy as np

from .monitor_callback import MonitorCallback


class ReduceLROnPlateau(MonitorCallback):
    """Reduces the learning rate when a monitored metric has stopped improving.

    After ``patience`` epochs without an improvement larger than ``min_delta``, the
    learning rate becomes ``max(lr * factor, min_lr)``; then ``cooldown`` epochs pass
    before the wait counter runs again. The current learning rate is recorded in the
    epoch logs as ``'learning_rate'``.

    Args:
        monitor: the quantity to watch, a key of the epoch logs (default 'val_loss').
        factor: the factor the learning rate is multiplied by; must be below 1.
        patience: epochs without improvement after which the learning rate is reduced.
        verbose: 0 quiet, 1 prints a message at each reduction.
        mode: 'min', 'max' or 'auto' (the direction is inferred from the metric).
        min_delta: the smallest change that counts as an improvement.
        cooldown: epochs to wait after a reduction before counting again.
        min_lr: the lower bound of the learning rate.

    Example:
        >>> import numpy as np, eigenflow as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile(tf.keras.optimizers.SGD(learning_rate=0.1), loss="mse")
        >>> reduce_lr = tf.keras.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1,
        ...                                                  min_delta=10.0)
        >>> history = model.fit(np.ones((4, 2)), np.zeros(4), epochs=3, verbose=0, callbacks=[reduce_lr])
        >>> [round(lr, 4) for lr in history.history["learning_rate"]]  # logged before each reduction
        [0.1, 0.1, 0.05]
        >>> round(float(model.optimizer.learning_rate), 4)
        0.025
    """

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto", min_delta=1e-4,
                 cooldown=0, min_lr=0.0, **kwargs):
        if "epsilon" in kwargs:  # tf.keras 1's name of min_delta
            min_delta = kwargs.pop("epsilon")
            warnings.warn("ReduceLROnPlateau: `epsilon` is deprecated, use `min_delta` instead.", stacklevel=2)
        if kwargs:  # Keras accepts and ignores them
            warnings.warn(f"ReduceLROnPlateau: ignoring unknown argument(s) {sorted(kwargs)}", stacklevel=2)
        super().__init__(monitor, mode, min_delta=min_delta)
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}")
        self.factor = factor
        self.min_lr = min_lr
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0

    def _reset(self):
        self.best = None
        self.cooldown_counter = 0
        self.wait = 0

    def _reduce_optimizer_lr(self, optimizer, epoch, name=""):
        """Reduces OPTIMIZER's learning rate unless it is already at ``min_lr``; returns
        whether it did."""
        old_lr = float(optimizer.learning_rate)
        if old_lr <= np.float32(self.min_lr):
            return False
        new_lr = max(old_lr * self.factor, self.min_lr)
        optimizer.learning_rate = new_lr
        if self.verbose > 0:
            which = f" {name}" if name else ""
            print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing{which} learning rate to {new_lr}.")
        return True

    def on_train_begin(self, logs=None):
        self._reset()

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()  # the model's metrics exist by now
        logs = logs if logs is not None else {}
        optimizers = getattr(self.model.optimizer, "optimizers", None)
        if optimizers:
            for opt in optimizers:
                logs[f"learning_rate_{opt.name}"] = float(opt.learning_rate)
        else:
            logs["learning_rate"] = float(self.model.optimizer.learning_rate)
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Learning rate reduction is conditioned on metric `{self.monitor}` which is not "
                          f"available. Available metrics are: {','.join(logs.keys())}.", stacklevel=2)
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                reduced = False
                for opt in optimizers or [self.model.optimizer]:
                    reduced = self._reduce_optimizer_lr(opt, epoch, opt.name if optimizers else "") or reduced
                if reduced:
                    self.cooldown_counter = self.cooldown
                    self.wait = 0

    def in_cooldown(self):
        """Whether the callback is in its cooldown period after a reduction."""
        return self.cooldown_counter > 0
