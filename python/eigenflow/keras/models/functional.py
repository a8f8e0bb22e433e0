"""The graph of a functional model: from its symbolic inputs to its outputs.

Two kinds of steps connect symbolic tensors: a layer called on them (a Node, see
layers/node.py) and a tf op applied to them outside any layer (a C++ Producer). Running the
model replays the steps in order on real tensors. Variables that an op step captures (a
``tf.Variable`` used as an exponent, say) are weights of the model.
"""
from ... import _core
from ..layers.node import _flatten, _map


class FunctionalGraph:
    def __init__(self, inputs, outputs):
        self.inputs = inputs
        self.outputs = outputs
        self.input_tensors = _flatten(inputs)
        for t in self.input_tensors:
            if not (isinstance(t, _core.Tensor) and t._is_symbolic):
                raise ValueError(f"Model inputs must be symbolic tensors from keras.Input, received {t!r}")
        self.output_tensors = _flatten(outputs)
        self.steps = []          # ("layer", node) or ("op", producer, [symbolic outputs])
        self.layers = []         # in graph order, InputLayers first
        self.captured_variables = []
        self._order()

    def _order(self):
        input_ids = {id(t) for t in self.input_tensors}
        done, producers = set(), {}
        for t in self.input_tensors:
            layer = t._keras_history[0] if hasattr(t, "_keras_history") else None
            if layer is not None and layer not in self.layers:
                self.layers.append(layer)

        def visit(t, path):
            if id(t) in done or id(t) in input_ids or not (isinstance(t, _core.Tensor) and t._is_symbolic):
                return
            if id(t) in path:
                raise ValueError("the model's graph has a cycle")
            path.add(id(t))
            history = getattr(t, "_keras_history", None)
            if history is not None:
                layer, node, _ = history
                if not node.input_tensors and type(layer).__name__ == "InputLayer":
                    raise ValueError(f"Graph disconnected: the output depends on input '{layer.name}', "
                                     "which is not among the model's inputs")
                for x in node.input_tensors:
                    visit(x, path)
                for out in _flatten(node.outputs_structure):
                    done.add(id(out))
                self.steps.append(("layer", node, None))
                if layer not in self.layers:
                    self.layers.append(layer)
            elif t._producer is not None:
                producer = t._producer
                key = id(producer)
                if key not in producers:
                    producers[key] = (producer, [])
                    for x in producer.inputs:
                        if x._is_symbolic:
                            visit(x, path)
                        elif x._is_variable and all(x is not v for v in self.captured_variables):
                            self.captured_variables.append(x)
                    self.steps.append(("op", producer, producers[key][1]))
                producers[key][1].append(t)
                done.add(id(t))
            else:
                raise ValueError(f"Graph disconnected: {t} is not computed from the model's inputs")
            path.discard(id(t))

        for t in self.output_tensors:
            visit(t, set())

    @property
    def input_names(self):
        """The keys a dict of data is matched by: those of a dict of inputs, otherwise the
        names of the inputs (their InputLayers')."""
        if isinstance(self.inputs, dict) and len(self.inputs) == len(self.input_tensors):
            return list(self.inputs)
        names = []
        for i, t in enumerate(self.input_tensors):
            history = getattr(t, "_keras_history", None)
            names.append(history[0].name if history is not None else f"input_{i}")
        return names

    def _inputs_by_name(self, data):
        names = self.input_names
        missing = [n for n in names if n not in data]
        if missing:
            raise ValueError(f"the model's inputs are named {names}, but the data is a dict with keys "
                             f"{list(data)}: no data for {missing}")
        return [data[n] for n in names]

    def run(self, inputs, training=None):
        """The outputs for real INPUTS (matching the structure of the model's inputs)."""
        values = {}
        if isinstance(inputs, dict):
            given = self._inputs_by_name(inputs)
        else:
            given = _flatten(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        if len(given) != len(self.input_tensors):
            raise ValueError(f"the model expects {len(self.input_tensors)} input(s), received {len(given)}")
        for sym, real in zip(self.input_tensors, given):
            values[id(sym)] = real
        value_of = lambda t: values[id(t)]
        for kind, step, outs in self.steps:
            if kind == "layer":
                result = step.run(value_of, training)
                for sym, real in zip(_flatten(step.outputs_structure), _flatten(result)):
                    values[id(sym)] = real
            else:
                reals = step.replay([values[id(x)] if x._is_symbolic else x for x in step.inputs])
                for sym in outs:
                    values[id(sym)] = reals[sym._producer_output]
        return _map(value_of, self.outputs)
