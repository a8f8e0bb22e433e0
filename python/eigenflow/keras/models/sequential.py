"""``keras.Sequential``: a plain stack of layers, each feeding the next."""
from ... import _core
from ..layers.input_layer import InputLayer
from ..layers.layer import Layer
from .model import Model


class Sequential(Model):
    """A linear stack of layers.

    The model is built at once when its first layer knows the input shape (an ``Input``,
    an ``InputLayer`` or ``input_shape=``) or by ``build(input_shape)``, otherwise on its
    first call or ``fit``. Built from an input shape, it has symbolic ``inputs``,
    ``outputs``, ``input``, ``output``, ``input_shape`` and ``output_shape``, and every
    layer's ``output`` hangs from ``inputs``, so ``keras.Model(model.inputs,
    model.layers[-2].output)`` extracts features.

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
        self._auto_input = False     # the InputLayer was made from the first layer's input_shape
        self._symbolic_outputs = []  # each layer's output on the InputLayer's tensor, once built
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
        if self._symbolic_outputs and len(self._symbolic_outputs) == len(self._stack) - 1:
            # Built up to here: only the new layer needs a symbolic call.
            self._symbolic_outputs.append(layer(self._symbolic_outputs[-1]))
            return
        self.built = False
        batch_shape = self._input_shape()
        if batch_shape is not None:
            self._build_symbolic(batch_shape)

    def pop(self):
        """Removes the last layer."""
        if not self._stack:
            raise IndexError("Sequential.pop: the model has no layers")
        layer = self._stack.pop()
        if len(self._symbolic_outputs) > len(self._stack):
            del self._symbolic_outputs[len(self._stack):]
        if not self._stack and self._auto_input:
            self._input_layer, self._auto_input = None, False
        self.built = bool(self._symbolic_outputs) or (not self._stack and self._input_layer is not None)
        return layer

    def _input_shape(self):
        if self._input_layer is not None:
            return self._input_layer.batch_shape
        if self._stack and getattr(self._stack[0], "_batch_input_shape", None) is not None:
            return self._stack[0]._batch_input_shape
        return None

    def _build_symbolic(self, batch_shape):
        """Calls every layer on the InputLayer's symbolic tensor (making one for BATCH_SHAPE
        if the model has none), so each layer is built and the model has inputs/outputs."""
        if self._input_layer is None:
            self._input_layer = InputLayer(batch_shape=batch_shape, dtype=self._stack[0].dtype if self._stack
                                           else "float32")
            self._auto_input = True
        x = self._input_layer.output
        outputs = []
        for layer in self._stack:
            x = layer(x)
            outputs.append(x)
        self._symbolic_outputs = outputs
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
        if self._input_layer is None and isinstance(inputs, _core.Tensor) and not inputs._is_symbolic:
            self._record_input_shape(inputs)
        return x

    def _record_input_shape(self, inputs):
        """After the first call on data, traces the stack once on a symbolic input of that
        shape, so the model has inputs/outputs and can be saved whole. A layer that cannot
        run symbolically just leaves the model as it was."""
        self._input_layer = None
        try:
            self._build_symbolic((None,) + tuple(inputs._shape_tuple)[1:])
        except Exception:  # noqa: BLE001 - an eager-only custom layer: keep working eagerly
            self._input_layer, self._auto_input, self._symbolic_outputs = None, False, []

    def _default_output_names(self):
        return [self._stack[-1].name] if self._stack else []

    def _graph_built(self):
        return self._input_layer is not None and self._stack and len(self._symbolic_outputs) == len(self._stack)

    @property
    def inputs(self):
        """The symbolic input tensor, in a list, once the model is built from an input shape."""
        return [self._input_layer.output] if self._graph_built() else None

    @property
    def outputs(self):
        """The last layer's symbolic output, in a list, once built from an input shape."""
        return [self._symbolic_outputs[-1]] if self._graph_built() else None

    @property
    def input(self):
        if self._graph_built():
            return self._input_layer.output
        return Layer.input.fget(self)

    @property
    def output(self):
        if self._graph_built():
            return self._symbolic_outputs[-1]
        return Layer.output.fget(self)

    def get_config(self):
        from .. import layers as layers_module  # noqa: F401
        config = {"name": self.name, "layers": [
            {"class_name": type(l).__name__, "config": l.get_config()} for l in self._stack]}
        if self._input_layer is not None and not self._auto_input:
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
