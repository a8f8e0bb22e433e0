"""compile, fit, evaluate and predict: the training loop of every Model.

``fit`` is a loop of ``train_step``, the same step a user could write with GradientTape
(override it to customise training); ``evaluate`` runs ``test_step`` and ``predict``
``predict_step``. Ctrl-C during fit stops between batches, leaving the weights as the last
completed step left them.
"""
import inspect
import itertools
import math
import _signal
import signal
import warnings

import numpy as np

from ... import _core
from ...distribute import context as distribute_context
from ...framework.function import Function, functions_run_eagerly
from ...framework.gradient_tape import GradientTape
from ..callbacks.callback import CallbackList
from ..callbacks.history import History
from ..callbacks.progbar_logger import ProgbarLogger
from ..utils.data_adapter_utils import unpack_x_y_sample_weight
from . import data_adapter
from .compile_utils import CompiledLoss, CompileMetrics, _batch_size, check_loss_identifier
from . import shared_steps


def _scalar(value):
    if isinstance(value, _core.Tensor):
        return float(value._item())
    return float(value)


class _stop_on_interrupt:
    """Turns Ctrl-C into ``model.stop_training`` so fit ends between batches; on the way
    out, however fit ends, forgets the per-epoch variable list. (A class: a generator
    context manager costs several calls more, on every fit's way to its first step.)"""

    def __init__(self, model):
        self._model = model
        self._main = False
        self._previous = None

    def _handler(self, signum, frame):
        if self._model.stop_training:  # a second Ctrl-C aborts at once
            raise KeyboardInterrupt
        print("\nInterrupted: training stops after this batch (press Ctrl-C again to abort now).")
        self._model.stop_training = True

    def __enter__(self):
        # _signal is what the signal module wraps; the wrapper's enum conversions cost 30 us a call.
        # Only the main thread may set a handler: elsewhere it raises ValueError (and Ctrl-C
        # never reaches that thread anyway).
        try:
            self._previous = _signal.signal(signal.SIGINT, self._handler)
            self._main = True
        except ValueError:
            self._main = False
        return self

    def __exit__(self, *exc):
        if self._main:
            _signal.signal(signal.SIGINT, self._previous)
        self._model._in_fit_epoch = False
        self._model._variables_this_epoch = None
        return False


def _with_progbar(callbacks, show):
    """CALLBACKS as a list, with a ProgbarLogger added when SHOW and the user gave none (Keras)."""
    out = list(callbacks or [])
    if show and not any(map(isinstance, out, itertools.repeat(ProgbarLogger))):
        out.append(ProgbarLogger())
    return out


def _check_loss_spec(loss):
    """compile's loss checked leaf by leaf (one loss, or one per output as a list or dict)."""
    if isinstance(loss, dict) and "class_name" not in loss:
        for value in loss.values():
            check_loss_identifier(value)
    elif isinstance(loss, (list, tuple)):
        for value in loss:
            check_loss_identifier(value)
    else:
        check_loss_identifier(loss)


def _takes_training(method):
    try:
        parameters = inspect.signature(method).parameters
    except (TypeError, ValueError):
        return False
    return "training" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


