"""``BaseConv``: the N-D convolution shared by ``Conv1D`` and ``Conv2D``.

Also holds the argument normalizers the pooling layers use (an int or a tuple made a
RANK-tuple, a padding name checked, a data format resolved), so both families say the
same thing about the same mistake.
"""
import numbers

from .... import _core
from ....framework.tensor_shape import TensorShape
from ...backend import common as _backend
from ..layer import Layer


def normalize_tuple(value, rank, name, layer, allow_zero=False):
    """VALUE (an int or RANK ints) as a tuple of RANK ints >= 1 (>= 0 if ALLOW_ZERO)."""
    items = (value,) * rank if _is_int(value) else value
    try:
        items = tuple(items)
        ok = len(items) == rank and all(_is_int(v) for v in items)
    except TypeError:
        ok = False
    low = 0 if allow_zero else 1
    if not ok or any(v < low for v in items):
        what = "an integer >= 0" if allow_zero else "a positive integer"
        raise ValueError(f"{layer}: {name} must be {what} or a tuple of {rank} of them, "
                         f"received {name}={value!r}")
    return tuple(int(v) for v in items)


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def normalize_padding(value, layer, allow_causal=False):
    """'valid' or 'same' (or 'causal' when ALLOW_CAUSAL), in lower case."""
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    padding = value.lower() if isinstance(value, str) else value
    if padding not in allowed:
        raise ValueError(f"{layer}: padding must be one of {', '.join(repr(a) for a in allowed)}, "
                         f"received padding={value!r}")
    return padding


def normalize_data_format(value, layer):
    """'channels_last' (None means the backend's image_data_format); channels_first is refused."""
    data_format = _backend.image_data_format() if value is None else value
    data_format = data_format.lower() if isinstance(data_format, str) else data_format
    if data_format == "channels_first":
        raise NotImplementedError(f"{layer}: data_format='channels_first' is not supported on CPU; "
                                  "use channels_last inputs (batch, ..., channels)")
    if data_format != "channels_last":
        raise ValueError(f"{layer}: data_format must be 'channels_last' or 'channels_first', "
                         f"received data_format={value!r}")
    return data_format


def output_length(length, window, padding, stride, dilation=1):
    """The output size of one spatial axis (None stays None)."""
    if length is None:
        return None
    span = (window - 1) * dilation + 1
    if padding == "same":
        return -(-length // stride)
    if padding == "causal":
        length += span - 1
    return max(0, (length - span) // stride + 1)


class BaseConv(Layer):
    """An N-D convolution layer: a kernel slid over the input's spatial axes, plus a bias.

    Conv1D and Conv2D are this class with ``rank`` 1 and 2. The input is channels last,
    ``(batch, *spatial, channels)``; the kernel has shape ``(*kernel_size, channels,
    filters)`` and the bias ``(filters,)``.

    Args:
        rank: the number of spatial axes (1 or 2).
        filters: the number of output channels, a positive int.
        kernel_size: an int or RANK ints, the window's size.
        strides: an int or RANK ints, the step between windows (default 1).
        padding: ``"valid"`` (no padding), ``"same"`` (output size ``ceil(size / stride)``)
            or, for rank 1, ``"causal"`` (padded on the left only).
        data_format: ``"channels_last"`` or None (the backend's ``image_data_format()``);
            ``"channels_first"`` raises NotImplementedError.
        dilation_rate: an int or RANK ints, the spacing of the window's taps (default 1);
            strides and dilation cannot both exceed 1.
        groups: only 1 is supported.
        activation: applied to the output (a name, a function or None).
        use_bias: whether to add a bias.
        kernel_initializer, bias_initializer: initializers of the two weights.
        kernel_regularizer, bias_regularizer: regularizers of the two weights.
        activity_regularizer: a regularizer of the output.
        kernel_constraint, bias_constraint: constraints applied after each update.

    Call arguments:
        inputs: a tensor of shape ``(batch, *spatial, channels)`` (more leading batch
            axes are allowed).

    Returns:
        A tensor of shape ``(batch, *new_spatial, filters)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.Conv2D(4, 3)(tf.ones((1, 5, 5, 2))).shape
        TensorShape([1, 3, 3, 4])
    """

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 groups=1, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        from ... import activations, constraints, initializers, regularizers

        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        where = type(self).__name__
        self.rank = rank
        if not _is_int(filters) or filters <= 0:
            raise ValueError(f"{where}: filters must be a positive integer, received filters={filters!r}")
        self.filters = int(filters)
        self.kernel_size = normalize_tuple(kernel_size, rank, "kernel_size", where)
        self.strides = normalize_tuple(strides, rank, "strides", where)
        self.dilation_rate = normalize_tuple(dilation_rate, rank, "dilation_rate", where)
        self.padding = normalize_padding(padding, where, allow_causal=rank == 1)
        self.data_format = normalize_data_format(data_format, where)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(f"{where}: strides > 1 cannot be combined with dilation_rate > 1, received "
                             f"strides={self.strides} and dilation_rate={self.dilation_rate}")
        if groups != 1:
            raise NotImplementedError(f"{where}: only groups=1 is supported, received groups={groups!r}")
        self.groups = groups
        self.activation = activations.get(activation)
        # Skipping the identity activation saves an op per call.
        self._activation_fn = None if self.activation is activations.linear else self.activation
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = {"min_ndim": rank + 2}

    def build(self, input_shape):
        channels = input_shape[-1]
        if channels is None:
            raise ValueError(f"{type(self).__name__} '{self.name}': the channel axis (last) of the input must be "
                             f"known, received input shape {input_shape}")
        self.kernel = self.add_weight(name="kernel", shape=self.kernel_size + (int(channels), self.filters),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.filters,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        self.input_spec = {"min_ndim": self.rank + 2, "axes": {-1: int(channels)}}
        self.built = True

    def call(self, inputs):
        padding = self.padding
        if padding == "causal":
            # Left-pad the time axis by the dilated window minus one, then convolve VALID.
            left = (self.kernel_size[0] - 1) * self.dilation_rate[0]
            pads = [[0, 0]] * (len(inputs.shape) - 2) + [[left, 0], [0, 0]]
            inputs = _core.ops.pad(inputs, pads)
            padding = "valid"
        outputs = _core.ops.convolution(inputs, self.kernel, strides=list(self.strides), padding=padding.upper(),
                                        dilations=list(self.dilation_rate))
        if self.use_bias:
            outputs = _core.ops.bias_add(outputs, self.bias)
        if self._activation_fn is not None:
            outputs = self._activation_fn(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        spatial = input_shape[-self.rank - 1:-1]
        new = tuple(output_length(n, k, self.padding, s, d)
                    for n, k, s, d in zip(spatial, self.kernel_size, self.strides, self.dilation_rate))
        return TensorShape(input_shape[:-self.rank - 1] + new + (self.filters,))

    def get_config(self):
        from ... import activations, constraints, initializers, regularizers

        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "strides": self.strides,
            "padding": self.padding,
            "data_format": self.data_format,
            "dilation_rate": self.dilation_rate,
            "groups": self.groups,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "activity_regularizer": regularizers.serialize(self.activity_regularizer),
            "kernel_constraint": constraints.serialize(self.kernel_constraint),
            "bias_constraint": constraints.serialize(self.bias_constraint),
        }
