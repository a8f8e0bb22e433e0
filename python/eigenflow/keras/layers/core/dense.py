"""``keras.layers.Dense``: ``activation(inputs @ kernel + bias)``."""
import numbers

from .... import _core
from ... import activations, constraints, initializers, regularizers
from ..layer import Layer

_linear = activations.linear


def _positive_int(value, where, argument):
    """VALUE as an int, or a ValueError naming WHERE, ARGUMENT and the value."""
    try:
        ok = not isinstance(value, bool) and isinstance(value, numbers.Real) and value == int(value) and value > 0
    except (OverflowError, ValueError):
        ok = False
    if not ok:
        raise ValueError(f"{where}: {argument} must be a positive integer, received {argument}={value!r}")
    return int(value)


class Dense(Layer):
    """A densely connected layer: ``output = activation(dot(inputs, kernel) + bias)``.

    The product is taken over the last axis of the input, so an input of shape
    ``(batch, ..., d)`` gives an output of shape ``(batch, ..., units)``.

    Args:
        units: a positive integer, the size of the last axis of the output.
        activation: the activation applied to the output (a name, a function or None for
            none).
        use_bias: whether the layer adds a bias vector.
        kernel_initializer: initializer of the ``kernel`` weight, of shape ``(d, units)``.
        bias_initializer: initializer of the ``bias`` weight, of shape ``(units,)``.
        kernel_regularizer: regularizer applied to the kernel.
        bias_regularizer: regularizer applied to the bias.
        activity_regularizer: regularizer applied to the output.
        kernel_constraint: constraint applied to the kernel after each optimizer update.
        bias_constraint: constraint applied to the bias after each optimizer update.
        **kwargs: base layer arguments (``name``, ``dtype``, ``trainable``, ``input_shape``).

    Call arguments:
        inputs: a tensor of rank >= 2 whose last axis has the size seen at build time.

    Returns:
        A tensor of shape ``inputs.shape[:-1] + (units,)``.

    Example:
        >>> import eigenflow as tf
        >>> layer = tf.keras.layers.Dense(4, activation="relu")
        >>> layer(tf.ones((2, 3))).shape
        TensorShape([2, 4])
        >>> [w.shape for w in layer.weights]
        [TensorShape([3, 4]), TensorShape([4])]
    """

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.units = _positive_int(units, f"Dense '{self.name}'" if kwargs.get("name") else "Dense", "units")
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = {"min_ndim": 2}
        self.supports_masking = True

    def build(self, input_shape):
        if len(input_shape) < 2:
            raise ValueError(f"Dense '{self.name}' expects inputs of rank >= 2, received input shape "
                             f"{tuple(input_shape)}")
        input_dim = input_shape[-1]
        if input_dim is None:
            raise ValueError(f"Dense '{self.name}': the last axis of the input must be known to make the "
                             f"kernel, received input shape {input_shape}")
        self.kernel = self.add_weight(name="kernel", shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=(self.units,), initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        self.input_spec = {"min_ndim": 2, "axes": {-1: int(input_dim)}}
        self._input_dim = int(input_dim)
        self._compute_dtype = self.kernel.dtype
        self.built = True

    def _check_input_spec(self, inputs):
        # One test of the rank and the last axis, whose message names the kernel.
        shape = getattr(inputs, "_shape_tuple", None)
        if shape is None:
            shape = tuple(getattr(inputs, "shape", ()))
        if len(shape) < 2:
            raise ValueError(f"Dense '{self.name}' expects inputs of rank >= 2, received input shape "
                             f"{tuple(shape)}")
        if shape[-1] is not None and shape[-1] != self._input_dim:
            raise ValueError(
                f"Dense '{self.name}': the kernel 'kernel' of shape {tuple(self.kernel.shape)} expects last axis "
                f"{self._input_dim}, received input shape {tuple(shape)}")

    def call(self, inputs):
        if inputs.dtype is not self._compute_dtype:  # integer inputs, as Keras casts them
            inputs = _core.ops.cast(inputs, self._compute_dtype)
        outputs = _core.ops.matmul(inputs, self.kernel)
        if self.bias is not None:
            outputs = _core.ops.bias_add(outputs, self.bias)
        # Read on every call (users swap it, e.g. to linear for saliency maps); skipping the
        # identity saves an op on the hot path.
        activation = self.activation
        if activation is not None and activation is not _linear:
            outputs = activation(outputs)
        return outputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)[:-1] + (self.units,)

    def get_config(self):
        return {
            **super().get_config(),
            "units": self.units,
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

