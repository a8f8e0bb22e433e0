"""``keras.initializers.Initializer``: the base class of weight initializers.

An initializer is called as ``init(shape, dtype=None)`` and returns a tensor of that shape.
``RandomInitializer`` adds the seed rule every random initializer follows: with ``seed=None``
values come from ``tf.random`` (so ``tf.random.set_seed`` makes a program reproducible and
two calls differ); with an int seed every call returns the same values, as in Keras.
"""
import numpy as np

from ... import _core
from ... import dtypes as _dtypes
from ..backend import common as _common


class Initializer:
    """Base class of initializers: subclass it and implement ``__call__(shape, dtype=None)``.

    Args (of ``__call__``):
        shape: the shape of the tensor to make, a tuple of ints.
        dtype: its element type; ``keras.backend.floatx()`` (float32) when None.

    Returns:
        A tensor of SHAPE and DTYPE.

    Example:
        >>> import eigenflow as tf
        >>> class Twos(tf.keras.initializers.Initializer):
        ...     def __call__(self, shape, dtype=None):
        ...         return tf.fill(shape, 2.0)
        >>> Twos()((2,)).numpy().tolist()
        [2.0, 2.0]
    """

    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must implement __call__(shape, dtype=None)")

    def get_config(self):
        """The constructor arguments that recreate this initializer."""
        return {}

    @classmethod
    def from_config(cls, config):
        """The initializer that CONFIG (from ``get_config``) describes."""
        return cls(**config)

    def clone(self):
        """A new initializer with the same configuration."""
        return type(self).from_config(self.get_config())

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def normalize_shape(owner, shape):
    """SHAPE as a tuple of non-negative ints, or a ValueError naming OWNER."""
    if isinstance(shape, (int, np.integer)):
        shape = (shape,)
    try:
        dims = tuple(int(d) for d in shape)
    except (TypeError, ValueError):
        raise ValueError(f"{owner}: shape must be a tuple of known non-negative ints, "
                         f"received shape={shape!r}") from None
    if any(d < 0 for d in dims):
        raise ValueError(f"{owner}: shape must be a tuple of known non-negative ints, received shape={shape!r}")
    return dims


def normalize_dtype(dtype):
    """DTYPE as an eigenflow DType (floatx() when None)."""
    return _dtypes.as_dtype(_common.floatx() if dtype is None else dtype)


class RandomInitializer(Initializer):
    """Base of the random initializers: holds ``seed`` and draws normal/uniform values.

    Args:
        seed: None (draw from ``tf.random``, reproducible after ``tf.random.set_seed``) or
            an int (every call returns the same values).
    """

    def __init__(self, seed=None):
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
            raise ValueError(f"{type(self).__name__}: seed must be an int or None, received seed={seed!r}")
        self.seed = None if seed is None else int(seed)

    def _float_dtype(self, dtype):
        dt = normalize_dtype(dtype)
        if not dt.is_floating:
            raise ValueError(f"{type(self).__name__}: only float dtypes can be drawn at random, "
                             f"received dtype={dt.name}")
        return dt

    def _stateless_seed(self):
        return [self.seed, 0]

    def _normal(self, shape, mean, stddev, dtype):
        if self.seed is None:
            return _core.ops.random_normal(list(shape), mean=mean, stddev=stddev, dtype=dtype)
        return _core.ops.stateless_random_normal(list(shape), self._stateless_seed(), mean=mean,
                                                 stddev=stddev, dtype=dtype)

    def _truncated_normal(self, shape, mean, stddev, dtype):
        if self.seed is None:
            return _core.ops.truncated_normal(list(shape), mean=mean, stddev=stddev, dtype=dtype)
        return _core.ops.stateless_truncated_normal(list(shape), self._stateless_seed(), mean=mean,
                                                    stddev=stddev, dtype=dtype)

    def _uniform(self, shape, minval, maxval, dtype):
        if self.seed is None:
            return _core.ops.random_uniform(list(shape), minval=minval, maxval=maxval, dtype=dtype)
        return _core.ops.stateless_random_uniform(list(shape), self._stateless_seed(), minval=minval,
                                                  maxval=maxval, dtype=dtype)

    def get_config(self):
        return {"seed": self.seed}
