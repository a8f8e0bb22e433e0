"""tf.config.experimental.get_memory_info: the bytes tensor buffers hold now and at most."""
import numpy as np
import pytest

import eigenflow as tf


def test_current_counts_live_tensors_and_peak_keeps_the_most():
    tf.config.experimental.reset_memory_stats("CPU:0")
    before = tf.config.experimental.get_memory_info("CPU:0")
    big = tf.zeros((1024, 1024))  # 4 MiB
    during = tf.config.experimental.get_memory_info("CPU:0")
    assert during["current"] - before["current"] >= 4 << 20
    del big
    after = tf.config.experimental.get_memory_info("CPU:0")
    assert after["current"] <= during["current"] - (4 << 20)
    assert after["peak"] >= during["current"]


def test_reset_starts_the_peak_from_what_is_in_use():
    kept = tf.constant(np.ones((256, 256), np.float32))
    tf.zeros((2048, 1024))  # 8 MiB, freed at once
    tf.config.experimental.reset_memory_stats("/device:CPU:0")
    info = tf.config.experimental.get_memory_info("/device:CPU:0")
    assert info["peak"] == info["current"]
    assert info["current"] >= kept.numpy().nbytes


def test_other_devices_are_refused():
    with pytest.raises(ValueError, match="CPU only.*GPU:0"):
        tf.config.experimental.get_memory_info("GPU:0")
