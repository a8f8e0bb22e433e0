"""``GlobalMaxPooling2D``: the maximum over the height and width axes, per channel."""
from .base_global_pooling import BaseGlobalPooling


class GlobalMaxPooling2D(BaseGlobalPooling):
    """Reduces the height and width axes of a channels-last input to its maximum.

    Args:
        data_format: ``"channels_last"`` or None; ``"channels_first"`` is not supported.
        keepdims: keep the reduced axes with size 1 (default False).

    Call arguments:
        inputs: a tensor of shape ``(batch, height, width, channels)``.

    Returns:
        A tensor of shape ``(batch, channels)``, or ``(batch, 1, 1, channels)`` with ``keepdims=True``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.GlobalMaxPooling2D()(tf.ones((2, 4, 5, 3))).shape
        TensorShape([2, 3])
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=2, pool_mode="max", data_format=data_format, keepdims=keepdims,
                         **kwargs)


GlobalMaxPool2D = GlobalMaxPooling2D
