"""``tf.function``: a Python function traced once per input signature into a graph of ops
that later calls run in C++ (cpp/graph/), without running the Python again.

How tracing works here: the first call with a new signature runs the function eagerly
while a recorder writes down every op it runs (the forward pass, a GradientTape's backward
pass, optimizer updates, Variable assignments, random draws), with each input resolved to
an argument, an earlier op's result, a Variable (read by reference when the graph runs) or
a constant. That run's results are the call's results; later calls replay the graph.

What differs from TensorFlow: there is no AutoGraph. Python control flow runs once, while
tracing: a Python loop over a static range unrolls, and an ``if`` or ``while`` on a traced
tensor's value raises ``OperatorNotAllowedInGraphError`` naming the line, since its outcome
would otherwise be baked into the graph. Use ``tf.cond`` and ``tf.while_loop``.
"""
import functools
import threading
import inspect
import os
import warnings
import weakref

import numpy as np

from .. import _core
from ..errors import OperatorNotAllowedInGraphError
from . import nest
from .tensor_spec import TensorSpec

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Traces after which a function warns that it keeps retracing.
_RETRACE_WARNING_AT = 5


class _Settings:
    run_eagerly = False


class _TraceState:
    """What the innermost function being traced has done so far."""

    def __init__(self, function):
        self.function = function
        self.created_variables = 0


class _ThreadState(threading.local):
    def __init__(self):
        self.tracing = []  # _TraceState of the functions this thread is tracing, innermost last


_THREAD = _ThreadState()


def run_functions_eagerly(run_eagerly):
    """Makes every ``tf.function`` run its Python eagerly (True) instead of its graph, to debug."""
    _Settings.run_eagerly = bool(run_eagerly)


def functions_run_eagerly():
    """Whether ``tf.function``s run eagerly (see ``run_functions_eagerly``)."""
    return _Settings.run_eagerly


def executing_eagerly():
    """False while a ``tf.function`` is being traced, True otherwise.

    Example:
        >>> import eigenflow as tf
        >>> tf.executing_eagerly()
        True
        >>> tf.function(lambda: tf.executing_eagerly())()
        False
    """
    return not _THREAD.tracing


def inside_function():
    """True while a ``tf.function`` is being traced."""
    return bool(_THREAD.tracing)


def init_scope():
    """A context in which ops run eagerly even while a function is traced (for creating and
    initialising Variables once).

    Example:
        >>> import eigenflow as tf
        >>> made = []
        >>> @tf.function
        ... def f(x):
        ...     with tf.init_scope():  # runs once, eagerly: no op of it enters the graph
        ...         if not made:
        ...             made.append(tf.Variable(10.0))
        ...     return x + made[0]
        >>> f(tf.constant(1.0)).numpy().item()
        11.0
    """
    return _core.PauseRecording()


def note_variables_created(count):
    """Called for each new ``tf.Variable``: a function that creates Variables on every call
    is an error."""
    if _THREAD.tracing:
        _THREAD.tracing[-1].created_variables += count


def _is_tensor(x):
    return isinstance(x, _core.Tensor)


def _user_frame(tb):
    """The innermost traceback frame outside eigenflow: the user's line that failed."""
    found = None
    while tb is not None:
        if not os.path.abspath(tb.tb_frame.f_code.co_filename).startswith(_PACKAGE_DIR):
            found = tb
        tb = tb.tb_next
    return found


def _explain_traced_read(error, name):
    where = ""
    frame = _user_frame(error.__traceback__)
    if frame is not None:
        import linecache
        code = frame.tb_frame.f_code
        line = linecache.getline(code.co_filename, frame.tb_lineno).strip()
        where = f" at {os.path.basename(code.co_filename)}:{frame.tb_lineno}" + (f" (`{line}`)" if line else "")
    return OperatorNotAllowedInGraphError(
        f"{error} in tf.function '{name}'{where}. eigenflow traces a function by running its Python once, "
        "without AutoGraph, so an `if`, `while`, bool(), float() or .numpy() cannot depend on a value the graph "
        "computes: use tf.cond or tf.while_loop (or tf.config.run_functions_eagerly(True) to debug).")


