import inspect

import pytest

import eigenflow as tf
from . import reference
from .testing import check_config_round_trip, run_steps


def test_defaults():
    params = inspect.signature(tf.keras.optimizers.Adamax).parameters
    assert list(params)[:4] == ["learning_rate", "beta_1", "beta_2", "epsilon"]
    assert [params[k].default for k in list(params)[:4]] == [0.001, 0.9, 0.999, 1e-07]
    assert tf.keras.optimizers.Adamax().name == "adamax"


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("hyper", [{}, {"beta_1": 0.5, "beta_2": 0.8, "epsilon": 1e-3}])
def test_steps_match_formula(dtype, hyper):
    opt = tf.keras.optimizers.Adamax(learning_rate=0.01, **hyper)
    run_steps(opt, reference.adamax, hyper, 0.01, dtype)


def test_slot_names():
    v = tf.Variable([1.0], name="w")
    opt = tf.keras.optimizers.Adamax()
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert [x.name for x in opt.variables][2:] == ["w_momentum:0", "w_norm:0"]


def test_config_round_trip():
    check_config_round_trip(tf.keras.optimizers.Adamax(beta_1=0.8))
