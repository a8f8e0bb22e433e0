"""Regularization factors: a non-negative number, or a scalar Variable trained with the model.

A penalty's factor read from a trainable Variable is differentiated and trained like any
weight (the layer finds it when the penalty is first computed). Trained on the loss it
scales, such a factor can only fall, through zero into negative values that reward large
weights. So the first time eigenflow sees a trainable factor it gives the Variable a
non-negativity constraint (which optimizers apply after each update) unless it already
has one, and says so once per Variable in a warning that names it.
"""
import math
import os
import sys
import warnings

from ... import _core
from ...framework.variables import Variable

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_GUARDED = "_eigenflow_factor_guarded"


def check_factor(owner, name, value):
    """VALUE as kept by a regularizer: a float >= 0, or the scalar float Variable itself."""
    if isinstance(value, Variable):
        if not value.dtype.is_floating or tuple(value.shape) != ():
            raise ValueError(f"{owner}: a Variable {name} must be a float scalar, received {name}=Variable "
                             f"'{value.name}' of shape {tuple(value.shape)} and dtype {value.dtype.name}")
        if float(value.numpy()) < 0:
            raise ValueError(f"{owner}: {name} must be non-negative, received {name}=Variable '{value.name}' "
                             f"holding {float(value.numpy())}")
        guard(value)
        return value
    try:
        number = float(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or math.isnan(number) or math.isinf(number) or number < 0:
        raise ValueError(f"{owner}: {name} must be a non-negative float or a scalar Variable, "
                         f"received {name}={value!r}")
    return number


def guard(variable):
    """Once per trainable Variable: constrain it to >= 0 (unless constrained) and warn."""
    if not variable.trainable or getattr(variable, _GUARDED, False):
        return
    setattr(variable, _GUARDED, True)
    if getattr(variable, "constraint", None) is None:
        from ..constraints import NonNeg

        variable.constraint = NonNeg()
        what = "eigenflow keeps it non-negative (a NonNeg constraint applied after each update)"
    else:
        what = "its own constraint is kept: make sure it keeps the factor non-negative"
    warnings.warn(f"regularizer factor Variable '{variable.name}' is trained with the model, so the penalty "
                  f"drives it down; {what}", UserWarning, stacklevel=_user_stacklevel())


def value(factor, dtype):
    """FACTOR as a number or tensor to multiply a penalty of DTYPE with (the Variable is read)."""
    if isinstance(factor, Variable):
        guard(factor)
        return factor if factor.dtype == dtype else _core.ops.cast(factor, dtype)
    return factor


def as_float(factor):
    """FACTOR's current value as a Python float (what get_config stores)."""
    if isinstance(factor, Variable):
        # The shortest decimal of the stored value: a float32 0.01 is saved as 0.01.
        return float(str(factor.numpy()))
    return float(factor)


def is_active(factor):
    """Whether the penalty term must be computed (a Variable always is: it may grow)."""
    return isinstance(factor, Variable) or factor != 0.0


def _user_stacklevel():
    """The stacklevel of the first frame outside eigenflow, so the warning points at user code."""
    frame, level = sys._getframe(1), 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame, level = frame.f_back, level + 1
    return level
