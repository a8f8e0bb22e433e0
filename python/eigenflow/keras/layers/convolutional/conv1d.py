"""``Conv1D``: a convolution over one spatial axis (time), channels last."""
from .base_conv import BaseConv


class Conv1D(BaseConv):
    """1-D convolution: a kernel of shape ``(kernel_size, channels, filters)`` slid over time.

    Args:
        filters: the number of output channels, a positive int.
        kernel_size: an int (or a 1-tuple), the window's length.
        strides: the step between windows (default 1).
        padding: ``"valid"``, ``"same"`` or ``"causal"`` (left padding only, so step t
            sees inputs up to t).
        data_format: ``"channels_last"`` or None; ``"channels_first"`` is not supported.
        dilation_rate: the spacing of the window's taps (default 1).
        groups: only 1 is supported.
        activation: applied to the output (a name, a function or None).
        use_bias: whether to add a bias of shape ``(filters,)``.
        kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
        activity_regularizer, kernel_constraint, bias_constraint: as in ``Dense``.

    Call arguments:
        inputs: a tensor of shape ``(batch, steps, channels)``.

    Returns:
        A tensor of shape ``(batch, new_steps, filters)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.Conv1D(8, 3, padding="causal")(tf.ones((2, 10, 4))).shape
        TensorShape([2, 10, 8])
    """

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(1, filters, kernel_size, strides=strides, padding=padding, data_format=data_format,
                         dilation_rate=dilation_rate, groups=groups, activation=activation, use_bias=use_bias,
                         kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                         bias_constraint=bias_constraint, **kwargs)


Convolution1D = Conv1D
