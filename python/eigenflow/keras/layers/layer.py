"""``keras.layers.Layer``: the base class of every layer and model.

A layer owns weights (made with ``add_weight``), builds itself on its first call from the
input's shape, and computes with ops in ``call``. Weights are found by walking the
layer's attributes when asked (Variables, sublayers, and lists/tuples/dicts of them),
de-duplicated by identity, so a weight is tracked wherever the user put it. Variables that
the layer's computation reads but nothing owns (a Lambda's closure, a regularizer's
factor) are found on the first call and tracked too, so they are trained.
"""
import inspect
import re
import threading
import warnings
import weakref

import numpy as np

from ... import _core
from ... import dtypes as _dtypes
from ...framework.tensor_shape import TensorShape
from ...framework.variables import Variable
from .. import backend as _backend
from . import call_context, node as _node
from .node import _flatten, _map as _map_structure


# Layers whose call-time losses (``_losses``) are not empty: the outermost call of a layer
# clears its own and its sublayers' only when one of them is here, so a model without added
# losses pays nothing for it.
_WITH_CALL_LOSSES = weakref.WeakSet()
# Whether any layer ever had a loss (added, or a regularizer): until then ``losses`` need not
# walk the layers, which fit reads every batch, and a layer call need not ask the WeakSet
# above (its truth is a Python-level __len__).
_LOSSES_USED = [False]


def _snake_case(name):
    """Keras's default layer names: Dense -> dense, Conv2D -> conv2d, LSTMCell -> lstm_cell."""
    name = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def _shape_of(x):
    if isinstance(x, _core.Tensor):
        return TensorShape(x._shape_tuple)
    return TensorShape(np.shape(x))


def _batchless(shape):
    """The build shape Keras passes: the batch dimension unknown."""
    return TensorShape((None,) + tuple(shape)[1:]) if len(shape) else shape


# Attribute values that hold no weights or layers, skipped without further checks.
_NOT_CONTAINERS = frozenset({bool, int, float, str, type(None), TensorShape, _dtypes.DType})


