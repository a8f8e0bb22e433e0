"""``BaseGlobalPooling``: the maximum or mean over every spatial axis, channels last."""
from .... import _core
from ....framework.tensor_shape import TensorShape
from ..convolutional.base_conv import normalize_data_format
from ..layer import Layer


class BaseGlobalPooling(Layer):
    """Reduces all spatial axes of a channels-last input to one value per channel.

    GlobalMaxPooling1D/2D and GlobalAveragePooling1D/2D are this class with a
    ``pool_dimensions`` (1 or 2) and a ``pool_mode`` (``"max"`` or ``"average"``).

    Args:
        pool_dimensions: the number of spatial axes.
        pool_mode: ``"max"`` or ``"average"``.
        data_format: ``"channels_last"`` or None; ``"channels_first"`` is not supported.
        keepdims: keep the spatial axes with size 1.

    Call arguments:
        inputs: a tensor of shape ``(batch, *spatial, channels)``.

    Returns:
        ``(batch, channels)``, or ``(batch, 1, ..., 1, channels)`` with ``keepdims=True``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.GlobalMaxPooling2D()(tf.ones((2, 4, 4, 3))).shape
        TensorShape([2, 3])
    """

    def __init__(self, pool_dimensions, pool_mode="max", data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.data_format = normalize_data_format(data_format, type(self).__name__)
        self.keepdims = bool(keepdims)
        self.input_spec = {"ndim": pool_dimensions + 2}

    def _axes(self):
        return list(range(1, self.pool_dimensions + 1))

    def call(self, inputs):
        reduce = _core.ops.reduce_max if self.pool_mode == "max" else _core.ops.reduce_mean
        return reduce(inputs, axis=self._axes(), keepdims=self.keepdims)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if self.keepdims:
            return TensorShape(input_shape[:1] + (1,) * self.pool_dimensions + input_shape[-1:])
        return TensorShape((input_shape[0], input_shape[-1]))

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format, "keepdims": self.keepdims}
