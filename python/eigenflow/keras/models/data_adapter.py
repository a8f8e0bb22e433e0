"""Turning fit/evaluate/predict's x, y and sample_weight into batches.

Each batch is what ``train_step`` receives, packed as Keras packs it: ``x`` (``(x,)`` when
x is a list or tuple of inputs) without targets, ``(x, y)``, or ``(x, y, sample_weight)``.

Arrays (NumPy, tensors, lists or dicts of them for several inputs) are sliced into
batches; ``validation_split`` takes the last fraction before any shuffling, as Keras
does. A ``tf.data.Dataset``, a Python iterable or a generator yields ready batches ``x``,
``(x, y)`` or ``(x, y, sample_weight)``.
"""
import math
import warnings

import numpy as np

from ... import _core
from ...data.constants import INFINITE_CARDINALITY
from ...data.dataset import Dataset
from ..layers.node import _flatten, _map
from ..utils.data_adapter_utils import unpack_x_y_sample_weight
from ..utils.py_dataset import PyDataset, PyDatasetEpochs


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


def _rows_as_tensors(structure, rows_of):
    """ROWS_OF(array), a tensor, for each array in STRUCTURE (None: none); one array without the walk."""
    if structure is None:
        return None
    if isinstance(structure, np.ndarray):
        return rows_of(structure)
    return _map(lambda a: None if a is None else rows_of(a), structure)


def _shuffled_rows(array, order, start, stop):
    """The rows of ARRAY at positions START to STOP of ORDER, as a tensor: gathered in one copy
    when the array allows it (C-contiguous, of a tensor dtype), else indexed and converted."""
    rows = order.take_rows(array, start, stop)
    return rows if rows is not None else _core.convert_to_tensor(array[order.take(start, stop)])


def _tensors(structure):
    return _map(lambda a: None if a is None else _core.convert_to_tensor(a), structure)


def _epoch_order(num_samples):
    """A shuffled order of the rows, drawn batch by batch as the epoch reads it; NumPy's global
    generator picks the seed, so np.random.seed (and keras.utils.set_random_seed) fixes it."""
    # random() is the cheapest draw of NumPy's global generator (0.4 us; randint's int64 path
    # costs 2 us warm and 18 cold, in an epoch's first step).
    return _core.Permutation(num_samples, int(np.random.random() * 2.0**53))


class ArrayBatches:
    """Batches of in-memory arrays, reshuffled each epoch when asked."""

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, shuffle=False, steps=None):
        if type(x) is np.ndarray and type(y) is np.ndarray and sample_weight is None and len(x) == len(y):
            # The common case, without walking structures: one input, one target.
            self.x, self.y, self.sample_weight, self.num_samples = x, y, None, len(x)
        else:
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
        order = _epoch_order(self.num_samples) if self.shuffle == True else None  # noqa: E712
        # One input and one target, shuffled (the common case): their rows, without the
        # structure walks below.
        plain = order is not None and type(self.x) is np.ndarray and type(self.y) is np.ndarray and \
            self.sample_weight is None
        for step in range(self.steps):
            start = (step * self.batch_size) % max(self.num_samples, 1)
            stop = min(start + self.batch_size, self.num_samples)
            if plain:
                yield _shuffled_rows(self.x, order, start, stop), _shuffled_rows(self.y, order, start, stop)
                continue
            if order is not None:
                def rows_of(a):
                    return _shuffled_rows(a, order, start, stop)
            else:
                index = np.random.permutation(np.arange(start, stop)) if self.shuffle == "batch" else slice(start, stop)

                def rows_of(a):
                    return _core.convert_to_tensor(a[index])
            x = _rows_as_tensors(self.x, rows_of)
            y = _rows_as_tensors(self.y, rows_of)
            sample_weight = _rows_as_tensors(self.sample_weight, rows_of)
            if y is None:
                yield (x,) if isinstance(x, (list, tuple)) else x
            elif sample_weight is None:
                yield x, y
            else:
                yield x, y, sample_weight


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


_RAN_OUT = object()


