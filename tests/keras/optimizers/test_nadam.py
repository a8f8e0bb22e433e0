import inspect

import numpy as np
import pytest

import eigenflow as tf
from . import reference
from .testing import check_config_round_trip, run_steps


def test_defaults():
    params = inspect.signature(tf.keras.optimizers.Nadam).parameters
    assert list(params)[:4] == ["learning_rate", "beta_1", "beta_2", "epsilon"]
    assert [params[k].default for k in list(params)[:4]] == [0.001, 0.9, 0.999, 1e-07]
    assert tf.keras.optimizers.Nadam().name == "nadam"


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("hyper", [{}, {"beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-3}])
def test_steps_match_formula(dtype, hyper):
    opt = tf.keras.optimizers.Nadam(learning_rate=0.01, **hyper)
    _, slots = run_steps(opt, reference.nadam, hyper, 0.01, dtype)
    assert float(opt.variables[-1]) == pytest.approx(slots[0]["u_product"], rel=1e-6)


def test_u_product_is_the_last_variable():
    v = tf.Variable(np.ones(2, "float64"), name="w")
    opt = tf.keras.optimizers.Nadam()
    opt.apply_gradients([(tf.ones(2, dtype="float64"), v)])
    names = [x.name for x in opt.variables]
    assert names[2:] == ["w_momentum:0", "w_velocity:0", "u_product:0"]
    assert opt.variables[-1].dtype.name == "float64"
    assert float(opt.variables[-1]) == pytest.approx(0.9 * (1 - 0.5 * 0.96))


def test_config_round_trip():
    check_config_round_trip(tf.keras.optimizers.Nadam(learning_rate=0.002))
