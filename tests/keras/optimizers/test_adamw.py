import inspect

import pytest

import eigenflow as tf
from . import reference
from .testing import check_config_round_trip, run_steps


def test_defaults():
    params = inspect.signature(tf.keras.optimizers.AdamW).parameters
    assert list(params)[:6] == ["learning_rate", "weight_decay", "beta_1", "beta_2", "epsilon", "amsgrad"]
    assert [params[k].default for k in list(params)[:6]] == [0.001, 0.004, 0.9, 0.999, 1e-07, False]
    opt = tf.keras.optimizers.AdamW()
    assert opt.name == "adamw" and opt.weight_decay == 0.004
    assert isinstance(opt, tf.keras.optimizers.Adam)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_steps_match_formula(dtype):
    opt = tf.keras.optimizers.AdamW(learning_rate=0.05, weight_decay=0.1)
    run_steps(opt, reference.adam, {}, 0.05, dtype, weight_decay=0.1)


def test_weight_decay_none_is_an_error():
    with pytest.raises(ValueError, match="AdamW: `weight_decay` must be a float"):
        tf.keras.optimizers.AdamW(weight_decay=None)


def test_exclude_from_weight_decay():
    kernel = tf.Variable([1.0], name="dense/kernel")
    bias = tf.Variable([1.0], name="dense/bias")
    other = tf.Variable([1.0], name="other")
    opt = tf.keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
    opt.exclude_from_weight_decay(var_list=[other], var_names=["bias"])
    zero = tf.constant([0.0])
    opt.apply_gradients([(zero, kernel), (zero, bias), (zero, other)])
    assert kernel.numpy()[0] == pytest.approx(0.95)
    assert bias.numpy()[0] == 1.0 and other.numpy()[0] == 1.0
    with pytest.raises(ValueError, match="before the optimizer updates"):
        opt.exclude_from_weight_decay(var_names=["kernel"])


def test_config_round_trip():
    opt = tf.keras.optimizers.AdamW(learning_rate=0.01, weight_decay=0.02)
    assert opt.get_config()["weight_decay"] == 0.02
    check_config_round_trip(opt)
