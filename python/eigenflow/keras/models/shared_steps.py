"""Compiled steps shared between models of one architecture.

A new model of an architecture already trained in this process (a notebook cell run again,
k-fold cross-validation, a hyper-parameter search, an ensemble) would trace its steps again:
the same ops on other Variables. Instead, when a model's step is traced, its graph is turned
into one that takes every Variable it uses as an argument (Graph.with_variables_as_arguments)
and kept, keyed by the architecture; the model then runs that graph bound to its own Variables,
and so does every later model of the same architecture, from its first batch on: no eager
first step, no trace, and the graph's working memory is already warm.

What must match is what, by the saving contract, makes a model up to its weights: the configs
of its layers (their names aside), the compile settings, the optimizer's config, and the shapes
and dtypes of the Variables. Only models made of eigenflow's own pieces take part: a Sequential
of built layers that are eigenflow's classes, hold no function, callable or tensor that is not
eigenflow's (a custom activation or regularizer) and keep no state outside their config and
weights (a layer adapted to data, a Lambda, a stateful RNN), compiled with eigenflow's losses,
metrics and optimizer, outside any distribution strategy. Any other model keeps its own eager
first step and trace.

A layer's part of the key is worked out once and kept while its attributes are the same
objects (reassigning one, as configuring a layer does, works it out again). An object changed
in place after the layer's first fit, such as a regularizer's factor, is not seen.
"""
import collections
import inspect
import json
import operator
import types

from ... import _core
from ...distribute import context as distribute_context
from ..backend import common as backend
from ..layers.core.lambda_layer import Lambda
from ..layers.layer import Layer

_MAX_GRAPHS = 16  # the least recently used is dropped beyond this
_shared = collections.OrderedDict()  # (architecture key, step name, batch key) -> _SharedStep
_LAYER_KEY = "_shared_step_key"  # where a layer keeps its part of the key (Layer._UNTRACKED)


class _NotShareable(Exception):
    """A model, or a piece of its configuration, that no other model may share steps with."""


def _ours(value):
    """Whether VALUE is eigenflow's: a function or class defined in eigenflow, or an object
    of an eigenflow class."""
    owner = value if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)) else type(value)
    return getattr(owner, "__module__", "").startswith("eigenflow.")


def _check_attribute(value):
    """Raises _NotShareable for a layer attribute that can change what the layer computes
    without showing in its config: a function or object from outside eigenflow, or a
    tensor that is not a Variable. Containers are looked into; sublayers are checked on
    their own."""
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes, inspect.Signature, Layer)):
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _check_attribute(item)
    elif isinstance(value, dict):
        for item in value.values():
            _check_attribute(item)
    elif isinstance(value, _core.Tensor):
        if not value._is_variable:
            raise _NotShareable
    elif not _ours(value):
        raise _NotShareable


def _same_objects(kept, current):
    """Whether the sequences KEPT and CURRENT hold the same objects, in order."""
    return len(kept) == len(current) and all(map(operator.is_, kept, current))


def _snapshot(attributes):
    """An object's ATTRIBUTES (its vars()) as (names, values), to tell later whether any
    was reassigned (_unchanged)."""
    return tuple(attributes), tuple(attributes.values())


def _unchanged(kept, snapshot):
    """Whether SNAPSHOT has the names of KEPT, bound to the same objects."""
    return kept[0] == snapshot[0] and _same_objects(kept[1], snapshot[1])


def _layer_key(layer):
    """LAYER's part of the architecture key: its class and config without its name."""
    attributes = vars(layer)
    kept = attributes.pop(_LAYER_KEY, None)
    snapshot = _snapshot(attributes)
    if kept is not None and _unchanged(kept[0], snapshot):
        attributes[_LAYER_KEY] = kept
        return kept[1]
    cls = type(layer)
    if not _ours(layer) or cls.__module__.startswith("eigenflow.keras.models") or not layer.built:
        raise _NotShareable  # nested models: a functional model's config does not describe its graph
    if isinstance(layer, Lambda) or hasattr(layer, "adapt") or getattr(layer, "stateful", False):
        raise _NotShareable  # state that is neither config nor weights
    for value in snapshot[1]:
        _check_attribute(value)
    config = {k: v for k, v in layer.get_config().items() if k != "name"}
    key = json.dumps([f"{cls.__module__}.{cls.__qualname__}", config], sort_keys=True, default=_not_json)
    attributes[_LAYER_KEY] = (snapshot, key)
    return key


