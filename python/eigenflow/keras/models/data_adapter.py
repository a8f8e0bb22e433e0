"""Turning fit/evaluate/predict's x, y and sample_weight into batches.

Arrays (NumPy, tensors, lists or dicts of them for several inputs) are sliced into
batches; ``validation_split`` takes the last fraction before any shuffling, as Keras
does. A Python iterable or generator yields ready batches ``(x, y)`` or
``(x, y, sample_weight)``.
"""
import math

import numpy as np

from ... import _core
from ..layers.node import _flatten, _map


def _to_array(x):
    if isinstance(x, _core.Tensor):
        return x.numpy()
    if isinstance(x, np.ndarray):
        return x
    return np.asarray(x)


def _is_array_like(x):
    return isinstance(x, (np.ndarray, _core.Tensor)) or (
        isinstance(x, (list, tuple)) and x and all(isinstance(e, (np.ndarray, _core.Tensor)) for e in x)) or \
        isinstance(x, dict)


def _num_samples(structure):
    lengths = {len(a) for a in _flatten(structure) if a is not None}
    if len(lengths) > 1:
        raise ValueError(f"all inputs and targets must have the same number of samples, received lengths "
                         f"{sorted(lengths)}")
    return lengths.pop() if lengths else 0


def _as_arrays(x):
    if x is None:
        return None
    if isinstance(x, dict):
        return {k: _to_array(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and x and all(isinstance(e, (np.ndarray, _core.Tensor)) for e in x):
        return [_to_array(e) for e in x]
    return _to_array(x)


def _take(structure, index):
    return _map(lambda a: None if a is None else a[index], structure)


def _tensors(structure):
    return _map(lambda a: None if a is None else _core.convert_to_tensor(a), structure)


class ArrayBatches:
    """Batches of in-memory arrays, reshuffled each epoch when asked."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, shuffle=False, steps=None):
        self.x, self.y = _as_arrays(x), _as_arrays(y)
        self.sample_weight = None if sample_weight is None else _to_array(sample_weight)
        self.num_samples = _num_samples([self.x, self.y, self.sample_weight])
        self.batch_size = batch_size or 32
        if self.batch_size <= 0:
            raise ValueError(f"batch_size must be a positive integer, received {batch_size}")
        self.shuffle = shuffle
        self.steps = steps or max(1, math.ceil(self.num_samples / self.batch_size)) if self.num_samples else 0

    def __len__(self):
        return self.steps

    def __iter__(self):
        order = np.random.permutation(self.num_samples) if self.shuffle == True else None  # noqa: E712
        for step in range(self.steps):
            start = (step * self.batch_size) % max(self.num_samples, 1)
            stop = min(start + self.batch_size, self.num_samples)
            index = slice(start, stop) if order is None else order[start:stop]
            if self.shuffle == "batch" and order is None:
                index = np.random.permutation(np.arange(start, stop))
            yield (_tensors(_take(self.x, index)), _tensors(_take(self.y, index)),
                   None if self.sample_weight is None else _core.convert_to_tensor(self.sample_weight[index]))


class IterableBatches:
    """Batches a Python iterable or generator yields, STEPS per epoch (or until exhausted)."""

    def __init__(self, iterable, steps=None):
        self.iterable = iterable
        self.steps = steps
        self._iterator = None

    def __len__(self):
        if self.steps is not None:
            return self.steps
        try:
            return len(self.iterable)
        except TypeError:
            return None

    def __iter__(self):
        if self.steps is None or self._iterator is None:
            self._iterator = iter(self.iterable)
        count = 0
        while self.steps is None or count < self.steps:
            try:
                batch = next(self._iterator)
            except StopIteration:
                self._iterator = None
                return
            count += 1
            yield unpack(batch)


def unpack(batch):
    """(x, y, sample_weight) from a batch given as x, (x,), (x, y) or (x, y, sample_weight)."""
    if isinstance(batch, tuple):
        if len(batch) == 1:
            return _tensors(batch[0]), None, None
        if len(batch) == 2:
            return _tensors(batch[0]), _tensors(batch[1]), None
        if len(batch) == 3:
            return _tensors(batch[0]), _tensors(batch[1]), batch[2]
    return _tensors(batch), None, None


def make_batches(x, y=None, sample_weight=None, batch_size=None, shuffle=False, steps=None):
    if _is_array_like(x) or x is None:
        if x is None:
            raise ValueError("no input data: pass x")
        return ArrayBatches(x, y, sample_weight, batch_size, shuffle, steps)
    if hasattr(x, "__iter__") or hasattr(x, "__next__"):
        if y is not None:
            raise ValueError("y must not be given when x is a generator or iterable of batches")
        return IterableBatches(x, steps)
    return ArrayBatches(x, y, sample_weight, batch_size, shuffle, steps)


def split_validation(x, y, sample_weight, validation_split):
    """The training and validation parts of arrays: validation is the last fraction."""
    if not 0.0 < validation_split < 1.0:
        raise ValueError(f"validation_split must be in (0, 1), received {validation_split}")
    if not _is_array_like(x):
        raise ValueError("validation_split needs array inputs; pass validation_data for generators")
    x, y = _as_arrays(x), _as_arrays(y)
    sw = None if sample_weight is None else _to_array(sample_weight)
    n = _num_samples([x, y, sw])
    cut = int(n * (1.0 - validation_split))
    if cut == 0 or cut == n:
        raise ValueError(f"validation_split={validation_split} leaves no samples on one side of {n} samples")
    head, tail = slice(0, cut), slice(cut, n)
    return ((_take(x, head), _take(y, head), None if sw is None else sw[head]),
            (_take(x, tail), _take(y, tail), None if sw is None else sw[tail]))