class Layer:
    """Base class of layers: subclass it, make weights in ``build``, compute in ``call``.

    Args:
        trainable: whether the layer's weights are updated by training.
        name: a unique name; by default the snake_case class name made unique.
        dtype: the dtype of weights and computation (default float32).
        input_shape: on a first layer of a Sequential model, the shape of one sample.
        activity_regularizer: a regularizer applied to the layer's output.

    Example:
        >>> import eigenflow as tf
        >>> class Scale(tf.keras.layers.Layer):
        ...     def build(self, input_shape):
        ...         self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones")
        ...     def call(self, inputs):
        ...         return inputs * self.w
        >>> Scale()(tf.ones((2, 3))).shape
        TensorShape([2, 3])
    """

    def __new__(cls, *args, **kwargs):
        self = super().__new__(cls)
        # Set before any subclass __init__ runs, so attribute assignments in it work.
        object.__setattr__(self, "_own_weights", [])
        object.__setattr__(self, "_captured_weights", [])
        object.__setattr__(self, "_losses", [])
        object.__setattr__(self, "_loss_callables", [])
        object.__setattr__(self, "_inbound_nodes", [])
        object.__setattr__(self, "built", False)
        return self

    def __init__(self, trainable=True, name=None, dtype=None, dynamic=False, input_shape=None,
                 batch_input_shape=None, input_dim=None, batch_size=None, activity_regularizer=None,
                 autocast=True, **kwargs):
        kwargs.pop("input_dtype", None)
        kwargs.pop("weights", None)
        if kwargs:
            raise TypeError(f"{type(self).__name__}: unexpected keyword argument(s) {sorted(kwargs)}")
        self._trainable = bool(trainable)
        self.name = _backend.unique_name(name or _snake_case(type(self).__name__), given=name is not None)
        self._dtype = _backend.floatx() if dtype is None else _dtypes.as_dtype(getattr(dtype, "name", dtype)).name
        if input_dim is not None and input_shape is None:
            input_shape = (input_dim,)
        if batch_input_shape is not None:
            self._batch_input_shape = tuple(batch_input_shape)
        elif input_shape is not None:
            shape = (input_shape,) if isinstance(input_shape, int) else tuple(input_shape)
            self._batch_input_shape = (batch_size,) + shape
        self.activity_regularizer = None
        if activity_regularizer is not None:
            from .. import regularizers
            self.activity_regularizer = regularizers.get(activity_regularizer)
        self.input_spec = None
        # As in Keras 3: a layer that defines compute_mask supports masking (unless its class
        # says otherwise, as Keras 2 code does with a class attribute).
        self._computes_own_mask = type(self).compute_mask is not Layer.compute_mask
        self.supports_masking = getattr(type(self), "supports_masking", self._computes_own_mask)
        self._call_signature = inspect.signature(self.call)
        params = self._call_signature.parameters
        self._call_takes_training = "training" in params
        self._call_takes_mask = "mask" in params
        # Arguments such as MultiHeadAttention's `query_mask`, filled from the mask of the
        # tensor passed as `query`.
        self._call_mask_arguments = tuple(n for n in params if n.endswith("_mask") and n[:-5] in params)
        self._build_signature_args = len(inspect.signature(self.build).parameters)

    # ---- dtype and flags -------------------------------------------------------------------
    @property
    def dtype(self):
        return self.__dict__.get("_dtype", "float32")

    @property
    def compute_dtype(self):
        return self.dtype

    @property
    def variable_dtype(self):
        return self.dtype

    @property
    def trainable(self):
        return self.__dict__.get("_trainable", True)

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    # ---- weights ---------------------------------------------------------------------------
    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, aggregation=None, synchronization=None,
                   use_resource=None, **kwargs):
        """Creates a weight Variable of this layer and tracks it.

        Args:
            name: the weight's name (``kernel``, ``bias``...).
            shape: its shape; None or () for a scalar.
            dtype: defaults to the layer's dtype.
            initializer: a name (``"glorot_uniform"``), an Initializer or a callable
                ``(shape, dtype) -> value``; default glorot_uniform for floats, zeros otherwise.
            regularizer: a name, Regularizer or callable applied to the weight; its value is
                added to ``layer.losses``.
            trainable: whether training updates it (default True).
            constraint: a Constraint or callable applied after each optimizer update.

        Returns:
            The Variable.
        """
        from .. import constraints, initializers, regularizers

        shape = () if shape is None else tuple(int(d) for d in shape)
        dtype = _dtypes.as_dtype(dtype or self.dtype)
        if initializer is None:
            initializer = "glorot_uniform" if dtype.is_floating else "zeros"
        init = initializers.get(initializer)
        if trainable is None:
            trainable = kwargs.pop("trainable", True)
        if kwargs:
            raise TypeError(f"add_weight: unexpected keyword argument(s) {sorted(kwargs)}")
        with _core.PauseRecording():  # created once, eagerly, even inside a traced call
            value = init(shape, dtype=dtype)
        name = name or f"variable_{len(self._own_weights)}"
        variable = Variable(value, trainable=bool(trainable), dtype=dtype, name=name)
        variable._name = name
        variable.path = f"{self.name}/{name}"
        variable.initializer = init
        variable.constraint = constraints.get(constraint)
        variable.regularizer = regularizers.get(regularizer)
        self._own_weights.append(variable)
        if variable.regularizer is not None:
            reg = variable.regularizer
            self._loss_callables.append(lambda: reg(variable))
            _LOSSES_USED[0] = True
        return variable

    def _direct_items(self):
        """Variables and sublayers in this layer's attributes, in assignment order (in lists,
        tuples and dicts too, four levels deep)."""
        return _ATTRIBUTE_WALKER.walk(self.__dict__, self._untracked_attributes(), self)

    # Bookkeeping attributes whose Variables or Layers are not this layer's weights: they are
    # listed separately (own and captured weights) or belong to training state (optimizer,
    # metrics).
    _UNTRACKED = frozenset({"_own_weights", "_captured_weights", "_losses", "_loss_callables",
                            "_inbound_nodes", "_call_signature", "input_spec", "optimizer",
                            "_compile_state", "_graph", "history", "stop_training",
                            "_output_shape_seen", "_variables_this_epoch", "_step_functions",
                            "_shared_step_key"})

    def _untracked_attributes(self):
        return self._UNTRACKED

    def _sublayers(self):
        return self._direct_items()[1]

    def _flatten_layers(self, include_self=True):
        """This layer and its sublayers, depth first, each once."""
        out, seen, stack = [], set(), [self]
        while stack:
            layer = stack.pop()
            if id(layer) not in seen:
                seen.add(id(layer))
                out.append(layer)
                stack.extend(reversed(layer._sublayers()))
        return out if include_self else out[1:]

    def _all_weights(self):
        """Own weights (add_weight, then attribute Variables, then captured ones), then
        sublayers' weights, each once."""
        result, seen = [], set()

        def add(v):
            if id(v) not in seen:
                seen.add(id(v))
                result.append(v)

        attr_vars, layers = self._direct_items()
        for v in self._own_weights:
            add(v)
        for v in attr_vars:
            add(v)
        for v in self._captured_weights:
            add(v)
        for layer in layers:
            for v in layer._all_weights():
                add(v)
        return result

    @property
    def weights(self):
        return self._all_weights()

    @property
    def variables(self):
        return self._all_weights()

    @property
    def trainable_weights(self):
        """[] if the layer is not trainable; else its trainable own, attribute and captured
        Variables, then each sublayer's trainable_weights, each Variable once (walked in
        C++: models often ask every step)."""
        return _ATTRIBUTE_WALKER.trainable_weights(self)

    trainable_variables = trainable_weights

    @property
    def non_trainable_weights(self):
        trainable = {id(v) for v in self.trainable_weights}
        return [v for v in self._all_weights() if id(v) not in trainable]

    non_trainable_variables = non_trainable_weights

    def get_weights(self):
        """The weights' values as a list of NumPy arrays."""
        return [v.numpy() for v in self.weights]

    def set_weights(self, weights):
        """Sets the weights from a list of arrays with the shapes of ``get_weights()``."""
        own = self.weights
        if len(weights) != len(own):
            raise ValueError(
                f"Layer '{self.name}' expected {len(own)} weight arrays "
                f"(shapes {[tuple(v.shape) for v in own]}), received {len(weights)}")
        for v, w in zip(own, weights):
            w = np.asarray(w)
            if tuple(w.shape) != tuple(v.shape):
                raise ValueError(
                    f"Layer '{self.name}': weight '{v.name}' has shape {tuple(v.shape)}, "
                    f"received an array of shape {tuple(w.shape)}")
        for v, w in zip(own, weights):
            v.assign(np.asarray(w, dtype=v.dtype.as_numpy_dtype))

    def count_params(self):
        """The number of scalars in the layer's weights."""
        if not self.built and not self.weights:
            raise ValueError(f"Layer '{self.name}' is not built yet, so its weights do not exist: "
                             "call it on data or build it first")
        return int(sum(int(np.prod(v.shape)) for v in self.weights))

    # ---- losses ----------------------------------------------------------------------------
    def add_loss(self, loss):
        """Adds a loss: a tensor (or list of tensors) computed in ``call``, or a zero-argument
        callable evaluated each time ``losses`` is read.

        Tensors added during a call are reset at the start of the next outermost call of the
        layer (or of a model containing it), so ``losses`` holds those of the last call only.
        During a symbolic call (building a functional model or a subclassed model's build
        pass) nothing is added: the call on real data adds the real value.
        """
        if isinstance(loss, (list, tuple)):
            for item in loss:
                self.add_loss(item)
            return
        _LOSSES_USED[0] = True
        if callable(loss) and not isinstance(loss, _core.Tensor):
            self._loss_callables.append(loss)
            return
        if call_context.in_symbolic_call():
            return
        self._losses.append(loss)
        _WITH_CALL_LOSSES.add(self)

    @property
    def losses(self):
        """Regularization and added losses of this layer and its sublayers."""
        if not _LOSSES_USED[0]:
            return []
        out = []
        for layer in self._flatten_layers():
            out.extend(layer._losses)
            out.extend(fn() for fn in layer._loss_callables)
        return out

    def _clear_losses(self):
        """Forgets the tensors added by calls (not the callables such as regularizers)."""
        for layer in self._flatten_layers():
            if layer._losses:
                layer._losses = []
            _WITH_CALL_LOSSES.discard(layer)

    # ---- building and calling --------------------------------------------------------------
    def build(self, input_shape):
        """Creates the weights, given the input's shape (batch dimension None)."""
        self.built = True

    def call(self, inputs, *args, **kwargs):
        return inputs

    def compute_output_shape(self, input_shape):
        """The output shape for INPUT_SHAPE, found by running ``call`` symbolically."""
        def symbolic_for(shape):  # one shape (ints and None), or a nest of them
            if isinstance(shape, dict):
                return {k: symbolic_for(v) for k, v in shape.items()}
            if all(d is None or isinstance(d, int) for d in shape):
                return _core.symbolic(list(shape), self.dtype)
            return type(shape)(symbolic_for(v) for v in shape)

        out = self(symbolic_for(input_shape))
        return _map_structure(lambda t: TensorShape(t._shape_tuple), out)

    def _maybe_build(self, inputs):
        if self.built:
            return
        shapes = _map_structure(lambda x: _batchless(_shape_of(x)), inputs)
        self._build_input_shape = shapes      # saved in a .keras file's build_config
        if self._build_signature_args:
            first = shapes
            self.build(first)
        else:
            self.build()
        self.built = True

    def _cast_inputs(self, inputs):
        def cast(x):
            if isinstance(x, _core.Tensor):
                if x.dtype.is_floating and x.dtype.name != self.dtype and self.dtype in ("float32", "float64"):
                    return _with_mask_of(x, _core.ops.cast(x, self.dtype))
                return x
            if isinstance(x, (np.ndarray, list, float, int, np.generic)):
                arr = np.asarray(x)
                if arr.dtype.kind == "f":
                    return _core.convert_to_tensor(arr, dtype=_dtypes.as_dtype(self.dtype))
                return _core.convert_to_tensor(arr)
            return x

        return _map_structure(cast, inputs)

    def __call__(self, inputs, *args, **kwargs):
        if type(inputs) is np.ndarray and inputs.dtype.kind == "f":
            # model(x_batch) on one float array: converted here as _cast_inputs would, so that
            # the call can take the plain path.
            inputs = _core.convert_to_tensor(inputs, dtype=_dtypes.as_dtype(self.dtype))
        if not args and self._is_plain_call(inputs, kwargs):
            return self._call_plain(inputs, kwargs.get("training"))
        inputs = self._cast_inputs(inputs)
        leaves = _flatten(inputs)
        symbolic = any(isinstance(t, _core.Tensor) and t._is_symbolic for t in leaves)
        training = kwargs.get("training", None)
        if self._call_takes_training:
            if training is None:
                training = call_context.training()
            kwargs["training"] = training
        elif "training" in kwargs:
            kwargs.pop("training")
        explicit_mask = kwargs.pop("mask", None) if not self._call_takes_mask else kwargs.get("mask")
        input_masks = masks_of(inputs)
        previous_mask = input_masks if explicit_mask is None else explicit_mask
        # Masks read from the inputs go to call (call_kwargs) but not into a functional node
        # (kwargs): replaying the node on real tensors reads them from those tensors again.
        call_kwargs = kwargs
        if self._call_takes_mask and explicit_mask is None and input_masks is not None:
            call_kwargs = dict(kwargs, mask=input_masks)
        if self._call_mask_arguments:
            call_kwargs = self._with_argument_masks(inputs, args, call_kwargs)
        if _LOSSES_USED[0] and _WITH_CALL_LOSSES and not symbolic and not call_context.depth():
            # The outermost call starts afresh: losses added by earlier calls are dropped (Keras).
            self._clear_losses()
        first_call = not self.built
        log = _core.VariableAccessLog() if first_call else None
        if log is not None:
            log.open()
        try:
            call = call_context.enter(training, symbolic)
            try:
                self._maybe_build(inputs)
                self._check_input_spec(inputs)
                outputs = self.call(inputs, *args, **call_kwargs)
            except Exception as error:
                raise _with_layer_context(error, self, inputs) from error
            finally:
                call_context.leave(call)
            if log is not None:
                self._evaluate_loss_callables_once()
        finally:
            if log is not None:
                log.close()
        if log is not None:
            self._track_captured(log.variables)
            leaves = _flatten(outputs)
            first = leaves[0] if leaves else None
            if isinstance(first, _core.Tensor):
                self._output_shape_seen = str(_batchless(TensorShape(first._shape_tuple)))
        if self.activity_regularizer is not None and not symbolic and not call_context.in_symbolic_call():
            for out in _flatten(outputs):
                self._losses.append(self.activity_regularizer(out) / float(out.shape[0] or 1))
            _WITH_CALL_LOSSES.add(self)
            _LOSSES_USED[0] = True
        if self.supports_masking:
            if previous_mask is not None or self._computes_own_mask:
                self._set_output_masks(inputs, outputs, previous_mask)
        elif previous_mask is not None and not (self._call_takes_mask or self._call_mask_arguments):
            warnings.warn(f"{type(self).__name__} '{self.name}' received an input with a mask, but it does not "
                          "support masking: the mask is dropped and the layers after it will not see it",
                          stacklevel=2)
        if symbolic:
            outputs = _node.record(self, inputs, args, kwargs, outputs)
        return outputs

    def _is_plain_call(self, inputs, kwargs):
        """Whether this is the everyday call, which needs none of __call__'s general work: a
        built layer on one eager tensor of its dtype without a mask, no argument but
        ``training``, no activity regularizer and no mask of its own to compute."""
        return (self.built and isinstance(inputs, _core.Tensor) and not inputs._is_symbolic
                and (not kwargs or (len(kwargs) == 1 and "training" in kwargs))
                and getattr(inputs, "_keras_mask", None) is None and inputs.dtype.name == self.dtype
                and self.activity_regularizer is None and not self._call_mask_arguments
                and not (self.supports_masking and self._computes_own_mask))

    def _call_plain(self, inputs, training):
        """__call__ for a call that _is_plain_call: what remains of it is the training flag,
        the call-loss reset, the input check and call."""
        if _LOSSES_USED[0] and _WITH_CALL_LOSSES and not call_context.depth():
            self._clear_losses()
        kwargs = {}
        if self._call_takes_training:
            kwargs["training"] = training if training is not None else call_context.training()
        call = call_context.enter(training)
        try:
            self._check_input_spec(inputs)
            return self.call(inputs, **kwargs)
        except Exception as error:
            raise _with_layer_context(error, self, inputs) from error
        finally:
            call_context.leave(call)

    # ---- masks -----------------------------------------------------------------------------
    def compute_mask(self, inputs, previous_mask=None):
        """The mask of the outputs (a boolean tensor, a structure of them, or None).

        Called after ``call`` when ``supports_masking`` is True; the default passes the
        mask of the input through, which fits layers that keep the time axis.

        Args:
            inputs: the inputs of the call.
            previous_mask: the mask of the inputs (or the ``mask`` argument of the call).

        Returns:
            The outputs' mask: by default PREVIOUS_MASK.
        """
        return previous_mask

    def _set_output_masks(self, inputs, outputs, previous_mask):
        """Attaches compute_mask's masks to the outputs that carry none yet (Keras 3)."""
        flat = [t for t in _flatten(outputs) if isinstance(t, _core.Tensor)]
        if all(getattr(t, "_keras_mask", None) is not None for t in flat):
            return
        masks = self.compute_mask(inputs, previous_mask)
        if masks is None:
            return
        for tensor, mask in zip(_flatten(outputs), _flatten(masks)):
            if mask is not None and isinstance(tensor, _core.Tensor) and getattr(tensor, "_keras_mask", None) is None:
                tensor._keras_mask = mask

    def _with_argument_masks(self, inputs, args, kwargs):
        """KWARGS with each unset ``<name>_mask`` argument of call set to the mask of the
        tensor passed as ``<name>``."""
        try:
            bound = self._call_signature.bind_partial(inputs, *args, **kwargs).arguments
        except TypeError:  # arguments call does not take: call itself says so
            return kwargs
        for name in self._call_mask_arguments:
            if bound.get(name) is None:
                mask = getattr(bound.get(name[:-5]), "_keras_mask", None)
                if mask is not None:
                    kwargs = dict(kwargs, **{name: mask})
        return kwargs

    def _evaluate_loss_callables_once(self):
        for layer in self._flatten_layers():
            for fn in layer._loss_callables:
                try:
                    fn()
                except Exception:  # a loss that needs data not available yet; checked later
                    pass

    def _track_captured(self, variables):
        owned = {id(v) for v in self._all_weights()}
        for v in variables:
            # A Variable marked _keras_state (a stateful RNN's states) is read but is no weight.
            if id(v) not in owned and not getattr(v, "_keras_state", False):
                self._captured_weights.append(v)
                owned.add(id(v))

    def _check_input_spec(self, inputs):
        spec = self.input_spec
        if spec is None:
            return
        for x in _flatten(inputs)[:1]:
            shape = _shape_of(x)
            if spec.get("min_ndim") is not None and len(shape) < spec["min_ndim"]:
                raise ValueError(f"{type(self).__name__} '{self.name}' expects inputs of rank >= "
                                 f"{spec['min_ndim']}, received input shape {shape}")
            if spec.get("ndim") is not None and len(shape) != spec["ndim"]:
                raise ValueError(f"{type(self).__name__} '{self.name}' expects inputs of rank "
                                 f"{spec['ndim']}, received input shape {shape}")
            for axis, size in (spec.get("axes") or {}).items():
                if len(shape) > abs(axis) - (axis < 0) and shape[axis] is not None and shape[axis] != size:
                    raise ValueError(f"{type(self).__name__} '{self.name}': expected axis {axis} of the input "
                                     f"to be {size}, received input shape {shape}")

    # ---- config ----------------------------------------------------------------------------
    def get_config(self):
        """The constructor arguments that recreate this layer (without its weights)."""
        config = {"name": self.name, "trainable": self.trainable, "dtype": self.dtype}
        if getattr(self, "_batch_input_shape", None) is not None:
            config["batch_input_shape"] = self._batch_input_shape
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def save_weights(self, filepath, overwrite=True):
        """Saves this layer's weights to FILEPATH (``*.weights.h5``), see keras/saving/."""
        from ..saving import weights_store
        weights_store.save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, skip_mismatch=False):
        """Loads this layer's weights from a ``.weights.h5`` file written by ``save_weights``."""
        from ..saving import weights_store
        weights_store.load_weights(self, filepath, skip_mismatch=skip_mismatch)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"

    @property
    def input(self):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer '{self.name}' has never been called on a Keras Input")
        return self._inbound_nodes[0].inputs_structure

    @property
    def output(self):
        if not self._inbound_nodes:
            raise AttributeError(f"Layer '{self.name}' has never been called on a Keras Input")
        return self._inbound_nodes[0].outputs_structure

    @property
    def input_shape(self):
        return _map_structure(lambda t: TensorShape(t._shape_tuple), self.input)

    @property
    def output_shape(self):
        return _map_structure(lambda t: TensorShape(t._shape_tuple), self.output)


