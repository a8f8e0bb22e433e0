"""Every registered op, called with random wrong arguments, raises a Python error and never
crashes the interpreter (a crash fails the whole run). Deterministic: a fixed seed."""
import random

import numpy as np
import pytest

import eigenflow as tf
from eigenflow import _core

ALLOWED = (tf.errors.OpError, ValueError, TypeError, IndexError, MemoryError, NotImplementedError, OverflowError)


def _values():
    return [
        np.float32(1.5), 3, -1, 0, True, None, "x", [1, 2], [[1, 2], [3]], (2, -3), [2 ** 40],
        np.zeros((0, 3), np.float32), np.ones((2, 3), np.float32), np.ones((2, 3), np.int32),
        np.ones((4,), np.int64), np.ones((1, 5, 5, 2), np.float32), np.ones((3, 3, 2, 4), np.float32),
        np.array([True, False]), np.ones((2, 2, 2), np.float64), np.arange(6).reshape(2, 3),
        np.full((2,), -5, np.int32), np.full((3,), 10 ** 6, np.int64), np.ones(()),
        _core.symbolic([None, 3], tf.float32), 1e30, -1e30, float("nan"),
    ]


@pytest.mark.parametrize("name", sorted(_core.op_exports))
def test_wrong_arguments_raise_errors(name):
    rng = random.Random(name)
    values = _values()
    fn = getattr(_core.ops, name)
    info = _core.op_info(name)
    n_params = len(info["inputs"]) + len(info["attrs"])
    for _ in range(40):
        args = [rng.choice(values) for _ in range(rng.randint(0, min(n_params, 6)))]
        try:
            fn(*args)
        except ALLOWED:
            pass
