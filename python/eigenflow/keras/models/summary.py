"""``Model.summary()``: Keras's table of layers, output shapes and parameter counts."""
import numpy as np


def _output_shape(layer):
    if getattr(layer, "_batch_input_shape", None) is not None and type(layer).__name__ == "InputLayer":
        return str(tuple(layer._batch_input_shape)).replace(",)", ")") if len(layer._batch_input_shape) != 1 \
            else f"({layer._batch_input_shape[0]},)"
    shape = getattr(layer, "_output_shape_seen", None)
    if shape is None:
        return "?"
    return shape


def _format_bytes(n):
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.2f} {unit}"
        n /= 1024


def _count(variables):
    return int(sum(int(np.prod(v.shape)) for v in variables))


def _params(layer):
    if not layer.built:
        return "0 (unbuilt)"
    return f"{_count(layer.weights):,}"


def _rows(layers, expand_nested, level=0):
    """A row per layer; with EXPAND_NESTED, a nested model's layers follow it, prefixed
    with '└ ' (indented by depth)."""
    rows = []
    prefix = "   " * (level - 1) + "└ " if level else ""
    for layer in layers:
        rows.append((f"{prefix}{layer.name} ({type(layer).__name__})", _output_shape(layer), _params(layer)))
        nested = getattr(layer, "layers", None) if expand_nested and hasattr(layer, "_compile_state") else None
        if nested:
            rows.extend(_rows(nested, expand_nested, level + 1))
    return rows


def print_summary(model, print_fn=None, expand_nested=False):
    """Prints MODEL's table: each layer's name (type), output shape and parameter count,
    then the total, trainable and non-trainable parameter counts."""
    print_fn = print_fn or print
    rows = _rows(model.layers, expand_nested)
    widths = [max(31, max((len(r[0]) for r in rows), default=0) + 1), 24, 15]
    line = lambda l, m, r, fill: l + m.join(fill * (w + 2) for w in widths) + r

    def row(cells):
        name, shape, params = cells
        return f"│ {name:<{widths[0]}} │ {shape:<{widths[1]}} │ {params:>{widths[2]}} │"

    print_fn(f'Model: "{model.name}"')
    print_fn(line("┏", "┳", "┓", "━"))
    print_fn(f"┃ {'Layer (type)':<{widths[0]}} ┃ {'Output Shape':<{widths[1]}} ┃ {'Param #':>{widths[2]}} ┃")
    print_fn(line("┡", "╇", "┩", "━"))
    for i, cells in enumerate(rows):
        print_fn(row(cells))
        print_fn(line("├", "┼", "┤", "─") if i < len(rows) - 1 else line("└", "┴", "┘", "─"))
    trainable = _count(model.trainable_weights)
    total = _count(model.weights)
    itemsize = 4
    print_fn(f" Total params: {total:,} ({_format_bytes(total * itemsize)})")
    print_fn(f" Trainable params: {trainable:,} ({_format_bytes(trainable * itemsize)})")
    print_fn(f" Non-trainable params: {total - trainable:,} ({_format_bytes((total - trainable) * itemsize)})")
