"""``Orthogonal``: a random orthogonal matrix (the default recurrent kernel initializer)."""
import numpy as np

from ... import _core
from .initializer import RandomInitializer, normalize_shape


class Orthogonal(RandomInitializer):
    """Initializes with a random orthogonal matrix times ``gain``.

    The weight is viewed as a matrix of ``prod(shape[:-1])`` rows and ``shape[-1]``
    columns; the Q factor of the QR decomposition of a normal draw of that size (signs
    fixed by R's diagonal, so Q is uniformly distributed) fills it. Its columns are
    orthonormal when there are at least as many rows as columns, its rows otherwise.

    Args:
        gain: the multiplier of the orthogonal matrix.
        seed: None (draws from ``tf.random``) or an int (every call gives the same values).

    Example:
        >>> import eigenflow as tf, numpy as np
        >>> w = tf.keras.initializers.Orthogonal(seed=0)((4, 4)).numpy()
        >>> bool(np.allclose(w.T @ w, np.eye(4), atol=1e-5))
        True
    """

    def __init__(self, gain=1.0, seed=None):
        super().__init__(seed)
        self.gain = float(gain)

    def __call__(self, shape, dtype=None, **kwargs):
        shape = normalize_shape("Orthogonal", shape)
        if len(shape) < 2:
            raise ValueError(f"Orthogonal: the weight must have at least 2 dimensions, received shape={shape} "
                             f"of rank {len(shape)}")
        dt = self._float_dtype(dtype)
        rows, cols = int(np.prod(shape[:-1])), shape[-1]
        draw = self._normal((max(rows, cols), min(rows, cols)), 0.0, 1.0, dt).numpy().astype(np.float64)
        # The decomposition of the drawn numbers runs in NumPy: no gradient is ever needed.
        q, r = np.linalg.qr(draw)
        q = q * np.where(np.diag(r) < 0, -1.0, 1.0)
        if rows < cols:
            q = q.T
        return _core.convert_to_tensor((self.gain * q).reshape(shape).astype(dt.as_numpy_dtype), dtype=dt)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}
