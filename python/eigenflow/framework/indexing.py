"""``Tensor.__getitem__``: NumPy-style basic indexing turned into one strided_slice op.

Ints (also one-element int tensors), slices with steps and negative bounds, ``...`` and
``None`` are supported on every axis; the slice runs in C++ and is differentiable.
"""
from .. import _core
from ..errors import InvalidArgumentError


def _as_index(item):
    if isinstance(item, _core.Tensor):
        if item._size() != 1 or not item.dtype.is_integer:
            raise InvalidArgumentError(
                "[strided_slice] only integer scalars, slices, '...' and None are valid indices, "
                f"received a tensor of shape {tuple(item._shape_tuple)} and dtype {item.dtype.name}")
        return int(item._item())
    return item.__index__()


def getitem(tensor, key):
    shape = tensor._shape_tuple
    key = key if isinstance(key, tuple) else (key,)
    consuming = sum(1 for k in key if k is not None and k is not Ellipsis)
    if consuming > len(shape):
        raise InvalidArgumentError(
            f"[strided_slice] too many indices for a tensor of shape {tuple(shape)}: received {len(key)}")
    if sum(1 for k in key if k is Ellipsis) > 1:
        raise InvalidArgumentError("[strided_slice] an index can only have a single ellipsis ('...')")
    begin, end, strides, out_shape = [], [], [], []
    axis = 0
    for k in key:
        if k is Ellipsis:
            for _ in range(len(shape) - consuming):
                begin.append(0), end.append(shape[axis]), strides.append(1)
                out_shape.append(shape[axis])
                axis += 1
        elif k is None:
            out_shape.append(1)
        elif isinstance(k, slice):
            start, stop, step = k.indices(shape[axis])
            begin.append(start), end.append(stop), strides.append(step)
            out_shape.append(len(range(start, stop, step)))
            axis += 1
        else:
            try:
                i = _as_index(k)
            except (TypeError, AttributeError):
                raise InvalidArgumentError(
                    "[strided_slice] only integers, slices, '...', None and integer scalar tensors are valid "
                    f"indices, received {k!r}") from None
            dim = shape[axis]
            if not -dim <= i < dim:
                raise InvalidArgumentError(
                    f"[strided_slice] index {i} is out of bounds for axis {axis} with size {dim} "
                    f"(tensor shape {tuple(shape)})")
            i += dim if i < 0 else 0
            begin.append(i), end.append(i + 1), strides.append(1)
            axis += 1
    for d in range(axis, len(shape)):  # axes the key did not mention are taken whole
        begin.append(0), end.append(shape[d]), strides.append(1)
        out_shape.append(shape[d])
    whole = all(b == 0 and e == n and s == 1 for b, e, s, n in zip(begin, end, strides, shape))
    result = tensor if whole else _core.ops.strided_slice(tensor, begin, end, strides)
    if tuple(out_shape) != tuple(result._shape_tuple) or result is tensor:
        result = _core.ops.reshape(result, out_shape)
    return result
