"""``TerminateOnNaN``: stops fit as soon as a batch loss is NaN or infinite."""
import math

from .callback import Callback


class TerminateOnNaN(Callback):
    """Stops training when a batch's loss is NaN or infinite.

    By default it sets ``model.stop_training``, so fit ends after that batch and every
    callback's ``on_epoch_end`` and ``on_train_end`` still run.

    Args:
        raise_error: if True, raise a RuntimeError at once instead (the remaining
            callbacks' end-of-training hooks then do not run).

    Example:
        >>> import numpy as np, eigenflow as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile("sgd", loss="mse")
        >>> x = np.full((8, 2), np.inf, dtype="float32")
        >>> history = model.fit(x, np.zeros(8), batch_size=2, epochs=3, verbose=0,
        ...                     callbacks=[tf.keras.callbacks.TerminateOnNaN()])
        Batch 0: Invalid loss, terminating training
        >>> len(history.history["loss"])
        1
    """

    def __init__(self, raise_error=False):
        super().__init__()
        self.raise_error = raise_error

    def on_train_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None or math.isfinite(float(loss)):
            return
        if self.raise_error:
            raise RuntimeError(f"NaN or Inf loss encountered at batch {batch}. Loss value: {loss}. "
                               "Terminating training immediately.")
        print(f"Batch {batch}: Invalid loss, terminating training")
        self.model.stop_training = True
