"""``EarlyStopping``: ends fit once the monitored metric stops improving."""
import warnings

from .monitor_callback import MonitorCallback


class EarlyStopping(MonitorCallback):
    """Stops training when a monitored metric has stopped improving.

    At the end of each epoch the monitored value is compared with the best so far; after
    ``patience`` epochs without an improvement larger than ``min_delta``,
    ``model.stop_training`` is set and fit ends after that epoch.

    Args:
        monitor: the quantity to watch, a key of the epoch logs (default 'val_loss').
        min_delta: the smallest change that counts as an improvement (default 0).
        patience: epochs without improvement after which training stops (default 0).
        verbose: 0 silent, 1 prints a message when stopping or restoring weights.
        mode: 'min', 'max' or 'auto' (the direction is inferred from the metric: losses
            and errors are minimised, accuracies maximised).
        baseline: a value the metric must beat: while it does not, the wait counter keeps
            running even if the metric improves, so training stops after ``patience``
            epochs (default None: no baseline).
        restore_best_weights: at the end of training, set the model's weights back to
            those of the epoch with the best monitored value (default False: keep the
            last weights).
        start_from_epoch: epochs of warm-up during which the metric is not watched.

    Attributes:
        stopped_epoch: the epoch (counted from 0) at which training was stopped, 0 if it
            was not.
        best_epoch: the epoch of the best monitored value.

    Example:
        >>> import numpy as np, eigenflow as tf
        >>> # Stop once the loss has not dropped by at least 1.0 for two epochs.
        >>> callback = tf.keras.callbacks.EarlyStopping(monitor="loss", min_delta=1.0, patience=2)
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(10)])
        >>> model.compile(tf.keras.optimizers.SGD(), loss="mse")
        >>> history = model.fit(np.ones((5, 20)), np.zeros(5), epochs=10, batch_size=1,
        ...                     callbacks=[callback], verbose=0)
        >>> len(history.history["loss"])  # epochs 2 and 3 did not improve
        3
    """

    def __init__(self, monitor="val_loss", min_delta=0, patience=0, verbose=0, mode="auto", baseline=None,
                 restore_best_weights=False, start_from_epoch=0):
        if not isinstance(patience, int) or isinstance(patience, bool) or patience < 0:
            raise ValueError(f"EarlyStopping: `patience` must be a non-negative integer, "
                             f"received patience={patience!r}")
        if not isinstance(start_from_epoch, int) or start_from_epoch < 0:
            raise ValueError("EarlyStopping: `start_from_epoch` must be a non-negative integer, received "
                             f"start_from_epoch={start_from_epoch!r}")
        super().__init__(monitor, mode, min_delta=min_delta)
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = start_from_epoch
        self.wait = 0
        self.stopped_epoch = 0
        self.best_weights = None
        self.best_epoch = 0

    def on_train_begin(self, logs=None):
        # The same instance may serve several fit calls.
        self.wait = 0
        self.stopped_epoch = 0
        self.best = None
        self.best_weights = None
        self.best_epoch = 0

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()  # the model's metrics exist by now
        current = self.get_monitor_value(logs)
        if current is None or epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()
            self.best_epoch = epoch
        self.wait += 1
        if self._is_improvement(current, self.best):
            self.best = current
            self.best_epoch = epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            # The wait restarts only when the value beats the baseline as well.
            if self.baseline is None or self._is_improvement(current, self.baseline):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.stopped_epoch > 0 and self.verbose > 0:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                print(f"Restoring model weights from the end of the best epoch: {self.best_epoch + 1}.")
            self.model.set_weights(self.best_weights)

    def get_monitor_value(self, logs):
        """The monitored value in LOGS, or None (with a warning naming the available keys)."""
        logs = logs or {}
        value = logs.get(self.monitor)
        if value is None:
            warnings.warn(f"Early stopping conditioned on metric `{self.monitor}` which is not available. "
                          f"Available metrics are: {','.join(logs.keys())}", stacklevel=2)
        return value
