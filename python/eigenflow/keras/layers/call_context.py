"""State shared by nested layer calls: the `training` flag of the outermost call, seen by
every layer called inside it, how deep the current call is (0: no layer is running), and
whether a call on symbolic tensors is running (building a graph, not computing values)."""
import contextvars

# (training flag or None, depth, symbolic) in one context variable: per thread (and per
# asyncio task), as the state must be, and read and set several times faster than the
# attributes of a threading.local, which every layer call used to pay for.
_STATE = contextvars.ContextVar("eigenflow_layer_call", default=(None, 0, False))


def training():
    """The training flag of the enclosing layer call, or None outside any."""
    return _STATE.get()[0]


def depth():
    """How many layer calls are running in this thread (0 outside any)."""
    return _STATE.get()[1]


def in_symbolic_call():
    """Whether a layer call on symbolic tensors is running in this thread."""
    return _STATE.get()[2]


def enter(training, symbolic=False):
    """Starts a layer call: sets the training flag (None keeps the enclosing one), counts
    depth, and marks the calls inside a symbolic one as symbolic. Returns the token that
    ``leave`` takes when the call ends."""
    previous, calls, was_symbolic = _STATE.get()
    return _STATE.set((previous if training is None else training, calls + 1, was_symbolic or symbolic))


leave = _STATE.reset
