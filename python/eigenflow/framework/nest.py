"""``tf.nest``: nested structures of lists, tuples, namedtuples and dicts, and their leaves.

Dicts are walked in sorted key order, as TensorFlow does, so a structure flattens the same
way whatever order its dict was built in.
"""


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(type(x), "_fields")


def _children(x):
    if isinstance(x, dict):
        return [x[k] for k in sorted(x)]
    if isinstance(x, (list, tuple)):
        return list(x)
    return None


def flatten(structure):
    """The leaves of STRUCTURE, depth first (None counts as a leaf).

    >>> import eigenflow as tf
    >>> tf.nest.flatten({"b": [1, 2], "a": (3,)})
    [3, 1, 2]
    """
    out = []
    stack = [structure]
    while stack:
        x = stack.pop()
        children = _children(x)
        if children is None:
            out.append(x)
        else:
            stack.extend(reversed(children))
    return out


def pack_sequence_as(structure, flat_sequence):
    """STRUCTURE with its leaves replaced, in order, by FLAT_SEQUENCE."""
    flat = list(flat_sequence)
    expected = len(flatten(structure))
    if len(flat) != expected:
        raise ValueError(f"pack_sequence_as: the structure has {expected} leaves, received {len(flat)} values")
    return _build(structure, iter(flat))


def _build(x, leaves):
    # A module function, not a closure over itself: a recursive closure is a reference cycle,
    # which kept every traced step's outputs alive until the garbage collector ran.
    if isinstance(x, dict):
        values = {k: _build(x[k], leaves) for k in sorted(x)}
        return type(x)((k, values[k]) for k in x) if type(x) is not dict else {k: values[k] for k in x}
    if _is_namedtuple(x):
        return type(x)(*[_build(c, leaves) for c in x])
    if isinstance(x, (list, tuple)):
        return type(x)(_build(c, leaves) for c in x)
    return next(leaves)


def map_structure(func, *structures):
    """STRUCTURES[0] with each leaf replaced by FUNC applied to the matching leaves of all."""
    flats = [flatten(s) for s in structures]
    if len({len(f) for f in flats}) > 1:
        raise ValueError("map_structure: the structures have different numbers of leaves: "
                         f"{[len(f) for f in flats]}")
    return pack_sequence_as(structures[0], [func(*leaves) for leaves in zip(*flats)])
