import inspect

import pytest

import eigenflow as tf
from . import reference
from .testing import check_config_round_trip, run_steps


def test_defaults():
    opt = tf.keras.optimizers.SGD()
    params = inspect.signature(tf.keras.optimizers.SGD).parameters
    assert list(params)[:3] == ["learning_rate", "momentum", "nesterov"]
    assert (params["learning_rate"].default, params["momentum"].default, params["nesterov"].default) == (0.01, 0.0, False)
    assert opt.name == "SGD"
    assert opt.learning_rate.numpy() == pytest.approx(0.01)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("hyper", [{}, {"momentum": 0.9}, {"momentum": 0.5, "nesterov": True}])
def test_steps_match_formula(dtype, hyper):
    opt = tf.keras.optimizers.SGD(learning_rate=0.1, **hyper)
    run_steps(opt, reference.sgd, hyper, 0.1, dtype)


def test_momentum_slots_only_with_momentum():
    v = tf.Variable([1.0, 2.0], name="w")
    plain = tf.keras.optimizers.SGD()
    plain.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    assert [x.name for x in plain.variables] == ["iteration:0", "learning_rate:0"]
    heavy = tf.keras.optimizers.SGD(momentum=0.9)
    heavy.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    assert [x.name for x in heavy.variables] == ["iteration:0", "learning_rate:0", "w_momentum:0"]


@pytest.mark.parametrize("momentum", [-0.1, 1.5, "0.9", True])
def test_bad_momentum(momentum):
    with pytest.raises(ValueError, match="SGD: `momentum` must be a float in \\[0, 1\\]"):
        tf.keras.optimizers.SGD(momentum=momentum)


def test_config_round_trip():
    opt = tf.keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True, clipnorm=1.0)
    config = opt.get_config()
    assert config["momentum"] == 0.9 and config["nesterov"] is True and config["clipnorm"] == 1.0
    check_config_round_trip(opt)
