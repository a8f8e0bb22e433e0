"""The cache of freed tensor buffers (cpp/tensor/storage.cpp): a buffer of a size freed before
is reused, and a full cache (512 MiB) makes room by freeing what it cached longest ago."""
import eigenflow as tf
from eigenflow import _core

MIB = 1 << 20
CACHE_LIMIT = 512 * MIB


def _floats(mib):
    return tf.zeros([mib * MIB // 4], dtype=tf.float32)


def test_a_freed_buffer_is_taken_again_by_a_tensor_of_its_size():
    _core.release_cached_buffers()
    _floats(3)  # made and freed: 3 MiB now cached
    assert _core.cached_buffer_bytes() >= 3 * MIB
    before = _core.cached_buffer_bytes()
    kept = _floats(3)
    assert _core.cached_buffer_bytes() == before - 3 * MIB
    del kept


def test_a_full_cache_frees_its_oldest_buffers_for_a_new_one():
    _core.release_cached_buffers()
    stale = [_floats(100) for _ in range(5)]
    del stale  # an earlier phase's buffers: 500 MiB cached
    assert _core.cached_buffer_bytes() >= 500 * MIB
    _floats(60)  # 560 MiB would not fit: the oldest 100 MiB goes, the new 60 stays
    assert _core.cached_buffer_bytes() <= CACHE_LIMIT
    before = _core.cached_buffer_bytes()
    kept = _floats(60)
    assert _core.cached_buffer_bytes() == before - 60 * MIB  # taken from the cache
    del kept
    _core.release_cached_buffers()
    assert _core.cached_buffer_bytes() == 0
