"""``keras.losses``: the Loss base class, the built-in losses (classes and functions), and
``get`` / ``serialize`` / ``deserialize``."""

from ..backend import common as _common
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
bce = BCE = binary_crossentropy
huber_loss = huber

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
    """A loss as plain data: a built-in function as its name, a Loss as Keras 3's
    ``{"module", "class_name", "config", "registered_name"}`` dict.

    Args:
        loss: a Loss instance or a loss function.

    Returns:
        A string or a dict that ``deserialize`` turns back into the loss (a lambda is
        returned unchanged).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.serialize(tf.keras.losses.Huber(delta=2.0))["config"]["delta"]
        2.0
    """
    name = getattr(loss, "__name__", None)
    if name is not None and _OBJECTS.get(name) is loss:
        return name
    return _common.serialize_object(loss, "keras.losses", _OBJECTS)


def deserialize(config, custom_objects=None):
    """The loss that ``serialize`` described.

    Args:
        config: a name, or a dict ``{"class_name": ..., "config": {...}}``.
        custom_objects: extra ``{name: class or function}`` to look names up in.

    Returns:
        A Loss instance, a Loss class (for a class name) or a loss function.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.losses.deserialize("mse").__name__
        'mean_squared_error'
    """
    return _common.deserialize_object("loss", config, _OBJECTS, _OBJECTS, custom_objects)


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
    if isinstance(identifier, str):
        # A built-in name straight from the table: compile's loss is read on the first step.
        obj = _OBJECTS.get(identifier) or deserialize(identifier)
    elif isinstance(identifier, dict):
        obj = deserialize(identifier)
    else:
        obj = identifier
    if isinstance(obj, type) and issubclass(obj, Loss):
        return obj()
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret loss identifier: {identifier!r}")


__all__ = sorted(set(_OBJECTS) | {"Reduction", "get", "serialize", "deserialize", "kullback_leibler_divergence"})
