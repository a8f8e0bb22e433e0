import inspect

import numpy as np
import pytest

import eigenflow as tf
from . import reference
from .testing import check_config_round_trip, run_steps


def test_defaults():
    params = inspect.signature(tf.keras.optimizers.Adagrad).parameters
    assert list(params)[:3] == ["learning_rate", "initial_accumulator_value", "epsilon"]
    assert [params[k].default for k in list(params)[:3]] == [0.001, 0.1, 1e-07]
    assert tf.keras.optimizers.Adagrad().name.startswith("adagrad")


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("hyper", [{}, {"initial_accumulator_value": 0.5, "epsilon": 1e-3}])
def test_steps_match_formula(dtype, hyper):
    opt = tf.keras.optimizers.Adagrad(learning_rate=0.1, **hyper)
    run_steps(opt, reference.adagrad, hyper, 0.1, dtype)


def test_accumulator_starts_at_initial_value():
    v = tf.Variable(np.zeros(3, "float64"), name="v")
    opt = tf.keras.optimizers.Adagrad(initial_accumulator_value=0.25)
    opt.build([v])
    acc = opt.variables[-1]
    assert acc.name == "v_accumulator:0" and acc.dtype.name == "float64"
    np.testing.assert_array_equal(acc.numpy(), [0.25] * 3)


def test_bad_initial_accumulator_value():
    with pytest.raises(ValueError, match="Adagrad: `initial_accumulator_value` must be a non-negative float"):
        tf.keras.optimizers.Adagrad(initial_accumulator_value=-1.0)


def test_config_round_trip():
    check_config_round_trip(tf.keras.optimizers.Adagrad(initial_accumulator_value=0.3, epsilon=1e-6))