class _Trace:
    """One traced graph and how to rebuild the Python structure of its results."""

    def __init__(self, graph, output_structure, output_is_tensor, output_constants):
        self.graph = graph
        single = isinstance(output_structure, _core.Tensor)
        self.output_structure = None if single else output_structure
        self.output_is_tensor = output_is_tensor
        self.output_constants = output_constants
        # A dict of tensors (fit's logs), rebuilt without walking the structure: its keys in
        # the order the graph returns their values (nest's sorted order), and where each key
        # of the dict's own order finds its value.
        self.dict_keys = None
        if type(output_structure) is dict and all(output_is_tensor) and not any(
                isinstance(v, (dict, list, tuple)) for v in output_structure.values()):
            flat_keys = sorted(output_structure)
            self.dict_keys = (tuple(output_structure), tuple(map(flat_keys.index, output_structure)))
        # Set when the trace created Variables: the next call traces again to check that
        # the function creates them on its first call only.
        self.check_variables = False

    def with_graph(self, graph):
        """This trace with GRAPH in place of its graph (the same step bound to other Variables)."""
        other = _Trace.__new__(_Trace)
        other.__dict__.update(self.__dict__)
        other.graph = graph
        return other

    def call(self, tensors):
        if self.output_structure is None:  # one tensor, the common case: no structure to rebuild
            return self.graph.run(tensors)[0]
        if self.dict_keys is not None:
            keys, positions = self.dict_keys
            values = self.graph.run(tensors)
            return {k: values[i] for k, i in zip(keys, positions)}
        values = iter(self.graph.run(tensors))
        flat = [next(values) if is_tensor else constant
                for is_tensor, constant in zip(self.output_is_tensor, self.output_constants)]
        return nest.pack_sequence_as(self.output_structure, flat)


class ConcreteFunction:
    """A function traced for one input signature; call it with tensors of that signature."""

    def __init__(self, function, trace, specs):
        self._function = function
        self._trace = trace
        self.structured_input_signature = specs

    @property
    def graph(self):
        return self._trace.graph

    def __call__(self, *args):
        tensors = [_core.convert_to_tensor(a) for a in nest.flatten(list(args))]
        if len(tensors) != len(self.structured_input_signature) or not all(
                s.is_compatible_with(t) for s, t in zip(self.structured_input_signature, tensors)):
            received = [f"{t.dtype.name}{tuple(t.shape)}" for t in tensors]
            raise TypeError(f"the concrete function of '{self._function.__name__}' expects "
                            f"{list(self.structured_input_signature)}, received {received}")
        return self._trace.call(tensors)


