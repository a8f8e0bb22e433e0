"""``keras.layers.Multiply``: the elementwise product of the inputs, and its functional form ``multiply``."""
from .... import _core
from .base_merge import Merge


class Multiply(Merge):
    """Multiplies a list of tensors elementwise.

    Args:
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a list of at least 2 tensors whose shapes broadcast together.

    Returns:
        One tensor: the elementwise product of the inputs.

    Example:
        >>> import eigenflow as tf
        >>> a, b = tf.constant([[1.0, 4.0]]), tf.constant([[3.0, 2.0]])
        >>> tf.keras.layers.Multiply()([a, b]).numpy().tolist()
        [[3.0, 8.0]]
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = _core.ops.multiply(output, x)
        return output


def multiply(inputs, **kwargs):
    """Functional form of ``Multiply``: the elementwise product of the inputs.

    Args:
        inputs: a list of at least 2 tensors whose shapes broadcast together.
        **kwargs: arguments of the ``Multiply`` layer (``name``...).

    Returns:
        The output tensor of a new ``Multiply`` layer called on ``inputs``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.multiply([tf.constant([1.0, 4.0]), tf.constant([3.0, 2.0])]).numpy().tolist()
        [3.0, 8.0]
    """
    return Multiply(**kwargs)(inputs)
