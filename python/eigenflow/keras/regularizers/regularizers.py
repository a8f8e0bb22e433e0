"""The built-in penalties: ``L1``, ``L2``, ``L1L2``, ``OrthogonalRegularizer``, and the
``l1``, ``l2``, ``l1_l2`` names of Keras 2.

A factor may be a float or a scalar trainable Variable (see ``factor.py``): the penalty is
then computed with the Variable, so the tape differentiates through it and it is trained.
"""
from ... import _core
from . import factor as _factor
from .regularizer import Regularizer


def _as_tensor(x):
    return x if isinstance(x, _core.Tensor) else _core.convert_to_tensor(x)


def _l1_term(l1, x):
    return _factor.value(l1, x.dtype) * _core.ops.reduce_sum(_core.ops.abs(x))


def _l2_term(l2, x):
    return _factor.value(l2, x.dtype) * _core.ops.reduce_sum(_core.ops.square(x))


class L1L2(Regularizer):
    """The penalty ``l1 * sum(abs(x)) + l2 * sum(square(x))``.

    Args:
        l1: the L1 factor: a float >= 0 or a scalar float Variable (then trained, and kept
            non-negative).
        l2: the L2 factor, likewise.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.regularizers.L1L2(l1=0.1, l2=0.01)(tf.constant([1.0, -2.0]))), 6)
        0.35
    """

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = _factor.check_factor(type(self).__name__, "l1", 0.0 if l1 is None else l1)
        self.l2 = _factor.check_factor(type(self).__name__, "l2", 0.0 if l2 is None else l2)

    def __call__(self, x):
        x = _as_tensor(x)
        terms = []
        if _factor.is_active(self.l1):
            terms.append(_l1_term(self.l1, x))
        if _factor.is_active(self.l2):
            terms.append(_l2_term(self.l2, x))
        if not terms:
            return _core.convert_to_tensor(0.0, dtype=x.dtype)
        return terms[0] if len(terms) == 1 else terms[0] + terms[1]

    def get_config(self):
        return {"l1": _factor.as_float(self.l1), "l2": _factor.as_float(self.l2)}


class L1(Regularizer):
    """The penalty ``l1 * sum(abs(x))``.

    Args:
        l1: the factor: a float >= 0 or a scalar float Variable (then trained, and kept
            non-negative).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.regularizers.L1(0.5)(tf.constant([1.0, -2.0])))
        1.5
    """

    def __init__(self, l1=0.01):
        self.l1 = _factor.check_factor("L1", "l1", 0.01 if l1 is None else l1)

    def __call__(self, x):
        return _l1_term(self.l1, _as_tensor(x))

    def get_config(self):
        return {"l1": _factor.as_float(self.l1)}


class L2(Regularizer):
    """The penalty ``l2 * sum(square(x))`` (no factor 1/2, as in Keras).

    Args:
        l2: the factor: a float >= 0 or a scalar float Variable (then trained, and kept
            non-negative).

    Example:
        >>> import eigenflow as tf
        >>> float(tf.keras.regularizers.L2(0.5)(tf.constant([1.0, -2.0])))
        2.5
    """

    def __init__(self, l2=0.01):
        self.l2 = _factor.check_factor("L2", "l2", 0.01 if l2 is None else l2)

    def __call__(self, x):
        return _l2_term(self.l2, _as_tensor(x))

    def get_config(self):
        return {"l2": _factor.as_float(self.l2)}


class OrthogonalRegularizer(Regularizer):
    """Penalizes non-orthogonal rows (or columns) of a 2-D weight.

    The rows (``mode="rows"``) or columns are L2-normalized; the penalty is ``factor``
    times the mean absolute dot product over the distinct pairs of them (Keras's formula:
    ``factor * 0.5 * sum(|off-diagonal of the Gram matrix|) / (n * (n - 1) / 2)``).

    Args:
        factor: a float >= 0 or a scalar float Variable.
        mode: ``"rows"`` or ``"columns"``.

    Example:
        >>> import eigenflow as tf
        >>> reg = tf.keras.regularizers.OrthogonalRegularizer(factor=1.0)
        >>> float(reg(tf.constant([[1.0, 0.0], [1.0, 0.0]])))
        1.0
    """

    def __init__(self, factor=0.01, mode="rows"):
        self.factor = _factor.check_factor("OrthogonalRegularizer", "factor", factor)
        if mode not in ("rows", "columns"):
            raise ValueError(f"OrthogonalRegularizer: mode must be 'rows' or 'columns', received mode={mode!r}")
        self.mode = mode

    def __call__(self, x):
        x = _as_tensor(x)
        if x.ndim != 2:
            raise ValueError(f"OrthogonalRegularizer: the weight must be 2-D, received shape {tuple(x.shape)}")
        if self.mode == "rows":
            unit = _core.ops.l2_normalize(x, axis=1)
            product = _core.ops.matmul(unit, _core.ops.transpose(unit))
            size = int(x.shape[0])
        else:
            unit = _core.ops.l2_normalize(x, axis=0)
            product = _core.ops.matmul(_core.ops.transpose(unit), unit)
            size = int(x.shape[1])
        if size < 2:
            return _core.convert_to_tensor(0.0, dtype=x.dtype)
        off_diagonal = product * (1.0 - _core.ops.eye(size, dtype=x.dtype))
        pairs = size * (size - 1) / 2.0
        return _factor.value(self.factor, x.dtype) * (0.5 / pairs) * _core.ops.reduce_sum(_core.ops.abs(off_diagonal))

    def get_config(self):
        return {"factor": _factor.as_float(self.factor), "mode": self.mode}


# Keras 2's names: l1 and l2 are the classes; l1_l2 is a function with both factors 0.01.
l1 = L1
l2 = L2


def l1_l2(l1=0.01, l2=0.01):
    """An ``L1L2`` regularizer, with tf.keras 2's defaults (both factors 0.01).

    Args:
        l1: the L1 factor (float >= 0 or scalar Variable).
        l2: the L2 factor (float >= 0 or scalar Variable).

    Returns:
        An ``L1L2`` instance.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.regularizers.l1_l2().get_config()
        {'l1': 0.01, 'l2': 0.01}
    """
    return L1L2(l1=l1, l2=l2)
