"""``tf.GradientTape``: records the ops run inside its block and differentiates them.

The recording and the reverse pass are C++ (cpp/autodiff/tape.cpp); this class handles
nesting of sources and targets, ``unconnected_gradients`` and ``jacobian``.
"""
import contextlib
import itertools

import numpy as np

from .. import _core
from ..errors import InvalidArgumentError


def _flatten(structure, leaves):
    """Appends the leaves of a nest of lists/tuples/dicts to LEAVES; returns a rebuilder."""
    if isinstance(structure, dict):
        keys = sorted(structure) if all(isinstance(k, str) for k in structure) else list(structure)
        parts = [_flatten(structure[k], leaves) for k in keys]
        return lambda it: type(structure)((k, p(it)) for k, p in zip(keys, parts))
    if isinstance(structure, (list, tuple)) and not hasattr(structure, "_fields"):
        parts = [_flatten(s, leaves) for s in structure]
        return lambda it: type(structure)(p(it) for p in parts)
    leaves.append(structure)
    return lambda it: next(it)


class GradientTape:
    """Records operations for automatic differentiation.

    Args:
        persistent: allow several ``gradient`` calls (the record is kept until the tape
            is deleted).
        watch_accessed_variables: watch every trainable Variable read inside the block.

    Example:
        >>> import eigenflow as tf
        >>> x = tf.Variable(3.0)
        >>> with tf.GradientTape() as tape:
        ...     y = x * x
        >>> float(tape.gradient(y, x))
        6.0
    """

    def __init__(self, persistent=False, watch_accessed_variables=True):
        self._tape = _core.Tape(bool(persistent), bool(watch_accessed_variables))
        self._persistent = persistent
        self._recording = False

    def __enter__(self):
        self._tape.push()
        self._recording = True
        return self

    def __exit__(self, *exc):
        self._tape.pop()
        self._recording = False
        return False

    def watch(self, tensor):
        """Makes the tape track TENSOR (any nest of tensors), like a trainable Variable."""
        if isinstance(tensor, _core.Tensor):  # the common case, without building a nest
            self._tape.watch(tensor)
            return
        leaves = []
        _flatten(tensor, leaves)
        for t in leaves:
            if not isinstance(t, _core.Tensor):
                raise InvalidArgumentError(f"GradientTape.watch expects tensors, received {type(t).__name__}")
            self._tape.watch(t)

    def watched_variables(self):
        """The Variables this tape watched, in the order they were first read."""
        return tuple(self._tape.watched_variables())

    @contextlib.contextmanager
    def stop_recording(self):
        """Ops run inside this block are not recorded."""
        was = self._tape.paused
        self._tape.paused = True
        try:
            yield
        finally:
            self._tape.paused = was

    def reset(self):
        """Forgets everything recorded so far."""
        active = self._recording
        if active:
            self._tape.pop()
        self._tape = _core.Tape(bool(self._persistent), True)
        if active:
            self._tape.push()

    def gradient(self, target, sources, output_gradients=None, unconnected_gradients="none"):
        """Gradients of TARGET (summed if it is not a scalar, or a nest of targets) with
        respect to SOURCES (a tensor, Variable, or any nest of lists, tuples and dicts).

        Returns:
            The gradients in the structure of SOURCES; ``None`` (or zeros with
            ``unconnected_gradients='zero'``) for a source the target does not depend on.
        """
        mode = getattr(unconnected_gradients, "value", unconnected_gradients)
        if mode not in ("none", "zero"):
            raise ValueError(f"unconnected_gradients must be 'none' or 'zero', received {unconnected_gradients!r}")
        if isinstance(target, _core.Tensor):  # the common cases, without building nests
            targets = [target]
        else:
            leaves = []
            _flatten(target, leaves)
            targets = [self._as_tensor(t, "target") for t in leaves]
        # map over C functions: a generator here cost a Python frame per source, every step.
        if type(sources) in (list, tuple) and all(map(isinstance, sources, itertools.repeat(_core.Tensor))):
            checked, rebuild = list(sources), type(sources)
        else:
            leaves = []
            rebuild = _flatten(sources, leaves)
            checked = [self._as_tensor(s, "source") for s in leaves]
        grads_out = []
        if output_gradients is not None:
            _flatten(output_gradients, grads_out)
        grads_out = [None if g is None else _core.convert_to_tensor(g) for g in grads_out]
        result = self._tape.gradient(targets, checked, grads_out, mode == "zero")
        return rebuild(iter(result))

    def jacobian(self, target, sources, unconnected_gradients="none", parallel_iterations=None,
                 experimental_use_pfor=True):
        """d target[i...] / d source[j...], of shape target.shape + source.shape."""
        leaves = []
        rebuild = _flatten(sources, leaves)
        target = self._as_tensor(target, "target")
        n = max(target._size(), 1)
        rows = [[] for _ in leaves]
        shape = tuple(target._shape_tuple)
        for i in range(n):
            seed = np.zeros(n, dtype=target.dtype.as_numpy_dtype)
            seed[i] = 1
            seed = _core.convert_to_tensor(seed.reshape(shape))
            grads = self._tape.gradient([target], leaves, [seed], unconnected_gradients == "zero", True)
            for k, g in enumerate(grads):
                rows[k].append(None if g is None else g.numpy())
        if not self._persistent:
            self._tape.release()
        out = []
        for k, src in enumerate(leaves):
            if any(r is None for r in rows[k]):
                out.append(None)
                continue
            stacked = np.stack(rows[k]).reshape(shape + tuple(src._shape_tuple))
            out.append(_core.convert_to_tensor(stacked))
        return rebuild(iter(out))

    @staticmethod
    def _as_tensor(value, what):
        if isinstance(value, _core.Tensor):
            return value
        if value is None:
            raise InvalidArgumentError(f"GradientTape.gradient: a {what} is None")
        return _core.convert_to_tensor(value)