class Function:
    """A callable that traces ``python_function`` once per input signature into a graph.

    Made by ``tf.function``; see its docstring.
    """

    def __init__(self, python_function, input_signature=None, reduce_retracing=False, jit_compile=None,
                 name=None, eager_fallback=False, sharing=None):
        self._python_function = python_function
        self._input_signature = None if input_signature is None else self._check_signature(input_signature)
        self._reduce_retracing = bool(reduce_retracing)
        self._jit_compile = jit_compile
        self._name = name or getattr(python_function, "__name__", "function")
        # With eager_fallback (fit's steps), a function whose Python reads traced values runs
        # eagerly from then on, as if it had never been traced (Variables are put back).
        self._eager_fallback = eager_fallback
        self._eager_only = False
        # fit's steps also run the first call of each signature eagerly and trace on the
        # second: the first batch waits for no trace, and a shape met once (a one-batch fit,
        # an epoch's short last batch) is never traced.
        self._called_eagerly = set() if eager_fallback else None
        # fit's steps also look for a step a model of the same architecture traced, and share
        # theirs (keras/models/shared_steps.py): find(batch key), share(batch key, trace).
        self._sharing = sharing
        self._traces = {}
        # Calls whose arguments are tensors, or tuples and lists of tensors (fit's batches),
        # by their structure and each tensor's (dtype, shape, is Variable): the trace found
        # for them before, so a repeated call skips building the full signature.
        self._by_tensor_shapes = {}
        self._tracing_count = 0
        self._warned = False
        self._bound = None  # made on the first __get__: most Functions are not methods
        self._bound_by_id = {}
        functools.update_wrapper(self, python_function)

    @property
    def python_function(self):
        return self._python_function

    @property
    def input_signature(self):
        return self._input_signature

    def experimental_get_tracing_count(self):
        """How many times the function has been traced."""
        return self._tracing_count

    def __get__(self, instance, owner):
        # On a method: one Function per instance, so traces are kept with their object.
        if instance is None:
            return self
        try:
            hash(instance)
            if self._bound is None:
                self._bound = weakref.WeakKeyDictionary()
            cache, key = self._bound, instance
        except TypeError:  # unhashable: kept by id for the life of this Function
            cache, key = self._bound_by_id, id(instance)
        bound = cache.get(key)
        if bound is None:
            bound = Function(self._python_function.__get__(instance, owner), self._input_signature,
                             self._reduce_retracing, self._jit_compile, self._name, self._eager_fallback)
            cache[key] = bound
        return bound

    def __call__(self, *args, **kwargs):
        if _Settings.run_eagerly or self._eager_only:
            return self._python_function(*args, **kwargs)
        fast_key, flat = (None, None) if kwargs else _core.tensor_shapes_key(args)
        # The fast key stands for the full signature in deciding a first eager call when it
        # determines it: without input_signature or reduce_retracing.
        fast_key_is_signature = fast_key is not None and self._input_signature is None and not self._reduce_retracing
        if fast_key is not None:
            trace = self._by_tensor_shapes.get(fast_key)
            if trace is None and self._sharing is not None:
                trace = self._sharing.find(fast_key)
                if trace is not None:
                    self._by_tensor_shapes[fast_key] = trace
            if trace is not None:
                return trace.call(flat)
            if fast_key_is_signature and self._first_eager_call(fast_key):
                return self._python_function(*args)
        if self._input_signature is not None:
            args, kwargs = self._conform(args, kwargs), {}
        key, tensors, structure = self._signature(args, kwargs)
        trace = self._traces.get(key)
        if trace is not None and not trace.check_variables:
            if fast_key is not None:
                self._by_tensor_shapes[fast_key] = trace
            return trace.call(tensors)
        if not fast_key_is_signature and self._first_eager_call(key):
            return self._python_function(*args, **kwargs)
        result = self._trace(key, tensors, structure, checking=trace is not None)
        traced = self._traces.get(key)
        if self._sharing is not None and fast_key is not None and traced is not None and not traced.check_variables:
            shared = self._sharing.share(fast_key, traced)
            if shared is not None:
                self._traces[key] = self._by_tensor_shapes[fast_key] = shared
        return result

    def _first_eager_call(self, key):
        """Whether this call runs eagerly as the first of its signature KEY (eager_fallback)."""
        if self._called_eagerly is None or key in self._called_eagerly:
            return False
        self._called_eagerly.add(key)
        return True

    def get_concrete_function(self, *args, **kwargs):
        """The function traced for ARGS (tensors, or ``tf.TensorSpec``s for tensor arguments)."""
        if self._input_signature is not None and not args and not kwargs:
            args = tuple(self._input_signature)
        structure = (list(args), kwargs)
        leaves = nest.flatten(structure)
        if any(isinstance(x, TensorSpec) for x in leaves):
            leaves = [_placeholder_value(x) if isinstance(x, TensorSpec) else x for x in leaves]
            args, kwargs = nest.pack_sequence_as(structure, leaves)
            with _restoring_variables():
                self(*args, **kwargs)
        else:
            self(*args, **kwargs)
        if self._input_signature is not None:
            args, kwargs = self._conform(args, kwargs), {}
        key, tensors, _ = self._signature(args, kwargs)
        specs = tuple(TensorSpec.from_tensor(t) for t in tensors)
        return ConcreteFunction(self, self._traces[key], specs)

    # ---- signatures ---------------------------------------------------------------------

    def _check_signature(self, signature):
        specs = nest.flatten(list(signature))
        if not all(isinstance(s, TensorSpec) for s in specs):
            raise TypeError(f"tf.function '{getattr(self._python_function, '__name__', 'function')}': "
                            f"input_signature must be a list of tf.TensorSpec, received {signature!r}")
        return list(signature)

    def _conform(self, args, kwargs):
        """ARGS and KWARGS as the tensors the input_signature describes, checked."""
        if kwargs:
            params = list(inspect.signature(self._python_function).parameters)
            args = list(args) + [kwargs[p] for p in params[len(args):] if p in kwargs]
        signature = self._input_signature
        if len(args) != len(signature):
            raise TypeError(f"tf.function '{self._name}' takes {len(signature)} arguments by its input_signature, "
                            f"received {len(args)}")
        out = []
        for i, (spec, value) in enumerate(zip(signature, args)):
            flat_specs, flat_values = nest.flatten(spec), nest.flatten(value)
            if len(flat_specs) != len(flat_values):
                raise TypeError(f"tf.function '{self._name}': argument {i} does not match the structure of "
                                f"input_signature {spec!r}")
            tensors = []
            for s, v in zip(flat_specs, flat_values):
                t = v if _is_tensor(v) else _core.convert_to_tensor(v, dtype=s.dtype)
                if not s.is_compatible_with(t):
                    raise TypeError(f"tf.function '{self._name}': argument {i} must match {s!r}, received a "
                                    f"{t.dtype.name} tensor of shape {tuple(t.shape)}")
                tensors.append(t)
            out.append(nest.pack_sequence_as(spec, tensors))
        return tuple(out)

    def _signature(self, args, kwargs):
        """The cache key of a call, its tensor arguments in order, and their structure."""
        structure = (list(args), dict(kwargs))
        leaves = nest.flatten(structure)
        key, tensors = [], []
        for x in leaves:
            if isinstance(x, np.ndarray):
                x = _core.convert_to_tensor(x)
            if _is_tensor(x):
                if x._is_symbolic:
                    raise TypeError(f"tf.function '{self._name}' received a symbolic tensor (a Keras Input); "
                                    "call it on data")
                shape = tuple(x.shape)
                if self._input_signature is not None or self._reduce_retracing:
                    shape = len(shape)  # one graph for every size (see the module docstring)
                key.append(("tensor", x.dtype.name, shape, x._is_variable))
                tensors.append(x)
            else:
                key.append(_python_key(x))
        key.append(_structure_key(structure))
        return tuple(key), tensors, structure

    # ---- tracing ------------------------------------------------------------------------

    def _trace(self, key, tensors, structure, checking):
        placeholders = [_core.placeholder(t) for t in tensors]
        it = iter(placeholders)
        leaves = [next(it) if _is_tensor(x) or isinstance(x, np.ndarray) else x for x in nest.flatten(structure)]
        args, kwargs = nest.pack_sequence_as(structure, leaves)
        recorder = _core.Recorder(placeholders)
        state = _TraceState(self)
        saved = _VariableValues() if self._eager_fallback else None
        _THREAD.tracing.append(state)
        recorder.open()
        try:
            result = self._python_function(*args, **kwargs)
        except OperatorNotAllowedInGraphError as e:
            if saved is None:
                raise _explain_traced_read(e, self._name) from None
            traced_failure = True
        else:
            traced_failure = False
        finally:
            recorder.close()
            _THREAD.tracing.pop()
        creates_variables_every_call = checking and state.created_variables > 0
        if saved is not None and (traced_failure or creates_variables_every_call):
            saved.restore()
            self._eager_only = True
            original_args, original_kwargs = structure
            return self._python_function(*original_args, **original_kwargs)
        if creates_variables_every_call:
            raise ValueError(f"tf.function '{self._name}' creates a tf.Variable on every call; a traced function "
                             "may create Variables on its first call only. Create them once (outside the "
                             "function, or guarded by `if self.v is None`).")
        flat = nest.flatten(result)
        is_tensor = [_is_tensor(x) for x in flat]
        graph = recorder.finish([x for x in flat if _is_tensor(x)])
        trace = _Trace(graph, result, is_tensor, [None if t else x for t, x in zip(is_tensor, flat)])
        trace.check_variables = state.created_variables > 0
        self._traces[key] = trace
        if not checking:
            self._count_trace()
        return result

    def _count_trace(self):
        self._tracing_count += 1
        if self._tracing_count > _RETRACE_WARNING_AT and not self._warned:
            self._warned = True
            warnings.warn(f"tf.function '{self._name}' has been traced {self._tracing_count} times. Each new "
                          "Python value or tensor shape in its arguments traces it again: pass tensors rather than "
                          "Python numbers, or give input_signature=[tf.TensorSpec(...)] or reduce_retracing=True.",
                          stacklevel=3)

    def __repr__(self):
        return f"<eigenflow.function {self._name}>"


