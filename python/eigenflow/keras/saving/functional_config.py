"""The config of a functional model in Keras 3's form, and the model rebuilt from it.

A config lists the model's layers, each with its own config, its ``name`` and its
``inbound_nodes``: one ``{"args": [...], "kwargs": {...}}`` per call of the layer inside
the model, where each symbolic tensor is ``{"class_name": "__keras_tensor__", "config":
{"shape", "dtype", "keras_history": [layer name, node index, tensor index]}}``.
``input_layers`` and ``output_layers`` name the model's inputs and outputs the same way.
Layers are listed in Keras's order (by depth from the outputs, deepest first, ties by
first visit), which also names their groups in a weights file.
"""
from ..layers.node import _flatten, _map
from . import serialization_lib


def _graph_nodes(model):
    """The model's layer-call Nodes, InputLayer nodes included."""
    graph = model._graph
    if any(kind != "layer" for kind, _, _ in graph.steps):
        return None
    nodes = [t._keras_history[1] for t in graph.input_tensors]
    return nodes + [node for _, node, _ in graph.steps]


def keras_layer_order(model):
    """MODEL's layers in the order Keras 3 lists them (None if the graph has tf op steps)."""
    nodes = _graph_nodes(model)
    if nodes is None:
        return None
    own = {id(n) for n in nodes}
    first_visit, post_order, finished = {}, [], set()
    input_ids = {id(t) for t in model._graph.input_tensors}

    def visit(tensor):
        layer, node, _ = tensor._keras_history
        if id(node) in finished:
            return
        first_visit.setdefault(layer, len(first_visit))
        if id(tensor) not in input_ids:
            for x in node.input_tensors:
                visit(x)
        finished.add(id(node))
        post_order.append(node)

    for t in model._graph.output_tensors:
        visit(t)
    node_depth, layer_depth = {}, {}
    for node in reversed(post_order):
        depth = max(node_depth.setdefault(id(node), 0), layer_depth.get(node.layer, 0))
        layer_depth[node.layer] = node_depth[id(node)] = depth
        for x in node.input_tensors:
            parent = x._keras_history[1]
            if id(parent) in own:
                node_depth[id(parent)] = max(depth + 1, node_depth.get(id(parent), 0))
    for t in model._graph.input_tensors:
        layer = t._keras_history[0]
        if layer not in layer_depth:
            layer_depth[layer], first_visit[layer] = 0, -1
    return sorted(layer_depth, key=lambda l: (-layer_depth[l], first_visit[l]))


def functional_config(model):
    """The config dict of the functional MODEL (the ``config`` part of its saved entry)."""
    nodes = _graph_nodes(model)
    if nodes is None:
        raise NotImplementedError(f"saving model '{model.name}': it applies tf ops to symbolic tensors outside "
                                  "layers, which cannot be saved as a config yet; wrap them in a layer")
    own = {id(n) for n in nodes}

    def node_index(layer, node):
        return sum(1 for n in layer._inbound_nodes[:_index(layer, node)] if id(n) in own)

    def tensor_ref(t):
        layer, node, index = t._keras_history
        return [layer.name, node_index(layer, node), index]

    def tensor_config(x):
        if hasattr(x, "_keras_history") and getattr(x, "_is_symbolic", False):
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": list(x.shape), "dtype": x.dtype.name, "keras_history": tensor_ref(x)}}
        return x

    layers = []
    for layer in keras_layer_order(model):
        entry = serialization_lib.serialize_keras_object(layer)
        entry["name"] = layer.name
        entry["inbound_nodes"] = [
            {"args": serialization_lib.serialize_keras_object(
                _map(tensor_config, [n.inputs_structure] + list(n.args))),
             "kwargs": serialization_lib.serialize_keras_object(_map(tensor_config, dict(n.kwargs)))}
            for n in layer._inbound_nodes if id(n) in own and n.input_tensors]
        layers.append(entry)
    graph = model._graph
    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": _map(tensor_ref, graph.inputs),
            "output_layers": _map(tensor_ref, graph.outputs)}


def _index(layer, node):
    for i, n in enumerate(layer._inbound_nodes):
        if n is node:
            return i
    raise ValueError(f"layer '{layer.name}' has lost the node of one of its calls")


def functional_from_config(cls, config, custom_objects=None):
    """The functional model of class CLS that CONFIG (from ``functional_config`` or Keras 3)
    describes: its layers are made from their configs and called as recorded."""
    created, pending = {}, []
    for spec in config["layers"]:
        layer = serialization_lib.deserialize_keras_object(spec, custom_objects)
        created[spec["name"]] = layer
        pending.extend((layer, node) for node in spec.get("inbound_nodes", []))
    # Each layer's calls, in order; a call waits until the calls it reads from are made.
    made = {name: [] for name in created}
    order = {name: [n for l, n in pending if l is created[name]] for name in created}
    for name, layer in created.items():
        if type(layer).__name__ == "InputLayer":
            made[name].append(layer._inbound_nodes[0].outputs_structure)
    progress = True
    while progress and any(order.values()):
        progress = False
        for name, layer in created.items():
            while order[name]:
                node = order[name][0]
                try:
                    args = _resolve(node.get("args", []), created, made)
                    kwargs = _resolve(node.get("kwargs", {}), created, made)
                except _NotYet:
                    break
                kwargs = {k: v for k, v in kwargs.items() if not (k == "mask" and v is None)}
                made[name].append(layer(*args, **kwargs))
                order[name].pop(0)
                progress = True
    if any(order.values()):
        stuck = [name for name, nodes in order.items() if nodes]
        raise ValueError(f"the functional config of {config.get('name')!r} has calls that depend on "
                         f"missing or circular inputs: layers {stuck}")

    def tensor(ref):
        if isinstance(ref, list) and len(ref) == 3 and isinstance(ref[0], str):
            name, node_index, tensor_index = ref
            if name not in made or node_index >= len(made[name]):
                raise ValueError(f"the functional config refers to call {node_index} of layer {name!r}, "
                                 "which it does not define")
            return _flatten(made[name][node_index])[tensor_index]
        if isinstance(ref, dict):
            return {k: tensor(v) for k, v in ref.items()}
        return [tensor(r) for r in ref]

    inputs, outputs = tensor(config["input_layers"]), tensor(config["output_layers"])
    return cls(inputs=inputs, outputs=outputs, name=config.get("name"))


class _NotYet(Exception):
    pass


def _resolve(value, created, made):
    if isinstance(value, dict) and value.get("class_name") == "__keras_tensor__":
        name, node_index, tensor_index = value["config"]["keras_history"]
        if name not in created:
            raise ValueError(f"the functional config refers to an unknown layer {name!r}")
        if node_index >= len(made[name]):
            raise _NotYet()
        return _flatten(made[name][node_index])[tensor_index]
    if isinstance(value, dict) and value.get("class_name") == "__tuple__":
        return tuple(_resolve(v, created, made) for v in value["config"]["value"])
    if isinstance(value, dict):
        return {k: _resolve(v, created, made) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, created, made) for v in value]
    return value
