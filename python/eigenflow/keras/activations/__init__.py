"""``keras.activations``: activation functions, looked up by name with ``get``."""
from ..backend import common as _common
from .activations import (elu, exponential, gelu, hard_sigmoid, hard_silu, hard_swish, hard_tanh, leaky_relu,
                          linear, log_sigmoid, log_softmax, mish, relu, relu6, selu, sigmoid, silu, softmax,
                          softplus, softsign, swish, tanh)

_NAMES = {fn.__name__: fn for fn in (
    elu, exponential, gelu, hard_sigmoid, hard_silu, hard_tanh, leaky_relu, linear, log_sigmoid, log_softmax,
    mish, relu, relu6, selu, sigmoid, silu, softmax, softplus, softsign, tanh)}
_NAMES.update({"swish": silu, "hard_swish": hard_silu})


def serialize(activation):
    """The name of a built-in activation; a config dict for other functions and objects.

    Args:
        activation: a function of this module, another module-level function, or an
            object with ``get_config`` (such as a ``keras.layers.ReLU``). A lambda is
            returned unchanged.

    Returns:
        ``"relu"`` for ``keras.activations.relu``; otherwise a dict ``deserialize`` reads.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.serialize(tf.keras.activations.relu)
        'relu'
    """
    if activation is None:
        return "linear"
    name = getattr(activation, "__name__", None)
    if name is not None and _NAMES.get(name) is activation:
        return name
    cls = type(activation)
    if cls.__module__.startswith("eigenflow.keras.layers."):
        # A built-in activation layer is named as Keras names it: module "keras.layers".
        from .. import layers

        if getattr(layers, cls.__name__, None) is cls:
            return _common.serialize_object(activation, "keras.layers", {cls.__name__: cls})
    return _common.serialize_object(activation, "keras.activations", {})


def deserialize(config, custom_objects=None):
    """The activation a name or a config dict (from ``serialize``) describes.

    Args:
        config: a name (``"relu"``) or a dict.
        custom_objects: a dict of name -> function for activations defined by the user.

    Returns:
        The activation function (or object).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.deserialize("relu") is tf.keras.activations.relu
        True
    """
    if isinstance(config, dict) and str(config.get("module", "")).startswith("keras.layers"):
        # An activation layer saved by Keras (e.g. ReLU): rebuilt from eigenflow's layers.
        from .. import layers

        custom_objects = {config["class_name"]: getattr(layers, config["class_name"], None), **(custom_objects or {})}
    return _common.deserialize_object("activation", config, _NAMES, _NAMES, custom_objects)


def get(identifier):
    """An activation function from a name, a config dict or a callable.

    Args:
        identifier: None (gives ``linear``), a name (``"relu"``), a config dict, or a
            callable (returned as is).

    Returns:
        A callable.

    Raises:
        ValueError: for an unknown name (the message lists the valid ones) or anything else
            that is not callable.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.activations.get("relu") is tf.keras.activations.relu
        True
    """
    if identifier is None:
        return linear
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret activation function identifier: {identifier!r} (expected a name, "
                     "a config dict or a callable)")


__all__ = sorted(list(_NAMES) + ["serialize", "deserialize", "get"])