def _python_key(x):
    try:
        hash(x)
    except TypeError:
        return ("id", id(x))
    if isinstance(x, (bool, int, float, str, bytes, type(None))):
        return ("value", type(x).__name__, x)
    return ("id", id(x))  # a layer, a model, a function: the same object traces once


def _structure_key(structure):
    if isinstance(structure, dict):
        return ("dict", tuple((k, _structure_key(structure[k])) for k in sorted(structure)))
    if isinstance(structure, (list, tuple)):
        return (type(structure).__name__, tuple(_structure_key(x) for x in structure))
    return None


def _placeholder_value(spec):
    shape = [1 if d is None else d for d in (spec.shape or ())]
    return _core.ops.zeros(shape, dtype=spec.dtype)


class _VariableValues:
    """The values every Variable has now, to put back after a trace that must leave no trace."""

    def __init__(self):
        from .variables import live_variables
        with _core.PauseRecording():
            self._saved = [(v, v.read_value()) for v in live_variables()]

    def restore(self):
        with _core.PauseRecording():
            for v, value in self._saved:
                v._assign(value)


class _restoring_variables:
    """Puts every Variable back after a trace on made-up values (get_concrete_function)."""

    def __enter__(self):
        self._saved = _VariableValues()

    def __exit__(self, *exc):
        self._saved.restore()


