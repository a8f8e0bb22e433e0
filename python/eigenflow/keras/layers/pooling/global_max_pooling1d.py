"""``GlobalMaxPooling1D``: the maximum over the time axis, per channel."""
from .base_global_pooling import BaseGlobalPooling


class GlobalMaxPooling1D(BaseGlobalPooling):
    """Reduces the time axis of a channels-last input to its maximum.

    Args:
        data_format: ``"channels_last"`` or None; ``"channels_first"`` is not supported.
        keepdims: keep the reduced axes with size 1 (default False).

    Call arguments:
        inputs: a tensor of shape ``(batch, steps, channels)``.

    Returns:
        A tensor of shape ``(batch, channels)``, or ``(batch, 1, channels)`` with ``keepdims=True``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.GlobalMaxPooling1D()(tf.ones((2, 6, 3))).shape
        TensorShape([2, 3])
    """

    def __init__(self, data_format=None, keepdims=False, **kwargs):
        super().__init__(pool_dimensions=1, pool_mode="max", data_format=data_format, keepdims=keepdims,
                         **kwargs)


GlobalMaxPool1D = GlobalMaxPooling1D
