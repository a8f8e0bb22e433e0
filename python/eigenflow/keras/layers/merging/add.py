"""``keras.layers.Add``: the elementwise sum of the inputs, and its functional form ``add``."""
from .... import _core
from .base_merge import Merge


class Add(Merge):
    """Adds a list of tensors elementwise.

    Args:
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a list of at least 2 tensors whose shapes broadcast together.

    Returns:
        One tensor: the elementwise sum of the inputs.

    Example:
        >>> import eigenflow as tf
        >>> a, b = tf.constant([[1.0, 4.0]]), tf.constant([[3.0, 2.0]])
        >>> tf.keras.layers.Add()([a, b]).numpy().tolist()
        [[4.0, 6.0]]
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = _core.ops.add(output, x)
        return output


def add(inputs, **kwargs):
    """Functional form of ``Add``: the elementwise sum of the inputs.

    Args:
        inputs: a list of at least 2 tensors whose shapes broadcast together.
        **kwargs: arguments of the ``Add`` layer (``name``...).

    Returns:
        The output tensor of a new ``Add`` layer called on ``inputs``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.add([tf.constant([1.0, 4.0]), tf.constant([3.0, 2.0])]).numpy().tolist()
        [4.0, 6.0]
    """
    return Add(**kwargs)(inputs)
