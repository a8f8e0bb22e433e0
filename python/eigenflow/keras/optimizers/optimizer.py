"""``keras.optimizers.Optimizer``: the base class of every optimizer.

An optimizer keeps, for each variable it updates, a few slot Variables (Adam's momentum
and velocity...), created the first time it sees that variable. Each step it turns the
learning rate into a number, prepares the gradients (loss-scale, clipping) and hands
each variable to one fused C++ op (``apply_sgd``, ``apply_adam``...) that updates the
variable and its slots in place; then it applies the variable's constraint and counts the
step in ``iterations``. Keras 3's semantics throughout; tf.keras 2's ``lr`` alias kept.
"""
import itertools
import operator
import warnings

from ... import _core
from ...distribute import context as _distribute
from ...framework.variables import Variable, slot_variables
from ..backend import common as _common
from .schedules.learning_rate_schedule import LearningRateSchedule
from .schedules import learning_rate_schedule as _schedules


def _is_tensor(x):
    return isinstance(x, _core.Tensor)


class _VariableState:
    """What the optimizer keeps for one variable it updates."""

    __slots__ = ("variable", "slots", "decay", "accumulator")

    def __init__(self, variable, slots, decay, accumulator):
        self.variable = variable        # held so that id(variable) stays unique
        self.slots = slots              # tuple of slot Variables, in _slot_names order
        self.decay = decay              # whether weight decay applies to it
        self.accumulator = accumulator  # gradient accumulator (gradient_accumulation_steps)


