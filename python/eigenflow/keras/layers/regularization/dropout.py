"""``keras.layers.Dropout``: random zeroing of inputs while training."""
from .... import random as _random
from ..layer import Layer


class Dropout(Layer):
    """Sets a random fraction ``rate`` of the inputs to 0 while training.

    The kept entries are scaled by ``1 / (1 - rate)``, so the expected sum is unchanged.
    Outside training (``training`` False or None) the layer returns its input.

    Args:
        rate: a float in ``[0, 1)``, the fraction of the inputs to drop.
        noise_shape: optional shape of the drop mask, broadcast to the input's shape;
            e.g. ``(batch, 1, features)`` drops the same features at every time step.
            ``None`` entries take the input's dimension.
        seed: optional int, the op seed of the mask (see ``tf.random.set_seed``).
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a float tensor.
        training: whether to drop (set to True by ``fit``).

    Returns:
        A tensor of the input's shape.

    Example:
        >>> import eigenflow as tf
        >>> layer = tf.keras.layers.Dropout(0.5, seed=1)
        >>> x = tf.ones((2, 4))
        >>> bool(tf.reduce_all(layer(x) == x))
        True
        >>> sorted(set(layer(x, training=True).numpy().ravel().tolist())) in ([0.0, 2.0], [0.0], [2.0])
        True
    """

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
            raise ValueError(f"Dropout: rate must be a number in [0, 1), received rate={rate!r}")
        self.rate = float(rate)
        self.noise_shape = None if noise_shape is None else tuple(noise_shape)
        self.seed = seed
        self.supports_masking = True

    def call(self, inputs, training=None):
        if training and self.rate > 0:
            return _random.dropout(inputs, self.rate, noise_shape=self.noise_shape, seed=self.seed)
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "noise_shape": self.noise_shape, "seed": self.seed}
