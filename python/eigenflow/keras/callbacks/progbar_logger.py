"""``ProgbarLogger``: prints the epoch header and the progress line during fit."""
from ..utils.progbar import Progbar
from .callback import Callback


class ProgbarLogger(Callback):
    """Prints ``Epoch i/n`` and a progress bar per epoch (verbose=1) or one line (verbose=2).

    ``fit``, ``evaluate`` and ``predict`` add one themselves when ``verbose`` is not 0. When
    the number of steps is unknown (a generator without ``steps_per_epoch``), the bar counts
    the steps done and the last line shows how many there were. See ``keras.utils.Progbar``
    for where the line goes (a terminal, a notebook, a log file).

    Args:
        count_mode: Accepted for compatibility; progress is counted in steps.

    Example:
        >>> from eigenflow import keras
        >>> logger = keras.callbacks.ProgbarLogger()
        >>> logger.set_params({"verbose": 2, "epochs": 1, "steps": 2})
        >>> logger.on_epoch_begin(0)
        Epoch 1/1
        >>> logger.on_epoch_end(0, {"loss": 0.5})  # doctest: +ELLIPSIS
        2/2 - 0s - ...s/step - loss: 0.5000
    """

    def __init__(self, count_mode="steps"):
        super().__init__()
        self.verbose = 1
        self.epochs = 1
        self._bar = None
        self._mode = "train"
        self._seen = 0

    def set_params(self, params):
        super().set_params(params)
        self.verbose = params.get("verbose", 1)
        self.epochs = params.get("epochs", 1)

    def _values(self, logs):
        return [(k, v) for k, v in (logs or {}).items() if isinstance(v, (int, float))]

    def on_epoch_begin(self, epoch, logs=None):
        if self.verbose:
            print(f"Epoch {epoch + 1}/{self.epochs}")
        self._start_bar()

    def _start_bar(self):
        self._bar = Progbar(self.params.get("steps"), verbose=self.verbose)
        self._seen = 0

    def _step(self, batch, logs):
        self._seen = batch + 1
        if self._bar.due():  # most batches: the logs are only read when the line is redrawn
            self._bar.update(batch + 1, self._values(logs), finalize=False)

    def _finish(self, logs):
        steps = self.params.get("steps") or self._seen
        self._bar.update(steps, self._values(logs), finalize=True)
        self._bar = None

    def on_train_batch_end(self, batch, logs=None):
        if self._bar is not None:
            self._step(batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        if self._bar is not None:
            self._finish(logs)

    def on_test_begin(self, logs=None):
        if self.params.get("mode") == "evaluate":
            self._start_bar()

    def on_test_batch_end(self, batch, logs=None):
        if self.params.get("mode") == "evaluate" and self._bar is not None:
            self._step(batch, logs)

    def on_test_end(self, logs=None):
        if self.params.get("mode") == "evaluate" and self._bar is not None:
            self._finish(logs)

    def on_predict_begin(self, logs=None):
        self._start_bar()

    def on_predict_batch_end(self, batch, logs=None):
        if self._bar is not None:
            self._step(batch, None)

    def on_predict_end(self, logs=None):
        if self._bar is not None:
            self._finish(None)
