"""``keras.Sequential``: a plain stack of layers, each feeding the next."""
from ... import _core
from ... import dtypes as _dtypes
from ..layers.input_layer import InputLayer
from ..layers.layer import Layer
from .model import Model


class Sequential(Model):
    """A linear stack of layers.

    The model is built at once when its first layer knows the input shape (an ``Input``,
    an ``InputLayer`` or ``input_shape=``), otherwise on its first call or ``fit``.

    Args:
        layers: the layers, in order.
        name: the model's name.

    Example:
        >>> import eigenflow as tf
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(3,)),
        ...                              tf.keras.layers.Dense(1)])
        >>> model.count_params()
        21
    """

    def __init__(self, layers=None, name=None, trainable=True, **kwargs):
        Model.__init__(self, name=name, trainable=trainable, **kwargs)
        self._stack = []
        self._input_layer = None
        for layer in layers or []:
            self.add(layer)

    @property
    def layers(self):
        return list(self._stack)

    def _sublayers(self):
        return list(self._stack)

    def add(self, layer):
        """Appends LAYER (a Layer, or a symbolic tensor from keras.Input) to the stack."""
        if isinstance(layer, _core.Tensor) and layer._is_symbolic and hasattr(layer, "_keras_history"):
            layer = layer._keras_history[0]
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential.add expects a Layer, received {type(layer).__name__}: {layer!r}")
        if isinstance(layer, InputLayer):
            if self._stack or self._input_layer is not None:
                raise ValueError("Sequential: an InputLayer can only come first")
            self._input_layer = layer
            return
        self._stack.append(layer)
        self.built = False
        batch_shape = self._input_shape()
        if batch_shape is not None:
            self._build_symbolic(batch_shape)

    def pop(self):
        """Removes the last layer."""
        if not self._stack:
            raise IndexError("Sequential.pop: the model has no layers")
        layer = self._stack.pop()
        self.built = False
        return layer

    def _input_shape(self):
        if self._input_layer is not None:
            return self._input_layer.batch_shape
        if self._stack and getattr(self._stack[0], "_batch_input_shape", None) is not None:
            return self._stack[0]._batch_input_shape
        return None

    def _build_symbolic(self, batch_shape):
        dtype = self._input_layer.dtype if self._input_layer is not None else "float32"
        x = _core.symbolic(list(batch_shape), _dtypes.as_dtype(dtype))
        for layer in self._stack:
            x = layer(x)
        self.built = True

    def build(self, input_shape=None):
        if input_shape is not None and not self.built:
            self._build_symbolic((None,) + tuple(input_shape)[1:])
        self.built = True

    def _maybe_build(self, inputs):
        self.built = True

    def call(self, inputs, training=None, mask=None):
        x = inputs
        for layer in self._stack:
            x = layer(x, training=training) if layer._call_takes_training else layer(x)
        return x

    @property
    def inputs(self):
        return None

    @property
    def outputs(self):
        return None

    def get_config(self):
        from .. import layers as layers_module  # noqa: F401
        config = {"name": self.name, "layers": [
            {"class_name": type(l).__name__, "config": l.get_config()} for l in self._stack]}
        if self._input_layer is not None:
            config["layers"].insert(0, {"class_name": "InputLayer", "config": self._input_layer.get_config()})
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from .. import layers as layers_module
        model = cls(name=config.get("name"))
        for spec in config.get("layers", []):
            layer_cls = (custom_objects or {}).get(spec["class_name"]) or getattr(layers_module, spec["class_name"])
            model.add(layer_cls.from_config(spec["config"]))
        return model
