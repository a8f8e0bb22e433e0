"""The activation functions of ``keras.activations``, written with ``tf.nn`` ops.

Each takes a tensor (or anything convertible) and returns a tensor of its shape and dtype;
each works on symbolic inputs too, since it only calls ops.
"""
from ... import _core


def _tensor(x):
    return x if isinstance(x, _core.Tensor) else _core.convert_to_tensor(x)


def _scalar(value, dtype):
    return _core.convert_to_tensor(value, dtype=dtype)


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0, alpha=None):
    """Rectified linear unit, with an optional slope below the threshold and a ceiling.

    ``x`` where ``threshold < x <= max_value``, ``max_value`` above it, and
    ``negative_slope * (x - threshold)`` at or below the threshold. The defaults give
    ``max(x, 0)``.

    Args:
        x: the input tensor.
        negative_slope: the slope below the threshold (0: flat).
        max_value: the ceiling, or None for no ceiling.
        threshold: where the function turns from the slope to the identity.
        alpha: tf.keras 2's name of ``negative_slope`` (used when given).

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.relu(tf.constant([-2.0, 1.0, 8.0]), max_value=6.0).numpy().tolist()
        [0.0, 1.0, 6.0]
    """
    x = _tensor(x)
    if alpha is not None:
        negative_slope = alpha
    if negative_slope and max_value is None and not threshold:
        return _core.ops.leaky_relu(x, alpha=float(negative_slope))
    if threshold:
        above = _core.ops.cast(_core.ops.greater(x, _scalar(threshold, x.dtype)), x.dtype)
        out = x * above
    elif max_value is not None and float(max_value) == 6.0:
        out, max_value = _core.ops.relu6(x), None
    else:
        out = _core.ops.relu(x)
    if max_value is not None:
        out = _core.ops.minimum(out, _scalar(max_value, x.dtype))
    if negative_slope:
        below = _core.ops.relu(_scalar(threshold, x.dtype) - x) if threshold else _core.ops.relu(-x)
        out = out - float(negative_slope) * below
    return out


def leaky_relu(x, negative_slope=0.2):
    """``x`` where positive, ``negative_slope * x`` elsewhere.

    Args:
        x: the input tensor.
        negative_slope: the slope for negative inputs.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.leaky_relu(tf.constant([-1.0, 2.0])).numpy().tolist()
        [-0.20000000298023224, 2.0]
    """
    return _core.ops.leaky_relu(_tensor(x), alpha=float(negative_slope))


def relu6(x):
    """``min(max(x, 0), 6)``.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.relu6(tf.constant([-1.0, 3.0, 9.0])).numpy().tolist()
        [0.0, 3.0, 6.0]
    """
    return _core.ops.relu6(_tensor(x))


def sigmoid(x):
    """``1 / (1 + exp(-x))``.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype, in (0, 1).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.sigmoid(tf.constant([0.0])).numpy().tolist()
        [0.5]
    """
    return _core.ops.sigmoid(_tensor(x))


def hard_sigmoid(x):
    """A piecewise-linear sigmoid: ``relu6(x + 3) / 6`` (Keras 3's definition).

    0 below -3, 1 above 3, linear in between.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype, in [0, 1].

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.hard_sigmoid(tf.constant([-4.0, 0.0, 4.0])).numpy().tolist()
        [0.0, 0.5, 1.0]
    """
    x = _tensor(x)
    return _core.ops.relu6(x + _scalar(3.0, x.dtype)) / _scalar(6.0, x.dtype)


def tanh(x):
    """The hyperbolic tangent.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype, in (-1, 1).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.tanh(tf.constant([0.0])).numpy().tolist()
        [0.0]
    """
    return _core.ops.tanh(_tensor(x))


def softmax(x, axis=-1):
    """``exp(x) / sum(exp(x))`` along ``axis``: each slice becomes a probability distribution.

    Args:
        x: the input tensor (logits).
        axis: the axis, or a tuple of axes, normalized over.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.softmax(tf.constant([[0.0, 0.0]])).numpy().tolist()
        [[0.5, 0.5]]
    """
    x = _tensor(x)
    if isinstance(axis, (list, tuple)):
        out = _core.ops.exp(x - _core.ops.reduce_logsumexp(x, axis=list(axis), keepdims=True))
    else:
        out = _core.ops.softmax(x, axis=axis)
    # Keras keeps the logits on the output so a crossentropy can use them for stability.
    try:
        out._keras_logits = x
    except AttributeError:
        pass
    return out


