"""State shared by nested layer calls: the `training` flag of the outermost call, seen by
every layer called inside it, how deep the current call is (0: no layer is running), and
whether a call on symbolic tensors is running (building a graph, not computing values)."""
import contextlib
import threading

_state = threading.local()


def training():
    """The training flag of the enclosing layer call, or None outside any."""
    return getattr(_state, "training", None)


def depth():
    """How many layer calls are running in this thread (0 outside any)."""
    return getattr(_state, "depth", 0)


def in_symbolic_call():
    """Whether a layer call on symbolic tensors is running in this thread."""
    return getattr(_state, "symbolic", False)


@contextlib.contextmanager
def enter(value, symbolic=False):
    """Runs a layer call: sets the training flag (None keeps the enclosing one), counts
    depth, and marks the calls inside a symbolic one as symbolic."""
    previous = getattr(_state, "training", None)
    level = getattr(_state, "depth", 0)
    was_symbolic = getattr(_state, "symbolic", False)
    _state.training = value if value is not None else previous
    _state.depth = level + 1
    _state.symbolic = was_symbolic or symbolic
    try:
        yield
    finally:
        _state.training = previous
        _state.depth = level
        _state.symbolic = was_symbolic
