"""GlobalAveragePooling2D (layers/pooling/global_average_pooling2d.py, base_global_pooling.py)."""
import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer

SHAPE, AXES, KEPT = (3, 5, 2, 4), (1, 2), (3, 1, 1, 4)


def test_check_layer():
    check_layer(layers.GlobalAveragePooling2D, {}, input_shape=SHAPE, expected_output_shape=(3, 4), trainable_weights=0)
    check_layer(layers.GlobalAveragePooling2D, {"keepdims": True}, input_shape=SHAPE, expected_output_shape=KEPT)


def test_forward_matches_numpy():
    x = np.random.default_rng(5).normal(size=SHAPE).astype("float32")
    np.testing.assert_allclose(layers.GlobalAveragePooling2D()(x).numpy(), np.mean(x, axis=AXES), rtol=1e-6, atol=1e-6)
    kept = layers.GlobalAveragePooling2D(keepdims=True)
    np.testing.assert_allclose(kept(x).numpy(), np.mean(x, axis=AXES, keepdims=True), rtol=1e-6, atol=1e-6)
    assert tuple(kept.compute_output_shape((None,) + SHAPE[1:])) == (None,) + KEPT[1:]


def test_config_and_alias():
    assert layers.GlobalAvgPool2D is layers.GlobalAveragePooling2D
    config = layers.GlobalAveragePooling2D(keepdims=True).get_config()
    assert set(config) == {"name", "trainable", "dtype", "data_format", "keepdims"}
    assert config["keepdims"] is True and config["data_format"] == "channels_last"
    assert layers.GlobalAveragePooling2D.from_config(config).get_config() == config


def test_unsupported_and_bad_inputs():
    with pytest.raises(NotImplementedError, match="channels_first"):
        layers.GlobalAveragePooling2D(data_format="channels_first")
    with pytest.raises(ValueError, match="GlobalAveragePooling2D"):
        layers.GlobalAveragePooling2D(data_format="nhwc")
    with pytest.raises(ValueError, match="rank"):
        layers.GlobalAveragePooling2D()(np.ones((6, 3, 1), "float32"))
