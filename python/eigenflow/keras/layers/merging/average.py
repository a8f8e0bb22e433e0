"""``keras.layers.Average``: the elementwise mean of the inputs, and its functional form ``average``."""
from .... import _core
from .base_merge import Merge


class Average(Merge):
    """Averages a list of tensors elementwise.

    Args:
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a list of at least 2 tensors whose shapes broadcast together.

    Returns:
        One tensor: the elementwise mean of the inputs.

    Example:
        >>> import eigenflow as tf
        >>> a, b = tf.constant([[1.0, 4.0]]), tf.constant([[3.0, 2.0]])
        >>> tf.keras.layers.Average()([a, b]).numpy().tolist()
        [[2.0, 3.0]]
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = _core.ops.add(output, x)
        return _core.ops.divide(output, float(len(inputs)))


def average(inputs, **kwargs):
    """Functional form of ``Average``: the elementwise mean of the inputs.

    Args:
        inputs: a list of at least 2 tensors whose shapes broadcast together.
        **kwargs: arguments of the ``Average`` layer (``name``...).

    Returns:
        The output tensor of a new ``Average`` layer called on ``inputs``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.average([tf.constant([1.0, 4.0]), tf.constant([3.0, 2.0])]).numpy().tolist()
        [2.0, 3.0]
    """
    return Average(**kwargs)(inputs)
