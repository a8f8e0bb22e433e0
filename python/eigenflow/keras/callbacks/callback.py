"""``keras.callbacks.Callback`` and the list that calls every callback's hooks."""


class Callback:
    """Base class of callbacks: override the hooks you need.

    ``self.model`` is the model being trained and ``self.params`` holds ``epochs``,
    ``steps`` and ``verbose``. Hooks receive ``logs``, a dict of the current metric values.

    Example:
        >>> import eigenflow as tf
        >>> class Print(tf.keras.callbacks.Callback):
        ...     def on_epoch_end(self, epoch, logs=None):
        ...         print(epoch, sorted(logs))
    """

    def __init__(self):
        self.model = None
        self.params = {}
        self.validation_data = None

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_train_begin(self, logs=None): pass
    def on_train_end(self, logs=None): pass
    def on_epoch_begin(self, epoch, logs=None): pass
    def on_epoch_end(self, epoch, logs=None): pass
    # The Keras 2 names on_batch_begin/on_batch_end are what the train-batch hooks call by
    # default, so a callback overriding only those still runs during fit.
    def on_train_batch_begin(self, batch, logs=None):
        self.on_batch_begin(batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs)

    def on_batch_begin(self, batch, logs=None): pass
    def on_batch_end(self, batch, logs=None): pass
    def on_test_begin(self, logs=None): pass
    def on_test_end(self, logs=None): pass
    def on_test_batch_begin(self, batch, logs=None): pass
    def on_test_batch_end(self, batch, logs=None): pass
    def on_predict_begin(self, logs=None): pass
    def on_predict_end(self, logs=None): pass
    def on_predict_batch_begin(self, batch, logs=None): pass
    def on_predict_batch_end(self, batch, logs=None): pass


class CallbackList:
    """Forwards each hook to every callback, in order (as fit, evaluate and predict do).

    Args:
        callbacks: The callbacks.
        model: The model they watch (``set_model``).
        **params: What ``set_params`` gives them: ``epochs``, ``steps``, ``verbose``...

    Example:
        >>> from eigenflow import keras
        >>> seen = []
        >>> logger = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch))
        >>> callbacks = keras.callbacks.CallbackList([logger], epochs=2)
        >>> callbacks.on_epoch_end(0, {})
        >>> seen
        [0]
    """

    def __init__(self, callbacks=None, model=None, **params):
        self.callbacks = list(callbacks or [])
        self._listeners = {}
        for cb in self.callbacks:
            cb.set_model(model)
            cb.set_params(params)

    def append(self, callback):
        self.callbacks.append(callback)

    def __iter__(self):
        return iter(self.callbacks)

    def __getattr__(self, hook):  # a hook Callback does not define
        if not hook.startswith("on_"):
            raise AttributeError(hook)
        return _forwarding(hook).__get__(self)

    def _listen(self, hook):
        """The callbacks that do something on HOOK, noted with how many callbacks there are
        (so that a changed list is looked at again)."""
        known = self._listeners[hook] = (len(self.callbacks), [cb for cb in self.callbacks if _acts_on(cb, hook)])
        return known


# Callback's train-batch hooks call the Keras 2 names by default.
_KERAS2_NAMES = {"on_train_batch_begin": "on_batch_begin", "on_train_batch_end": "on_batch_end"}
# (class, hook) -> whether the class overrides the hook (or its Keras 2 name): asked for each
# callback at the start of every fit, so answered once per class.
_CLASS_ACTS = {}


def _acts_on(callback, hook):
    """Whether CALLBACK's HOOK is anything but Callback's own, which does nothing: set on the
    instance (LambdaCallback's), or overridden by its class."""
    alias = _KERAS2_NAMES.get(hook)
    own = getattr(callback, "__dict__", ())
    if hook in own or (alias is not None and alias in own):
        return True
    key = (type(callback), hook)
    acts = _CLASS_ACTS.get(key)
    if acts is None:
        acts = _CLASS_ACTS[key] = any(getattr(type(callback), name, None) is not getattr(Callback, name, None)
                                      for name in (hook, alias) if name is not None)
    return acts


def _forwarding(hook):
    """CallbackList's method HOOK: calls HOOK of every callback, reading the callback's
    method at every call. Every hook receives logs (a dict, empty if none), so a callback
    may declare `logs` without a default, as Keras's own CallbackList allows.

    A batch hook skips the callbacks whose hook is Callback's own, which does nothing (most
    act at epoch ends), so the default callbacks cost nothing per batch. Which callbacks act
    is worked out on the hook's first call after any other hook (an epoch's start, say) or a
    change to the list of callbacks."""
    if "batch" not in hook:
        takes_index = "epoch" in hook

        def call(self, *args):
            if len(args) < (2 if takes_index else 1):
                args = args + ({},)
            self._listeners.clear()
            for cb in self.callbacks:
                getattr(cb, hook)(*args)
    else:
        def call(self, *args):
            if len(args) < 2:
                args = args + ({},)
            known = self._listeners.get(hook)
            if known is None or known[0] != len(self.callbacks):
                known = self._listen(hook)
            for cb in known[1]:
                getattr(cb, hook)(*args)

    call.__name__ = hook
    return call


for _hook in [name for name in vars(Callback) if name.startswith("on_")]:
    setattr(CallbackList, _hook, _forwarding(_hook))
del _hook
