"""``Model.summary()``: Keras's table of layers, output shapes and parameter counts."""
import numpy as np

from ... import _core


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


def print_summary(model, print_fn=None):
    print_fn = print_fn or print
    rows = []
    for layer in model.layers:
        params = _count(layer.weights) if layer.built else 0
        rows.append((f"{layer.name} ({type(layer).__name__})", _output_shape(layer), f"{params:,}"))
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
