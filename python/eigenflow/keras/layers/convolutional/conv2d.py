"""``Conv2D``: a convolution over two spatial axes (height, width), channels last."""
from .base_conv import BaseConv


class Conv2D(BaseConv):
    """2-D convolution: a kernel of shape ``(kh, kw, channels, filters)`` slid over an image.

    Args:
        filters: the number of output channels, a positive int.
        kernel_size: an int or 2 ints, the window's (height, width).
        strides: an int or 2 ints, the step between windows (default (1, 1)).
        padding: ``"valid"`` (no padding) or ``"same"`` (output size ``ceil(size / stride)``).
        data_format: ``"channels_last"`` or None; ``"channels_first"`` is not supported.
        dilation_rate: an int or 2 ints, the spacing of the window's taps (default (1, 1)).
        groups: only 1 is supported.
        activation: applied to the output (a name, a function or None).
        use_bias: whether to add a bias of shape ``(filters,)``.
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        activity_regularizer, kernel_constraint, bias_constraint: as in ``Dense``.

    Call arguments:
        inputs: a tensor of shape ``(batch, height, width, channels)``.

    Returns:
        A tensor of shape ``(batch, new_height, new_width, filters)``.

    Example:
        >>> import eigenflow as tf
        >>> layer = tf.keras.layers.Conv2D(32, (3, 3), activation="relu")
        >>> layer(tf.ones((1, 28, 28, 1))).shape
        TensorShape([1, 26, 26, 32])
        >>> [w.shape for w in layer.get_weights()]
        [(3, 3, 1, 32), (32,)]
    """

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format=None,
                 dilation_rate=(1, 1), groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(2, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, groups=groups, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)


Convolution2D = Conv2D
