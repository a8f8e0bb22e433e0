"""Elements as nested structures, the way tf.data sees them.

Tuples, namedtuples and dicts are structure; anything else, a Python list included, is a
leaf (a list becomes one tensor, as in TensorFlow). Dicts are walked in sorted key order.
Inside a pipeline the leaves of an element are NumPy arrays or eigenflow tensors; they
become tensors only where user code or the consumer receives them.
"""
import numpy as np

from .. import _core
from .. import dtypes
from ..framework.tensor_shape import TensorShape
from ..framework.tensor_spec import TensorSpec


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(type(x), "_fields")


def _is_structure(x):
    # A TensorShape is a tuple, but one shape (padded_batch's padded_shapes holds them).
    return isinstance(x, dict) or (isinstance(x, tuple) and not isinstance(x, TensorShape))


def _children(x):
    if isinstance(x, dict):
        return [x[k] for k in sorted(x)]
    if _is_structure(x):
        return list(x)
    return None


def flatten(structure):
    """The leaves of STRUCTURE, depth first."""
    children = _children(structure)
    if children is None:
        return [structure]
    return [leaf for child in children for leaf in flatten(child)]


def flatten_up_to(shallow, deep):
    """The subtrees of DEEP at the leaves of SHALLOW, in ``flatten`` order: with SHALLOW a
    structure of specs, a shape such as ``(None, 3)`` is one value, not a tuple of two.

    Raises:
        ValueError: DEEP does not have SHALLOW's structure down to SHALLOW's leaves.
    """
    children = _children(shallow)
    if children is None:
        return [deep]
    if isinstance(shallow, dict):
        if not isinstance(deep, dict) or sorted(deep) != sorted(shallow):
            raise ValueError(f"expected a dict with keys {sorted(shallow)}, received {deep!r}")
        deep_children = [deep[k] for k in sorted(shallow)]
    else:
        if not isinstance(deep, (tuple, list)) or len(deep) != len(children):
            raise ValueError(f"expected a tuple of {len(children)}, received {deep!r}")
        deep_children = list(deep)
    return [leaf for s, d in zip(children, deep_children) for leaf in flatten_up_to(s, d)]


def pack_as(structure, leaves):
    """STRUCTURE with its leaves replaced, in order, by LEAVES."""
    if _children(structure) is None:
        return leaves[0]
    return _pack(structure, iter(leaves))


def _pack(x, leaves):
    # Not a closure over itself: that would be a reference cycle holding every batch's
    # tensors until the garbage collector runs.
    if isinstance(x, dict):
        built = {k: _pack(x[k], leaves) for k in sorted(x)}
        return type(x)((k, built[k]) for k in x)
    if _is_namedtuple(x):
        return type(x)(*[_pack(c, leaves) for c in x])
    if _is_structure(x):
        return tuple(_pack(c, leaves) for c in x)
    return next(leaves)


def map_structure(fn, structure):
    if _children(structure) is None:
        return fn(structure)
    return pack_as(structure, [fn(leaf) for leaf in flatten(structure)])


def leaf_paths(structure):
    """Names of the leaves of STRUCTURE for messages ("component [0]", "component ['image']",
    or "the element" when it is a single tensor), in ``flatten`` order."""
    def walk(x, prefix):
        if isinstance(x, dict):
            return [p for k in sorted(x) for p in walk(x[k], f"{prefix}[{k!r}]")]
        if _is_structure(x):
            return [p for i, c in enumerate(x) for p in walk(c, f"{prefix}[{i}]")]
        return [f"component {prefix}" if prefix else "the element"]
    return walk(structure, "")


def skeleton(structure):
    """A hashable picture of STRUCTURE without its leaves, to compare two structures."""
    if isinstance(structure, dict):
        return ("dict", tuple((k, skeleton(structure[k])) for k in sorted(structure)))
    if _is_structure(structure):
        return (type(structure).__name__, tuple(skeleton(c) for c in structure))
    return "*"


def same_structure(a, b):
    return skeleton(a) == skeleton(b)


def as_array(value):
    """A leaf as a NumPy array of a dtype eigenflow has (tensors are viewed, not copied;
    Python numbers follow ``tf.constant``'s rules: floats become float32, ints int32)."""
    if isinstance(value, np.ndarray) and value.dtype.name in _SUPPORTED:
        return value
    if isinstance(value, _core.Tensor):
        return value.numpy()
    return _core.convert_to_tensor(value).numpy()


_SUPPORTED = {"bool", "int32", "int64", "float32", "float64"}


def normalize(element, stage):
    """ELEMENT with every leaf an array (see ``as_array``); a leaf that is no tensor raises
    a ValueError naming ``Dataset.STAGE`` and where the leaf sits."""
    arrays = []
    for path, leaf in zip(leaf_paths(element), flatten(element)):
        try:
            arrays.append(as_array(leaf))
        except (TypeError, ValueError) as error:
            raise ValueError(f"Dataset.{stage}: {path} cannot become a tensor: {error}") from error
    return pack_as(element, arrays)


def spec_of(element):
    """The ``TensorSpec`` structure describing ELEMENT (leaves: arrays or tensors)."""
    return map_structure(lambda leaf: TensorSpec(leaf.shape, dtypes.as_dtype(leaf.dtype)), element)


def to_tensors(element):
    """ELEMENT with every leaf an eigenflow tensor (tensors are passed through)."""
    return map_structure(_core.convert_to_tensor, element)


def to_numpy(element):
    """ELEMENT with every leaf a NumPy array, scalars as NumPy scalars (``as_numpy_iterator``)."""
    def leaf(value):
        array = np.asarray(value)
        return array[()] if array.ndim == 0 else array
    return map_structure(leaf, element)


def describe(spec):
    """SPEC (a structure of TensorSpecs) written short, for error messages."""
    return repr(map_structure(_SpecText, spec))


class _SpecText:
    def __init__(self, spec):
        dims = "..." if spec.shape is None else ", ".join(str(d) for d in spec.shape)
        self.text = f"{spec.dtype.name}[{dims}]"

    def __repr__(self):
        return self.text
