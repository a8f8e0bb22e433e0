"""Initializers drawing from a fixed distribution: ``RandomNormal``, ``RandomUniform``,
``TruncatedNormal``."""
from .initializer import RandomInitializer, normalize_shape


class RandomNormal(RandomInitializer):
    """Draws from a normal distribution.

    Args:
        mean: the mean.
        stddev: the standard deviation.
        seed: None (draws from ``tf.random``) or an int (every call gives the same values).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.initializers.RandomNormal(stddev=1.0, seed=1)((2, 3)).shape
        TensorShape([2, 3])
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        if stddev < 0:
            raise ValueError(f"RandomNormal: stddev must be non-negative, received stddev={stddev!r}")
        self.mean = float(mean)
        self.stddev = float(stddev)

    def __call__(self, shape, dtype=None, **kwargs):
        shape = normalize_shape("RandomNormal", shape)
        return self._normal(shape, self.mean, self.stddev, self._float_dtype(dtype))

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class TruncatedNormal(RandomInitializer):
    """Draws from a normal distribution, redrawing values more than 2 stddev from the mean.

    Args:
        mean: the mean.
        stddev: the standard deviation of the normal before truncation.
        seed: None (draws from ``tf.random``) or an int (every call gives the same values).

    Example:
        >>> import eigenflow as tf
        >>> w = tf.keras.initializers.TruncatedNormal(stddev=1.0, seed=1)((1000,))
        >>> bool(tf.reduce_max(tf.abs(w)) <= 2.0)
        True
    """

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        if stddev < 0:
            raise ValueError(f"TruncatedNormal: stddev must be non-negative, received stddev={stddev!r}")
        self.mean = float(mean)
        self.stddev = float(stddev)

    def __call__(self, shape, dtype=None, **kwargs):
        shape = normalize_shape("TruncatedNormal", shape)
        return self._truncated_normal(shape, self.mean, self.stddev, self._float_dtype(dtype))

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class RandomUniform(RandomInitializer):
    """Draws from a uniform distribution on ``[minval, maxval)``.

    Args:
        minval: the lower bound.
        maxval: the upper bound.
        seed: None (draws from ``tf.random``) or an int (every call gives the same values).

    Example:
        >>> import eigenflow as tf
        >>> w = tf.keras.initializers.RandomUniform(-1.0, 1.0, seed=1)((100,))
        >>> bool(tf.reduce_all(tf.abs(w) <= 1.0))
        True
    """

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        if maxval < minval:
            raise ValueError(f"RandomUniform: maxval must be >= minval, received minval={minval!r}, "
                             f"maxval={maxval!r}")
        self.minval = float(minval)
        self.maxval = float(maxval)

    def __call__(self, shape, dtype=None, **kwargs):
        shape = normalize_shape("RandomUniform", shape)
        return self._uniform(shape, self.minval, self.maxval, self._float_dtype(dtype))

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}
