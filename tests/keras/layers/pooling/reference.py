"""NumPy pooling references, channels last; SAME padding leaves padded cells out."""
import numpy as np


def _same_pads(size, window, stride):
    out = -(-size // stride)
    total = max(0, (out - 1) * stride + window - size)
    return total // 2


def pool_nd(x, pool_size, strides, padding, mode):
    """x (batch, *spatial, channels) -> the max or mean of each window."""
    rank = len(pool_size)
    sizes = x.shape[1:1 + rank]
    if padding == "same":
        starts = [-_same_pads(n, k, s) for n, k, s in zip(sizes, pool_size, strides)]
        outs = [-(-n // s) for n, s in zip(sizes, strides)]
    else:
        starts = [0] * rank
        outs = [(n - k) // s + 1 for n, k, s in zip(sizes, pool_size, strides)]
    out = np.zeros((x.shape[0], *outs, x.shape[-1]))
    reduce = np.max if mode == "max" else np.mean
    for index in np.ndindex(*outs):
        window = []
        for a in range(rank):
            lo = starts[a] + index[a] * strides[a]
            window.append(slice(max(lo, 0), min(lo + pool_size[a], sizes[a])))
        block = x[(slice(None),) + tuple(window)]
        out[(slice(None),) + index] = reduce(block.reshape(x.shape[0], -1, x.shape[-1]), axis=1)
    return out
