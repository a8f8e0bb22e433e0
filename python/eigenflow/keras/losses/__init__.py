"""``keras.losses``: the Loss base class, the built-in losses (classes and functions), and
``get`` / ``serialize`` / ``deserialize``."""
import inspect

from .loss import Loss, Reduction
from .losses import (
    LossFunctionWrapper,
    MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError,
    CosineSimilarity, Huber, LogCosh,
    BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy, KLDivergence, Poisson,
    Hinge, SquaredHinge, CategoricalHinge,
    mean_squared_error, mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
    cosine_similarity, huber, log_cosh,
    binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, kl_divergence, poisson,
    hinge, squared_hinge, categorical_hinge,
)

# Short names of Keras 2 and 3.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh

_CLASSES = (Loss, LossFunctionWrapper, MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
            MeanSquaredLogarithmicError, CosineSimilarity, Huber, LogCosh, BinaryCrossentropy,
            CategoricalCrossentropy, SparseCategoricalCrossentropy, KLDivergence, Poisson, Hinge,
            SquaredHinge, CategoricalHinge)
_FUNCTIONS = (mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
              mean_squared_logarithmic_error, cosine_similarity, huber, log_cosh, binary_crossentropy,
              categorical_crossentropy, sparse_categorical_crossentropy, kl_divergence, poisson, hinge,
              squared_hinge, categorical_hinge)

_OBJECTS = {obj.__name__: obj for obj in _CLASSES + _FUNCTIONS}
_OBJECTS.update({
    "mse": mse, "MSE": mse, "mae": mae, "MAE": mae, "mape": mape, "MAPE": mape, "msle": msle, "MSLE": msle,
    "kld": kld, "KLD": kld, "kullback_leibler_divergence": kld, "logcosh": log_cosh,
    "bce": binary_crossentropy, "BCE": binary_crossentropy, "huber_loss": huber,
})


def serialize(loss):
    """A loss as plain data: a function as its name, a Loss as ``{"class_name", "config"}``.

    Args:
        loss: a Loss instance or a loss function.

    Returns:
        A string or a dict that ``deserialize`` turns back into the loss.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.serialize(tf.keras.losses.Huber(delta=2.0))["config"]["delta"]
        2.0
    """
    if loss is None:
        return None
    if isinstance(loss, Loss):
        return {"module": "keras.losses", "class_name": type(loss).__name__, "config": loss.get_config(),
                "registered_name": None}
    name = getattr(loss, "__name__", None)
    if name is not None and _OBJECTS.get(name) is loss:
        return name
    return loss


def deserialize(config, custom_objects=None):
    """The loss that ``serialize`` described.

    Args:
        config: a name, or a dict ``{"class_name": ..., "config": {...}}``.
        custom_objects: extra ``{name: class or function}`` to look names up in.

    Returns:
        A Loss instance or a loss function.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.deserialize("mse").__name__
        'mean_squared_error'
    """
    objects = {**_OBJECTS, **(custom_objects or {})}
    if isinstance(config, dict):
        class_name = config.get("class_name")
        cls = objects.get(class_name)
        if cls is None:
            raise ValueError(f"Unknown loss class {class_name!r}: known are {sorted(_OBJECTS)}; pass "
                             "custom_objects={name: class} for your own")
        inner = config.get("config", {})
        if inspect.isclass(cls):
            return cls.from_config(inner)
        return cls
    if isinstance(config, str):
        obj = objects.get(config)
        if obj is None:
            raise ValueError(f"Unknown loss {config!r}: known losses are {sorted(_OBJECTS)}")
        return obj
    return config


def get(identifier):
    """The loss an identifier names: a function for a function name ('mse',
    'categorical_crossentropy'), an instance for a class name ('CategoricalCrossentropy'),
    a Loss or callable unchanged, or one rebuilt from a dict.

    Args:
        identifier: None, a string, a dict from ``serialize``, a Loss, a Loss class, or a
            callable ``fn(y_true, y_pred)``.

    Returns:
        A loss function or Loss instance (None for None).

    Raises:
        ValueError: an unknown name (the message lists the known ones).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.get("mse").__name__
        'mean_squared_error'
    """
    if identifier is None:
        return None
    if isinstance(identifier, (str, dict)):
        obj = deserialize(identifier)
    else:
        obj = identifier
    if inspect.isclass(obj) and issubclass(obj, Loss):
        return obj()
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret loss identifier: {identifier!r}")


__all__ = sorted(set(_OBJECTS) | {"Reduction", "get", "serialize", "deserialize", "kullback_leibler_divergence"})