class DatasetBatches:
    """The batches of a ``tf.data.Dataset`` (or of a ``PyDatasetEpochs``), as Keras reads them.

    Without STEPS each epoch is one full pass. With STEPS an epoch takes STEPS batches
    from one pass that continues across epochs; when the pass ends (at the dataset's known
    size, or when it runs dry) the epoch ends early with a warning, and the next epoch
    starts a new pass. Batch sizes are the dataset's own: fit's ``batch_size`` does not
    apply, as in Keras.
    """

    def __init__(self, dataset, steps=None, class_weight=None):
        size = int(dataset.cardinality())
        if size == INFINITE_CARDINALITY and steps is None:
            raise ValueError("the dataset is infinite (it repeats forever): pass steps_per_epoch to fit, "
                             "validation_steps for validation_data, or steps to evaluate and predict")
        self.dataset = dataset
        self.steps = steps
        self.class_weight = class_weight
        self._size = size if size >= 0 else None
        self._iterator = None
        self._seen = 0

    @property
    def num_batches(self):
        """Batches per epoch, or None when unknown."""
        return self.steps if self.steps is not None else self._size

    def __iter__(self):
        if self.steps is None:
            for batch in self.dataset:
                yield self._prepare(batch)
            return
        for step in range(self.steps):
            resumed = self._iterator is not None
            batch = self._next_batch()
            if batch is _RAN_OUT and resumed and step == 0:  # the pass ended with the last epoch
                batch = self._next_batch()
            if batch is _RAN_OUT:
                self._warn_ran_out(step)
                return
            yield self._prepare(batch)
            if self._iterator is None and step + 1 < self.steps:
                self._warn_ran_out(step + 1)
                return

    def _next_batch(self):
        """The next batch of the pass kept across epochs (_RAN_OUT when it has none)."""
        if self._iterator is None:
            self._iterator, self._seen = iter(self.dataset), 0
        batch = next(self._iterator, _RAN_OUT)
        self._seen += 1
        if batch is _RAN_OUT or self._seen == self._size:
            self._iterator = None
        return batch

    def _warn_ran_out(self, step):
        if step:
            warnings.warn(f"the dataset ran out of batches after {step} of {self.steps} steps; the next epoch "
                          "starts a new pass over it (repeat() the dataset to run every step)", stacklevel=4)

    def _prepare(self, batch):
        batch = unpack(batch)
        if self.class_weight is None:
            return batch
        x, y, sample_weight = unpack_x_y_sample_weight(batch)
        if y is None:
            raise ValueError("class_weight needs targets: the dataset's elements must be (x, y) or "
                             "(x, y, sample_weight)")
        weights = class_sample_weights(y, sample_weight, self.class_weight)
        return x, y, _core.convert_to_tensor(weights)


def class_sample_weights(y, sample_weight, class_weight):
    """Per-sample weights from CLASS_WEIGHT (class -> weight) of the labels Y (class indices,
    or one-hot rows), multiplied into SAMPLE_WEIGHT."""
    labels = np.asarray(y.numpy() if isinstance(y, _core.Tensor) else y)
    if labels.ndim > 1 and labels.shape[-1] > 1:
        labels = labels.argmax(axis=-1)
    labels = labels.reshape(len(labels), -1)[:, 0].astype(int)
    weights = np.array([class_weight.get(int(c), 1.0) for c in labels], dtype="float32")
    return weights if sample_weight is None else weights * np.asarray(sample_weight, dtype="float32")


def _refuse_with_dataset(argument, what, kind="a tf.data.Dataset"):
    raise ValueError(f"{argument} must not be given when x is {kind}: include {what} in the "
                     "dataset's elements, as (x, y) or (x, y, sample_weight)")


def make_batches(x, y=None, sample_weight=None, batch_size=None, shuffle=False, steps=None, class_weight=None):
    """The batches of fit/evaluate/predict's inputs: arrays, a tf.data.Dataset, or an iterable
    of batches. CLASS_WEIGHT (a dict class -> weight) weights the samples by their label."""
    if isinstance(x, Dataset):
        if y is not None:
            _refuse_with_dataset("y", "the targets")
        if sample_weight is not None:
            _refuse_with_dataset("sample_weight", "the sample weights")
        return DatasetBatches(x, steps, class_weight)
    if isinstance(x, PyDataset):
        # Read as a dataset whose passes are the PyDataset's epochs (training shuffles the batch order).
        if y is not None:
            _refuse_with_dataset("y", "the targets", "a keras.utils.PyDataset")
        if sample_weight is not None:
            _refuse_with_dataset("sample_weight", "the sample weights", "a keras.utils.PyDataset")
        return DatasetBatches(PyDatasetEpochs(x, shuffle=shuffle is True), steps, class_weight)
    if _is_array_like(x) or x is None:
        if x is None:
            raise ValueError("no input data: pass x")
        if class_weight is not None:
            sample_weight = class_sample_weights(y, sample_weight, class_weight)
        return ArrayBatches(x, y, sample_weight, batch_size, shuffle, steps)
    if hasattr(x, "__iter__") or hasattr(x, "__next__"):
        if y is not None:
            raise ValueError("y must not be given when x is a generator or iterable of batches")
        if class_weight is not None:
            raise ValueError("class_weight is not supported when x is a generator or iterable of batches; "
                             "yield (x, y, sample_weight) batches instead")
        return IterableBatches(x, steps)
    if class_weight is not None:
        sample_weight = class_sample_weights(y, sample_weight, class_weight)
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
