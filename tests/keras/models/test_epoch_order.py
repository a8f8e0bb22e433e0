"""The epoch order fit reads batch by batch (_core.Permutation): a uniform permutation,
the same whichever way it is read, fixed by its seed, and checked at its entry points."""
import collections

import numpy as np
import pytest

from eigenflow import _core
from eigenflow.errors import InvalidArgumentError


@pytest.mark.parametrize("n", [0, 1, 2, 7, 1000])
def test_it_is_a_permutation_read_in_any_pieces(n):
    whole = _core.Permutation(n, seed=11).take(0, n)
    pieces = _core.Permutation(n, seed=11)
    cuts = [0, n // 3, n // 3, n // 2, n]
    read = np.concatenate([pieces.take(a, b) for a, b in zip(cuts, cuts[1:])])
    assert whole.dtype == np.int64 and len(pieces) == n
    np.testing.assert_array_equal(np.sort(whole), np.arange(n))
    np.testing.assert_array_equal(read, whole)
    np.testing.assert_array_equal(pieces.take(0, n), whole)  # read again: unchanged


@pytest.mark.parametrize("batch", [1, 32, 100])
def test_batch_by_batch_reads_match_one_whole_read(batch):
    # The first batches keep the moved rows in a small table, later ones in an array of n;
    # one whole read uses the array from the start. Both must give the same order.
    n = 2000
    whole = _core.Permutation(n, seed=5).take(0, n)
    pieces = _core.Permutation(n, seed=5)
    read = np.concatenate([pieces.take(a, min(a + batch, n)) for a in range(0, n, batch)])
    np.testing.assert_array_equal(read, whole)
    np.testing.assert_array_equal(np.sort(whole), np.arange(n))


def test_the_seed_fixes_the_order():
    np.testing.assert_array_equal(_core.Permutation(50, 1).take(0, 50), _core.Permutation(50, 1).take(0, 50))
    assert not np.array_equal(_core.Permutation(50, 1).take(0, 50), _core.Permutation(50, 2).take(0, 50))


def test_every_order_is_equally_likely():
    counts = collections.Counter(tuple(_core.Permutation(3, seed).take(0, 3)) for seed in range(6000))
    assert len(counts) == 6
    assert all(abs(c - 1000) < 150 for c in counts.values())  # about 5 standard deviations


@pytest.mark.parametrize("start, stop", [(-1, 2), (3, 2), (0, 6)])
def test_a_range_outside_the_order_is_refused(start, stop):
    with pytest.raises(InvalidArgumentError, match=r"Permutation.take: need 0 <= start <= stop <= 5"):
        _core.Permutation(5, 0).take(start, stop)


def test_a_negative_length_is_refused():
    with pytest.raises(InvalidArgumentError, match="n must be at least 0, received -3"):
        _core.Permutation(-3, 0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32, np.int64, np.bool_])
@pytest.mark.parametrize("shape", [(40,), (40, 3), (40, 2, 5)])
def test_take_rows_gathers_the_rows_of_the_order(dtype, shape):
    array = (np.arange(np.prod(shape)).reshape(shape) % 7).astype(dtype)
    order = _core.Permutation(40, seed=3)
    for start, stop in [(0, 16), (16, 32), (32, 40), (40, 40)]:
        rows = order.take_rows(array, start, stop)
        assert rows.dtype == dtype and rows.shape == (stop - start,) + shape[1:]
        np.testing.assert_array_equal(rows.numpy(), array[order.take(start, stop)])


@pytest.mark.parametrize("array", [
    np.arange(80.0).reshape(40, 2).T.copy().T,              # 40 rows, not C-contiguous
    np.arange(40, dtype=np.uint8),                         # a dtype a tensor does not hold as it is
    np.arange(40.0, dtype=">f8"),                          # not this machine's byte order
    np.arange(41.0),                                       # another number of rows
], ids=["strided", "uint8", "big-endian", "rows"])
def test_take_rows_declines_arrays_it_cannot_copy_as_they_are(array):
    assert _core.Permutation(40, seed=3).take_rows(array, 0, 8) is None


def test_take_rows_refuses_a_range_outside_the_order():
    with pytest.raises(InvalidArgumentError, match=r"Permutation.take_rows: need 0 <= start <= stop <= 5"):
        _core.Permutation(5, 0).take_rows(np.zeros(5), 2, 7)
