"""Elementwise binary ops (cpp/ops/binary.cpp)."""
import numpy as np

from .harness import case, family_tests

BROADCASTS = [((3, 4), (3, 4)), ((2, 3), (3,)), ((), (4,)), ((2, 1, 3), (4, 1)), ((5,), ())]


def _away_from_zero(rng, dtype, shapes):
    a = rng.uniform(-2, 2, size=shapes[0]).astype(dtype)
    b = rng.uniform(0.5, 2, size=shapes[1]) * rng.choice([-1, 1], size=shapes[1])
    return [a, b.astype(dtype)]


def _positive_base(rng, dtype, shapes):
    return [rng.uniform(0.5, 2, size=shapes[0]).astype(dtype), rng.uniform(-2, 2, size=shapes[1]).astype(dtype)]


def _distinct(rng, dtype, shapes):
    # maximum/minimum are not differentiable where x == y: keep inputs apart.
    a = rng.uniform(-2, 2, size=shapes[0])
    b = a.mean() + rng.choice([-1, 1], size=shapes[1]) * rng.uniform(0.2, 1, size=shapes[1])
    return [a.astype(dtype), b.astype(dtype)]


def _some_zero_divisors(rng, dtype, shapes):
    # Forward only: y has zeros (the result is 0 there, even where x is inf or nan).
    a = rng.uniform(-2, 2, size=shapes[0])
    a.reshape(-1)[:1] = np.inf
    b = rng.uniform(0.5, 2, size=shapes[1]) * rng.choice([-1, 0, 1], size=shapes[1])
    b.reshape(-1)[:1] = 0
    return [a.astype(dtype), b.astype(dtype)]


def _no_nan(op):
    """NumPy's X op Y, with 0 wherever Y is 0."""
    def ref(x, y):
        with np.errstate(all="ignore"):
            return np.where(np.broadcast_to(y, np.broadcast_shapes(np.shape(x), np.shape(y))) == 0, 0, op(x, y))
    return ref


def _mod_safe(rng, dtype, shapes):
    # Keep x / y away from integers, where floormod jumps.
    y = rng.uniform(0.7, 1.5, size=shapes[1]) * rng.choice([-1, 1], size=shapes[1])
    k = rng.integers(-3, 3, size=np.broadcast_shapes(shapes[0], shapes[1]))
    frac = rng.uniform(0.2, 0.8, size=k.shape)
    x = ((k + frac) * y)
    x = x if x.shape == tuple(shapes[0]) else x.reshape(-1)[: int(np.prod(shapes[0]))].reshape(shapes[0])
    return [x.astype(dtype), y.astype(dtype)]


CASES = [
    case("add", np.add, BROADCASTS),
    case("subtract", np.subtract, BROADCASTS),
    case("multiply", np.multiply, BROADCASTS),
    case("divide", np.divide, BROADCASTS, make_inputs=_away_from_zero),
    case("divide_no_nan", np.divide, BROADCASTS, make_inputs=_away_from_zero),
    case("divide_no_nan", _no_nan(np.divide), BROADCASTS, make_inputs=_some_zero_divisors, grad=False,
         name="divide_no_nan_zeros"),
    case("multiply_no_nan", np.multiply, BROADCASTS, make_inputs=_away_from_zero),
    case("multiply_no_nan", _no_nan(np.multiply), BROADCASTS, make_inputs=_some_zero_divisors, grad=False,
         name="multiply_no_nan_zeros"),
    case("floordiv", np.floor_divide, BROADCASTS[:3], make_inputs=_away_from_zero, grad=False),
    case("floormod", np.mod, [((3, 4), (3, 4)), ((4,), ())], make_inputs=_mod_safe),
    case("pow", np.power, BROADCASTS, make_inputs=_positive_base),
    case("maximum", np.maximum, BROADCASTS, make_inputs=_distinct),
    case("minimum", np.minimum, BROADCASTS, make_inputs=_distinct),
    case("squared_difference", lambda x, y: (x - y) ** 2, BROADCASTS),
    case("equal", np.equal, BROADCASTS, grad=False),
    case("not_equal", np.not_equal, BROADCASTS, grad=False),
    case("less", np.less, BROADCASTS, grad=False),
    case("less_equal", np.less_equal, BROADCASTS, grad=False),
    case("greater", np.greater, BROADCASTS, grad=False),
    case("greater_equal", np.greater_equal, BROADCASTS, grad=False),
    case("logical_and", np.logical_and, BROADCASTS, grad=False, dtypes=("bool",),
         make_inputs=lambda rng, dt, shapes: [rng.random(s) > 0.5 for s in shapes]),
    case("logical_or", np.logical_or, BROADCASTS, grad=False, dtypes=("bool",),
         make_inputs=lambda rng, dt, shapes: [rng.random(s) > 0.5 for s in shapes]),
]

test_forward, test_gradient = family_tests(CASES)
