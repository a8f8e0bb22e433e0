"""``BasePooling``: max or average pooling over 1 or 2 spatial axes, channels last."""
from .... import _core
from ....framework.tensor_shape import TensorShape
from ..convolutional.base_conv import normalize_data_format, normalize_padding, normalize_tuple, output_length
from ..layer import Layer


class BasePooling(Layer):
    """Slides a window over the spatial axes and keeps each window's maximum or mean.

    MaxPooling1D/2D and AveragePooling1D/2D are this class with a ``pool_dimensions``
    (1 or 2) and a ``pool_mode`` (``"max"`` or ``"average"``).

    Args:
        pool_size: an int or POOL_DIMENSIONS ints, the window's size.
        strides: an int or POOL_DIMENSIONS ints; None means ``pool_size``.
        pool_dimensions: the number of spatial axes.
        pool_mode: ``"max"`` or ``"average"``.
        padding: ``"valid"`` or ``"same"`` (padded cells are left out of the max or mean).
        data_format: ``"channels_last"`` or None; ``"channels_first"`` is not supported.

    Call arguments:
        inputs: a tensor of shape ``(batch, *spatial, channels)``.

    Returns:
        A tensor of shape ``(batch, *pooled_spatial, channels)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.MaxPooling2D()(tf.ones((1, 4, 4, 3))).shape
        TensorShape([1, 2, 2, 3])
    """

    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max", padding="valid", data_format=None,
                 name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        where = type(self).__name__
        self.pool_size = normalize_tuple(pool_size, pool_dimensions, "pool_size", where)
        self.strides = (self.pool_size if strides is None
                        else normalize_tuple(strides, pool_dimensions, "strides", where))
        self.pool_dimensions = pool_dimensions
        self.pool_mode = pool_mode
        self.padding = normalize_padding(padding, where)
        self.data_format = normalize_data_format(data_format, where)
        self.input_spec = {"ndim": pool_dimensions + 2}

    def call(self, inputs):
        pool = _core.ops.max_pool if self.pool_mode == "max" else _core.ops.avg_pool
        return pool(inputs, ksize=list(self.pool_size), strides=list(self.strides), padding=self.padding.upper())

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        spatial = tuple(output_length(n, k, self.padding, s)
                        for n, k, s in zip(input_shape[1:-1], self.pool_size, self.strides))
        return TensorShape(input_shape[:1] + spatial + input_shape[-1:])

    def get_config(self):
        return {**super().get_config(), "pool_size": self.pool_size, "padding": self.padding,
                "strides": self.strides, "data_format": self.data_format}
