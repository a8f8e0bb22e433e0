"""``ProgbarLogger``: prints the epoch header and the progress line during fit."""
from ..utils.progbar import Progbar
from .callback import Callback


class ProgbarLogger(Callback):
    """Prints ``Epoch i/n`` and a progress bar per epoch (verbose=1) or one line (verbose=2)."""

    def __init__(self, count_mode="steps"):
        super().__init__()
        self.verbose = 1
        self.epochs = 1
        self._bar = None
        self._mode = "train"

    def set_params(self, params):
        super().set_params(params)
        self.verbose = params.get("verbose", 1)
        self.epochs = params.get("epochs", 1)

    def _values(self, logs):
        return [(k, v) for k, v in (logs or {}).items() if isinstance(v, (int, float))]

    def on_epoch_begin(self, epoch, logs=None):
        if self.verbose:
            print(f"Epoch {epoch + 1}/{self.epochs}")
        self._bar = Progbar(self.params.get("steps"), verbose=self.verbose)

    def on_train_batch_end(self, batch, logs=None):
        if self._bar is not None:
            self._bar.update(batch + 1, self._values(logs), finalize=False)

    def on_epoch_end(self, epoch, logs=None):
        if self._bar is not None:
            steps = self.params.get("steps") or self._bar.target
            self._bar.update(steps if steps is not None else 0, self._values(logs), finalize=True)
            self._bar = None

    def on_test_begin(self, logs=None):
        if self.params.get("mode") == "evaluate":
            self._bar = Progbar(self.params.get("steps"), verbose=self.verbose)

    def on_test_batch_end(self, batch, logs=None):
        if self.params.get("mode") == "evaluate" and self._bar is not None:
            self._bar.update(batch + 1, self._values(logs), finalize=False)

    def on_test_end(self, logs=None):
        if self.params.get("mode") == "evaluate" and self._bar is not None:
            self._bar.update(self.params.get("steps") or 0, self._values(logs), finalize=True)
            self._bar = None

    def on_predict_begin(self, logs=None):
        self._bar = Progbar(self.params.get("steps"), verbose=self.verbose)

    def on_predict_batch_end(self, batch, logs=None):
        if self._bar is not None:
            self._bar.update(batch + 1, finalize=False)

    def on_predict_end(self, logs=None):
        if self._bar is not None:
            self._bar.update(self.params.get("steps") or 0, finalize=True)
            self._bar = None
