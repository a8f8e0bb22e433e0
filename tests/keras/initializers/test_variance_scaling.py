import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import initializers
from eigenflow.keras.initializers import compute_fans


@pytest.mark.parametrize("shape, fans", [
    ((), (1, 1)), ((5,), (5, 5)), ((784, 64), (784, 64)),
    ((3, 4, 8), (12, 24)), ((3, 3, 16, 32), (144, 288)), ((2, 2, 2, 3, 4), (24, 32)),
])
def test_compute_fans(shape, fans):
    assert compute_fans(shape) == fans


def test_he_normal_stddev_on_a_dense_kernel():
    w = initializers.HeNormal()((784, 64)).numpy()
    assert abs(w.std() - np.sqrt(2.0 / 784)) < 0.01
    assert abs(w.std() - np.sqrt(2.0 / 784)) / np.sqrt(2.0 / 784) < 0.03
    # truncated at 2 stddev of the (widened) normal
    assert np.abs(w).max() <= 2 * np.sqrt(2.0 / 784) / 0.87962566103423978 + 1e-6


@pytest.mark.parametrize("cls, limit", [
    (initializers.GlorotUniform, np.sqrt(6.0 / (784 + 64))),
    (initializers.HeUniform, np.sqrt(6.0 / 784)),
    (initializers.LecunUniform, np.sqrt(3.0 / 784)),
])
def test_uniform_limits(cls, limit):
    w = cls()((784, 64)).numpy()
    assert np.abs(w).max() <= limit
    assert np.abs(w).max() > 0.99 * limit
    assert abs(w.std() - limit / np.sqrt(3)) < 0.02 * limit


@pytest.mark.parametrize("cls, std", [
    (initializers.GlorotNormal, np.sqrt(2.0 / (300 + 200))),
    (initializers.LecunNormal, np.sqrt(1.0 / 300)),
    (initializers.HeNormal, np.sqrt(2.0 / 300)),
])
def test_normal_stddevs(cls, std):
    w = cls(seed=1)((300, 200)).numpy()
    assert abs(w.std() - std) < 0.03 * std


def test_conv_kernel_fans():
    w = initializers.HeUniform()((3, 3, 16, 32)).numpy()
    limit = np.sqrt(6.0 / (3 * 3 * 16))
    assert np.abs(w).max() <= limit and np.abs(w).max() > 0.99 * limit


@pytest.mark.parametrize("mode, n", [("fan_in", 400), ("fan_out", 100), ("fan_avg", 250)])
def test_variance_scaling_modes(mode, n):
    w = initializers.VarianceScaling(scale=3.0, mode=mode, distribution="untruncated_normal", seed=2)((400, 100))
    assert abs(w.numpy().std() - np.sqrt(3.0 / n)) < 0.03 * np.sqrt(3.0 / n)


def test_normal_means_truncated_normal():
    init = initializers.VarianceScaling(distribution="normal")
    assert init.distribution == "truncated_normal"
    assert initializers.VarianceScaling(distribution="Uniform").distribution == "uniform"


def test_variance_scaling_defaults_and_configs():
    assert initializers.VarianceScaling().get_config() == {
        "scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal", "seed": None}
    assert initializers.GlorotUniform(seed=4).get_config() == {"seed": 4}
    he = initializers.HeNormal()
    assert (he.scale, he.mode, he.distribution) == (2.0, "fan_in", "truncated_normal")
    glorot = initializers.GlorotUniform()
    assert (glorot.scale, glorot.mode, glorot.distribution) == (1.0, "fan_avg", "uniform")
    clone = initializers.HeUniform.from_config(initializers.HeUniform(seed=9).get_config())
    np.testing.assert_array_equal(clone((3, 4)).numpy(), initializers.HeUniform(seed=9)((3, 4)).numpy())


def test_seeded_reproducibility_and_global_seed():
    a = initializers.GlorotUniform(seed=11)((5, 6)).numpy()
    np.testing.assert_array_equal(a, initializers.GlorotUniform(seed=11)((5, 6)).numpy())
    tf.random.set_seed(5)
    b = initializers.GlorotNormal()((5, 6)).numpy()
    tf.random.set_seed(5)
    np.testing.assert_array_equal(b, initializers.GlorotNormal()((5, 6)).numpy())


def test_bad_arguments():
    with pytest.raises(ValueError, match="VarianceScaling: scale must be a positive float, received scale=0"):
        initializers.VarianceScaling(scale=0)
    with pytest.raises(ValueError, match="VarianceScaling: mode must be one of 'fan_in', 'fan_out', 'fan_avg', "
                                         "received mode='fan_x'"):
        initializers.VarianceScaling(mode="fan_x")
    with pytest.raises(ValueError, match="distribution must be one of .*received distribution='gamma'"):
        initializers.VarianceScaling(distribution="gamma")
    with pytest.raises(ValueError, match="HeNormal: only float dtypes"):
        initializers.HeNormal()((2, 2), dtype="int32")
