"""``InputLayer`` and ``Input``: where a functional model's symbolic tensors start."""
from ... import _core
from ... import dtypes as _dtypes
from .layer import Layer
from . import node as _node


class InputLayer(Layer):
    """The layer behind ``keras.Input``: it owns the symbolic tensor a model starts from.

    Args:
        input_shape / shape: the shape of one sample (no batch dimension).
        batch_size: a fixed batch size, or None.
        dtype: the input's dtype (default float32).
        batch_shape: the full shape including the batch dimension, instead of the above.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.InputLayer(input_shape=(10,)).output.shape
        TensorShape([None, 10])
    """

    def __init__(self, input_shape=None, batch_size=None, dtype=None, name=None, batch_shape=None,
                 shape=None, batch_input_shape=None, input_tensor=None, sparse=None, ragged=None, **kwargs):
        super().__init__(name=name, dtype=dtype or "float32", **kwargs)
        if shape is not None and input_shape is None:
            input_shape = shape
        batch_shape = batch_shape or batch_input_shape
        if batch_shape is None:
            if input_shape is None:
                raise ValueError(f"InputLayer '{self.name}' needs input_shape=, shape= or batch_shape=")
            input_shape = (input_shape,) if isinstance(input_shape, int) else tuple(input_shape)
            batch_shape = (batch_size,) + input_shape
        self._batch_input_shape = tuple(None if d is None else int(d) for d in batch_shape)
        tensor = _core.symbolic(list(self._batch_input_shape), _dtypes.as_dtype(self.dtype))
        node = _node.Node(self, [], (), {}, tensor)
        tensor._keras_history = (self, node, 0)
        self._inbound_nodes.append(node)
        self._input_tensor = tensor
        self.built = True

    @property
    def batch_shape(self):
        return self._batch_input_shape

    def call(self, inputs):
        return inputs

    def get_config(self):
        return {"batch_shape": self._batch_input_shape, "dtype": self.dtype, "name": self.name}

    @property
    def output(self):
        return self._input_tensor


def Input(shape=None, batch_size=None, dtype=None, name=None, batch_shape=None, sparse=None, tensor=None,
          ragged=None, **kwargs):
    """A symbolic tensor to build a functional model from: ``keras.Input(shape=(6, 5))`` has
    shape ``(None, 6, 5)``; layers and tf ops applied to it record a graph.

    Args:
        shape: the shape of one sample (no batch dimension).
        batch_size: a fixed batch size, or None.
        dtype: default float32.
        name: the input's name.
        batch_shape: the full shape, instead of shape and batch_size.

    Returns:
        A symbolic tensor.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.Input(shape=(6, 5)).shape
        TensorShape([None, 6, 5])
    """
    if shape is None and batch_shape is None:
        shape = kwargs.pop("input_shape", None)
    layer = InputLayer(input_shape=shape, batch_size=batch_size, dtype=dtype, name=name, batch_shape=batch_shape)
    return layer.output
