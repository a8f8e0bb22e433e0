"""``MaxPooling1D``: maximum pooling over one spatial axis (steps), channels last."""
from .base_pooling import BasePooling


class MaxPooling1D(BasePooling):
    """Keeps the maximum of each window over one spatial axis (steps).

    Args:
        pool_size: an int (or a 1-tuple), the window's length (default 2).
        strides: an int or None (= pool_size).
        padding: ``"valid"`` (windows inside the input only) or ``"same"`` (output size
            ``ceil(size / stride)``; padded cells are left out of the maximum).
        data_format: ``"channels_last"`` or None; ``"channels_first"`` is not supported.
        name: the layer's name.

    Call arguments:
        inputs: a tensor of shape ``(batch, steps, channels)``.

    Returns:
        A tensor of shape ``(batch, pooled_steps, channels)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.MaxPooling1D()(tf.ones((2, 6, 3))).shape
        TensorShape([2, 3, 3])
    """

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=1, pool_mode="max", padding=padding,
                         data_format=data_format, name=name, **kwargs)


MaxPool1D = MaxPooling1D
