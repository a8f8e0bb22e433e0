import inspect

import pytest

import eigenflow as tf
from . import reference
from .testing import check_config_round_trip, run_steps


def test_defaults():
    params = inspect.signature(tf.keras.optimizers.Adadelta).parameters
    assert list(params)[:3] == ["learning_rate", "rho", "epsilon"]
    assert [params[k].default for k in list(params)[:3]] == [0.001, 0.95, 1e-07]
    assert tf.keras.optimizers.Adadelta().name == "adadelta"


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("hyper", [{}, {"rho": 0.5, "epsilon": 1e-4}])
def test_steps_match_formula(dtype, hyper):
    opt = tf.keras.optimizers.Adadelta(learning_rate=1.0, **hyper)
    run_steps(opt, reference.adadelta, hyper, 1.0, dtype)


def test_slot_names():
    v = tf.Variable([1.0], name="w")
    opt = tf.keras.optimizers.Adadelta()
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert [x.name for x in opt.variables][2:] == ["w_accumulated_grad:0", "w_accumulated_delta_var:0"]


def test_bad_rho():
    with pytest.raises(ValueError, match="Adadelta: `rho` must be a float in \\[0, 1\\]"):
        tf.keras.optimizers.Adadelta(rho=2.0)


def test_config_round_trip():
    check_config_round_trip(tf.keras.optimizers.Adadelta(learning_rate=1.0, rho=0.9))
