"""What ``compile`` sets up: the loss (one or per output, weighted) and the metrics.

'accuracy' is resolved from the loss and the shapes on the first batch, as Keras does:
binary for a single probability per sample, sparse for integer labels, categorical for
one-hot labels.
"""
import numpy as np

from ... import _core
from ..layers.node import _flatten


def _per_output(spec, n, names):
    """SPEC (one value, a list, or a dict keyed by output name) as a list of N entries."""
    if isinstance(spec, dict):
        return [spec.get(name) for name in names]
    if isinstance(spec, (list, tuple)) and n > 1:
        if len(spec) != n:
            raise ValueError(f"expected one entry per output ({n}), received {len(spec)}")
        return list(spec)
    return [spec] * n if n == 1 or spec is None or not isinstance(spec, (list, tuple)) else list(spec)


def _reduce_mean(values, sample_weight):
    if sample_weight is not None:
        sw = _core.convert_to_tensor(sample_weight, dtype=values.dtype)
        while sw.ndim < values.ndim:
            sw = _core.ops.expand_dims(sw, -1)
        values = values * sw
    if values.ndim == 0:
        return values
    return _core.ops.reduce_mean(values)


class LossFunction:
    """A compiled loss: a Loss object, a loss name, or a callable fn(y_true, y_pred)."""

    def __init__(self, identifier):
        from .. import losses
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
        return _reduce_mean(value, sample_weight)


class CompiledLoss:
    """The total loss: the weighted sum of per-output losses (Keras 2's compiled_loss)."""

    def __init__(self, loss, loss_weights=None, output_names=None):
        self.loss = loss
        self.loss_weights = loss_weights
        self.output_names = output_names or []
        self._functions = None

    def build(self, y_pred):
        n = len(_flatten(y_pred))
        names = self.output_names or [f"output_{i}" for i in range(n)]
        self._functions = [None if l is None else LossFunction(l) for l in _per_output(self.loss, n, names)]
        weights = _per_output(self.loss_weights, n, names) if self.loss_weights is not None else [None] * n
        self._weights = [1.0 if w is None else float(w) for w in weights]

    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        if self.loss is None:
            raise ValueError("the model was compiled without a loss: pass loss= to compile()")
        if self._functions is None:
            self.build(y_pred)
        preds = _flatten(y_pred)
        trues = _flatten(y_true) if len(preds) > 1 else [y_true]
        if isinstance(y_true, dict) and isinstance(y_pred, dict):
            trues = [y_true[k] for k in y_pred]
        if len(trues) != len(preds):
            raise ValueError(f"the model has {len(preds)} output(s) but {len(trues)} target(s) were given")
        total = None
        for fn, w, t, p in zip(self._functions, self._weights, trues, preds):
            if fn is None:
                continue
            value = fn(t, p, sample_weight)
            if w != 1.0:
                value = value * w
            total = value if total is None else total + value
        for extra in regularization_losses or ():
            if total is not None and isinstance(extra, _core.Tensor) and extra.dtype != total.dtype:
                extra = _core.ops.cast(extra, total.dtype)
            total = extra if total is None else total + extra
        return total

    @property
    def functions(self):
        return self._functions or []


def resolve_accuracy(name, loss_fn, y_true, y_pred):
    """The accuracy metric Keras picks for 'accuracy'/'acc' given the loss and shapes."""
    from .. import metrics
    loss_name = ""
    if loss_fn is not None:
        ident = loss_fn.identifier
        loss_name = (ident if isinstance(ident, str) else type(ident).__name__ if not callable(ident) or
                     hasattr(ident, "get_config") else getattr(ident, "__name__", "")).lower()
    pred_shape = tuple(y_pred.shape)
    true_shape = tuple(np.shape(y_true))
    if "sparse" in loss_name:
        return metrics.SparseCategoricalAccuracy(name=name)
    if "binary" in loss_name or (pred_shape and pred_shape[-1] == 1):
        return metrics.BinaryAccuracy(name=name)
    if "categorical" in loss_name and "sparse" not in loss_name:
        return metrics.CategoricalAccuracy(name=name)
    if len(true_shape) < len(pred_shape) or (true_shape and true_shape[-1] == 1 and pred_shape[-1] > 1):
        return metrics.SparseCategoricalAccuracy(name=name)
    return metrics.CategoricalAccuracy(name=name)


class CompiledMetrics:
    """The metrics of compile(), created on the first batch (Keras 2's compiled_metrics)."""

    def __init__(self, metrics, compiled_loss):
        self.specs = metrics
        self.compiled_loss = compiled_loss
        self._metrics = None

    def build(self, y_true, y_pred):
        from .. import metrics as metrics_module
        preds = _flatten(y_pred)
        specs = self.specs
        if specs is None:
            per_output = [[] for _ in preds]
        elif isinstance(specs, dict):
            names = self.compiled_loss.output_names
            per_output = [list(_flatten([specs.get(n, [])])) for n in names]
        elif len(preds) > 1 and specs and all(isinstance(s, (list, tuple)) for s in specs):
            per_output = [list(s) for s in specs]
        else:
            per_output = [list(specs) if isinstance(specs, (list, tuple)) else [specs]] * len(preds)
        trues = _flatten(y_true) if len(preds) > 1 else [y_true]
        loss_fns = self.compiled_loss.functions or [None] * len(preds)
        self._metrics = []
        for i, spec_list in enumerate(per_output):
            prefix = self.compiled_loss.output_names[i] + "_" if len(preds) > 1 and self.compiled_loss.output_names else ""
            for spec in spec_list:
                if isinstance(spec, str) and spec in ("accuracy", "acc"):
                    m = resolve_accuracy(prefix + spec, loss_fns[i] if i < len(loss_fns) else None, trues[i], preds[i])
                else:
                    m = metrics_module.get(spec)
                    if not isinstance(m, metrics_module.Metric):
                        fn = m
                        m = metrics_module.MeanMetricWrapper(fn, name=prefix + getattr(fn, "__name__", "metric"))
                    elif prefix:
                        m._name = prefix + m.name
                self._metrics.append((i, m))

    def update_state(self, y_true, y_pred, sample_weight=None):
        if self._metrics is None:
            self.build(y_true, y_pred)
        preds = _flatten(y_pred)
        trues = _flatten(y_true) if len(preds) > 1 else [y_true]
        for i, m in self._metrics:
            m.update_state(trues[i], preds[i], sample_weight=sample_weight)

    @property
    def metrics(self):
        return [m for _, m in self._metrics or []]

    def reset_state(self):
        for m in self.metrics:
            m.reset_state()
