"""``keras.layers.Flatten``: every axis but the batch axis into one."""
from .... import _core
from ... import backend
from ..layer import Layer


class Flatten(Layer):
    """Flattens each sample: ``(batch, d1, d2, ...)`` becomes ``(batch, d1 * d2 * ...)``.

    Args:
        data_format: ``"channels_last"`` (default, from ``keras.backend.image_data_format()``)
            or ``"channels_first"``; with channels first the channel axis is moved last
            before flattening, so the order of the values matches a channels-last model.
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a tensor of rank >= 1.

    Returns:
        A tensor of shape ``(batch, product of the other dimensions)``; a rank-1 input
        gives ``(batch, 1)``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.Flatten()(tf.ones((2, 3, 4))).shape
        TensorShape([2, 12])
    """

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        data_format = backend.image_data_format() if data_format is None else str(data_format).lower()
        if data_format not in ("channels_last", "channels_first"):
            raise ValueError("Flatten: data_format must be 'channels_last' or 'channels_first', "
                             f"received data_format={data_format!r}")
        self.data_format = data_format
        self.input_spec = {"min_ndim": 1}

    def call(self, inputs):
        shape = inputs._shape_tuple
        rank = len(shape)
        if self.data_format == "channels_first" and rank > 2:
            inputs = _core.ops.transpose(inputs, [0] + list(range(2, rank)) + [1])
        flat = 1
        for d in shape[1:]:
            flat = None if flat is None or d is None else flat * d
        if flat is not None:
            return _core.ops.reshape(inputs, [-1 if shape[0] is None else shape[0], flat])
        if shape[0] is not None:
            return _core.ops.reshape(inputs, [shape[0], -1])
        raise ValueError(f"Flatten '{self.name}': cannot flatten an input whose batch and other dimensions "
                         f"are both unknown, received input shape {tuple(shape)}")

    def compute_output_shape(self, input_shape):
        flat = 1
        for d in tuple(input_shape)[1:]:
            flat = None if flat is None or d is None else flat * d
        return (input_shape[0], flat)

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}
