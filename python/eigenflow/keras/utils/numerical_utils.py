"""``to_categorical``: integer class labels to one-hot rows."""
import numpy as np


def to_categorical(x, num_classes=None):
    """One-hot rows for integer labels X (float32), with NUM_CLASSES columns (default max + 1)."""
    x = np.asarray(x, dtype="int64")
    if x.ndim > 1 and x.shape[-1] == 1:
        x = x.reshape(x.shape[:-1])
    num_classes = int(x.max()) + 1 if num_classes is None else int(num_classes)
    if x.size and (x.min() < 0 or x.max() >= num_classes):
        raise ValueError(f"to_categorical: labels must be in [0, {num_classes}), received min {x.min()}, max {x.max()}")
    out = np.zeros(x.shape + (num_classes,), dtype="float32")
    np.put_along_axis(out, x[..., None], 1.0, axis=-1)
    return out
