"""``RNN``: runs a cell over the time axis of a sequence, and the machinery its cells share.

A cell computes one step: ``cell(inputs_t, states) -> (output_t, new_states)``. RNN
loops over time in Python (each step's ops are recorded for the gradient). The built-in
cells (SimpleRNNCell, LSTMCell, GRUCell) derive from ``RecurrentCell`` here, which lets
RNN project the inputs of every step with one matmul before the loop, so that only the
recurrent matmul and the gate arithmetic run per step.
"""
import numbers

import numpy as np

from .... import _core
from .... import dtypes as _dtypes
from ....framework.tensor_shape import TensorShape
from ..layer import Layer


def _state_sizes(cell):
    """The cell's state sizes as a list of ints (one per state)."""
    size = cell.state_size
    sizes = list(size) if isinstance(size, (list, tuple, TensorShape)) else [size]
    return [int(s) for s in sizes]


def zero_states(batch_size, sizes, dtype, owner):
    """One zero tensor ``(batch_size, size)`` per entry of SIZES.

    BATCH_SIZE is an int or a scalar int tensor (``tf.shape(x)[0]``); a symbolic one (a
    Keras Input's unknown batch) gives symbolic states of batch None.
    """
    if isinstance(batch_size, _core.Tensor):
        if batch_size._is_symbolic:
            return [_core.symbolic([None, size], dtype) for size in sizes]
        batch_size = batch_size.numpy()
    if isinstance(batch_size, np.ndarray) and batch_size.ndim == 0:
        batch_size = batch_size.item()
    if not isinstance(batch_size, numbers.Integral) or isinstance(batch_size, bool) or batch_size < 0:
        raise ValueError(f"{owner}: get_initial_state needs batch_size, an int >= 0 or a scalar int tensor such as "
                         f"tf.shape(inputs)[0], received batch_size={batch_size!r}")
    return [_core.ops.zeros([int(batch_size), size], dtype=dtype) for size in sizes]


def check_cell_arguments(where, units, dropout, recurrent_dropout):
    """ValueError naming WHERE (the cell, or the layer that makes it) for a bad argument."""
    if not isinstance(units, numbers.Integral) or isinstance(units, bool) or units <= 0:
        raise ValueError(f"{where}: units must be a positive integer, received units={units!r}")
    for name, rate in (("dropout", dropout), ("recurrent_dropout", recurrent_dropout)):
        if not isinstance(rate, numbers.Real) or isinstance(rate, bool) or not 0.0 <= rate <= 1.0:
            raise ValueError(f"{where}: {name} must be a float in [0, 1], received {name}={rate!r}")


