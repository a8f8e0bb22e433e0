"""The op checker: every registered op is a row here, checked the same way.

A row names an op, a NumPy reference and input shapes. ``check_forward`` compares the op
with the reference in float32 and float64; ``check_gradient`` compares the tape's
gradient with central finite differences of the op itself, in float64. The registry
test (test_registry.py) fails if an op has no row, so no op can skip the checker.

    case("exp", np.exp, shapes=[(3, 4), ()])
    case("add", np.add, shapes=[((2, 3), (3,)), ((), (4,))])   # one tuple per input set
    case("reduce_sum", lambda x, axis, keepdims: x.sum(axis=..., keepdims=...),
         shapes=[(3, 4)], attrs=[{"axis": 1}, {"axis": None, "keepdims": True}])
"""
import dataclasses
from typing import Any, Callable, Optional, Sequence

import numpy as np

import eigenflow as tf
from eigenflow import _core

CASES = []


@dataclasses.dataclass
class Case:
    op: str                                # registry name
    ref: Callable                          # NumPy reference, called like the op
    shapes: Sequence[Any]                  # per run: a shape (one input) or a tuple of shapes
    attrs: Sequence[dict] = ({},)          # per run: keyword attributes
    grad: bool = True                      # check gradients (float inputs only)
    dtypes: Sequence[str] = ("float32", "float64")
    low: float = -2.0                      # inputs drawn uniformly from [low, high]
    high: float = 2.0
    make_inputs: Optional[Callable] = None  # (rng, dtype, shapes) -> list of arrays
    call: Optional[Callable] = None        # calls the op another way (a composite, an operator)
    rtol: float = 0.0                      # forward tolerance (0: by dtype)
    grad_tol: float = 1e-5
    name: str = ""

    @property
    def id(self):
        return self.name or self.op


def case(op, ref, shapes, attrs=({},), **kw):
    c = Case(op, ref, shapes, attrs=attrs if isinstance(attrs, (list, tuple)) else [attrs], **kw)
    CASES.append(c)
    return c


def _shape_list(shapes):
    """A run's shapes as a list of input shapes."""
    if isinstance(shapes, tuple) and shapes and isinstance(shapes[0], tuple):
        return list(shapes)
    return [shapes]


def inputs_for(c, dtype, shapes, seed=0):
    rng = np.random.default_rng(seed)
    if c.make_inputs:
        return c.make_inputs(rng, dtype, _shape_list(shapes))
    return [rng.uniform(c.low, c.high, size=s).astype(dtype) for s in _shape_list(shapes)]


def run_op(c, arrays, attrs):
    if c.call:
        return c.call(*[tf.constant(a) for a in arrays], **attrs)
    return getattr(_core.ops, c.op)(*[tf.constant(a) for a in arrays], **attrs)


def runs(c):
    for shapes in c.shapes:
        for attrs in c.attrs:
            yield shapes, attrs


def check_forward(c):
    for dtype in c.dtypes:
        for shapes, attrs in runs(c):
            arrays = inputs_for(c, dtype, shapes)
            got = run_op(c, arrays, attrs)
            want = c.ref(*arrays, **attrs)
            gots = got if isinstance(got, (tuple, list)) else [got]
            wants = want if isinstance(want, (tuple, list)) else [want]
            assert len(gots) == len(wants), f"{c.id}: {len(gots)} outputs, reference has {len(wants)}"
            for g, w in zip(gots, wants):
                w = np.asarray(w)
                g_np = np.asarray(g)
                assert g_np.shape == w.shape, f"{c.id} {dtype} {shapes} {attrs}: shape {g_np.shape} != {w.shape}"
                if np.issubdtype(w.dtype, np.floating):
                    rtol = c.rtol or (2e-5 if dtype == "float32" else 1e-10)
                    np.testing.assert_allclose(g_np, w, rtol=rtol, atol=rtol,
                                               err_msg=f"{c.id} {dtype} {shapes} {attrs}")
                else:
                    np.testing.assert_array_equal(g_np, w, err_msg=f"{c.id} {dtype} {shapes} {attrs}")


def _scalar_objective(c, arrays, attrs, weights):
    out = run_op(c, arrays, attrs)
    outs = out if isinstance(out, (tuple, list)) else [out]
    total = 0.0
    for o, w in zip(outs, weights):
        if w is not None:
            total += float(np.sum(np.asarray(o, dtype=np.float64) * w))
    return total


