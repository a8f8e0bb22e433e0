import inspect

import numpy as np
import pytest

import eigenflow as tf
from . import reference
from .testing import check_config_round_trip, run_steps


def test_defaults():
    params = inspect.signature(tf.keras.optimizers.RMSprop).parameters
    assert list(params)[:5] == ["learning_rate", "rho", "momentum", "epsilon", "centered"]
    assert [params[k].default for k in list(params)[:5]] == [0.001, 0.9, 0.0, 1e-07, False]
    assert tf.keras.optimizers.RMSprop().name == "rmsprop"


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("hyper", [{}, {"momentum": 0.9}, {"centered": True}, {"rho": 0.5, "momentum": 0.3,
                                                                                 "centered": True}])
def test_steps_match_formula(dtype, hyper):
    opt = tf.keras.optimizers.RMSprop(learning_rate=0.01, **hyper)
    run_steps(opt, reference.rmsprop, hyper, 0.01, dtype)


def test_keras_docstring_example():
    v = tf.Variable(10.0)
    opt = tf.keras.optimizers.RMSprop(learning_rate=0.1)
    opt.minimize(lambda: (v ** 2) / 2.0, [v])
    assert float(v) == pytest.approx(9.683772, rel=1e-6)


def test_slot_groups_follow_keras_order():
    a = tf.Variable(np.ones(2, "float32"), name="a")
    b = tf.Variable(np.ones(3, "float32"), name="b")
    opt = tf.keras.optimizers.RMSprop(momentum=0.5, centered=True)
    opt.apply_gradients([(tf.ones(2), a), (tf.ones(3), b)])
    assert [v.name for v in opt.variables][2:] == [
        "a_velocity:0", "b_velocity:0", "a_momentum:0", "b_momentum:0", "a_average_gradient:0",
        "b_average_gradient:0"]


@pytest.mark.parametrize("kwargs, match", [({"rho": 1.5}, "`rho`"), ({"momentum": -1.0}, "`momentum`"),
                                           ({"epsilon": -1.0}, "`epsilon`")])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match="RMSprop: " + match):
        tf.keras.optimizers.RMSprop(**kwargs)


def test_config_round_trip():
    opt = tf.keras.optimizers.RMSprop(rho=0.8, momentum=0.1, centered=True)
    assert {k: opt.get_config()[k] for k in ("rho", "momentum", "epsilon", "centered")} == {
        "rho": 0.8, "momentum": 0.1, "epsilon": 1e-07, "centered": True}
    check_config_round_trip(opt)
