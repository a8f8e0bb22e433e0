"""``keras.layers.Identity``: returns its inputs unchanged."""
from ..layer import Layer


class Identity(Layer):
    """A layer that returns its inputs as they are (a placeholder, or to name a tensor).

    Args:
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a tensor or a nested structure of tensors.

    Returns:
        ``inputs``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.Identity()(tf.constant([1.0, 2.0])).numpy().tolist()
        [1.0, 2.0]
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape
