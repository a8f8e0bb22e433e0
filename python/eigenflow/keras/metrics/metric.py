"""``keras.metrics.Metric``: the base class of metrics.

A metric keeps its running state in non-trainable Variables (made with ``add_variable``),
folds each batch into them in ``update_state`` with ops (outside any gradient), and reads
them in ``result``. ``reset_state`` sets every variable back to zero.
"""
from ... import _core
from ... import dtypes as _dtypes
from ...framework.variables import Variable
from .. import backend as _backend
from ..losses.loss import _snake_case


class Metric:
    """Base class of metrics: make state in ``__init__`` with ``add_variable``, update it in
    ``update_state``, compute the value in ``result``.

    Args:
        dtype: the dtype of the state and the result (default ``keras.backend.floatx()``).
        name: the metric's name (default: the snake_case class name, made unique).

    Example:
        >>> import eigenflow as tf
        >>> class CountPositives(tf.keras.metrics.Metric):
        ...     def __init__(self, name="count_positives", **kwargs):
        ...         super().__init__(name=name, **kwargs)
        ...         self.count = self.add_variable(shape=(), initializer="zeros", name="count")
        ...     def update_state(self, y_true, y_pred, sample_weight=None):
        ...         self.count.assign_add(tf.reduce_sum(tf.cast(tf.constant(y_pred) > 0.5, "float32")))
        ...     def result(self):
        ...         return self.count
        >>> m = CountPositives()
        >>> m.update_state([1, 0, 1], [0.9, 0.2, 0.7])
        >>> float(m.result())
        2.0
    """

    def __init__(self, dtype=None, name=None, **kwargs):
        # Keras 2 took (name, dtype): a first positional argument that is no dtype is the name.
        if name is None and isinstance(dtype, str) and not _is_dtype_name(dtype):
            name, dtype = dtype, None
        kwargs.pop("trainable", None)
        kwargs.pop("autocast", None)
        if kwargs:
            raise TypeError(f"{type(self).__name__}: unexpected keyword argument(s) {sorted(kwargs)}")
        self._name = name or _backend.unique_name(_snake_case(type(self).__name__))
        self._dtype = _backend.floatx() if dtype is None else \
            _dtypes.as_dtype(getattr(dtype, "name", dtype)).name
        self._variables = []

    # ---- properties ----------------------------------------------------------------------
    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value

    @property
    def dtype(self):
        return self._dtype

    @property
    def variables(self):
        """The state Variables: those made by ``add_variable``, then any other Variable or
        Metric in the metric's attributes (a sub-metric contributes its variables)."""
        result = list(self.__dict__.get("_variables", ()))
        seen = {id(v) for v in result}
        for key, value in self.__dict__.items():
            if key == "_variables":
                continue
            if isinstance(value, Variable) and id(value) not in seen:
                seen.add(id(value))
                result.append(value)
            elif isinstance(value, Metric) and value is not self:
                for v in value.variables:
                    if id(v) not in seen:
                        seen.add(id(v))
                        result.append(v)
        return result

    weights = variables
    non_trainable_variables = variables
    non_trainable_weights = variables

    @property
    def trainable_variables(self):
        return []

    trainable_weights = trainable_variables

    # ---- state ---------------------------------------------------------------------------
    def add_variable(self, shape=(), initializer="zeros", dtype=None, aggregation="sum", name=None, **kwargs):
        """Creates a non-trainable state Variable of this metric.

        Args:
            shape: its shape (default scalar).
            initializer: a name or Initializer (default zeros).
            dtype: default the metric's dtype.
            aggregation: accepted for Keras compatibility (values are summed across replicas).
            name: the variable's name.

        Returns:
            The Variable.
        """
        if "_variables" not in self.__dict__:
            raise RuntimeError(f"{type(self).__name__}: call super().__init__() before add_variable")
        shape = () if shape is None else tuple(int(d) for d in shape)
        dtype = _dtypes.as_dtype(getattr(dtype, "name", dtype) or self._dtype)
        if initializer is None or initializer == "zeros":
            value = _core.ops.zeros(list(shape), dtype=dtype)
        else:
            from .. import initializers
            value = initializers.get(initializer)(shape, dtype=dtype)
        name = name or f"variable_{len(self._variables)}"
        variable = Variable(value, trainable=False, dtype=dtype, name=name)
        variable._name = name
        variable.path = f"{self._name}/{name}"
        self._variables.append(variable)
        return variable

    def add_weight(self, name=None, shape=(), initializer="zeros", dtype=None, **kwargs):
        """Keras 2's name for ``add_variable``."""
        return self.add_variable(shape=shape, initializer=initializer, dtype=dtype, name=name)

    def update_state(self, *args, **kwargs):
        """Folds a batch into the state; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement update_state")

    def result(self):
        """The metric's value from the state; subclasses implement it."""
        raise NotImplementedError(f"{type(self).__name__} must implement result")

    def reset_state(self):
        """Sets every state variable to zero."""
        if type(self).reset_states is not Metric.reset_states:
            # A Keras 2 metric that overrides reset_states only.
            return self.reset_states()
        for v in self.variables:
            v.assign(0 if v.ndim == 0 else _core.ops.zeros_like(v))  # a scalar state takes 0 as it is

    def reset_states(self):
        """Keras 2's name for ``reset_state``."""
        return self.reset_state()

    def __call__(self, *args, **kwargs):
        """Updates the state with one batch and returns the result."""
        self.update_state(*args, **kwargs)
        return self.result()

    # ---- config --------------------------------------------------------------------------
    def get_config(self):
        """The constructor arguments that recreate this metric (without its state)."""
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"


def _is_dtype_name(text):
    try:
        _dtypes.as_dtype(text)
        return True
    except (TypeError, ValueError):
        return False
