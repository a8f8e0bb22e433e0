"""Turning fit/evaluate/predict's x, y and sample_weight into batches.

Each batch is what ``train_step`` receives, packed as Keras packs it: ``x`` (``(x,)`` when
x is a list or tuple of inputs) without targets, ``(x, y)``, or ``(x, y, sample_weight)``.

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


def _is_number_list(x):
    """Whether X is a (nested) Python list of numbers: one array, not a list of inputs."""
    while isinstance(x, (list, tuple)):
        if not x:
            return False
        x = x[0]
    return isinstance(x, (int, float, bool, np.generic))


def _is_array_like(x):
    if isinstance(x, (np.ndarray, _core.Tensor, dict)):
        return True
    return isinstance(x, (list, tuple)) and bool(x) and (
        all(isinstance(e, (np.ndarray, _core.Tensor)) for e in x) or _is_number_list(x))


def check_batch_size(batch_size, argument="batch_size"):
    """BATCH_SIZE (None: 32) checked to be a positive integer."""
    if batch_size is None:
        return 32
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size <= 0:
        raise ValueError(f"{argument} must be a positive integer, received {argument}={batch_size!r}")
    return int(batch_size)


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
        self.batch_size = check_batch_size(batch_size)
        self.shuffle = shuffle
        self.steps = steps or max(1, math.ceil(self.num_samples / self.batch_size)) if self.num_samples else 0

    def __len__(self):
        return self.steps

    @property
    def num_batches(self):
        return self.steps

    def __iter__(self):
        order = np.random.permutation(self.num_samples) if self.shuffle == True else None  # noqa: E712
        for step in range(self.steps):
            start = (step * self.batch_size) % max(self.num_samples, 1)
            stop = min(start + self.batch_size, self.num_samples)
            index = slice(start, stop) if order is None else order[start:stop]
            if self.shuffle == "batch" and order is None:
                index = np.random.permutation(np.arange(start, stop))
            x = _tensors(_take(self.x, index))
            if self.y is None:
                yield (x,) if isinstance(x, (list, tuple)) else x
            elif self.sample_weight is None:
                yield x, _tensors(_take(self.y, index))
            else:
                yield x, _tensors(_take(self.y, index)), _core.convert_to_tensor(self.sample_weight[index])


class IterableBatches:
    """Batches a Python iterable or generator yields, STEPS per epoch (or until exhausted).

    Without STEPS and without a length, the number of batches is unknown (``len`` is None)
    until the iterable runs out.
    """

    def __init__(self, iterable, steps=None):
        self.iterable = iterable
        self.steps = steps
        self._iterator = None

    @property
    def num_batches(self):
        """Batches per epoch, or None when unknown."""
        if self.steps is not None:
            return self.steps
        try:
            return len(self.iterable)
        except TypeError:
            return None

    def __len__(self):
        return self.num_batches

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
    """A yielded batch with its arrays as tensors, in the form it came in: x, (x,), (x, y)
    or (x, y, sample_weight) (see ``keras.utils.unpack_x_y_sample_weight``)."""
    if isinstance(batch, tuple):
        if len(batch) > 3:
            raise ValueError(f"a batch must be x, (x,), (x, y) or (x, y, sample_weight), received a tuple of "
                             f"{len(batch)} elements")
        return tuple(_tensors(part) for part in batch)
    return _tensors(batch)


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


def single_batch(x, y=None, sample_weight=None):
    """All of X (with Y and SAMPLE_WEIGHT) as one batch, packed as fit packs batches."""
    batches = ArrayBatches(x, y, sample_weight)
    batches.batch_size = max(batches.num_samples, 1)
    batches.steps = 1
    return next(iter(batches))


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
