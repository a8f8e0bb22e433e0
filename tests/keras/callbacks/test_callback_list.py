"""CallbackList forwards each hook to every callback in order, at every call: a callback
appended later, or a hook replaced on a callback, is seen on the next call. Batch hooks skip
the callbacks that do nothing on them, worked out again after every other hook."""
from eigenflow import keras


class Recorder(keras.callbacks.Callback):
    def __init__(self, name, seen):
        super().__init__()
        self.name, self.seen = name, seen

    def on_epoch_end(self, epoch, logs=None):
        self.seen.append((self.name, epoch, logs))


def test_hooks_reach_callbacks_in_order_with_logs_defaulting_to_a_dict():
    seen = []
    callbacks = keras.callbacks.CallbackList([Recorder("a", seen), Recorder("b", seen)], epochs=2)
    callbacks.on_epoch_end(0)
    callbacks.on_epoch_end(1, {"loss": 0.5})
    assert seen == [("a", 0, {}), ("b", 0, {}), ("a", 1, {"loss": 0.5}), ("b", 1, {"loss": 0.5})]


def test_an_appended_callback_and_a_replaced_hook_are_seen_on_the_next_call():
    seen = []
    first = Recorder("a", seen)
    callbacks = keras.callbacks.CallbackList([first])
    callbacks.on_epoch_end(0)
    callbacks.append(Recorder("b", seen))
    first.on_epoch_end = lambda epoch, logs=None: seen.append(("replaced", epoch, logs))
    callbacks.on_epoch_end(1)
    assert seen == [("a", 0, {}), ("replaced", 1, {}), ("b", 1, {})]


class BatchCounter(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.batches = 0

    def on_batch_end(self, batch, logs=None):  # the Keras 2 name: fit's train batches reach it
        self.batches += 1


def test_batch_hooks_reach_callbacks_acting_under_either_name_and_skip_plain_ones():
    counter, quiet, seen = BatchCounter(), keras.callbacks.Callback(), []
    lam = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: seen.append((batch, logs)))
    callbacks = keras.callbacks.CallbackList([quiet, counter, lam])
    for step in range(3):
        callbacks.on_train_batch_end(step, {"loss": 1.0})
    assert counter.batches == 3
    assert seen == [(0, {"loss": 1.0}), (1, {"loss": 1.0}), (2, {"loss": 1.0})]
    assert callbacks._listeners["on_train_batch_end"][1] == [counter, lam]


def test_a_batch_hook_given_to_a_callback_mid_epoch_is_seen_from_the_next_epoch_hook_on():
    seen = []
    quiet = keras.callbacks.Callback()
    callbacks = keras.callbacks.CallbackList([quiet])
    callbacks.on_train_batch_end(0)
    quiet.on_train_batch_end = lambda batch, logs=None: seen.append(batch)
    callbacks.on_epoch_begin(1)
    callbacks.on_train_batch_end(1)
    assert seen == [1]


def test_a_batch_hook_callback_does_not_know_reaches_the_callbacks_that_define_it():
    seen = []

    class Custom(keras.callbacks.Callback):
        def on_custom_batch_end(self, batch, logs=None):
            seen.append((batch, logs))

    callbacks = keras.callbacks.CallbackList([keras.callbacks.Callback(), Custom()])
    callbacks.on_custom_batch_end(4)
    assert seen == [(4, {})]
