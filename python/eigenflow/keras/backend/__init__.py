"""``keras.backend``: global settings, layer naming, and the tf.keras 2 helper functions
users still call (``variable``, ``get_value``, ``set_value``, ``mean``, ``square``...)."""
from .common import (clear_session, epsilon, floatx, image_data_format, set_epsilon, set_floatx,
                     set_image_data_format, unique_name)
from .ops import (abs, argmax, argmin, batch_get_value, batch_set_value, cast, clip, concatenate, constant,
                  count_params, dot, dtype, eval, exp, expand_dims, get_value, int_shape, learning_phase, log, max,
                  maximum, mean, min, minimum, ndim, ones, ones_like, pow, prod, reshape, set_value, shape, sqrt,
                  square, squeeze, stack, stop_gradient, sum, transpose, variable, zeros, zeros_like)

__all__ = ["clear_session", "epsilon", "floatx", "set_epsilon", "set_floatx", "unique_name",
           "image_data_format", "set_image_data_format",
           "abs", "argmax", "argmin", "batch_get_value", "batch_set_value", "cast", "clip", "concatenate",
           "constant", "count_params", "dot", "dtype", "eval", "exp", "expand_dims", "get_value", "int_shape",
           "learning_phase", "log", "max", "maximum", "mean", "min", "minimum", "ndim", "ones", "ones_like", "pow",
           "prod", "reshape", "set_value", "shape", "sqrt", "square", "squeeze", "stack", "stop_gradient", "sum",
           "transpose", "variable", "zeros", "zeros_like"]
