"""GlobalMaxPooling1D (layers/pooling/global_max_pooling1d.py, base_global_pooling.py)."""
import numpy as np
import pytest

from eigenflow.keras import layers

from ...testing import check_layer

SHAPE, AXES, KEPT = (3, 5, 4), (1,), (3, 1, 4)


def test_check_layer():
    check_layer(layers.GlobalMaxPooling1D, {}, input_shape=SHAPE, expected_output_shape=(3, 4), trainable_weights=0)
    check_layer(layers.GlobalMaxPooling1D, {"keepdims": True}, input_shape=SHAPE, expected_output_shape=KEPT)


def test_forward_matches_numpy():
    x = np.random.default_rng(5).normal(size=SHAPE).astype("float32")
    np.testing.assert_allclose(layers.GlobalMaxPooling1D()(x).numpy(), np.max(x, axis=AXES), rtol=1e-6, atol=1e-6)
    kept = layers.GlobalMaxPooling1D(keepdims=True)
    np.testing.assert_allclose(kept(x).numpy(), np.max(x, axis=AXES, keepdims=True), rtol=1e-6, atol=1e-6)
    assert tuple(kept.compute_output_shape((None,) + SHAPE[1:])) == (None,) + KEPT[1:]


def test_config_and_alias():
    assert layers.GlobalMaxPool1D is layers.GlobalMaxPooling1D
    config = layers.GlobalMaxPooling1D(keepdims=True).get_config()
    assert set(config) == {"name", "trainable", "dtype", "data_format", "keepdims"}
    assert config["keepdims"] is True and config["data_format"] == "channels_last"
    assert layers.GlobalMaxPooling1D.from_config(config).get_config() == config


def test_unsupported_and_bad_inputs():
    with pytest.raises(NotImplementedError, match="channels_first"):
        layers.GlobalMaxPooling1D(data_format="channels_first")
    with pytest.raises(ValueError, match="GlobalMaxPooling1D"):
        layers.GlobalMaxPooling1D(data_format="nhwc")
    with pytest.raises(ValueError, match="rank"):
        layers.GlobalMaxPooling1D()(np.ones((4, 6, 3, 1), "float32"))
