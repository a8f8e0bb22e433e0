"""``keras.layers.Softmax``: the softmax along an axis, with an optional mask."""
from .... import _core
from ..layer import Layer


class Softmax(Layer):
    """The softmax activation: ``exp(x) / sum(exp(x))`` along ``axis``.

    Args:
        axis: an int, or a tuple/list of ints, the axes the softmax normalizes over.
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a float tensor.
        mask: optional, broadcastable to ``inputs``: 1/True where the entry takes part,
            0/False where it must get probability 0.

    Returns:
        A tensor of the input's shape whose entries along ``axis`` sum to 1.

    Example:
        >>> import eigenflow as tf
        >>> out = tf.keras.layers.Softmax()(tf.constant([[1.0, 1.0]]))
        >>> out.numpy().tolist()
        [[0.5, 0.5]]
    """

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, (list, tuple)):
            axis = tuple(int(a) for a in axis)
        elif isinstance(axis, bool) or not isinstance(axis, int):
            raise ValueError(f"Softmax: axis must be an int or a tuple of ints, received axis={axis!r}")
        self.axis = axis
        self.supports_masking = True

    def call(self, inputs, mask=None):
        ops = _core.ops
        if mask is not None:
            # Masked entries get a large negative logit, so exp() sends them to 0.
            large = 3e4 if inputs.dtype.name == "float16" else 1e9
            keep = ops.cast(mask, inputs.dtype)
            inputs = inputs + (1.0 - keep) * (-large)
        axis = self.axis
        if isinstance(axis, tuple):
            if len(axis) == 1:
                outputs = ops.softmax(inputs, axis=axis[0])
            else:
                outputs = ops.exp(inputs - ops.reduce_logsumexp(inputs, list(axis), keepdims=True))
        else:
            outputs = ops.softmax(inputs, axis=axis)
        if mask is not None:
            outputs = outputs * keep
        return outputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
