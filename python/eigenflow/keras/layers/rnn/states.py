"""Recurrent states: their sizes, their zero values, and how they are walked.

A cell's ``state_size`` is an int (one state), a list of ints (one per state: LSTMCell's
``[units, units]``), or for ``StackedRNNCells`` a list with one such entry per cell. The
states follow the same nesting, with one ``(batch, size)`` tensor per int.
"""
import inspect
import numbers

import numpy as np

from .... import _core
from ....framework.tensor_shape import TensorShape


def _is_sequence(value):
    return isinstance(value, (list, tuple, TensorShape))


def state_structure(cell):
    """The cell's state sizes as a list with one entry per state: an int, or a list of them."""
    size = cell.state_size
    return [_sizes(e) for e in size] if _is_sequence(size) else [int(size)]


def _sizes(entry):
    return [_sizes(e) for e in entry] if _is_sequence(entry) else int(entry)


def flatten_states(states):
    """The tensors (or sizes) of a nest of lists, in order."""
    if isinstance(states, (list, tuple)):
        return [leaf for entry in states for leaf in flatten_states(entry)]
    return [states]


def pack_states(flat, structure):
    """FLAT (a list) nested as STRUCTURE is."""
    return _pack(structure, iter(flat))


def _pack(entry, leaves):
    # Not a closure over itself: that would be a reference cycle on every RNN call.
    return [_pack(e, leaves) for e in entry] if isinstance(entry, list) else next(leaves)


def map_states(fn, first, *others):
    """FN applied leaf by leaf to nests of the same structure, as a nest of lists."""
    if isinstance(first, (list, tuple)):
        return [map_states(fn, *entries) for entries in zip(first, *others)]
    return fn(first, *others)


def zero_states(batch_size, sizes, dtype, owner):
    """One zero tensor ``(batch_size, size)`` per entry of SIZES (a nest of ints).

    BATCH_SIZE is an int or a scalar int tensor (``tf.shape(x)[0]``); a symbolic one (a
    Keras Input's unknown batch) gives symbolic states of batch None.
    """
    if isinstance(batch_size, _core.Tensor):
        if batch_size._is_symbolic:
            return map_states(lambda size: _core.symbolic([None, size], dtype), sizes)
        batch_size = batch_size.numpy()
    if isinstance(batch_size, np.ndarray) and batch_size.ndim == 0:
        batch_size = batch_size.item()
    if not isinstance(batch_size, numbers.Integral) or isinstance(batch_size, bool) or batch_size < 0:
        raise ValueError(f"{owner}: get_initial_state needs batch_size, an int >= 0 or a scalar int tensor such as "
                         f"tf.shape(inputs)[0], received batch_size={batch_size!r}")
    return map_states(lambda size: _core.ops.zeros([int(batch_size), size], dtype=dtype), sizes)


def cell_initial_state(cell, batch_size, dtype):
    """CELL's own get_initial_state, given DTYPE when it takes one (Keras 3 cells may not)."""
    get = cell.get_initial_state
    try:
        takes_dtype = "dtype" in inspect.signature(get).parameters
    except (TypeError, ValueError):
        takes_dtype = False
    states = get(batch_size=batch_size, dtype=dtype) if takes_dtype else get(batch_size=batch_size)
    return list(states) if isinstance(states, (list, tuple)) else [states]
