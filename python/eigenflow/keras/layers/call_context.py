"""The `training` flag of the outermost call, seen by every layer called inside it."""
import contextlib
import threading

_state = threading.local()


def training():
    """The training flag of the enclosing layer call, or None outside any."""
    return getattr(_state, "training", None)


@contextlib.contextmanager
def enter(value):
    previous = getattr(_state, "training", None)
    _state.training = value if value is not None else previous
    try:
        yield
    finally:
        _state.training = previous
