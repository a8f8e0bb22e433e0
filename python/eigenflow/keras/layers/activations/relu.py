"""``keras.layers.ReLU``: the rectified linear unit, with a cap, a threshold and a slope."""
from .... import _core
from ..layer import Layer


def _non_negative(value, argument, layer):
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{layer}: {argument} must be a non-negative number, received {argument}={value!r}")
    return float(value)


class ReLU(Layer):
    """The rectified linear unit activation, as a layer.

    With the defaults it is ``max(x, 0)``. In general::

        f(x) = max_value                        if x >= max_value
        f(x) = x                                if threshold < x < max_value
        f(x) = negative_slope * (x - threshold) otherwise

    Args:
        max_value: a non-negative float, the largest output; None for no cap.
        negative_slope: a non-negative float, the slope below the threshold.
        threshold: a non-negative float, the value below which the slope applies.
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a float tensor.

    Returns:
        A tensor of the input's shape.

    Example:
        >>> import eigenflow as tf
        >>> layer = tf.keras.layers.ReLU(max_value=1.0)
        >>> layer(tf.constant([-3.0, 0.5, 2.0])).numpy().tolist()
        [0.0, 0.5, 1.0]
    """

    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        if max_value is not None:
            max_value = _non_negative(max_value, "max_value", "ReLU")
        self.max_value = max_value
        self.negative_slope = _non_negative(negative_slope, "negative_slope", "ReLU")
        self.threshold = _non_negative(threshold, "threshold", "ReLU")
        self.supports_masking = True

    def call(self, inputs):
        ops = _core.ops
        slope, threshold, cap = self.negative_slope, self.threshold, self.max_value
        if threshold == 0.0 and cap is None:
            return ops.relu(inputs) if slope == 0.0 else ops.leaky_relu(inputs, alpha=slope)
        if threshold == 0.0 and slope == 0.0:
            return ops.relu6(inputs) if cap == 6.0 else ops.clip_by_value(ops.relu(inputs), 0.0, cap)
        above = ops.greater(inputs, threshold)
        positive = ops.where(above, inputs, ops.zeros_like(inputs))
        if cap is not None:
            positive = ops.minimum(positive, cap)
        if slope == 0.0:
            return positive
        return ops.where(above, positive, (inputs - threshold) * slope)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "max_value": self.max_value, "negative_slope": self.negative_slope,
                "threshold": self.threshold}