class Optimizer:
    """Base class of the optimizers: turns gradients into updates of Variables.

    The built-in subclasses name their slots (``_slot_groups``) and run one fused op per
    variable (``_update_step``). A custom optimizer may instead follow Keras 3's API:
    ``build(var_list)`` (calling ``super().build(var_list)``, then
    ``add_variable_from_reference``) and ``update_step(gradient, variable, learning_rate)``
    written with ops and ``self.assign``/``assign_add``/``assign_sub``.

    Args:
        learning_rate: a float, a ``tf.Variable`` (updates follow its value), a
            ``LearningRateSchedule`` (called with ``iterations`` each step) or a callable
            taking no argument.
        weight_decay: if set, each step first shrinks every variable by
            ``variable * weight_decay * learning_rate`` (decoupled weight decay).
        clipnorm: if set, each gradient is rescaled so that its L2 norm is at most this.
        clipvalue: if set, each gradient is clipped to ``[-clipvalue, clipvalue]``.
        global_clipnorm: if set, all gradients are rescaled together so that their global
            norm is at most this. Only one of the three clipping arguments may be set.
        use_ema: exponential moving averages of the weights are not supported: must be
            False.
        ema_momentum, ema_overwrite_frequency: accepted for Keras compatibility (used
            only with ``use_ema``).
        loss_scale_factor: if set, ``scale_loss`` multiplies the loss by it and the
            gradients are divided by it before the update.
        gradient_accumulation_steps: if an int >= 2, gradients are summed over this many
            calls and the variables updated with their mean every that many calls.
        name: the optimizer's name (prefix of its slot variables).

    Example:
        >>> import eigenflow as tf
        >>> v = tf.Variable([1.0, 2.0])
        >>> opt = tf.keras.optimizers.SGD(learning_rate=0.1)
        >>> _ = opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
        >>> [round(x, 4) for x in v.numpy().tolist()]
        [0.9, 1.9]
    """

    # Slot names, and how they are grouped in ``variables``: the slots of one group are
    # interleaved per variable, groups follow each other (Keras's build order).
    _slot_groups = ()

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        cls = type(self).__name__
        if "lr" in kwargs:  # tf.keras 2's spelling
            learning_rate = kwargs.pop("lr")
        if kwargs.pop("decay", None):
            warnings.warn(f"{cls}: argument `decay` is no longer supported and is ignored; "
                          "use a keras.optimizers.schedules.LearningRateSchedule", stacklevel=3)
        for legacy in ("jit_compile", "is_legacy_optimizer", "use_locking"):
            kwargs.pop(legacy, None)
        if kwargs:
            raise ValueError(f"{cls}: argument(s) not recognized: {kwargs}")
        if use_ema:
            raise ValueError(f"{cls}: use_ema=True (exponential moving average of the weights) is not supported "
                             "by eigenflow; received use_ema=True")
        clips = {"clipnorm": clipnorm, "clipvalue": clipvalue, "global_clipnorm": global_clipnorm}
        if sum(v is not None for v in clips.values()) > 1:
            raise ValueError(f"{cls}: only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                             f"Received: clipnorm={clipnorm}, clipvalue={clipvalue}, global_clipnorm={global_clipnorm}")
        for key, value in clips.items():
            if value is not None and not (isinstance(value, (int, float)) and value >= 0):
                raise ValueError(f"{cls}: `{key}` must be a non-negative number, received {key}={value!r}")
        if weight_decay is not None and not isinstance(weight_decay, (int, float)):
            raise ValueError(f"{cls}: `weight_decay` must be a float, received weight_decay={weight_decay!r}")
        if gradient_accumulation_steps is not None and (
                not isinstance(gradient_accumulation_steps, int) or gradient_accumulation_steps < 2):
            raise ValueError(f"{cls}: `gradient_accumulation_steps` must be an integer >= 2. "
                             f"Received: gradient_accumulation_steps={gradient_accumulation_steps}")
        if loss_scale_factor is not None and not isinstance(loss_scale_factor, (int, float)):
            raise ValueError(f"{cls}: `loss_scale_factor` must be a float, received {loss_scale_factor!r}")
        self.name = name if name is not None else _common.unique_name(_snake_case(cls))
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.global_clipnorm = global_clipnorm
        self.use_ema = use_ema
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self._iterations = Variable(0, dtype="int64", trainable=False, name="iteration")
        self._learning_rate = self._build_learning_rate(learning_rate)
        self._states = {}        # id(variable) -> _VariableState
        self._index = {}         # id(variable) -> its position (Keras's _get_variable_index)
        self._custom_variables = []  # made by add_variable (custom optimizers)
        self._exclude_ids = set()
        self._exclude_names = ()
        self.built = False

    # ---- learning rate --------------------------------------------------------------

    def _build_learning_rate(self, learning_rate):
        if isinstance(learning_rate, LearningRateSchedule) or isinstance(learning_rate, Variable):
            return learning_rate
        if callable(learning_rate) and not _is_tensor(learning_rate):
            return learning_rate
        try:
            value = float(learning_rate)
        except (TypeError, ValueError):
            raise ValueError(f"{type(self).__name__}: `learning_rate` must be a float, a LearningRateSchedule or "
                             f"a callable, received learning_rate={learning_rate!r}") from None
        return Variable(value, dtype="float32", trainable=False, name="learning_rate")

    @property
    def learning_rate(self):
        """The learning rate: a Variable (set it with a float), or for a schedule its
        value at the current ``iterations``."""
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            return lr(self._iterations)
        if callable(lr) and not _is_tensor(lr):
            return lr()
        return lr

    @learning_rate.setter
    def learning_rate(self, value):
        current = self._learning_rate
        if isinstance(value, (LearningRateSchedule, Variable)) or (callable(value) and not _is_tensor(value)):
            self._learning_rate = value
        elif isinstance(current, Variable):
            current.assign(float(value))
        elif isinstance(current, LearningRateSchedule):
            raise TypeError(f"{type(self).__name__}: this optimizer was created with a LearningRateSchedule as its "
                            "learning_rate, so its learning rate cannot be set to a number; create the optimizer "
                            f"with a float learning_rate to change it. Received {value!r}")
        else:
            self._learning_rate = Variable(float(value), dtype="float32", trainable=False, name="learning_rate")

    lr = learning_rate  # tf.keras 2's alias

    def _current_learning_rate(self):
        """The learning rate of the next update, as the update ops take it: the Variable
        itself, or a schedule's (or callable's) value, a tensor when it is computed with ops,
        so that a traced training step reads it when it runs."""
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            return lr(self._iterations)
        if callable(lr) and not _is_tensor(lr):
            return lr()
        return lr

    # ---- state ----------------------------------------------------------------------

    @property
    def iterations(self):
        """The number of steps applied so far (an int64 Variable). With
        ``gradient_accumulation_steps``, the number of actual updates (a tensor)."""
        if self.gradient_accumulation_steps:
            return _core.ops.floordiv(self._iterations, self.gradient_accumulation_steps)
        return self._iterations

    @property
    def variables(self):
        """The optimizer's Variables: the iteration counter, the learning rate (if a
        Variable), then the slot variables in Keras's order."""
        out = [self._iterations]
        if isinstance(self._learning_rate, Variable):
            out.append(self._learning_rate)
        states = list(self._states.values())
        if self.gradient_accumulation_steps:
            out.extend(s.accumulator for s in states)
        names = self._slot_names()
        for group in self._slot_groups_in_use():
            indices = [names.index(n) for n in group]
            out.extend(s.slots[i] for s in states for i in indices)
        out.extend(self._custom_variables)
        out.extend(self._extra_variables())
        return out

    def _slot_groups_in_use(self):
        return self._slot_groups

    def _slot_names(self):
        return sum(self._slot_groups_in_use(), ())

    def _slot_initial_value(self, slot_name):
        """The value every element of slot SLOT_NAME starts at, for every variable: 0.0;
        subclasses override for other starting values."""
        return 0.0

    def _extra_variables(self):
        return ()

    def _build_extra(self, variable):
        """Called when the first variable is seen (Nadam makes its scalar state here)."""

    def build(self, var_list):
        """Creates the slot variables of every Variable in VAR_LIST. The first update
        calls it with its variables; variables seen later get their slots then."""
        states = self._states
        new = [v for v in var_list if id(v) not in states]
        if new:
            self._add_states(new)
        self.built = True

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="mean", name=None):
        """A new non-trainable Variable of the optimizer (for custom optimizers' ``build``).

        Args:
            shape: its shape.
            initializer: an initializer or its name. Defaults to zeros.
            dtype: its dtype (default: the float type, float32).
            aggregation: accepted for Keras compatibility.
            name: its name.

        Returns:
            The Variable, also listed in ``variables``.
        """
        from .. import initializers
        from ..backend import common

        dtype = dtype or common.floatx()
        value = initializers.get(initializer)(tuple(shape), dtype=dtype)
        variable = Variable(value, dtype=dtype, trainable=False, name=name or "variable")
        self._custom_variables.append(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """A Variable with REFERENCE_VARIABLE's shape and dtype, named after it
        (``dense_kernel_momentum``), for custom optimizers' ``build``."""
        full = _core.slot_base_name(reference_variable) + "_" + (name or "var")
        return self.add_variable(tuple(reference_variable.shape), initializer=initializer,
                                 dtype=reference_variable.dtype, name=full)

    def assign(self, variable, value):
        """``variable.assign(value)`` (Keras 3's hook for custom optimizers)."""
        variable.assign(value)

    def assign_add(self, variable, value):
        """``variable.assign_add(value)``."""
        variable.assign_add(value)

    def assign_sub(self, variable, value):
        """``variable.assign_sub(value)``."""
        variable.assign_sub(value)

    def _var_key(self, variable):
        return id(variable)

    def _get_variable_index(self, variable):
        return self._index[id(variable)]

    def get_slot_names(self):
        """The names of the slots kept per variable (tf.keras 2)."""
        return list(self._slot_names())

    def get_slot(self, var, slot_name):
        """The slot Variable SLOT_NAME of VAR (tf.keras 2), e.g. ``get_slot(w, "momentum")``."""
        state = self._states.get(id(var))
        names = self._slot_names()
        if state is None or slot_name not in names:
            raise KeyError(f"{type(self).__name__}: no slot '{slot_name}' for variable "
                           f"'{getattr(var, 'name', var)}' (slots: {list(names)}; slots exist once the "
                           "variable has been updated or built)")
        return state.slots[names.index(slot_name)]

    def _add_state(self, variable):
        self._add_states([variable])
        return self._states[id(variable)]

    def _add_states(self, variables):
        """Creates the slots (and accumulators) of the list VARIABLES, which the optimizer has
        not seen yet, all checked before any is made."""
        names = self._slot_names()
        fills = [float(self._slot_initial_value(n)) for n in names]
        accumulate = self.gradient_accumulation_steps
        if accumulate:
            names, fills = names + ("gradient_accumulator",), fills + [0.0]
        made = slot_variables(variables, names, fills, type(self).__name__)
        if not self._states:
            self._build_extra(variables[0])
        per_variable = len(names)
        for i, variable in enumerate(variables):
            slots = tuple(made[i * per_variable:(i + 1) * per_variable])
            slots, accumulator = (slots[:-1], slots[-1]) if accumulate else (slots, None)
            self._index[id(variable)] = len(self._states)
            self._states[id(variable)] = _VariableState(variable, slots, self._use_weight_decay(variable),
                                                        accumulator)
        self.built = True

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Keeps weight decay off some variables: those in VAR_LIST, and those whose name
        contains one of the strings in VAR_NAMES (``var_names=["bias"]``). Call it before
        the first update."""
        if self._states:
            raise ValueError(f"{type(self).__name__}: exclude_from_weight_decay() must be called before the "
                             "optimizer updates (builds) any variable")
        self._exclude_ids = {id(v) for v in (var_list or ())}
        self._exclude_names = tuple(var_names or ())

    def _use_weight_decay(self, variable):
        if not (self._exclude_ids or self._exclude_names):
            return True
        if id(variable) in self._exclude_ids:
            return False
        name = getattr(variable, "name", "")
        return not any(s in name for s in self._exclude_names)

    # ---- the step -------------------------------------------------------------------

    def apply_gradients(self, grads_and_vars, name=None, skip_gradients_aggregation=False, **kwargs):
        """Applies one update step.

        Args:
            grads_and_vars: pairs ``(gradient, variable)``; pairs with a None gradient are
                skipped (with a warning naming the variables).
            skip_gradients_aggregation: under a strategy with several replicas, apply the
                gradients as given instead of summing them across replicas first.

        Returns:
            The ``iterations`` Variable.

        Raises:
            ValueError: every gradient is None.

        Example:
            >>> import eigenflow as tf
            >>> v = tf.Variable(1.0)
            >>> opt = tf.keras.optimizers.Adam(learning_rate=0.1)
            >>> _ = opt.apply_gradients([(tf.constant(2.0), v)])
            >>> round(float(v), 4)
            0.9
        """
        grads, variables = [], []
        for g, v in grads_and_vars:
            grads.append(g)
            variables.append(v)
        aggregate = not skip_gradients_aggregation and kwargs.pop("experimental_aggregate_gradients", True)
        self._apply(grads, variables, aggregate)
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Applies one update step with GRADS to TRAINABLE_VARIABLES (the same length).

        Without TRAINABLE_VARIABLES, the gradients go to the variables the optimizer was
        built with, in that order. Under a strategy with several replicas (``fit``, or
        ``strategy.run``), the gradients are first summed across the replicas.
        """
        self._apply(grads, trainable_variables, aggregate=True)

    def _apply(self, grads, trainable_variables, aggregate):
        if trainable_variables is None:
            trainable_variables = [s.variable for s in self._states.values()]
            if not trainable_variables:
                raise ValueError(f"{type(self).__name__}: apply(grads) without variables needs an optimizer built "
                                 "with optimizer.build(trainable_variables) first")
            if len(grads) != len(trainable_variables):
                raise ValueError(f"{type(self).__name__}: received {len(grads)} gradients for the "
                                 f"{len(trainable_variables)} variables the optimizer was built with")
        elif not isinstance(trainable_variables, (list, tuple)):
            trainable_variables = list(trainable_variables)
        if not isinstance(grads, (list, tuple)):
            grads = list(grads)
        if len(grads) == 0:
            return
        if not self.built:
            self.build(trainable_variables)
            _distribute.broadcast_on_build(lambda: list(trainable_variables) + self.variables)
        if any(map(operator.is_, grads, itertools.repeat(None))):  # C functions, no frame per gradient
            grads, trainable_variables = self._drop_missing(grads, trainable_variables)
        if aggregate:
            grads = _distribute.aggregate_gradients(grads)
        if self.loss_scale_factor is not None:
            grads = [g / self.loss_scale_factor for g in grads]
        # The step is a tensor (the update's number, counted from 1), so a traced training
        # step counts on; gradient accumulation decides in Python and so runs eagerly only.
        if self.gradient_accumulation_steps:
            iteration = self._iterations._item()
            grads = self._accumulate(grads, trainable_variables, iteration)
            if grads is None:
                self._iterations._assign(iteration + 1)
                return
            step = iteration // self.gradient_accumulation_steps + 1
        else:
            step = _core.ops.add(self._iterations, 1)
        if self.clipnorm or self.global_clipnorm or self.clipvalue:
            grads = self._clip_gradients(grads)
        lr = self._current_learning_rate()
        decay = float(self.weight_decay) if self.weight_decay else 0.0
        states = self._states
        update = self._update_step
        self._prepare_step(step, trainable_variables)
        for g, v in zip(grads, trainable_variables):
            state = states.get(id(v)) or self._add_state(v)
            update(g, v, state.slots, lr, step, decay if state.decay else 0.0)
            if v.constraint is not None:
                v.assign(v.constraint(v))
        self._iterations.assign_add(1)

    def _prepare_step(self, step, variables):
        """Per-step work before the per-variable updates (Nadam's running product)."""

    def _update_step(self, grad, variable, slots, lr, step, decay):
        """Updates VARIABLE and its SLOTS in place for step STEP (counted from 1) with the
        learning rate LR, first shrinking it by ``variable * decay * lr`` (DECAY is the
        weight decay, 0.0 for none). The built-in optimizers run one fused op here; the
        default runs a custom optimizer's Keras 3 ``update_step``."""
        if type(self).update_step is Optimizer.update_step:
            raise NotImplementedError(f"{type(self).__name__} must implement update_step(gradient, variable, "
                                      "learning_rate)")
        lr = _core.convert_to_tensor(lr, dtype=variable.dtype)
        if decay:
            variable.assign(_core.ops.subtract(variable, _core.ops.multiply(variable, lr * decay)))
        self.update_step(grad, variable, lr)

    def update_step(self, gradient, variable, learning_rate):
        """Updates VARIABLE with GRADIENT at LEARNING_RATE (Keras 3's per-variable hook,
        which custom optimizers override)."""
        if type(self)._update_step is Optimizer._update_step:
            raise NotImplementedError(f"{type(self).__name__} must implement update_step(gradient, variable, "
                                      "learning_rate)")
        state = self._states.get(id(variable)) or self._add_state(variable)
        step = _core.ops.add(self._iterations, 1)
        decay = float(self.weight_decay) if self.weight_decay and state.decay else 0.0
        self._update_step(gradient, variable, state.slots, learning_rate, step, decay)

    def _drop_missing(self, grads, variables):
        kept = [(g, v) for g, v in zip(grads, variables) if g is not None]
        missing = [getattr(v, "name", repr(v)) for g, v in zip(grads, variables) if g is None]
        if not kept:
            raise ValueError(f"{type(self).__name__}: no gradients provided for any variable: {missing}. "
                             "The loss does not depend on these variables (or was computed outside the "
                             "GradientTape).")
        warnings.warn(f"Gradients do not exist for variables {missing} when minimizing the loss. "
                      "If using `model.compile()`, did you forget to provide a `loss` argument?", stacklevel=3)
        return [g for g, _ in kept], [v for _, v in kept]

    def _accumulate(self, grads, variables, iteration):
        """Adds GRADS to the accumulators; on every n-th call returns the mean gradients
        (and resets the accumulators), otherwise None."""
        steps = self.gradient_accumulation_steps
        states = [self._states.get(id(v)) or self._add_state(v) for v in variables]
        if (iteration + 1) % steps:
            for g, s in zip(grads, states):
                s.accumulator.assign_add(g)
            return None
        out = []
        for g, s in zip(grads, states):
            out.append(_core.ops.divide(_core.ops.add(s.accumulator, g), float(steps)))
            s.accumulator.assign(_core.ops.zeros_like(s.accumulator))
        return out

    def _clip_gradients(self, grads):
        ops = _core.ops
        if self.clipnorm:
            c = float(self.clipnorm)
            return [ops.divide(ops.multiply(g, c), ops.maximum(ops.sqrt(ops.reduce_sum(ops.square(g))), c))
                    for g in grads]
        if self.global_clipnorm:
            # g * c / max(norm, c), with ops so that a traced step computes it (norm 0: scale 1).
            c = float(self.global_clipnorm)
            norm = ops.sqrt(ops.add_n([ops.cast(ops.reduce_sum(ops.square(g)), "float64") for g in grads]))
            scale = ops.divide(c, ops.maximum(norm, c))
            return [ops.multiply(g, ops.cast(scale, g.dtype)) for g in grads]
        c = float(self.clipvalue)
        return [ops.clip_by_value(g, -c, c) for g in grads]

    def minimize(self, loss, var_list, tape=None):
        """Computes the gradients of LOSS with respect to VAR_LIST and applies them.

        Args:
            loss: a zero-argument callable returning the loss, or a loss tensor computed
                under TAPE.
            var_list: the Variables to update (or a callable returning them).
            tape: the ``tf.GradientTape`` LOSS was computed under (required when LOSS is a
                tensor).

        Returns:
            The ``iterations`` Variable.

        Example:
            >>> import eigenflow as tf
            >>> v = tf.Variable(3.0)
            >>> opt = tf.keras.optimizers.SGD(learning_rate=0.1)
            >>> _ = opt.minimize(lambda: v * v, [v])
            >>> round(float(v), 4)
            2.4
        """
        from ...framework.gradient_tape import GradientTape

        if callable(loss) and not _is_tensor(loss):
            with GradientTape() as tape:
                if callable(var_list):
                    var_list = var_list()
                for v in var_list:
                    tape.watch(v)
                loss = loss()
        elif tape is None:
            raise ValueError(f"{type(self).__name__}.minimize: `tape` is required when `loss` is a tensor; pass "
                             "the GradientTape the loss was computed under, or a zero-argument callable as `loss`")
        if callable(var_list):
            var_list = var_list()
        var_list = list(var_list)
        grads = tape.gradient(loss, var_list)
        return self.apply_gradients(zip(grads, var_list))

    def scale_loss(self, loss):
        """LOSS multiplied by ``loss_scale_factor`` (unchanged when it is None)."""
        return loss if self.loss_scale_factor is None else loss * self.loss_scale_factor

    def finalize_variable_values(self, var_list):
        """Keras's end-of-training hook (a no-op without EMA)."""

    # ---- saving ---------------------------------------------------------------------

    def get_weights(self):
        """The values of ``variables`` as NumPy arrays."""
        return [v.numpy() for v in self.variables]

    def set_weights(self, weights):
        """Sets ``variables`` from NumPy arrays (the optimizer must be built)."""
        variables = self.variables
        if len(weights) != len(variables):
            raise ValueError(f"{type(self).__name__}: set_weights expects {len(variables)} arrays, received "
                             f"{len(weights)} (an optimizer is built by its first update or build(var_list))")
        for v, w in zip(variables, weights):
            if tuple(v.shape) != tuple(getattr(w, "shape", ())):
                raise ValueError(f"{type(self).__name__}: variable '{v.name}' has shape {tuple(v.shape)}, received "
                                 f"a weight of shape {tuple(getattr(w, 'shape', ()))}")
            v.assign(w)

    def save_own_variables(self, store):
        """Writes ``variables`` into STORE under keys '0', '1'... (Keras's saving format)."""
        for i, v in enumerate(self.variables):
            store[str(i)] = v.numpy()

    def load_own_variables(self, store):
        """Reads ``variables`` back from STORE; warns and skips when the counts differ."""
        variables = self.variables
        if len(store.keys()) != len(variables):
            warnings.warn(f"Skipping variable loading for optimizer '{self.name}', because it has "
                          f"{len(variables)} variables whereas the saved optimizer has {len(store.keys())} "
                          "variables.", stacklevel=2)
            return
        for i, v in enumerate(variables):
            v.assign(store[str(i)])

    def get_config(self):
        """The constructor arguments (the learning rate as a float or a schedule config)."""
        lr = self._learning_rate
        if isinstance(lr, LearningRateSchedule):
            lr = _schedules.serialize(lr)
        elif _is_tensor(lr):
            lr = float(lr)
        elif callable(lr):
            lr = _common.serialize_object(lr, "keras.optimizers", {})
        return {
            "name": self.name,
            "learning_rate": lr,
            "weight_decay": self.weight_decay,
            "clipnorm": self.clipnorm,
            "global_clipnorm": self.global_clipnorm,
            "clipvalue": self.clipvalue,
            "use_ema": self.use_ema,
            "ema_momentum": self.ema_momentum,
            "ema_overwrite_frequency": self.ema_overwrite_frequency,
            "loss_scale_factor": self.loss_scale_factor,
            "gradient_accumulation_steps": self.gradient_accumulation_steps,
        }

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """The optimizer ``get_config`` described."""
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = _schedules.deserialize(config["learning_rate"], custom_objects=custom_objects)
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name!r}>"


def _snake_case(name):
    import re

    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