def _described(value):
    """A loss, metric or optimizer given to compile as JSON-able data: eigenflow's functions
    by their qualified name, eigenflow's objects by class and config."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_described(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _described(v) for k, v in value.items()}
    if not _ours(value):
        raise _NotShareable
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType)):
        return f"{value.__module__}.{value.__qualname__}"
    if not hasattr(value, "get_config"):
        raise _NotShareable
    return [f"{type(value).__module__}.{type(value).__qualname__}", _described(value.get_config())]


def _not_json(value):
    raise _NotShareable


def _compile_key(model):
    """The compile settings' part of the key, kept with them while the optimizer's attributes
    are the same objects (setting its learning rate works it out again)."""
    state = model._compile_state
    optimizer = model.optimizer
    snapshot = _snapshot(vars(optimizer))
    kept = state.get("shared_step_key")
    if kept is not None and kept[0] is optimizer and _unchanged(kept[1], snapshot):
        return kept[2]
    if optimizer._exclude_ids or optimizer._exclude_names:
        raise _NotShareable  # weight decay chosen per Variable, by identity or name
    loss = state["loss"]
    # Output names are left out: a Sequential has one output, whose name only keys dict
    # targets, and batches of dicts are never shared (they have no batch key).
    described = [_described(loss.loss), _described(loss.loss_weights), _described(state["metrics"].specs),
                 _described(state["weighted_metrics"]), _described(optimizer)]
    key = json.dumps(described, sort_keys=True, default=_not_json)
    state["shared_step_key"] = (optimizer, snapshot, key)
    return key


# Methods a step calls that an instance attribute could replace.
_MODEL_METHODS = frozenset({"train_step", "test_step", "predict_step", "compute_loss", "compute_metrics", "call",
                            "__call__"})


class _ModelParts(dict):
    """The model's own part of the key (whether it trains, its dtype) and the backend's
    settings a trace reads (the fuzz factor losses clip with, the float type), one string
    per value."""

    def __missing__(self, values):
        part = self[values] = json.dumps(["model", *values])
        return part


_MODEL_PARTS = _ModelParts()


def architecture_key(model):
    """A string that two models share exactly when one's traced steps compute the other's
    on its own Variables; None for a model that does not take part (see the module doc)."""
    from .sequential import Sequential
    if type(model) is not Sequential or not model.built or not model._compile_state or model.optimizer is None \
            or distribute_context.has_strategy():
        return None
    if not _MODEL_METHODS.isdisjoint(vars(model)) or model._loss_callables:
        return None  # a step, call or loss replaced on the instance, or losses added to the model
    try:
        model_part = _MODEL_PARTS[model.trainable, model.dtype, backend.epsilon(), backend.floatx()]
        parts = [_layer_key(layer) for layer in _layers(model)] + [_compile_key(model), model_part]
    except Exception:  # noqa: BLE001 - _NotShareable, or a config that cannot be read: not shared
        return None
    # The joined key is kept while its parts are the same strings: also what tells
    # _model_variables that no layer changed.
    state = model._compile_state
    kept = state.get("shared_step_parts")
    if kept is not None and _same_objects(kept[0], parts):
        return kept[1]
    key = "\n".join(parts)
    state["shared_step_parts"] = (parts, key)
    return key


def prepare(model):
    """Works out MODEL's key and Variables while it compiles, so that fit's first step only
    checks them."""
    key = architecture_key(model)
    if key is not None:
        _model_variables(model, key)


def _layers(model):
    """MODEL's layers, nested ones too, kept with its compile settings while its own
    sublayers are the same objects (a nested layer replaced changes its parent's key)."""
    state = model._compile_state
    top = tuple(model._sublayers())
    kept = state.get("shared_step_layers")
    if kept is not None and _same_objects(kept[0], top):
        return kept[1]
    layers = model._flatten_layers(include_self=False)
    state["shared_step_layers"] = (top, layers)
    return layers


def _model_variables(model, key):
    """(model.variables, model.trainable_variables), kept with the compile settings while
    MODEL's architecture key is the same string (no layer changed) and no layer has gained a
    weight."""
    state = model._compile_state
    sizes = tuple(len(l._own_weights) + len(l._captured_weights) for l in [model] + _layers(model))
    kept = state.get("shared_step_variables")
    if kept is not None and kept[0] is key and kept[1] == sizes:
        return kept[2]
    variables = (model.variables, model.trainable_variables)
    state["shared_step_variables"] = (key, sizes, variables)
    return variables


def _variable_groups(model, model_variables, step_name):
    """The lists of Variables step STEP_NAME of MODEL may use, in an order two models of one
    architecture agree on: MODEL_VARIABLES (the model's), each metric's, then (for the
    training step) the optimizer's."""
    groups = [model_variables] + [m.variables for m in model.metrics]
    if step_name == "train_step":
        groups.append(model.optimizer.variables)
    return groups


class _SharedStep:
    """A traced step taking its Variables as arguments, and how to bind it to a model."""

    def __init__(self, step_name, trace, positions, sizes, loss_built_for, metrics_built_for):
        self.step_name = step_name
        self.trace = trace  # its graph takes the Variables after the step's own arguments
        self.positions = positions  # (group, index) of each of them in _variable_groups
        self.sizes = sizes  # of the groups, for the traced model
        self.loss_built_for = loss_built_for
        self.metrics_built_for = metrics_built_for

    def bind(self, model, key):
        """The step run on MODEL's Variables (MODEL's architecture key is KEY); None if they
        do not fit. First builds, for the same data shapes, what the traced model's first
        step had built and the step updates: the optimizer's slots (for the training step),
        the compiled metrics, and the compiled loss if it tracks each output's loss (else it
        builds when first used eagerly, as it would have)."""
        model_variables, trainable = _model_variables(model, key)
        if self.step_name == "train_step":
            model.optimizer.build(trainable)
        state = model._compile_state
        if self.loss_built_for is not None and state["loss"]._functions is None:
            state["loss"].build(self.loss_built_for)
        if not state["metrics"].built:
            state["metrics"].build(*self.metrics_built_for)
        groups = _variable_groups(model, model_variables, self.step_name)
        if list(map(len, groups)) != self.sizes:
            return None
        try:
            return self.trace.with_graph(self.trace.graph.bind([groups[g][i] for g, i in self.positions]))
        except ValueError:  # another shape or dtype somewhere
            return None


class StepSharing:
    """The shared steps as MODEL's step STEP_NAME sees them (tf.function's hook)."""

    def __init__(self, model, step_name):
        self._model = model
        self._step_name = step_name

    def find(self, batch_key):
        """The step for batches of BATCH_KEY (tensor_shapes_key) bound to the model's
        Variables, if a model of its architecture traced it; else None."""
        key = architecture_key(self._model)
        if key is None:
            return None
        shared = _shared.get((key, self._step_name, batch_key))
        if shared is None:
            return None
        _shared.move_to_end((key, self._step_name, batch_key))
        try:
            return shared.bind(self._model, key)
        except (TypeError, ValueError):  # a build that needs the data: the eager first step does it
            return None

    def share(self, batch_key, trace):
        """TRACE, the model's step traced for batches of BATCH_KEY, kept for other models of its
        architecture; returns the model's step bound to the kept graph (None if the model
        does not take part)."""
        model = self._model
        key = architecture_key(model)
        graph = trace.graph
        if key is None or not isinstance(graph, _core.Graph) or graph.has_callbacks:
            return None
        groups = _variable_groups(model, _model_variables(model, key)[0], self._step_name)
        position = {}
        for g, group in enumerate(groups):
            for i, v in enumerate(group):
                position.setdefault(v._id, (g, i))
        used = graph.variables
        if any(v._id not in position for v in used):
            return None  # a Variable from outside the model: another model could not supply it
        state = model._compile_state
        loss, metrics = state["loss"], state["metrics"]
        loss_built_for = getattr(loss, "built_for", None) if loss.metrics else None
        metrics_built_for = getattr(metrics, "built_for", None)
        metrics_built_on_data = metrics.specs is not None or metrics.weighted_specs is not None
        if (loss.metrics and loss_built_for is None) or (metrics_built_on_data and metrics_built_for is None):
            return None  # a build on data another model could not repeat
        shared = _SharedStep(self._step_name, trace.with_graph(graph.with_variables_as_arguments(used)),
                             [position[v._id] for v in used], list(map(len, groups)), loss_built_for,
                             metrics_built_for)
        _shared[(key, self._step_name, batch_key)] = shared
        while len(_shared) > _MAX_GRAPHS:
            _shared.popitem(last=False)
        return shared.bind(model, key)