def check_gradient(c, eps=1e-6):
    """Tape gradient of sum(op(x) * w) against central differences, in float64."""
    for shapes, attrs in runs(c):
        arrays = inputs_for(c, "float64", shapes, seed=1)
        float_idx = [i for i, a in enumerate(arrays) if np.issubdtype(np.asarray(a).dtype, np.floating)]
        tensors = [tf.constant(a) for a in arrays]
        weights = _output_weights(run_op(c, arrays, attrs))
        grads = _weighted_gradient(c, tensors, attrs, weights)
        for i, g in zip(float_idx, grads):
            x = np.array(arrays[i], dtype=np.float64)
            numeric = np.zeros_like(x)
            flat = x.reshape(-1)
            for j in range(flat.size):
                orig = flat[j]
                flat[j] = orig + eps
                up = _scalar_objective(c, [x if k == i else arrays[k] for k in range(len(arrays))], attrs, weights)
                flat[j] = orig - eps
                down = _scalar_objective(c, [x if k == i else arrays[k] for k in range(len(arrays))], attrs, weights)
                flat[j] = orig
                numeric.reshape(-1)[j] = (up - down) / (2 * eps)
            analytic = np.zeros_like(x) if g is None else np.asarray(g)
            np.testing.assert_allclose(analytic, numeric, rtol=c.grad_tol * 10, atol=c.grad_tol,
                                       err_msg=f"{c.id}: gradient of input {i}, shapes {shapes}, attrs {attrs}")
        if len(float_idx) > 1:
            _check_each_input_alone(c, tensors, attrs, weights, float_idx, grads)


def _check_each_input_alone(c, tensors, attrs, weights, float_idx, together):
    """A rule may skip the inputs the tape does not ask for (a constant exponent, a loss's
    labels): each input watched alone gets what it gets with all watched (TOGETHER)."""
    for k, i in enumerate(float_idx):
        alone, = _weighted_gradient(c, tensors, attrs, weights, watched=[tensors[i]])
        want = together[k]
        if want is None or alone is None:
            assert want is None and alone is None, f"{c.id}: input {i} alone gets {alone}, with all watched {want}"
            continue
        np.testing.assert_allclose(np.asarray(alone), np.asarray(want), rtol=1e-12, atol=1e-300,
                                   err_msg=f"{c.id}: gradient of input {i} watched alone")


def family_tests(cases):
    """The forward and gradient tests of a family's rows, for a test module to expose:

        test_forward, test_gradient = family_tests(CASES)
    """
    import pytest

    @pytest.mark.parametrize("c", cases, ids=[c.id for c in cases])
    def test_forward(c):
        check_forward(c)

    grad_cases = [c for c in cases if c.grad]

    @pytest.mark.parametrize("c", grad_cases, ids=[c.id for c in grad_cases])
    def test_gradient(c):
        check_gradient(c)

    return test_forward, test_gradient


def _outputs(out):
    return list(out) if isinstance(out, (tuple, list)) else [out]


def _output_weights(out):
    """Random weights (seeded) for each float output of OUT, None for the others."""
    rng = np.random.default_rng(2)
    return [rng.normal(size=tuple(o.shape)) if o.dtype.is_floating else None for o in _outputs(out)]


def _weighted_gradient(c, tensors, attrs, weights, watched=None):
    """The gradients of sum(op(x) * w) with respect to the float inputs (or WATCHED alone)."""
    floats = [t for t in tensors if t.dtype.is_floating] if watched is None else watched
    with tf.GradientTape() as tape:
        for t in floats:
            tape.watch(t)
        outs = _outputs(c.call(*tensors, **attrs) if c.call else getattr(_core.ops, c.op)(*tensors, **attrs))
        total = tf.add_n([tf.reduce_sum(o * tf.constant(w)) for o, w in zip(outs, weights) if w is not None])
    return tape.gradient(total, floats)


def check_traced(c):
    """The op inside tf.function gives the eager results, on its tracing call and on a
    replay with other values; its gradient too, taken by a tape inside the function."""
    dtype = c.dtypes[-1]
    for shapes, attrs in runs(c):
        forward = tf.function(lambda *xs: run_op(c, xs, attrs))
        for seed in (0, 3):  # the first call traces, the second replays the graph
            arrays = inputs_for(c, dtype, shapes, seed=seed)
            tf.random.set_seed(7)
            want = _outputs(run_op(c, arrays, attrs))
            tf.random.set_seed(7)
            got = _outputs(forward(*[tf.constant(a) for a in arrays]))
            for g, w in zip(got, want):
                np.testing.assert_array_equal(np.asarray(g), np.asarray(w), err_msg=f"{c.id} traced {shapes} {attrs}")
        assert forward.experimental_get_tracing_count() == 1
        if not c.grad:
            continue
        arrays = inputs_for(c, "float64", shapes, seed=1)
        tensors = [tf.constant(a) for a in arrays]
        weights = _output_weights(run_op(c, arrays, attrs))
        want = _weighted_gradient(c, tensors, attrs, weights)
        got = tf.function(lambda *xs: _weighted_gradient(c, xs, attrs, weights))(*tensors)
        for g, w in zip(got, want):
            if w is None:
                assert g is None
            else:
                np.testing.assert_array_equal(np.asarray(g), np.asarray(w), err_msg=f"{c.id} traced gradient")
