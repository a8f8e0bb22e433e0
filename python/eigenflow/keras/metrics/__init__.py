"""``keras.metrics``: the Metric base class, the built-in metrics (classes and functions),
and ``get`` / ``serialize`` / ``deserialize``."""
import inspect

from ..backend import common as _common
from ..losses.losses import (
    binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, kl_divergence, poisson,
    hinge, squared_hinge, categorical_hinge, log_cosh,
    mean_squared_error, mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
)
from .metric import Metric
from .reduction_metrics import Mean, MeanMetricWrapper, Sum
from .accuracy_metrics import (
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy,
    TopKCategoricalAccuracy,
    accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
    sparse_top_k_categorical_accuracy, top_k_categorical_accuracy,
)
from .regression_metrics import (
    CosineSimilarity, LogCoshError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredError,
    MeanSquaredLogarithmicError, RootMeanSquaredError,
)
from .confusion_metrics import AUC, FalseNegatives, FalsePositives, Precision, Recall, TrueNegatives, TruePositives
from ..losses.loss import _snake_case

# Keras 2 and 3 also offer the loss functions here, with their short names.
mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence = kl_divergence
logcosh = log_cosh

_CLASSES = (Metric, Mean, Sum, MeanMetricWrapper, Accuracy, BinaryAccuracy, CategoricalAccuracy,
            SparseCategoricalAccuracy, TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy, MeanSquaredError,
            MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, RootMeanSquaredError,
            CosineSimilarity, LogCoshError, AUC, Precision, Recall, TruePositives, FalsePositives, TrueNegatives,
            FalseNegatives)
_FUNCTIONS = (accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
              top_k_categorical_accuracy, sparse_top_k_categorical_accuracy, mean_squared_error,
              mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
              binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, kl_divergence,
              poisson, hinge, squared_hinge, categorical_hinge, log_cosh)

# Names that ``get`` resolves: class names and their snake_case forms give the class, Keras's
# short names the metric class, other loss names a mean of that loss.
_OBJECTS = {cls.__name__: cls for cls in _CLASSES}
_OBJECTS.update({_snake_case(cls.__name__): cls for cls in _CLASSES})
_OBJECTS.update({fn.__name__: fn for fn in _FUNCTIONS if fn.__name__ not in _OBJECTS})
_OBJECTS.update({
    "mse": MeanSquaredError, "MSE": MeanSquaredError, "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError,
    "mape": MeanAbsolutePercentageError, "MAPE": MeanAbsolutePercentageError,
    "msle": MeanSquaredLogarithmicError, "MSLE": MeanSquaredLogarithmicError, "rmse": RootMeanSquaredError,
    "logcosh": LogCoshError, "log_cosh": LogCoshError, "kld": kl_divergence, "KLD": kl_divergence,
    "kullback_leibler_divergence": kl_divergence, "bce": binary_crossentropy, "BCE": binary_crossentropy,
})
_FUNCTION_NAMES = {id(fn): fn.__name__ for fn in _FUNCTIONS}


def _serialize_function(fn):
    """A built-in function as its name; anything else unchanged."""
    return _FUNCTION_NAMES.get(id(fn), fn)


def _deserialize_function(fn):
    if isinstance(fn, str):
        for candidate in _FUNCTIONS:
            if candidate.__name__ == fn:
                return candidate
        from .. import losses
        return losses.get(fn)
    return fn


def serialize(metric):
    """A metric as plain data: a Metric as Keras 3's ``{"module", "class_name", "config",
    "registered_name"}`` dict, a built-in function as its name.

    Args:
        metric: a Metric instance or a metric function.

    Returns:
        A dict or a string that ``deserialize`` turns back into the metric (a lambda is
        returned unchanged).

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.metrics.serialize(tf.keras.metrics.BinaryAccuracy(threshold=0.7))["config"]["threshold"]
        0.7
    """
    if id(metric) in _FUNCTION_NAMES:
        return _FUNCTION_NAMES[id(metric)]
    return _common.serialize_object(metric, "keras.metrics", _OBJECTS)


def deserialize(config, custom_objects=None):
    """The metric that ``serialize`` described.

    Args:
        config: a dict ``{"class_name": ..., "config": {...}}`` or a name.
        custom_objects: extra ``{name: class or function}`` to look names up in.

    Returns:
        A Metric instance, a Metric class (for a class name) or a metric function.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.metrics.deserialize({"class_name": "AUC", "config": {"num_thresholds": 50}}).num_thresholds
        50
    """
    return _common.deserialize_object("metric", config, _OBJECTS, _OBJECTS, custom_objects)


def get(identifier):
    """The metric an identifier names.

    A name gives a new metric instance named after it (``"mse"`` gives a
    ``MeanSquaredError`` named "mse", ``"auc"`` an ``AUC``, ``"binary_crossentropy"`` the
    mean of that loss). ``"accuracy"`` and ``"acc"`` are returned unchanged: which accuracy
    they mean depends on the loss and the data, so ``compile`` resolves them. A Metric or a
    function is returned unchanged, a Metric class instantiated, a dict deserialized.

    Args:
        identifier: None, a string, a dict from ``serialize``, a Metric, a Metric class, or
            a function ``fn(y_true, y_pred)``.

    Returns:
        A Metric instance, a function, the string "accuracy"/"acc", or None.

    Raises:
        ValueError: an unknown name (the message lists the known ones).

    Example:
        >>> import eigenflow as tf
        >>> m = tf.keras.metrics.get("mse")
        >>> type(m).__name__, m.name
        ('MeanSquaredError', 'mse')
    """
    if identifier is None:
        return None
    if isinstance(identifier, str):
        if identifier in ("accuracy", "acc"):
            return identifier
        obj = deserialize(identifier)
        if inspect.isclass(obj):
            return obj(name=identifier)
        return MeanMetricWrapper(obj, name=identifier)
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    else:
        obj = identifier
    if inspect.isclass(obj) and issubclass(obj, Metric):
        return obj()
    if isinstance(obj, Metric) or callable(obj):
        return obj
    raise ValueError(f"Could not interpret metric identifier: {identifier!r}")


__all__ = sorted({cls.__name__ for cls in _CLASSES} | {fn.__name__ for fn in _FUNCTIONS}
                 | {"mse", "MSE", "mae", "MAE", "mape", "MAPE", "msle", "MSLE", "kld", "KLD", "logcosh",
                    "kullback_leibler_divergence", "get", "serialize", "deserialize"})
