"""``keras.layers.Activation``: applies an activation function."""
from ... import activations
from ..layer import Layer


class Activation(Layer):
    """Applies an activation function to its input.

    Args:
        activation: a name from ``keras.activations`` (``"relu"``, ``"softmax"``...), or a
            function of one tensor.
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a tensor.

    Returns:
        ``activation(inputs)``, of the input's shape.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.Activation("relu")(tf.constant([-1.0, 2.0])).numpy().tolist()
        [0.0, 2.0]
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "activation": activations.serialize(self.activation)}
