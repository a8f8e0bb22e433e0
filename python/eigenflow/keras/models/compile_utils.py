"""What ``compile`` sets up: the loss (one or per output, weighted) and the metrics.

Targets and per-output specs given as dicts are matched to the outputs by name: the keys
of a dict of outputs, otherwise the names of the output layers. 'accuracy' is resolved
from the loss and the shapes on the first batch, as Keras does: binary for a single
probability per sample, sparse for integer labels, categorical for one-hot labels.
"""
import numpy as np

from ... import _core
from ...framework.tensor_spec import TensorSpec
from .. import losses
from .. import metrics as metrics_module
from ..layers.node import _flatten
from ..losses.loss import reduce_weighted_values
from ..metrics.metric import Metric


def _is_loss_config(spec):
    """Whether a dict is one serialized loss or metric ({"class_name": ..., "config": ...})."""
    return isinstance(spec, dict) and "class_name" in spec


def _per_output(spec, n, names, argument="loss"):
    """SPEC (one value, a list, or a dict keyed by output name) as a list of N entries."""
    if isinstance(spec, dict) and not (_is_loss_config(spec) and "class_name" not in names):
        unknown = [k for k in spec if k not in names]
        if unknown:
            raise ValueError(f"compile: the {argument} dict has key(s) {unknown} that name no output of the "
                             f"model; the outputs are {list(names)}")
        return [spec.get(name) for name in names]
    if isinstance(spec, (list, tuple)) and n > 1:
        if len(spec) != n:
            raise ValueError(f"compile: expected one {argument} entry per output ({n}), received {len(spec)}")
        return list(spec)
    return [spec] * n if n == 1 or spec is None or not isinstance(spec, (list, tuple)) else list(spec)


def _flat_targets(y_true, y_pred, preds, names):
    """Y_TRUE as a list aligned with the flat predictions PREDS: a dict of targets is read by
    output name (the keys of a dict Y_PRED, else NAMES), whatever its own order."""
    if isinstance(y_true, dict) and not (len(preds) == 1 and not names):
        keys = list(y_pred) if isinstance(y_pred, dict) else names
        if not keys or len(keys) != len(preds):
            return _flatten(y_true)
        missing = [k for k in keys if k not in y_true]
        if missing:
            raise ValueError(f"the targets are a dict with keys {list(y_true)}, but the model's outputs are "
                             f"{list(keys)}: no target for {missing}")
        return [y_true[k] for k in keys]
    if len(preds) > 1:
        return _flatten(y_true)
    return [y_true]


def spec_of(structure):
    """STRUCTURE (nested lists, tuples and dicts of tensors) with a TensorSpec for each tensor:
    what a build saw, kept so that another model's build can see the same (shared_steps).
    None if some value has no spec (the model's steps are then not shared)."""
    try:
        return _specs(structure)
    except (TypeError, ValueError):
        return None


