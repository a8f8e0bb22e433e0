"""``LambdaCallback``: a callback made of plain functions, one per hook."""
from .callback import Callback

# How each hook calls the user's function, as Keras's CallbackList does: epoch hooks
# positionally (epoch, logs), batch hooks (batch, logs=logs), the others (logs).
_EPOCH = ("on_epoch_begin", "on_epoch_end")
_BATCH = ("on_batch_begin", "on_batch_end", "on_train_batch_begin", "on_train_batch_end", "on_test_batch_begin",
          "on_test_batch_end", "on_predict_batch_begin", "on_predict_batch_end")
_LOGS = ("on_train_begin", "on_train_end", "on_test_begin", "on_test_end", "on_predict_begin", "on_predict_end")


def _hook(name, fn):
    if name in _EPOCH:
        return lambda epoch, logs=None: fn(epoch, logs)
    if name in _BATCH:
        return lambda batch, logs=None: fn(batch, logs=logs)
    return lambda logs=None: fn(logs)


class LambdaCallback(Callback):
    """A callback built from functions, for simple custom callbacks made on the fly.

    The functions receive positional arguments as the hooks do:
    ``on_epoch_begin``/``on_epoch_end`` get ``(epoch, logs)``; ``on_train_begin``/
    ``on_train_end`` get ``(logs)``; ``on_train_batch_begin``/``on_train_batch_end`` get
    ``batch`` and a keyword ``logs``. ``logs`` is None where fit passes no logs.

    Args:
        on_epoch_begin: called at the beginning of every epoch.
        on_epoch_end: called at the end of every epoch.
        on_train_begin: called at the beginning of training.
        on_train_end: called at the end of training.
        on_train_batch_begin: called at the beginning of every training batch.
        on_train_batch_end: called at the end of every training batch.
        **kwargs: any other hook of ``Callback`` (``on_test_begin=fn``,
            ``on_predict_batch_end=fn``...) with the same arguments as that hook. Keras 2's
            ``on_batch_begin``/``on_batch_end`` run on training batches.

    Example:
        >>> import numpy as np, eigenflow as tf
        >>> seen = []
        >>> cb = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch))
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile("sgd", loss="mse")
        >>> _ = model.fit(np.ones((4, 2)), np.zeros(4), epochs=3, verbose=0, callbacks=[cb])
        >>> seen
        [0, 1, 2]
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None, on_train_end=None,
                 on_train_batch_begin=None, on_train_batch_end=None, **kwargs):
        super().__init__()
        named = {"on_epoch_begin": on_epoch_begin, "on_epoch_end": on_epoch_end, "on_train_begin": on_train_begin,
                 "on_train_end": on_train_end, "on_train_batch_begin": on_train_batch_begin,
                 "on_train_batch_end": on_train_batch_end}
        # Keras's train-batch hooks call on_batch_begin/end; here fit calls the train-batch
        # hooks, so the Keras 2 names stand in for them when those are not given.
        for old, new in (("on_batch_begin", "on_train_batch_begin"), ("on_batch_end", "on_train_batch_end")):
            if kwargs.get(old) is not None and named[new] is None:
                named[new] = kwargs[old]
        for name, fn in {**kwargs, **named}.items():
            if fn is None:
                continue
            if name in _EPOCH or name in _BATCH or name in _LOGS:
                if not callable(fn):
                    raise ValueError(f"LambdaCallback: `{name}` must be a function, received {name}={fn!r}")
                setattr(self, name, _hook(name, fn))
            else:
                setattr(self, name, fn)  # Keras sets any other keyword as an attribute
