"""A direct NumPy convolution (loops over output pixels and kernel taps), channels last."""
import numpy as np


def _same_pads(size, window, stride, dilation):
    span = (window - 1) * dilation + 1
    out = -(-size // stride)
    total = max(0, (out - 1) * stride + span - size)
    return total // 2, total - total // 2


def conv_nd(x, kernel, bias=None, strides=None, padding="valid", dilation=None):
    """x (batch, *spatial, in), kernel (*window, in, out) -> (batch, *out_spatial, out)."""
    rank = kernel.ndim - 2
    strides = strides or (1,) * rank
    dilation = dilation or (1,) * rank
    window = kernel.shape[:rank]
    if padding == "causal":
        left = (window[0] - 1) * dilation[0]
        x = np.pad(x, [(0, 0), (left, 0), (0, 0)])
    elif padding == "same":
        pads = [_same_pads(x.shape[1 + a], window[a], strides[a], dilation[a]) for a in range(rank)]
        x = np.pad(x, [(0, 0)] + pads + [(0, 0)])
    spans = [(window[a] - 1) * dilation[a] + 1 for a in range(rank)]
    out_sizes = [(x.shape[1 + a] - spans[a]) // strides[a] + 1 for a in range(rank)]
    out = np.zeros((x.shape[0], *out_sizes, kernel.shape[-1]), dtype=np.float64)
    for index in np.ndindex(*out_sizes):
        for tap in np.ndindex(*window):
            pos = tuple(index[a] * strides[a] + tap[a] * dilation[a] for a in range(rank))
            out[(slice(None),) + index] += x[(slice(None),) + pos] @ kernel[tap]
    if bias is not None:
        out += bias
    return out
