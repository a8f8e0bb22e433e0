"""CallbackList forwards each hook to every callback in order, at every call: a callback
appended later, or a hook replaced on a callback, is seen on the next call."""
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