class RecurrentCell(Layer):
    """Base of the built-in cells: arguments, weights, initial states, dropout masks.

    A subclass makes its weights in ``build`` with ``_make_weights`` (``kernel``,
    ``recurrent_kernel``, ``bias``) and defines ``_step(projected, states,
    recurrent_mask) -> (output, new_states)``, one step from the projected input
    ``inputs @ kernel + input bias``. ``call`` (one step) and RNN's whole-sequence path
    (all inputs projected with one matmul) both go through ``_step``, so they agree.

    Args:
        units: the size of the output and of each state, a positive int.
        activation, use_bias, kernel_initializer, recurrent_initializer, bias_initializer,
        kernel_regularizer, recurrent_regularizer, bias_regularizer, kernel_constraint,
        recurrent_constraint, bias_constraint: as in ``SimpleRNNCell``.
        dropout: the fraction of the inputs dropped in training, in [0, 1].
        recurrent_dropout: the fraction of the previous output dropped in training.
        seed: seed of the dropout masks.

    Call arguments:
        inputs: a tensor ``(batch, features)``.
        states: a tensor or a list of tensors ``(batch, units)``, one per state.
        training: whether dropout is active.

    Returns:
        ``(output, new_states)``; new_states is a list if STATES was one, else a tensor.

    Example:
        >>> import eigenflow as tf
        >>> cell = tf.keras.layers.GRUCell(2)
        >>> isinstance(cell, tf.keras.layers.Layer)
        True
    """

    def __init__(self, units, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros", kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, **kwargs):
        from ... import activations, constraints, initializers, regularizers

        super().__init__(**kwargs)
        check_cell_arguments(type(self).__name__, units, dropout, recurrent_dropout)
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = float(dropout)
        self.recurrent_dropout = float(recurrent_dropout)
        self.seed = seed
        self._recurrent_mask_of_sequence = None

    def _make_weights(self, input_shape, gates, bias_shape=None, bias_initializer=None):
        """kernel (features, GATES * units), recurrent_kernel (units, GATES * units) and bias."""
        features = input_shape[-1]
        if features is None:
            raise ValueError(f"{type(self).__name__} '{self.name}': the last axis of the input must be known, "
                             f"received input shape {input_shape}")
        width = gates * self.units
        self.kernel = self.add_weight(name="kernel", shape=(int(features), width), initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            name="recurrent_kernel", shape=(self.units, width), initializer=self.recurrent_initializer,
            regularizer=self.recurrent_regularizer, constraint=self.recurrent_constraint)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=bias_shape or (width,),
                                        initializer=bias_initializer or self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        self.built = True

    # ---- states ----------------------------------------------------------------------------
    @property
    def state_size(self):
        return self.units

    @property
    def output_size(self):
        return self.units

    def get_initial_state(self, batch_size=None, dtype=None, inputs=None):
        """The zero states of a batch: a list with one ``(batch_size, units)`` tensor per state.

        Args:
            batch_size: an int or a scalar int tensor (``tf.shape(x)[0]``).
            dtype: the states' dtype (default the cell's).
            inputs: Keras 2's alternative to batch_size: a tensor whose first axis is the
                batch (also accepted as the first positional argument).

        Returns:
            A list of zero tensors: ``[h]`` (``[h, c]`` for LSTMCell).

        Example:
            >>> import eigenflow as tf
            >>> cell = tf.keras.layers.LSTMCell(3)
            >>> [s.shape for s in cell.get_initial_state(batch_size=2, dtype=tf.float32)]
            [TensorShape([2, 3]), TensorShape([2, 3])]
        """
        if isinstance(batch_size, (_core.Tensor, np.ndarray)) and len(batch_size.shape) >= 1:
            inputs, batch_size = batch_size, None
        if inputs is not None and batch_size is None:
            inputs = _core.convert_to_tensor(inputs)
            batch_size = inputs.shape[0] if inputs.shape[0] is not None else _core.ops.shape(inputs)[0]
            dtype = dtype or (inputs.dtype if inputs.dtype.is_floating else None)
        dtype = _dtypes.as_dtype(getattr(dtype, "name", dtype) or self.dtype).name
        return zero_states(batch_size, _state_sizes(self), dtype, type(self).__name__)

    # ---- dropout ---------------------------------------------------------------------------
    def _dropout_mask(self, like, rate, training):
        if not training or not 0.0 < rate < 1.0:
            return None
        return _core.ops.dropout_mask(like, rate=rate, seed=self.seed)

    def _recurrent_mask(self, h, training):
        """The recurrent dropout mask: one per sequence under RNN, one per call otherwise."""
        if self._recurrent_mask_of_sequence is not None:
            return self._recurrent_mask_of_sequence
        return self._dropout_mask(h, self.recurrent_dropout, training)

    # ---- the step --------------------------------------------------------------------------
    def _input_bias(self):
        return self.bias if self.use_bias else None

    def _project(self, inputs):
        """inputs @ kernel (+ the input bias), for inputs of shape (n, features)."""
        z = _core.ops.matmul(inputs, self.kernel)
        bias = self._input_bias()
        return z if bias is None else _core.ops.bias_add(z, bias)

    def _split_states(self, states):
        """STATES (a tensor or a list) as a list of tensors, checked against state_size."""
        single = not isinstance(states, (list, tuple))
        states = [states] if single else list(states)
        sizes = _state_sizes(self)
        if len(states) != len(sizes):
            raise ValueError(f"{type(self).__name__} '{self.name}': expected {len(sizes)} state tensor(s) "
                             f"(state_size {self.state_size}), received {len(states)}")
        states = [s if isinstance(s, _core.Tensor) else _core.convert_to_tensor(np.asarray(s, dtype=self.dtype))
                  for s in states]
        return [_core.ops.cast(s, self.dtype) if s.dtype.is_floating and s.dtype.name != self.dtype else s
                for s in states], single

    def call(self, inputs, states, training=None):
        states, single = self._split_states(states)
        mask = self._dropout_mask(inputs, self.dropout, training)
        if mask is not None:
            inputs = inputs * mask
        output, new_states = self._step(self._project(inputs), states, self._recurrent_mask(states[0], training))
        return output, (new_states[0] if single and len(new_states) == 1 else new_states)

    def _project_sequence(self, sequences, training):
        """The projected inputs of every step, time major: a list of (batch, k * units) tensors.

        One (batch * time, features) x (features, k * units) matmul instead of one per step;
        the input dropout mask is drawn once and shared by every step, as Keras does.
        """
        mask = self._dropout_mask(sequences[:, 0, :], self.dropout, training)
        if mask is not None:
            sequences = sequences * _core.ops.expand_dims(mask, 1)
        steps, features = sequences.shape[1], sequences.shape[2]
        time_major = _core.ops.reshape(_core.ops.transpose(sequences, [1, 0, 2]), [-1, features])
        projected = self._project(time_major)
        projected = _core.ops.reshape(projected, [steps, -1, projected.shape[-1]])
        return _core.ops.unstack(projected, axis=0)

    def _has_builtin_call(self):
        """Whether RNN may use the whole-sequence path (call not overridden by a subclass)."""
        return type(self).call is RecurrentCell.call

    def _weights_config(self):
        """The arguments every cell has, serialized (activation first, dropout last)."""
        from ... import activations, constraints, initializers, regularizers

        return {
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "recurrent_constraint": constraints.serialize(self.recurrent_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "seed": self.seed,
        }


def _cell_from_config(config, dtype=None):
    """A cell from its serialized form ``{"class_name": ..., "config": ...}`` (else CONFIG itself).

    A DTYPE given to the RNN layer overrides the one in the cell's config, so
    ``RNN(cell_config, dtype="float64")`` computes in float64 throughout.
    """
    from ... import layers

    if isinstance(config, dict) and "class_name" in config:
        cls = getattr(layers, config["class_name"], None)
        if cls is None:
            raise ValueError(f"RNN: unknown cell class {config['class_name']!r} in the config; cells of "
                             "keras.layers are known")
        cell_config = dict(config.get("config", {}))
        if dtype is not None:
            cell_config["dtype"] = dtype
        return cls.from_config(cell_config)
    return config


class RNN(Layer):
    """Runs a recurrent cell over the time axis of ``(batch, time, features)`` inputs.

    Args:
        cell: a cell: a layer with ``call(inputs_t, states) -> (output_t, new_states)``
            and a ``state_size`` (an int or a list of ints, one per state), e.g.
            ``SimpleRNNCell``, ``LSTMCell``, ``GRUCell`` or your own.
        return_sequences: return the output of every step ``(batch, time, units)``
            instead of the last one ``(batch, units)``.
        return_state: also return the final states: ``[output, *states]``.
        go_backwards: process the sequence from its end (the outputs are then in that
            reversed order, as in Keras).
        stateful: not supported (raises NotImplementedError when True).
        unroll: accepted for compatibility; the loop is always unrolled in Python.
        zero_output_for_mask: with a mask and return_sequences, masked steps output zeros
            instead of the previous output.

    Call arguments:
        sequences: a tensor of shape ``(batch, time, features)``.
        initial_state: a tensor or a list of tensors, one per state of the cell; zeros
            by default.
        mask: optional ``(batch, time)`` booleans; a False step keeps the previous states.
        training: whether dropout (if the cell has any) is active.

    Returns:
        The last output ``(batch, units)``, or every output ``(batch, time, units)`` with
        ``return_sequences``; with ``return_state``, a list ``[output, *final_states]``.

    Example:
        >>> import eigenflow as tf
        >>> rnn = tf.keras.layers.RNN(tf.keras.layers.SimpleRNNCell(4), return_sequences=True)
        >>> rnn(tf.ones((2, 5, 3))).shape
        TensorShape([2, 5, 4])
    """

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 unroll=False, zero_output_for_mask=False, **kwargs):
        if kwargs.pop("time_major", False):
            raise NotImplementedError(f"{type(self).__name__}: time_major=True is not supported; "
                                      "pass (batch, time, features) inputs")
        super().__init__(**kwargs)
        where = type(self).__name__
        cell = _cell_from_config(cell, kwargs.get("dtype"))
        if isinstance(cell, (list, tuple)):
            raise NotImplementedError(f"{where}: a list of cells (StackedRNNCells) is not supported; "
                                      "stack RNN layers with return_sequences=True instead")
        if not callable(cell) or not hasattr(cell, "state_size"):
            raise ValueError(f"{where}: cell must be a layer with a call(inputs, states) method and a state_size "
                             f"attribute, received cell={cell!r}")
        if stateful:
            raise NotImplementedError(f"{where}: stateful=True is not supported; pass the final states of one "
                                      "batch as initial_state= of the next instead (see return_state)")
        self.cell = cell
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.stateful = False
        self.unroll = bool(unroll)
        self.zero_output_for_mask = bool(zero_output_for_mask)
        self.supports_masking = True
        self.input_spec = {"ndim": 3}

    # ---- building --------------------------------------------------------------------------
    def build(self, sequences_shape):
        if isinstance(sequences_shape, list) and sequences_shape and \
                isinstance(sequences_shape[0], (tuple, list, TensorShape)):
            sequences_shape = sequences_shape[0]  # Keras 2's [sequences, *initial_state]
        shape = tuple(sequences_shape)
        if len(shape) != 3:
            raise ValueError(f"{type(self).__name__} '{self.name}' expects inputs of shape (batch, time, features), "
                             f"received input shape {TensorShape(shape)}")
        if isinstance(self.cell, Layer) and not self.cell.built:
            step_shape = TensorShape((shape[0], shape[2]))
            if self.cell._build_signature_args:
                self.cell.build(step_shape)
            else:
                self.cell.build()
            self.cell.built = True
        self.built = True

    def get_initial_state(self, batch_size):
        """The cell's zero states for a batch of BATCH_SIZE (an int or a scalar int tensor)."""
        return self._zero_states(batch_size)

    def _zero_states(self, batch_size, dtype=None):
        dtype = dtype or getattr(self.cell, "dtype", None) or self.dtype
        if hasattr(self.cell, "get_initial_state"):
            states = self.cell.get_initial_state(batch_size=batch_size, dtype=dtype)
            return list(states) if isinstance(states, (list, tuple)) else [states]
        return zero_states(batch_size, _state_sizes(self.cell), dtype, type(self).__name__)

    def _initial_states(self, sequences, initial_state):
        count = len(_state_sizes(self.cell))
        if initial_state is None:
            batch = sequences.shape[0]
            if batch is None:
                batch = _core.ops.shape(sequences)[0]
            return self._zero_states(batch)
        states = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
        if len(states) != count:
            raise ValueError(f"{type(self).__name__} '{self.name}': initial_state must hold {count} tensor(s), one "
                             f"per state of the cell (state_size {self.cell.state_size}), received {len(states)}")
        dtype = getattr(self.cell, "dtype", self.dtype)
        states = [s if isinstance(s, _core.Tensor) else _core.convert_to_tensor(np.asarray(s, dtype=dtype))
                  for s in states]
        return [_core.ops.cast(s, dtype) if s.dtype.is_floating and s.dtype.name != dtype else s for s in states]

    def reset_states(self, states=None):
        """Does nothing: stateful RNNs are not supported, so no state outlives a call."""

    reset_state = reset_states

    # ---- the loop --------------------------------------------------------------------------
    def call(self, sequences, initial_state=None, mask=None, training=None):
        if isinstance(sequences, (list, tuple)):
            # Keras 2 also took the initial states in the inputs: [sequences, *states].
            if initial_state is None and len(sequences) > 1:
                initial_state = list(sequences[1:])
            sequences = sequences[0]
        if not isinstance(sequences, _core.Tensor):
            sequences = _core.convert_to_tensor(sequences)
        if len(sequences.shape) != 3:
            raise ValueError(f"{type(self).__name__} '{self.name}' expects inputs of shape (batch, time, features), "
                             f"received input shape {sequences.shape}")
        if sequences.shape[1] == 0:
            raise ValueError(f"{type(self).__name__} '{self.name}': the input sequence is empty (time axis 0), "
                             f"received input shape {sequences.shape}")
        states = self._initial_states(sequences, initial_state)
        if sequences.shape[1] is None:
            return self._symbolic_unknown_time(sequences, states, training)
        if mask is not None and not (isinstance(mask, _core.Tensor) and mask.dtype.name == "bool"):
            mask = _core.ops.cast(mask, "bool")
        cell = self.cell
        fast = isinstance(cell, RecurrentCell) and cell._has_builtin_call()
        if fast:
            step_inputs = cell._project_sequence(sequences, training)
            cell._recurrent_mask_of_sequence = cell._dropout_mask(states[0], cell.recurrent_dropout, training)
        else:
            step_inputs = _core.ops.unstack(sequences, axis=1)
        step_masks = None
        if mask is not None:
            step_masks = _core.ops.unstack(_core.ops.expand_dims(mask, -1), axis=1)
        order = range(len(step_inputs) - 1, -1, -1) if self.go_backwards else range(len(step_inputs))
        cell_kwargs = {"training": training} if getattr(cell, "_call_takes_training", False) else {}
        outputs, output = [], None
        try:
            for t in order:
                if fast:
                    new_output, new_states = cell._step(step_inputs[t], states, cell._recurrent_mask_of_sequence)
                else:
                    new_output, new_states = cell(step_inputs[t], states, **cell_kwargs)
                    new_states = list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
                if step_masks is not None:
                    keep = step_masks[t]
                    previous = output if output is not None and not self.zero_output_for_mask \
                        else _core.ops.zeros_like(new_output)
                    new_output = _core.ops.where(keep, new_output, previous)
                    new_states = [_core.ops.where(keep, new, old) for new, old in zip(new_states, states)]
                output, states = new_output, new_states
                if self.return_sequences:
                    outputs.append(output)
        finally:
            if fast:
                cell._recurrent_mask_of_sequence = None
        result = _core.ops.stack(outputs, axis=1) if self.return_sequences else output
        return [result] + list(states) if self.return_state else result

    def _symbolic_unknown_time(self, sequences, states, training):
        """A Keras Input with time None: one symbolic step gives the shapes of the results."""
        cell = self.cell
        kwargs = {"training": training} if getattr(cell, "_call_takes_training", False) else {}
        output, new_states = cell(sequences[:, 0, :], states, **kwargs)
        new_states = list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
        if self.return_sequences:
            output = _core.symbolic([sequences.shape[0], None] + list(output.shape[1:]), output.dtype)
        return [output] + new_states if self.return_state else output

    # ---- shapes and config -----------------------------------------------------------------
    def compute_output_shape(self, sequences_shape):
        shape = tuple(sequences_shape)
        batch = shape[0]
        size = getattr(self.cell, "output_size", None)
        units = int(size) if size is not None else _state_sizes(self.cell)[0]
        output = TensorShape((batch, shape[1], units) if self.return_sequences else (batch, units))
        if self.return_state:
            return [output] + [TensorShape((batch, s)) for s in _state_sizes(self.cell)]
        return output

    def compute_mask(self, inputs, mask=None):
        if mask is None or not self.return_sequences:
            return [None] * (1 + len(_state_sizes(self.cell))) if self.return_state else None
        return [mask] + [None] * len(_state_sizes(self.cell)) if self.return_state else mask

    def _rnn_config(self):
        return {
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "stateful": self.stateful,
            "unroll": self.unroll,
            "zero_output_for_mask": self.zero_output_for_mask,
        }

    def _config_with_cell_arguments(self):
        """For SimpleRNN, LSTM and GRU: the cell's arguments in place of the cell itself."""
        from ... import regularizers

        cell = {k: v for k, v in self.cell.get_config().items() if k not in ("name", "trainable", "dtype")}
        return {**Layer.get_config(self), **cell,
                "activity_regularizer": regularizers.serialize(self.activity_regularizer), **self._rnn_config()}

    # Names a SimpleRNN/LSTM/GRU layer reads through from its cell (layer.units, ...).
    _CELL_ATTRIBUTES = ()

    def __getattr__(self, name):
        if name in type(self)._CELL_ATTRIBUTES and "cell" in self.__dict__:
            return getattr(self.__dict__["cell"], name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def get_config(self):
        cell = {"class_name": type(self.cell).__name__, "config": self.cell.get_config()}
        return {**super().get_config(), **self._rnn_config(), "cell": cell}
