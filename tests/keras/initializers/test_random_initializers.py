import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import initializers

N = (200, 500)


def test_random_normal_statistics():
    w = initializers.RandomNormal(mean=1.0, stddev=2.0)(N).numpy()
    assert abs(w.mean() - 1.0) < 0.03 and abs(w.std() - 2.0) < 0.03


def test_random_normal_defaults():
    init = initializers.RandomNormal()
    assert init.get_config() == {"mean": 0.0, "stddev": 0.05, "seed": None}
    assert abs(init(N).numpy().std() - 0.05) < 0.001


def test_truncated_normal_stays_within_two_stddev():
    w = initializers.TruncatedNormal(mean=0.5, stddev=1.0)(N).numpy()
    assert np.abs(w - 0.5).max() <= 2.0
    # A standard normal truncated at +-2 has stddev 0.8796.
    assert abs(w.std() - 0.8796) < 0.01
    assert initializers.TruncatedNormal().get_config() == {"mean": 0.0, "stddev": 0.05, "seed": None}


def test_random_uniform_bounds_and_statistics():
    w = initializers.RandomUniform(minval=-1.0, maxval=3.0)(N).numpy()
    assert w.min() >= -1.0 and w.max() < 3.0
    assert abs(w.mean() - 1.0) < 0.03
    assert initializers.RandomUniform().get_config() == {"minval": -0.05, "maxval": 0.05, "seed": None}


@pytest.mark.parametrize("cls", [initializers.RandomNormal, initializers.RandomUniform, initializers.TruncatedNormal])
def test_seeded_calls_repeat_and_unseeded_calls_differ(cls):
    a, b = cls(seed=7)((4, 5)).numpy(), cls(seed=7)((4, 5)).numpy()
    init = cls(seed=7)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(init((4, 5)).numpy(), init((4, 5)).numpy())
    assert not np.array_equal(a, cls(seed=8)((4, 5)).numpy())
    free = cls()
    assert not np.array_equal(free((4, 5)).numpy(), free((4, 5)).numpy())


@pytest.mark.parametrize("cls", [initializers.RandomNormal, initializers.RandomUniform, initializers.TruncatedNormal])
def test_unseeded_draws_follow_the_global_seed(cls):
    tf.random.set_seed(123)
    first = [cls()((3, 3)).numpy() for _ in range(2)]
    tf.random.set_seed(123)
    second = [cls()((3, 3)).numpy() for _ in range(2)]
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a, b)


def test_float64_and_int_dtypes():
    assert initializers.RandomNormal()((2,), dtype="float64").dtype == tf.float64
    with pytest.raises(ValueError, match="RandomUniform: only float dtypes.*int32"):
        initializers.RandomUniform()((2,), dtype="int32")


def test_bad_arguments():
    with pytest.raises(ValueError, match="RandomNormal: seed must be an int or None, received seed='a'"):
        initializers.RandomNormal(seed="a")
    with pytest.raises(ValueError, match="RandomNormal: stddev must be non-negative"):
        initializers.RandomNormal(stddev=-1.0)
    with pytest.raises(ValueError, match="RandomUniform: maxval must be >= minval"):
        initializers.RandomUniform(minval=1.0, maxval=0.0)


def test_config_round_trip():
    for init in (initializers.RandomNormal(1.0, 2.0, seed=3), initializers.RandomUniform(-2.0, 2.0, seed=1),
                 initializers.TruncatedNormal(0.1, 0.2, seed=5)):
        clone = type(init).from_config(init.get_config())
        assert clone.get_config() == init.get_config()
        np.testing.assert_array_equal(clone((3,)).numpy(), init((3,)).numpy())
