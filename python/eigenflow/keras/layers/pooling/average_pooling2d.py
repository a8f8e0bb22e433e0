"""``AveragePooling2D``: mean pooling over two spatial axes (height, width), channels last."""
from .base_pooling import BasePooling


class AveragePooling2D(BasePooling):
    """Keeps the mean of each window over two spatial axes (height, width).

    Args:
        pool_size: an int or 2 ints, the window's (height, width) (default (2, 2)).
        strides: an int, 2 ints or None (= pool_size).
        padding: ``"valid"`` (windows inside the input only) or ``"same"`` (output size
            ``ceil(size / stride)``; padded cells are left out of the mean).
        data_format: ``"channels_last"`` or None; ``"channels_first"`` is not supported.
        name: the layer's name.

    Call arguments:
        inputs: a tensor of shape ``(batch, height, width, channels)``.

    Returns:
        A tensor of shape ``(batch, pooled_height, pooled_width, channels)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.AveragePooling2D()(tf.ones((1, 4, 6, 3))).shape
        TensorShape([1, 2, 3, 3])
    """

    def __init__(self, pool_size=(2, 2), strides=None, padding="valid", data_format=None, name=None, **kwargs):
        super().__init__(pool_size, strides, pool_dimensions=2, pool_mode="average", padding=padding,
                         data_format=data_format, name=name, **kwargs)


AvgPool2D = AveragePooling2D