def log_softmax(x, axis=-1):
    """``x - logsumexp(x)`` along ``axis``: the log of ``softmax``, computed stably.

    Args:
        x: the input tensor (logits).
        axis: the axis, or a tuple of axes, normalized over.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.activations.log_softmax(tf.constant([0.0, 0.0]))[0]), 4)
        -0.6931
    """
    x = _tensor(x)
    if isinstance(axis, (list, tuple)):
        return x - _core.ops.reduce_logsumexp(x, axis=list(axis), keepdims=True)
    return _core.ops.log_softmax(x, axis=axis)


def elu(x, alpha=1.0):
    """Exponential linear unit: ``x`` where positive, ``alpha * (exp(x) - 1)`` elsewhere.

    Args:
        x: the input tensor.
        alpha: the scale of the negative part.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.elu(tf.constant([0.0, 2.0])).numpy().tolist()
        [0.0, 2.0]
    """
    x = _tensor(x)
    out = _core.ops.elu(x)
    if alpha == 1.0:
        return out
    # elu(x) is exp(x) - 1 below 0 and x above, so only its negative part is scaled.
    return _core.ops.where(_core.ops.greater(x, _scalar(0, x.dtype)), out, out * _scalar(alpha, x.dtype))


def selu(x):
    """Scaled ELU: ``scale * elu(x, alpha)`` with Klambauer et al.'s constants
    (alpha 1.67326324, scale 1.05070098); use with ``lecun_normal`` weights.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.activations.selu(tf.constant(1.0))), 4)
        1.0507
    """
    return _core.ops.selu(_tensor(x))


def gelu(x, approximate=False):
    """Gaussian error linear unit: ``x * P(X <= x)`` for a standard normal X.

    Args:
        x: the input tensor.
        approximate: use the tanh approximation instead of erf.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.activations.gelu(tf.constant(1.0))), 4)
        0.8413
    """
    return _core.ops.gelu(_tensor(x), approximate=bool(approximate))


def silu(x):
    """Sigmoid linear unit (swish): ``x * sigmoid(x)``.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.silu(tf.constant([0.0])).numpy().tolist()
        [0.0]
    """
    return _core.ops.silu(_tensor(x))


swish = silu


def hard_silu(x):
    """``x * hard_sigmoid(x)``: a piecewise approximation of ``silu`` (also ``hard_swish``).

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.hard_silu(tf.constant([-4.0, 4.0])).numpy().tolist()
        [-0.0, 4.0]
    """
    x = _tensor(x)
    return x * hard_sigmoid(x)


hard_swish = hard_silu


def mish(x):
    """``x * tanh(softplus(x))``.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.mish(tf.constant([0.0])).numpy().tolist()
        [0.0]
    """
    x = _tensor(x)
    return x * _core.ops.tanh(_core.ops.softplus(x))


def softplus(x):
    """``log(exp(x) + 1)``, computed stably.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.activations.softplus(tf.constant(0.0))), 4)
        0.6931
    """
    return _core.ops.softplus(_tensor(x))


def softsign(x):
    """``x / (abs(x) + 1)``.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.softsign(tf.constant([1.0])).numpy().tolist()
        [0.5]
    """
    return _core.ops.softsign(_tensor(x))


def log_sigmoid(x):
    """``log(sigmoid(x)) = -softplus(-x)``, computed stably.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> round(float(tf.keras.activations.log_sigmoid(tf.constant(0.0))), 4)
        -0.6931
    """
    x = _tensor(x)
    return -_core.ops.softplus(-x)


def hard_tanh(x):
    """``clip(x, -1, 1)``.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.hard_tanh(tf.constant([-3.0, 0.5])).numpy().tolist()
        [-1.0, 0.5]
    """
    x = _tensor(x)
    return _core.ops.clip_by_value(x, _scalar(-1.0, x.dtype), _scalar(1.0, x.dtype))


def exponential(x):
    """``exp(x)``.

    Args:
        x: the input tensor.

    Returns:
        A tensor of x's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.exponential(tf.constant([0.0])).numpy().tolist()
        [1.0]
    """
    return _core.ops.exp(_tensor(x))


def linear(x):
    """The identity: returns ``x`` unchanged (the activation of ``activation=None``).

    Args:
        x: the input.

    Returns:
        x itself.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.linear(tf.constant([-1.0])).numpy().tolist()
        [-1.0]
    """
    return x