def function(func=None, input_signature=None, autograph=True, jit_compile=None, reduce_retracing=False,
             experimental_implements=None, experimental_autograph_options=None, experimental_attributes=None,
             experimental_relax_shapes=None, experimental_compile=None, experimental_follow_type_hints=None,
             name=None):
    """Compiles FUNC into a callable that runs as a graph of ops in C++ after its first call.

    The first call with a new input signature (the shapes and dtypes of tensor arguments and
    the values of other arguments) traces FUNC: its Python runs once, eagerly, while every op
    is recorded. Later calls with that signature run the recorded graph without running the
    Python again, so Python side effects (``print``, appending to a list) happen while
    tracing only; ``tf.print`` prints on every call. Variables are captured by reference.

    Args:
        func: The function (or method) to compile. Without it, returns a decorator.
        input_signature: A list of ``tf.TensorSpec`` (``None`` dimensions match any size):
            calls must match it, and one graph serves all of them.
        autograph: Accepted for compatibility; eigenflow has no AutoGraph (see the module
            docstring: use ``tf.cond`` and ``tf.while_loop``).
        jit_compile: Accepted for compatibility; the graph always runs in C++.
        reduce_retracing: Trace one graph per tensor rank and dtype instead of per shape.
        name: A name for messages.

    Returns:
        A callable ``Function``.

    Example:
        >>> import eigenflow as tf
        >>> @tf.function
        ... def f(x):
        ...     return x * 2 + 1
        >>> f(tf.constant([1.0, 2.0])).numpy().tolist()
        [3.0, 5.0]
        >>> f.experimental_get_tracing_count()
        1
    """
    reduce = bool(reduce_retracing or experimental_relax_shapes)

    def decorate(fn):
        return Function(fn, input_signature=input_signature, reduce_retracing=reduce,
                        jit_compile=jit_compile if jit_compile is not None else experimental_compile, name=name)

    return decorate if func is None else decorate(func)