def masks_of(inputs):
    """The ``_keras_mask`` of INPUTS (a tensor, or a list of masks for a list), or None
    when no input carries one."""
    if isinstance(inputs, _core.Tensor):
        return getattr(inputs, "_keras_mask", None)
    if not isinstance(inputs, (list, tuple, dict)):
        return None
    masks = _map_structure(lambda t: getattr(t, "_keras_mask", None) if isinstance(t, _core.Tensor) else None,
                           inputs)
    return masks if any(m is not None for m in _flatten(masks)) else None


def _with_mask_of(source, tensor):
    """TENSOR carrying SOURCE's mask, if it has one (a cast keeps the mask)."""
    mask = getattr(source, "_keras_mask", None)
    if mask is not None:
        tensor._keras_mask = mask
    return tensor


_WRAPPED = "_eigenflow_layer_context"


def _describe_shapes(inputs):
    """'(None, 10)' for one input, '[(2, 3), (4, 5)]' for a list, as error messages show them."""
    if isinstance(inputs, (_core.Tensor, np.ndarray)):
        return str(_shape_of(inputs))
    if isinstance(inputs, dict):
        return "{" + ", ".join(f"{k!r}: {_describe_shapes(v)}" for k, v in inputs.items()) + "}"
    if isinstance(inputs, (list, tuple)):
        return "[" + ", ".join(_describe_shapes(v) for v in inputs) + "]"
    return repr(inputs)


def _with_layer_context(error, layer, inputs):
    """ERROR re-raised with the layer's class, name and input shapes in front, once."""
    if getattr(error, _WRAPPED, False):
        return error
    if f"{type(layer).__name__} '{layer.name}'" in str(error):  # the layer's own message already says it
        setattr(error, _WRAPPED, True)
        return error
    shape_text = _describe_shapes(inputs)
    message = (f"Exception encountered when calling {type(layer).__name__} '{layer.name}' "
               f"(inputs shape {shape_text}): {error}")
    try:
        new = type(error)(message)
    except Exception:
        new = ValueError(message)
    setattr(new, _WRAPPED, True)
    return new


# The attribute walk of Layer._direct_items, in C++ (cpp/bindings/attribute_walk.cpp).
_ATTRIBUTE_WALKER = _core.AttributeWalker(Variable, Layer, _NOT_CONTAINERS)
