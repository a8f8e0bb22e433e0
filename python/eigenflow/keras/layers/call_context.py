"""State shared by nested layer calls: the `training` flag of the outermost call, seen by
every layer called inside it, how deep the current call is (0: no layer is running), and
whether a call on symbolic tensors is running (building a graph, not computing values)."""
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


class enter:
    """Runs a layer call: sets the training flag (None keeps the enclosing one), counts
    depth, and marks the calls inside a symbolic one as symbolic. (A class, not a
    generator: it wraps every layer call, and a generator context costs several times more.)"""

    __slots__ = ("_training", "_symbolic", "_saved")

    def __init__(self, value, symbolic=False):
        self._training = value
        self._symbolic = symbolic

    def __enter__(self):
        state = _state
        previous = getattr(state, "training", None)
        was_symbolic = getattr(state, "symbolic", False)
        self._saved = (previous, getattr(state, "depth", 0), was_symbolic)
        state.training = self._training if self._training is not None else previous
        state.depth = self._saved[1] + 1
        state.symbolic = was_symbolic or self._symbolic

    def __exit__(self, *exc):
        _state.training, _state.depth, _state.symbolic = self._saved
        return False
