import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import layers

from ...testing import check_layer


def test_inference_is_identity():
    layer = check_layer(layers.Dropout, {"rate": 0.5}, input_shape=(4, 5), expected_output_shape=(4, 5),
                        trainable_weights=0)
    x = np.random.default_rng(0).normal(size=(4, 5)).astype(np.float32)
    np.testing.assert_array_equal(layer(x).numpy(), x)
    np.testing.assert_array_equal(layer(x, training=False).numpy(), x)


def test_training_drops_and_scales():
    tf.random.set_seed(3)
    layer = layers.Dropout(0.25)
    x = np.ones((100, 100), np.float32)
    out = layer(x, training=True).numpy()
    values = set(np.unique(out).tolist())
    assert values <= {0.0, np.float32(1 / 0.75)}
    dropped = np.mean(out == 0)
    assert 0.2 < dropped < 0.3, dropped
    assert not np.array_equal(out, layer(x, training=True).numpy())  # a fresh mask each call


def test_gradient_is_the_mask_in_training():
    layer = layers.Dropout(0.5, seed=7)
    x = tf.constant(np.ones((8, 8), np.float32))
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = layer(x, training=True)
    grad = tape.gradient(out, x).numpy()
    np.testing.assert_array_equal(grad, out.numpy())


def test_noise_shape_broadcasts():
    layer = layers.Dropout(0.5, noise_shape=(None, 1, 6), seed=1)
    out = layer(np.ones((3, 4, 6), np.float32), training=True).numpy()
    for b in range(3):
        assert np.all(out[b] == out[b, :1])


def test_rate_zero_and_training_from_context():
    x = np.ones((2, 3), np.float32)
    np.testing.assert_array_equal(layers.Dropout(0.0)(x, training=True).numpy(), x)


@pytest.mark.parametrize("rate", [-0.1, 1.0, 1.5, "0.5", None])
def test_bad_rate(rate):
    with pytest.raises(ValueError, match="Dropout"):
        layers.Dropout(rate)


def test_config():
    config = layers.Dropout(0.3, noise_shape=(None, 1), seed=4).get_config()
    assert {k: config[k] for k in ("rate", "noise_shape", "seed")} == {"rate": 0.3, "noise_shape": (None, 1),
                                                                       "seed": 4}
    assert layers.Dropout.from_config(config).get_config() == config
