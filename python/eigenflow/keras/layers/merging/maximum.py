"""``keras.layers.Maximum``: the elementwise maximum of the inputs, and its functional form ``maximum``."""
from .... import _core
from .base_merge import Merge


class Maximum(Merge):
    """The elementwise maximum of a list of tensors.

    Args:
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a list of at least 2 tensors whose shapes broadcast together.

    Returns:
        One tensor: the elementwise maximum of the inputs.

    Example:
        >>> import eigenflow as tf
        >>> a, b = tf.constant([[1.0, 4.0]]), tf.constant([[3.0, 2.0]])
        >>> tf.keras.layers.Maximum()([a, b]).numpy().tolist()
        [[3.0, 4.0]]
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = _core.ops.maximum(output, x)
        return output


def maximum(inputs, **kwargs):
    """Functional form of ``Maximum``: the elementwise maximum of the inputs.

    Args:
        inputs: a list of at least 2 tensors whose shapes broadcast together.
        **kwargs: arguments of the ``Maximum`` layer (``name``...).

    Returns:
        The output tensor of a new ``Maximum`` layer called on ``inputs``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.maximum([tf.constant([1.0, 4.0]), tf.constant([3.0, 2.0])]).numpy().tolist()
        [3.0, 4.0]
    """
    return Maximum(**kwargs)(inputs)
