"""``keras.layers.Minimum``: the elementwise minimum of the inputs, and its functional form ``minimum``."""
from .... import _core
from .base_merge import Merge


class Minimum(Merge):
    """The elementwise minimum of a list of tensors.

    Args:
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a list of at least 2 tensors whose shapes broadcast together.

    Returns:
        One tensor: the elementwise minimum of the inputs.

    Example:
        >>> import eigenflow as tf
        >>> a, b = tf.constant([[1.0, 4.0]]), tf.constant([[3.0, 2.0]])
        >>> tf.keras.layers.Minimum()([a, b]).numpy().tolist()
        [[1.0, 2.0]]
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = _core.ops.minimum(output, x)
        return output


def minimum(inputs, **kwargs):
    """Functional form of ``Minimum``: the elementwise minimum of the inputs.

    Args:
        inputs: a list of at least 2 tensors whose shapes broadcast together.
        **kwargs: arguments of the ``Minimum`` layer (``name``...).

    Returns:
        The output tensor of a new ``Minimum`` layer called on ``inputs``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.minimum([tf.constant([1.0, 4.0]), tf.constant([3.0, 2.0])]).numpy().tolist()
        [1.0, 2.0]
    """
    return Minimum(**kwargs)(inputs)
