"""``keras.layers.Permute``: reorders the non-batch axes."""
from .... import _core
from ..layer import Layer


class Permute(Layer):
    """Permutes the axes of each sample; the batch axis stays first.

    Args:
        dims: a tuple of the axes 1..n in their new order (1-based, the batch axis not
            counted): ``(2, 1)`` swaps the first and second axes of each sample.
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a tensor of rank ``len(dims) + 1``.

    Returns:
        A tensor with ``output.shape[i + 1] == inputs.shape[dims[i]]``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.Permute((2, 1))(tf.ones((2, 3, 4))).shape
        TensorShape([2, 4, 3])
    """

    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        try:
            dims = tuple(int(d) for d in dims)
        except (TypeError, ValueError):
            raise ValueError(f"Permute: dims must be a tuple of ints, received dims={dims!r}")
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError("Permute: dims must be a permutation of 1..n (the non-batch axes, counted from 1), "
                             f"received dims={dims}")
        self.dims = dims
        self._perm = [0] + list(dims)
        self.input_spec = {"ndim": len(dims) + 1}

    def call(self, inputs):
        return _core.ops.transpose(inputs, self._perm)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[i] for i in self._perm)

    def get_config(self):
        return {**super().get_config(), "dims": self.dims}
