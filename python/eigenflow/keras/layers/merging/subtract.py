"""``keras.layers.Subtract``: the first input minus the second, and its functional form
``subtract``."""
from .... import _core
from .base_merge import Merge


class Subtract(Merge):
    """Subtracts two tensors elementwise: ``inputs[0] - inputs[1]``.

    Args:
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a list of exactly 2 tensors whose shapes broadcast together.

    Returns:
        One tensor: ``inputs[0] - inputs[1]``.

    Example:
        >>> import eigenflow as tf
        >>> a, b = tf.constant([[1.0, 4.0]]), tf.constant([[3.0, 2.0]])
        >>> tf.keras.layers.Subtract()([a, b]).numpy().tolist()
        [[-2.0, 2.0]]
    """

    def build(self, input_shape):
        shapes = self._shapes(input_shape)
        if len(shapes) != 2:
            raise ValueError(f"Subtract '{self.name}' must be called on exactly 2 tensors, received "
                             f"{len(shapes)} with shapes {[tuple(s) for s in shapes]}")
        super().build(input_shape)

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError(f"Subtract '{self.name}' must be called on exactly 2 tensors, received {len(inputs)}")
        return _core.ops.subtract(inputs[0], inputs[1])


def subtract(inputs, **kwargs):
    """Functional form of ``Subtract``: ``inputs[0] - inputs[1]``.

    Args:
        inputs: a list of exactly 2 tensors whose shapes broadcast together.
        **kwargs: arguments of the ``Subtract`` layer (``name``...).

    Returns:
        The output tensor of a new ``Subtract`` layer called on ``inputs``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.subtract([tf.constant([1.0, 4.0]), tf.constant([3.0, 2.0])]).numpy().tolist()
        [-2.0, 2.0]
    """
    return Subtract(**kwargs)(inputs)
