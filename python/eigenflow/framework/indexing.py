"""``Tensor.__getitem__``: NumPy-style basic indexing turned into one strided_slice op.

Ints (also one-element int tensors), slices with steps and negative bounds, ``...`` and
``None`` are supported on every axis. Bounds are passed to C++ with Python's meaning (the
op clamps them to the real sizes), so a slice of a symbolic tensor replays correctly.
"""
from .. import _core
from ..errors import InvalidArgumentError

_OPEN = -(2 ** 63)  # an omitted slice bound (x[:3], x[2:]); see cpp/ops/slice.cpp


def _as_int(item):
    if isinstance(item, _core.Tensor):
        if item._is_symbolic or item._size() != 1 or not item.dtype.is_integer:
            raise InvalidArgumentError(
                "[strided_slice] only integer scalars, slices, '...' and None are valid indices, "
                f"received a tensor of shape {tuple(item._shape_tuple)} and dtype {item.dtype.name}")
        return int(item._item())
    try:
        return item.__index__()
    except (TypeError, AttributeError):
        raise InvalidArgumentError(
            "[strided_slice] only integers, slices, '...', None and integer scalar tensors are valid "
            f"indices, received {item!r}") from None


def _bound(value):
    return _OPEN if value is None else _as_int(value)


def getitem(tensor, key):
    rank = len(tensor._shape_tuple)
    key = key if isinstance(key, tuple) else (key,)
    consuming = sum(1 for k in key if k is not None and k is not Ellipsis)
    if consuming > rank:
        raise InvalidArgumentError(
            f"[strided_slice] too many indices for a tensor of shape {tuple(tensor._shape_tuple)}: "
            f"received {consuming}")
    if sum(1 for k in key if k is Ellipsis) > 1:
        raise InvalidArgumentError("[strided_slice] an index can only have a single ellipsis ('...')")
    begin, end, strides, shrink, new_axes = [], [], [], [], []
    out_axis = 0  # position in the result, for inserting new axes
    for k in key:
        if k is Ellipsis:
            for _ in range(rank - consuming):
                begin.append(_OPEN), end.append(_OPEN), strides.append(1)
                out_axis += 1
        elif k is None:
            new_axes.append(out_axis)
            out_axis += 1
        elif isinstance(k, slice):
            step = 1 if k.step is None else _as_int(k.step)
            begin.append(_bound(k.start)), end.append(_bound(k.stop)), strides.append(step)
            out_axis += 1
        else:
            i = _as_int(k)
            shrink.append(len(begin))
            begin.append(i), end.append(i + 1), strides.append(1)
    while len(begin) < rank:  # axes the key did not mention are taken whole
        begin.append(_OPEN), end.append(_OPEN), strides.append(1)
    whole = not shrink and all(b == _OPEN and e == _OPEN and s == 1 for b, e, s in zip(begin, end, strides))
    result = tensor if whole else _core.ops.strided_slice(tensor, begin, end, strides, shrink or None)
    for axis in new_axes:
        result = _core.ops.expand_dims(result, axis)
    if result is tensor:
        result = _core.ops.identity(tensor)
    return result
