import math

import pytest

import eigenflow as tf
from eigenflow.keras.optimizers import schedules


def _values(schedule, steps):
    return [float(schedule(t)) for t in steps]


def test_exponential_decay():
    s = schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    assert _values(s, [0, 5, 10, 20]) == pytest.approx([0.1, 0.1 * 0.5 ** 0.5, 0.05, 0.025], rel=1e-6)
    stairs = schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5, staircase=True)
    assert _values(stairs, [0, 9, 10, 19, 20]) == pytest.approx([0.1, 0.1, 0.05, 0.05, 0.025], rel=1e-6)
    out = s(tf.Variable(3, dtype="int64"))
    assert out.dtype.name == "float32" and out.shape == ()


def test_piecewise_constant_decay():
    s = schedules.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])
    assert _values(s, [0, 10, 11, 20, 21, 1000]) == pytest.approx([1.0, 1.0, 0.5, 0.5, 0.1, 0.1])
    with pytest.raises(ValueError, match="length of `boundaries` should be 1 less"):
        schedules.PiecewiseConstantDecay([10], [1.0])
    with pytest.raises(ValueError, match="must be increasing"):
        schedules.PiecewiseConstantDecay([20, 10], [1.0, 0.5, 0.1])


def test_cosine_decay():
    s = schedules.CosineDecay(1.0, decay_steps=10, alpha=0.1)
    expected = [0.9 * 0.5 * (1 + math.cos(math.pi * min(t, 10) / 10)) + 0.1 for t in (0, 3, 10, 15)]
    assert _values(s, [0, 3, 10, 15]) == pytest.approx(expected, rel=1e-6)


def test_cosine_decay_with_warmup():
    s = schedules.CosineDecay(0.0, decay_steps=10, warmup_target=1.0, warmup_steps=5)
    assert _values(s, [0, 1, 5]) == pytest.approx([0.0, 0.2, 1.0], abs=1e-7)
    assert float(s(10)) == pytest.approx(0.5 * (1 + math.cos(math.pi * 0.5)), rel=1e-6)
    assert float(s(100)) == pytest.approx(0.0, abs=1e-7)


def test_inverse_time_decay():
    s = schedules.InverseTimeDecay(1.0, decay_steps=2, decay_rate=0.5)
    assert _values(s, [0, 1, 2, 4]) == pytest.approx([1.0, 1 / 1.25, 1 / 1.5, 0.5], rel=1e-6)
    stairs = schedules.InverseTimeDecay(1.0, decay_steps=2, decay_rate=0.5, staircase=True)
    assert _values(stairs, [1, 2, 3]) == pytest.approx([1.0, 1 / 1.5, 1 / 1.5], rel=1e-6)


@pytest.mark.parametrize("cls", [schedules.ExponentialDecay, schedules.InverseTimeDecay])
def test_decay_steps_must_be_positive(cls):
    with pytest.raises(ValueError, match=f"{cls.__name__}: `decay_steps` must be > 0"):
        cls(0.1, decay_steps=0, decay_rate=0.5)


@pytest.mark.parametrize("schedule", [
    schedules.ExponentialDecay(0.1, 100, 0.96, staircase=True),
    schedules.PiecewiseConstantDecay([5], [0.1, 0.01]),
    schedules.CosineDecay(0.1, 1000, alpha=0.01, warmup_target=0.2, warmup_steps=10),
    schedules.InverseTimeDecay(0.1, 10, 0.5),
])
def test_config_round_trip(schedule):
    config = schedules.serialize(schedule)
    assert config["module"] == "keras.optimizers.schedules"
    assert config["class_name"] == type(schedule).__name__
    restored = schedules.deserialize(config)
    assert type(restored) is type(schedule) and restored.get_config() == schedule.get_config()
    keras2 = schedules.deserialize({"class_name": config["class_name"], "config": config["config"]})
    assert _values(keras2, [0, 7, 50]) == _values(schedule, [0, 7, 50])


def test_custom_schedule_in_an_optimizer():
    class Halving(schedules.LearningRateSchedule):
        def __call__(self, step):
            return 1.0 / 2.0 ** float(step)

        def get_config(self):
            return {}

    opt = tf.keras.optimizers.SGD(learning_rate=Halving())
    v = tf.Variable([0.0])
    for _ in range(3):
        opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == pytest.approx(-1.75)
    with pytest.raises(NotImplementedError, match="must override `__call__"):
        schedules.LearningRateSchedule()(0)


def test_keras_defaults():
    import inspect

    assert str(inspect.signature(schedules.ExponentialDecay)) == \
        "(initial_learning_rate, decay_steps, decay_rate, staircase=False, name='ExponentialDecay')"
    assert str(inspect.signature(schedules.PiecewiseConstantDecay)) == "(boundaries, values, name='PiecewiseConstant')"
    assert str(inspect.signature(schedules.CosineDecay)) == \
        "(initial_learning_rate, decay_steps, alpha=0.0, name='CosineDecay', warmup_target=None, warmup_steps=0)"
    assert str(inspect.signature(schedules.InverseTimeDecay)) == \
        "(initial_learning_rate, decay_steps, decay_rate, staircase=False, name='InverseTimeDecay')"
