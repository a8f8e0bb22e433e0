import inspect

import numpy as np
import pytest

import eigenflow as tf
from . import reference
from .testing import check_config_round_trip, run_steps


def test_defaults():
    params = inspect.signature(tf.keras.optimizers.Adam).parameters
    assert list(params)[:5] == ["learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad"]
    assert [params[k].default for k in list(params)[:5]] == [0.001, 0.9, 0.999, 1e-07, False]
    opt = tf.keras.optimizers.Adam()
    assert opt.name == "adam"
    assert opt.learning_rate.numpy() == pytest.approx(0.001)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("hyper", [{}, {"beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-3}, {"amsgrad": True}])
def test_steps_match_formula(dtype, hyper):
    opt = tf.keras.optimizers.Adam(learning_rate=0.01, **hyper)
    run_steps(opt, reference.adam, hyper, 0.01, dtype)


def test_first_step_hand_computed():
    # step 1: m = 0.1 g, v = 0.001 g^2, alpha = lr sqrt(0.001) / 0.1, so the step is ~lr sign(g)
    v = tf.Variable([1.0, -1.0])
    tf.keras.optimizers.Adam(learning_rate=0.5).apply_gradients([(tf.constant([3.0, -2.0]), v)])
    np.testing.assert_allclose(v.numpy(), [0.5, -0.5], rtol=1e-5)


def test_variables_order_and_names():
    w = tf.Variable(np.ones((2, 3), "float32"), name="dense/kernel")
    b = tf.Variable(np.zeros(3, "float32"), name="dense/bias")
    opt = tf.keras.optimizers.Adam(amsgrad=True)
    opt.apply_gradients([(tf.ones((2, 3)), w), (tf.ones(3), b)])
    assert [v.name for v in opt.variables] == [
        "iteration:0", "learning_rate:0",
        "dense_kernel_momentum:0", "dense_kernel_velocity:0", "dense_bias_momentum:0", "dense_bias_velocity:0",
        "dense_kernel_velocity_hat:0", "dense_bias_velocity_hat:0"]
    assert all(not v.trainable for v in opt.variables)
    np.testing.assert_allclose(opt.variables[2].numpy(), 0.1 * np.ones((2, 3)), rtol=1e-6)  # m after one step


@pytest.mark.parametrize("kwargs, match", [
    ({"beta_1": 1.0}, "Adam: `beta_1` must be a float in \\[0, 1\\)"),
    ({"beta_2": -0.1}, "Adam: `beta_2`"),
    ({"epsilon": -1.0}, "Adam: `epsilon`"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        tf.keras.optimizers.Adam(**kwargs)


def test_config_round_trip():
    opt = tf.keras.optimizers.Adam(learning_rate=0.01, beta_1=0.8, amsgrad=True, global_clipnorm=2.0)
    config = opt.get_config()
    assert {k: config[k] for k in ("beta_1", "beta_2", "epsilon", "amsgrad")} == {
        "beta_1": 0.8, "beta_2": 0.999, "epsilon": 1e-07, "amsgrad": True}
    assert set(config) == {"name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue",
                           "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
                           "gradient_accumulation_steps", "beta_1", "beta_2", "epsilon", "amsgrad"}
    check_config_round_trip(opt)
