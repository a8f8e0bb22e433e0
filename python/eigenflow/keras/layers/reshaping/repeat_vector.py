"""``keras.layers.RepeatVector``: repeats each sample vector n times."""
from .... import _core
from ..layer import Layer


class RepeatVector(Layer):
    """Repeats the input n times along a new axis 1: ``(batch, d)`` -> ``(batch, n, d)``.

    Args:
        n: a positive int, the number of repetitions.
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a tensor of rank 2.

    Returns:
        A tensor of shape ``(batch, n, d)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.RepeatVector(3)(tf.ones((2, 4))).shape
        TensorShape([2, 3, 4])
    """

    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"RepeatVector: n must be an int, received n={n!r}")
        if n <= 0:
            raise ValueError(f"RepeatVector: n must be a positive int, received n={n}")
        self.n = n
        self.input_spec = {"ndim": 2}

    def call(self, inputs):
        return _core.ops.tile(_core.ops.expand_dims(inputs, 1), [1, self.n, 1])

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def get_config(self):
        return {**super().get_config(), "n": self.n}
