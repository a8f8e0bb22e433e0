"""``tf.Variable``: a tensor whose value is assigned in place, and that the tape watches.

A Variable is a ``Tensor`` (the C++ object is marked as a variable), so it goes wherever
a tensor does with no conversion. Reads inside a ``GradientTape`` are watched when the
Variable is trainable, and every read accumulates into one gradient.
"""
import weakref

from .. import _core
from .. import dtypes as _dtypes
from ..errors import InvalidArgumentError
from . import function as _function
from .tensor_html import tensor_html

# Weak references to the Variables made so far. A list rather than a WeakSet: appending a
# plain weak reference is several times cheaper than a WeakSet's add (which registers a
# callback), and creating Variables is most of an optimizer's first step. Dead references
# are dropped whenever the list has doubled since the last sweep.
_LIVE = []
_live_sweep_at = [1024]


def _note_created(variables):
    """Tells tf.function and live_variables() of new VARIABLES."""
    _function.note_variables_created(len(variables))
    _LIVE.extend(map(weakref.ref, variables))
    if len(_LIVE) > _live_sweep_at[0]:
        _LIVE[:] = [r for r in _LIVE if r() is not None]
        _live_sweep_at[0] = max(1024, 2 * len(_LIVE))


def live_variables():
    """Every Variable that exists now."""
    return [v for v in (r() for r in _LIVE) if v is not None]


def _initial_tensor(initial_value, dtype):
    if dtype is None and type(initial_value) is _core.Tensor:  # the common case: a tensor as it is
        return initial_value
    if callable(initial_value):
        initial_value = initial_value()
    dt = None if dtype is None else _dtypes.as_dtype(dtype)
    return _core.convert_to_tensor(initial_value, dtype=dt)


def _register(variable, name):
    """Tells tf.function and live_variables() of a new VARIABLE, and names it NAME (with
    TensorFlow's ':0')."""
    _note_created((variable,))
    variable._name = name if name.endswith(":0") else f"{name}:0"


def slot_variables(weights, slot_names, fills, owner):
    """An optimizer's slot Variables for WEIGHTS (a list of floating-point Variables): for
    each weight, one per name in SLOT_NAMES, non-trainable, shaped like the weight, every
    element the matching FILLS value, named ``<weight path>_<slot name>:0``; weight-major.
    All weights are checked first (a ValueError naming OWNER, the optimizer). Made in C++ in
    one call: a first training step makes one per slot and weight."""
    made = _core.slot_variables(Variable, weights, slot_names, fills, owner)
    _note_created(made)
    return made


class Variable(_core.Tensor):
    """A mutable tensor: model weights, counters, anything trained or updated in place.

    Args:
        initial_value: a tensor, array, Python value, another Variable, or a callable
            returning one.
        trainable: whether ``GradientTape`` watches it and ``trainable_variables`` lists it.
        name: a name; TensorFlow's ``:0`` suffix is added to ``.name``.
        dtype: converts the initial value to this dtype.
        shape, validate_shape, constraint, synchronization, aggregation: accepted as in
            TensorFlow; ``constraint`` is applied by optimizers after each update.

    Example:
        >>> import eigenflow as tf
        >>> v = tf.Variable([1.0, 2.0])
        >>> _ = v.assign_add([1.0, 1.0])
        >>> v.numpy().tolist()
        [2.0, 3.0]
    """

    constraint = None   # set per Variable when given: most have none
    initializer = None

    def __init__(self, initial_value=None, trainable=True, name=None, dtype=None, shape=None,
                 validate_shape=True, constraint=None, synchronization=None, aggregation=None,
                 initializer=None, **kwargs):
        if initial_value is None:
            raise ValueError("Variable needs an initial_value")
        if _core.is_recording():  # a function being traced creates it once, eagerly
            with _core.PauseRecording():
                super().__init__(_initial_tensor(initial_value, dtype), bool(trainable))
        else:
            super().__init__(_initial_tensor(initial_value, dtype), bool(trainable))
        _register(self, name or "Variable")
        if constraint is not None:
            self.constraint = constraint
        if initializer is not None:
            self.initializer = initializer

    @property
    def name(self):
        return self._name

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def value(self):
        return self.read_value

    def read_value(self):
        """A tensor holding the current value (a copy that later assigns do not change)."""
        return _core.ops.identity(self)

    def assign(self, value, use_locking=None, name=None, read_value=True):
        """Sets the value; shape and dtype must match. Returns the Variable."""
        self._assign(value)
        return self

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        """Adds DELTA (broadcast to the Variable's shape) in place. Returns the Variable."""
        self._assign_add(delta)
        return self

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        """Subtracts DELTA (broadcast to the Variable's shape) in place. Returns the Variable."""
        self._assign_sub(delta)
        return self

    def __repr__(self):
        head = f"<tf.Variable '{self._name}' shape={self.shape} dtype={self.dtype.name}"
        if _core.is_traced(self):  # inside a tf.function being traced: no value to show
            return head + ">"
        return f"{head}, numpy={self.numpy()!r}>"

    def _repr_html_(self):
        return tensor_html(self, f"tf.Variable '{self._name}'")

    def __str__(self):
        return self.__repr__()

    def __reduce__(self):
        return (Variable, (self.numpy(), self.trainable, self._name[:-2], self.dtype.name))

    def __deepcopy__(self, memo):
        return Variable(self.numpy(), trainable=self.trainable, name=self._name[:-2], dtype=self.dtype)

    def __copy__(self):
        return self

    def __array__(self, dtype=None, copy=None):
        a = self.numpy()
        return a if dtype is None else a.astype(dtype)

    def get_shape(self):
        return self.shape

    def set_shape(self, shape):
        if list(shape) != list(self.shape):
            raise InvalidArgumentError(f"Variable '{self._name}' has shape {self.shape}, cannot set {shape}")