class Trainer:
    """Mixin of Model with everything about training."""

    def __init__(self):
        self._compile_state = None
        self.optimizer = None
        self.stop_training = False
        self.history = None

    # ---- compile -------------------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, metrics=None, loss_weights=None, weighted_metrics=None,
                run_eagerly=False, steps_per_execution=1, jit_compile="auto", auto_scale_loss=True, **kwargs):
        """Configures training: the optimizer, the loss and the metrics.

        Args:
            optimizer: a name ('adam', 'sgd', 'rmsprop'...) or an Optimizer.
            loss: a name, a Loss, a callable ``fn(y_true, y_pred)``, or one per output
                (list, or dict keyed by output name).
            metrics: names ('accuracy' picks the binary, categorical or sparse variant),
                Metric objects or callables; per output as a list of lists or a dict.
                They ignore sample weights.
            loss_weights: weights of the per-output losses.
            weighted_metrics: metrics like ``metrics`` that are weighted by the sample
                weights of fit/evaluate.
            run_eagerly: run ``train_step``, ``test_step`` and ``predict_step`` as Python
                every batch. By default (False) each is traced into a graph on its first
                batch (``tf.function``) and later batches run that graph in C++; a step
                whose Python reads tensor values runs eagerly instead, with the same results.

        Raises:
            ValueError: an optimizer or loss that cannot be interpreted.
        """
        from .. import optimizers
        from ..metrics import Mean
        self.optimizer = optimizers.get(optimizer)
        _check_loss_spec(loss)
        self._loss_tracker = Mean(name="loss")
        compiled_loss = CompiledLoss(loss, loss_weights, self._compile_output_names(), tracker=self._loss_tracker)
        self._compile_state = {
            "loss": compiled_loss,
            "metrics": CompileMetrics(metrics, compiled_loss, weighted_metrics),
            "has_metrics": bool(metrics) or bool(weighted_metrics),
            "weighted_metrics": weighted_metrics,
            "run_eagerly": run_eagerly,
            "loss_takes_training": _takes_training(self.compute_loss),
        }
        self._step_functions = {}
        self._distribute_strategy = distribute_context.get_strategy() if distribute_context.has_strategy() else None
        self.compiled = True
        shared_steps.prepare(self)  # so that fit's first step only checks the key (shared_steps.py)

    @property
    def distribute_strategy(self):
        """The ``tf.distribute`` strategy whose scope the model was compiled in (else the
        current one)."""
        return self.__dict__.get("_distribute_strategy") or distribute_context.get_strategy()

    def _compile_output_names(self):
        """The names that per-output losses, metrics and targets are keyed by (none here:
        Model and Sequential know theirs)."""
        return []

    @property
    def compiled_loss(self):
        return self._require_compiled("compiled_loss")["loss"]

    @property
    def compiled_metrics(self):
        return self._require_compiled("compiled_metrics")["metrics"]

    @property
    def loss(self):
        return self._compile_state["loss"].loss if self._compile_state else None

    @property
    def metrics(self):
        """The loss tracker, the per-output loss trackers, and the compiled metrics (one
        metric, 'compile_metrics', whose result is a dict), as Keras 3 lists them."""
        state = self._compile_state
        if not state:
            return []
        out = [self._loss_tracker]
        out.extend(state["loss"].metrics)
        if state["has_metrics"]:
            out.append(state["metrics"])
        return out

    @property
    def metrics_names(self):
        names = []
        for m in self.metrics:
            if isinstance(m, CompileMetrics):
                names.extend(sub.name for sub in m.metrics)
            else:
                names.append(m.name)
        return names

    def _require_compiled(self, what):
        if not self._compile_state:
            raise RuntimeError(f"You must compile the model before calling {what}: model.compile(optimizer=..., loss=...)")
        return self._compile_state

    # ---- steps ---------------------------------------------------------------------------
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The compiled loss plus the model's added and regularization losses.

        Unlike calling ``compiled_loss`` directly, this does not record the value in the
        'loss' metric: the step does (``train_step`` and ``test_step`` of Keras 3). Under a
        strategy with several replicas the loss is weighted by this replica's share of the
        global batch, so the gradients the optimizer sums are those of the global loss (as
        Keras does).
        """
        loss = self.compiled_loss.compute(y, y_pred, sample_weight, regularization_losses=self.losses)
        return distribute_context.scale_loss(loss)

    def _compute_loss(self, x, y, y_pred, sample_weight, training):
        if self._compile_state["loss_takes_training"]:
            return self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=training)
        return self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        """Updates the compiled metrics and returns every metric's current value."""
        state = self._require_compiled("compute_metrics")
        if state["has_metrics"]:  # else there is nothing to update
            state["metrics"].update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self):
        """The current value of every metric in ``metrics``, by name (a metric whose result
        is a dict, such as 'compile_metrics', contributes its entries)."""
        out = {}
        for m in self.metrics:
            result = m.result()
            if isinstance(result, dict):
                out.update(result)
            else:
                out[m.name] = result
        return out

    def train_step(self, data):
        """One training step on a batch DATA: ``x``, ``(x,)``, ``(x, y)`` or
        ``(x, y, sample_weight)``; returns the logs."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        with GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self._compute_loss(x, y, y_pred, sample_weight, True)
        variables = self._epoch_trainable_variables()
        grads = tape.gradient(loss, variables)
        self.optimizer.apply_gradients(zip(grads, variables))
        self._loss_tracker.update_state(distribute_context.unscale_loss(loss), sample_weight=_batch_size(y_pred))
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def _epoch_trainable_variables(self):
        """trainable_variables, walked once per fit epoch rather than every batch (the walk
        finds weights wherever they are; within an epoch they do not move). The first step
        walks after its forward pass, so weights a lazy build creates are included."""
        cached = self.__dict__.get("_variables_this_epoch")
        if cached is None:
            cached = self.trainable_variables
            if self.__dict__.get("_in_fit_epoch"):
                self._variables_this_epoch = cached
        return cached

    def test_step(self, data):
        """One evaluation step on a batch; returns the logs."""
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        loss = self._compute_loss(x, y, y_pred, sample_weight, False)
        self._loss_tracker.update_state(distribute_context.unscale_loss(loss), sample_weight=_batch_size(y_pred))
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        """The model's output for one batch (its x; any y and sample_weight are ignored)."""
        x, _, _ = unpack_x_y_sample_weight(data)
        return self(x, training=False)

    def _step_function(self, name):
        """The step NAME ('train_step', 'test_step', 'predict_step') as fit, evaluate and
        predict run it: traced into a graph, unless compiled with run_eagerly."""
        step = getattr(self, name)
        state = self._compile_state or {}
        if state.get("run_eagerly") or self.__dict__.get("run_eagerly") or functions_run_eagerly():
            return step
        functions = self.__dict__.setdefault("_step_functions", {})
        traced = functions.get(name)
        # Traced again under another strategy: under a multi-process one, the step sums gradients.
        strategy = distribute_context.get_strategy()
        if traced is None or traced.python_function.__func__ is not step.__func__ or traced.strategy is not strategy:
            sharing = shared_steps.StepSharing(self, name)
            traced = functions[name] = Function(step, name=name, eager_fallback=True, sharing=sharing)
            traced.strategy = strategy
        return traced

    # ---- loops ---------------------------------------------------------------------------
    def _reset_metrics(self):
        for m in self.metrics:
            m.reset_state()

    def reset_metrics(self):
        self._reset_metrics()

    @staticmethod
    def _logs(raw):
        logs = {}
        for k, v in raw.items():
            if isinstance(v, dict):
                for name, value in v.items():
                    logs[name] = _scalar(value)
            else:
                logs[k] = _scalar(v)
        return logs

    def _check_inputs(self, x):
        if x is None:
            raise ValueError("no input data: pass x")

    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None, validation_split=0.0,
            validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0,
            steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1,
            max_queue_size=10, workers=1, use_multiprocessing=False):
        """Trains the model for EPOCHS passes over the data.

        Args:
            x, y: arrays or tensors (lists/dicts of them for several inputs/outputs; nested
                Python lists are arrays too), or x a ``tf.data.Dataset`` or a
                generator/iterable of ``(x, y)`` or ``(x, y, sample_weight)`` batches.
            batch_size: samples per step (default 32).
            epochs: passes over the data; training starts at ``initial_epoch``.
            verbose: 0 silent, 1 progress bar, 2 one line per epoch ('auto' is 1).
            callbacks: Callback objects.
            validation_split: the last fraction of x/y, set aside before shuffling.
            validation_data: ``(x_val, y_val)`` or ``(x_val, y_val, sample_weight)``.
            shuffle: reshuffle the training arrays each epoch.
            class_weight: a dict class -> weight, multiplied into sample weights.
            sample_weight: a per-sample weight array.
            steps_per_epoch: batches per epoch (for generators; without it a finite
                iterable is read to its end each epoch).
            validation_freq: validate every N epochs.

        Returns:
            A History whose ``history`` maps 'loss', each metric and their 'val_' forms to a
            list with one value per epoch.
        """
        self._require_compiled("fit")
        self._check_inputs(x)
        # Several processes: each its part of every batch, rank 0 prints (distribute/training.py).
        sync = distribute_context.training_sync(self, training=True)
        verbose = (1 if verbose == "auto" else int(verbose)) if sync.is_chief else 0
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = data_adapter.split_validation(x, y, sample_weight,
                                                                                   validation_split)
        train = data_adapter.make_batches(x, y, sample_weight, batch_size, shuffle, steps_per_epoch, class_weight)
        train = sync.shard(train, training_loop=True)
        val = None
        if validation_data is not None:
            vx, vy, vsw = (tuple(validation_data) + (None, None))[:3] if isinstance(validation_data, tuple) \
                else (validation_data, None, None)
            if validation_batch_size is not None:
                data_adapter.check_batch_size(validation_batch_size, "validation_batch_size")
            val = data_adapter.make_batches(vx, vy, vsw, validation_batch_size or batch_size, False, validation_steps)
            val = sync.shard(val)
        history = History()
        cbs = _with_progbar(callbacks, bool(verbose)) + [history]
        callback_list = CallbackList(cbs, model=self, epochs=epochs, steps=train.num_batches, verbose=verbose)
        self.stop_training = False
        logs = {}
        with _stop_on_interrupt(self), sync.scope():
            callback_list.on_train_begin()
            for epoch in range(initial_epoch, epochs):
                self._variables_this_epoch = None
                self._in_fit_epoch = True
                self._reset_metrics()
                callback_list.on_epoch_begin(epoch)
                raw = None
                train_step = self._step_function("train_step")
                for step, batch in enumerate(train):
                    callback_list.on_train_batch_begin(step)
                    raw = train_step(batch)
                    callback_list.on_train_batch_end(step, self._logs(raw))
                    self.stop_training = sync.any(self.stop_training)
                    if self.stop_training:
                        break
                if raw is None and epoch > initial_epoch:
                    warnings.warn(f"fit: the input ran out of data in epoch {epoch + 1}; training stops. A generator "
                                  "or iterator must yield steps_per_epoch * epochs batches (or pass a re-iterable "
                                  "such as a list)")
                    break
                logs = sync.epoch_logs(self, self._logs(raw) if raw else {})
                if logs and "loss" in logs and not math.isfinite(logs["loss"]):
                    warnings.warn(f"fit: the loss became {logs['loss']} in epoch {epoch + 1}; "
                                  "check the learning rate and the data (TerminateOnNaN stops training on it)")
                if val is not None and (epoch + 1) % validation_freq == 0:
                    val_logs = self._run_evaluation(val, callback_list, verbose=0, sync=sync)
                    logs.update({f"val_{k}": v for k, v in val_logs.items()})
                callback_list.on_epoch_end(epoch, logs)
                if self.stop_training:
                    break
            callback_list.on_train_end(logs)
        self.history = history
        return history

    def _run_evaluation(self, batches, callback_list, verbose, sync):
        self._reset_metrics()
        callback_list.on_test_begin()
        raw = {}
        test_step = self._step_function("test_step")
        for step, batch in enumerate(batches):
            callback_list.on_test_batch_begin(step)
            raw = test_step(batch)
            callback_list.on_test_batch_end(step, self._logs(raw))
        logs = sync.epoch_logs(self, self._logs(raw) if raw else {})
        callback_list.on_test_end(logs)
        return logs

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None, steps=None,
                 callbacks=None, return_dict=False, **kwargs):
        """The loss and metrics on the data: a scalar loss if there are no metrics,
        otherwise ``[loss, *metrics]`` in ``metrics_names`` order (or a dict with
        ``return_dict=True``)."""
        self._require_compiled("evaluate")
        self._check_inputs(x)
        sync = distribute_context.training_sync(self, training=False)
        verbose = (1 if verbose == "auto" else int(verbose)) if sync.is_chief else 0
        batches = sync.shard(data_adapter.make_batches(x, y, sample_weight, batch_size, False, steps))
        cbs = _with_progbar(callbacks, verbose == 1)
        callback_list = CallbackList(cbs, model=self, steps=batches.num_batches, verbose=verbose, mode="evaluate")
        with sync.scope():
            logs = self._run_evaluation(batches, callback_list, verbose, sync)
        if return_dict:
            return logs
        return self._as_list(logs)

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None, **kwargs):
        """The model's outputs on X as NumPy arrays, computed batch by batch."""
        self._check_inputs(x)
        verbose = 1 if verbose == "auto" else int(verbose)
        batches = data_adapter.make_batches(x, None, None, batch_size, False, steps)
        cbs = _with_progbar(callbacks, verbose == 1)
        callback_list = CallbackList(cbs, model=self, steps=batches.num_batches, verbose=verbose)
        callback_list.on_predict_begin()
        outputs = []
        predict_step = self._step_function("predict_step")
        for step, batch in enumerate(batches):
            callback_list.on_predict_batch_begin(step)
            out = predict_step(batch)
            outputs.append(out)
            callback_list.on_predict_batch_end(step, {"outputs": out})
        callback_list.on_predict_end()
        if not outputs:
            raise ValueError("predict received no data")
        first = outputs[0]
        if isinstance(first, (list, tuple)):
            return [np.concatenate([np.asarray(o[i]) for o in outputs]) for i in range(len(first))]
        if isinstance(first, dict):
            return {k: np.concatenate([np.asarray(o[k]) for o in outputs]) for k in first}
        return np.concatenate([np.asarray(o) for o in outputs])

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
        """One training step on one batch; returns the loss (and metrics)."""
        self._require_compiled("train_on_batch")
        if class_weight is not None:
            sample_weight = data_adapter.class_sample_weights(y, sample_weight, class_weight)
        self._reset_metrics()
        logs = self._logs(self._step_function("train_step")(data_adapter.single_batch(x, y, sample_weight)))
        return logs if return_dict else self._as_list(logs)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        """The loss (and metrics) on one batch, without training."""
        self._require_compiled("test_on_batch")
        self._reset_metrics()
        logs = self._logs(self._step_function("test_step")(data_adapter.single_batch(x, y, sample_weight)))
        return logs if return_dict else self._as_list(logs)

    def predict_on_batch(self, x):
        """The model's output on one batch, as NumPy."""
        out = self._step_function("predict_step")(data_adapter.single_batch(x))
        if isinstance(out, (list, tuple)):
            return [np.asarray(o) for o in out]
        if isinstance(out, dict):
            return {k: np.asarray(o) for k, o in out.items()}
        return np.asarray(out)

    def _as_list(self, logs):
        """LOGS as a list in ``metrics_names`` order, then any other key in sorted order; a
        single value alone."""
        names = [n for n in self.metrics_names if n in logs]
        taken = set(names)
        values = [logs[n] for n in names] + [logs[k] for k in sorted(logs) if k not in taken]
        return values[0] if len(values) == 1 else values