def _specs(structure):
    if isinstance(structure, dict):
        return {k: _specs(v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(_specs(v) for v in structure)
    return TensorSpec.from_tensor(structure) if hasattr(structure, "dtype") else structure


def _batch_size(y_pred):
    """Samples in a batch, so an epoch mean weights a short last batch less (as Keras)."""
    first = y_pred if isinstance(y_pred, _core.Tensor) else _flatten(y_pred)[0]
    shape = first._shape_tuple
    return float(shape[0]) if shape and shape[0] else 1.0


def _reduce_mean(values, sample_weight):
    if sample_weight is not None:
        sw = _core.convert_to_tensor(sample_weight, dtype=values.dtype)
        while sw.ndim < values.ndim:
            sw = _core.ops.expand_dims(sw, -1)
        values = values * sw
    if values.ndim == 0:
        return values
    return _core.ops.reduce_mean(values)


def check_loss_identifier(identifier):
    """Raises the ValueError Keras raises at compile for what cannot be a loss."""
    if identifier is None or isinstance(identifier, (str, dict)) or callable(identifier):
        return
    raise ValueError(f"Could not interpret loss identifier: {identifier!r}")


class LossFunction:
    """A compiled loss: a Loss object, a loss name, or a callable fn(y_true, y_pred)."""

    def __init__(self, identifier):
        check_loss_identifier(identifier)
        self.identifier = identifier
        if isinstance(identifier, str) or isinstance(identifier, dict):
            self.fn = losses.get(identifier)
        else:
            self.fn = identifier
        self.is_loss_object = isinstance(self.fn, losses.Loss)
        self.name = getattr(self.fn, "name", None) or getattr(self.fn, "__name__", "loss")

    def __call__(self, y_true, y_pred, sample_weight=None):
        if self.is_loss_object:
            return self.fn(y_true, y_pred, sample_weight=sample_weight)
        value = self.fn(y_true, y_pred)
        if not isinstance(value, _core.Tensor):
            value = _core.convert_to_tensor(value, dtype=y_pred.dtype)
        mask = getattr(y_pred, "_keras_mask", None)
        if mask is not None:
            # As a Loss object does: masked steps weigh 0, the mean runs over the others.
            return reduce_weighted_values(value, sample_weight, mask)
        return _reduce_mean(value, sample_weight)


class CompiledLoss:
    """The total loss: the weighted sum of per-output losses (Keras 2's ``compiled_loss``).

    Calling it directly (``self.compiled_loss(y, y_pred, regularization_losses=...)``, the
    tf.keras 2 custom ``train_step``) also records the total in the model's 'loss' metric;
    ``Model.compute_loss`` uses ``compute``, which leaves that to the step. With several
    outputs, each output's unweighted loss is tracked as '<output name>_loss'.
    """

    def __init__(self, loss, loss_weights=None, output_names=None, tracker=None):
        self.loss = loss
        self.loss_weights = loss_weights
        self.output_names = output_names or []
        self.tracker = tracker
        self._functions = None
        self._trackers = []

    def build(self, y_pred):
        preds = _flatten(y_pred)
        n = len(preds)
        if isinstance(y_pred, dict) and not self.output_names:
            self.output_names = list(y_pred)
        names = self.output_names if len(self.output_names) == n else [f"output_{i}" for i in range(n)]
        functions = [None if l is None else LossFunction(l) for l in _per_output(self.loss, n, names)]
        weights = _per_output(self.loss_weights, n, names, "loss_weights") if self.loss_weights is not None \
            else [None] * n
        self._weights = [1.0 if w is None else float(w) for w in weights]
        self._trackers = [metrics_module.Mean(name=f"{name}_loss") if fn is not None else None
                          for name, fn in zip(names, functions)] if n > 1 else [None]
        # Dict targets are matched by the model's output names; without any (a subclassed
        # model), a dict is taken in its own order.
        self._target_names = self.output_names if len(self.output_names) == n else []
        self._functions = functions
        self.built_for = spec_of(y_pred)

    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        """The total loss, recorded in the 'loss' metric. Under a strategy with several
        replicas the returned loss is weighted by this replica's share of the global batch,
        as tf.keras 2's compiled_loss is, so a train_step written against it gets the
        gradients of the global loss when the replicas' gradients are summed."""
        total = self.compute(y_true, y_pred, sample_weight, regularization_losses)
        if total is None:
            return total
        if self.tracker is not None:
            self.tracker.update_state(total, sample_weight=_batch_size(y_pred))
        from ...distribute import context as distribute_context
        return distribute_context.scale_loss(total)

    def compute(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        """The total loss, without recording it in the 'loss' metric."""
        if self._functions is None:
            if self.loss is None:
                return self._without_compiled_loss(regularization_losses)
            self.build(y_pred)
        preds = _flatten(y_pred)
        if y_true is None:
            raise ValueError(f"the targets y are missing: the model was compiled with loss={self.loss!r}, so "
                             "fit/evaluate need target data (pass y, or yield (x, y) batches)")
        trues = _flat_targets(y_true, y_pred, preds, self._target_names)
        if len(trues) != len(preds):
            raise ValueError(f"the model has {len(preds)} output(s) but {len(trues)} target(s) were given")
        total = None
        batch = None
        for fn, w, t, p, tracker in zip(self._functions, self._weights, trues, preds, self._trackers):
            if fn is None:
                continue
            value = fn(t, p, sample_weight)
            if tracker is not None:
                if batch is None:
                    batch = _batch_size(p)
                tracker.update_state(value, sample_weight=batch)
            if w != 1.0:
                value = value * w
            total = value if total is None else total + value
        total = self._add_regularization(total, regularization_losses)
        if total is None:
            raise ValueError(f"no loss to compute: compile(loss={self.loss!r}) gives no output a loss and the "
                             "model has no added losses")
        return total

    def _without_compiled_loss(self, regularization_losses):
        if not regularization_losses:
            raise ValueError("the model was compiled without a loss and has no added losses: pass loss= to "
                             "compile()")
        return self._add_regularization(None, regularization_losses)

    @staticmethod
    def _add_regularization(total, regularization_losses):
        for extra in regularization_losses or ():
            if not isinstance(extra, _core.Tensor):
                extra = _core.convert_to_tensor(extra, dtype=total.dtype if total is not None else "float32")
            elif total is not None and extra.dtype != total.dtype:
                extra = _core.ops.cast(extra, total.dtype)
            total = extra if total is None else total + extra
        return total

    @property
    def functions(self):
        return self._functions or []

    @property
    def metrics(self):
        """The per-output loss trackers ('<output name>_loss'), once built with several outputs."""
        return [t for t in self._trackers if t is not None]

    def reset_state(self):
        for t in self.metrics:
            t.reset_state()


def resolve_accuracy(name, loss_fn, y_true, y_pred):
    """The accuracy metric Keras picks for 'accuracy'/'acc' given the loss and shapes."""
    loss_name = ""
    if loss_fn is not None:
        ident = loss_fn.identifier
        loss_name = (ident if isinstance(ident, str) else type(ident).__name__ if not callable(ident) or
                     hasattr(ident, "get_config") else getattr(ident, "__name__", "")).lower()
    pred_shape = tuple(y_pred.shape)
    true_shape = tuple(y_true.shape) if hasattr(y_true, "shape") else np.shape(y_true)
    if "sparse" in loss_name:
        return metrics_module.SparseCategoricalAccuracy(name=name)
    if "binary" in loss_name or (pred_shape and pred_shape[-1] == 1):
        return metrics_module.BinaryAccuracy(name=name)
    if "categorical" in loss_name and "sparse" not in loss_name:
        return metrics_module.CategoricalAccuracy(name=name)
    if len(true_shape) < len(pred_shape) or (true_shape and true_shape[-1] == 1 and pred_shape[-1] > 1):
        return metrics_module.SparseCategoricalAccuracy(name=name)
    return metrics_module.CategoricalAccuracy(name=name)


class CompileMetrics(Metric):
    """The metrics and weighted metrics of ``compile``, as one metric named 'compile_metrics'.

    It is listed in ``model.metrics``, so a custom ``train_step`` that updates every metric
    of ``self.metrics`` updates it too. Its metrics are created on the first
    ``update_state`` (they depend on the data: 'accuracy' picks its variant from the
    shapes), and ``result()`` returns a dict of their values. Plain metrics ignore
    ``sample_weight``; weighted metrics use it (as Keras).
    """

    def __init__(self, metrics, compiled_loss, weighted_metrics=None):
        super().__init__(name="compile_metrics")
        self.specs = metrics
        self.weighted_specs = weighted_metrics
        self.compiled_loss = compiled_loss
        self._metrics = None
        self._weighted = None
        if metrics is None and weighted_metrics is None:  # nothing to build from the data
            self._names, self._metrics, self._weighted = [], [], []

    @property
    def built(self):
        return self._metrics is not None

    def _specs_per_output(self, specs, preds, names, argument):
        def as_list(spec):
            if spec is None:
                return []
            return list(spec) if isinstance(spec, (list, tuple)) else [spec]

        if specs is None:
            return [[] for _ in preds]
        if isinstance(specs, dict) and not _is_loss_config(specs):
            return [as_list(s) for s in _per_output(specs, len(preds), names, argument)]
        if len(preds) > 1 and isinstance(specs, (list, tuple)) and specs and \
                all(isinstance(s, (list, tuple)) or s is None for s in specs):
            if len(specs) != len(preds):
                raise ValueError(f"compile: expected one {argument} entry per output ({len(preds)}), received "
                                 f"{len(specs)}")
            return [as_list(s) for s in specs]
        return [as_list(specs) for _ in preds]

    def _make(self, per_output, trues, preds, names):
        loss_fns = self.compiled_loss.functions or [None] * len(preds)
        made = []
        for i, spec_list in enumerate(per_output):
            prefix = names[i] + "_" if len(preds) > 1 and names else ""
            for spec in spec_list:
                if isinstance(spec, str) and spec in ("accuracy", "acc"):
                    m = resolve_accuracy(prefix + spec, loss_fns[i] if i < len(loss_fns) else None, trues[i],
                                         preds[i])
                else:
                    m = metrics_module.get(spec)
                    if not isinstance(m, Metric):
                        fn = m
                        m = metrics_module.MeanMetricWrapper(fn, name=prefix + getattr(fn, "__name__", "metric"))
                    elif prefix:
                        m._name = prefix + m.name
                made.append((i, m))
        return made

    def build(self, y_true, y_pred):
        preds = _flatten(y_pred)
        known = list(y_pred) if isinstance(y_pred, dict) else self.compiled_loss.output_names
        target_names = known if len(known) == len(preds) else []
        names = target_names or ([f"output_{i}" for i in range(len(preds))] if len(preds) > 1 else [])
        trues = _flat_targets(y_true, y_pred, preds, target_names) if y_true is not None else [None] * len(preds)
        metrics = self._make(self._specs_per_output(self.specs, preds, names, "metrics"), trues, preds, names)
        weighted = self._make(self._specs_per_output(self.weighted_specs, preds, names, "weighted_metrics"),
                              trues, preds, names)
        plain_names = {m.name for _, m in metrics}
        for _, m in weighted:
            if m.name in plain_names:
                m._name = "weighted_" + m.name
        self._names = target_names
        self._weighted = weighted
        self._metrics = metrics
        self.built_for = spec_of((y_true, y_pred))

    def update_state(self, y_true, y_pred, sample_weight=None):
        if self._metrics is None:
            self.build(y_true, y_pred)
        if not self._metrics and not self._weighted:
            return
        preds = _flatten(y_pred)
        trues = _flat_targets(y_true, y_pred, preds, self._names)
        for i, m in self._metrics:
            m.update_state(trues[i], preds[i])
        for i, m in self._weighted:
            m.update_state(trues[i], preds[i], sample_weight=sample_weight)

    def result(self):
        return {m.name: m.result() for m in self.metrics}

    @property
    def metrics(self):
        """The metric objects, plain then weighted (empty until the first update)."""
        return [m for _, m in self._metrics or []] + [m for _, m in self._weighted or []]

    @property
    def variables(self):
        return [v for m in self.metrics for v in m.variables]

    def reset_state(self):
        for m in self.metrics:
            m.reset_state()

    def get_config(self):
        return {"metrics": self.specs, "weighted_metrics": self.weighted_specs}


CompiledMetrics = CompileMetrics  # the tf.keras 2 name of what ``model.compiled_metrics`` is
