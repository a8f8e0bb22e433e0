"""``keras.layers.LeakyReLU``: ``x`` above zero, ``negative_slope * x`` below."""
import warnings

from .... import _core
from ..layer import Layer


class LeakyReLU(Layer):
    """The leaky rectified linear unit: ``f(x) = x if x >= 0 else negative_slope * x``.

    Args:
        negative_slope: a non-negative float, the slope for negative inputs (default 0.3).
        **kwargs: base layer arguments; Keras 2's ``alpha=`` is accepted for
            ``negative_slope`` (with a deprecation warning, as in Keras 3).

    Call arguments:
        inputs: a float tensor.

    Returns:
        A tensor of the input's shape.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.LeakyReLU(negative_slope=0.5)(tf.constant([-2.0, 3.0])).numpy().tolist()
        [-1.0, 3.0]
    """

    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:
            negative_slope = kwargs.pop("alpha")
            warnings.warn("LeakyReLU: argument `alpha` is deprecated, use `negative_slope` instead.",
                          DeprecationWarning, stacklevel=2)
        super().__init__(**kwargs)
        if negative_slope is None or isinstance(negative_slope, bool) or \
                not isinstance(negative_slope, (int, float)) or negative_slope < 0:
            raise ValueError("LeakyReLU: negative_slope must be a non-negative number, "
                             f"received negative_slope={negative_slope!r}")
        self.negative_slope = float(negative_slope)
        self.supports_masking = True

    def call(self, inputs):
        return _core.ops.leaky_relu(inputs, alpha=self.negative_slope)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "negative_slope": self.negative_slope}
