"""``keras.layers.Reshape``: each sample to a new shape."""
from .... import _core
from ..layer import Layer


class Reshape(Layer):
    """Reshapes each sample to ``target_shape``; the batch axis is kept.

    Args:
        target_shape: a tuple of ints, the shape of one output sample; one entry may be
            -1, then it is inferred from the number of values.
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a tensor whose samples hold as many values as ``target_shape``.

    Returns:
        A tensor of shape ``(batch,) + target_shape``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.Reshape((3, -1))(tf.ones((2, 12))).shape
        TensorShape([2, 3, 4])
    """

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        if isinstance(target_shape, int):
            target_shape = (target_shape,)
        try:
            target_shape = tuple(-1 if d is None else int(d) for d in target_shape)
        except (TypeError, ValueError):
            raise ValueError(f"Reshape: target_shape must be a tuple of ints, received target_shape={target_shape!r}")
        if sum(d == -1 for d in target_shape) > 1 or any(d < -1 for d in target_shape):
            raise ValueError("Reshape: target_shape may hold non-negative ints and at most one -1, "
                             f"received target_shape={target_shape}")
        self.target_shape = target_shape
        self._resolved = {}

    def _resolve(self, sample_shape):
        """The target shape with its -1 filled in, for samples of SAMPLE_SHAPE; checks the size."""
        cached = self._resolved.get(sample_shape)
        if cached is not None:
            return cached
        target = self.target_shape
        known = 1
        for d in target:
            if d != -1:
                known *= d
        size = 1
        for d in sample_shape:
            size = None if size is None or d is None else size * d
        if size is None:
            resolved = list(target)  # the reshape op infers -1 from the actual values
        elif -1 in target:
            if known == 0 or size % known:
                raise ValueError(self._mismatch(sample_shape))
            resolved = [size // known if d == -1 else d for d in target]
        elif size != known:
            raise ValueError(self._mismatch(sample_shape))
        else:
            resolved = list(target)
        self._resolved[sample_shape] = resolved
        return resolved

    def _mismatch(self, sample_shape):
        size = 1
        for d in sample_shape:
            size *= d
        return (f"Reshape '{self.name}': samples of shape {tuple(sample_shape)} hold {size} values, which do not "
                f"fit target_shape {self.target_shape}")

    def call(self, inputs):
        shape = inputs._shape_tuple
        target = self._resolve(shape[1:])
        if shape[0] is None:
            if -1 in target:
                raise ValueError(f"Reshape '{self.name}': cannot infer the -1 of target_shape {self.target_shape} "
                                 f"with the batch size unknown, received input shape {tuple(shape)}")
            return _core.ops.reshape(inputs, [-1] + target)
        return _core.ops.reshape(inputs, [shape[0]] + target)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        target = self._resolve(input_shape[1:])
        return (input_shape[0],) + tuple(None if d == -1 else d for d in target)

    def get_config(self):
        return {**super().get_config(), "target_shape": self.target_shape}
