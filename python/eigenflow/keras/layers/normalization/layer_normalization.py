"""``keras.layers.LayerNormalization``: normalizes each sample over its feature axes."""
from .... import _core
from ... import constraints, initializers, regularizers
from ..layer import Layer


class LayerNormalization(Layer):
    """Normalizes each sample to mean 0 and variance 1 over ``axis``, then scales and shifts.

    ``output = gamma * (x - mean) / sqrt(variance + epsilon) + beta``, with the mean and
    variance taken over ``axis`` for each sample separately (so it acts the same in
    training and inference). ``gamma`` and ``beta`` have the shape of the normalized axes.

    Args:
        axis: an int or a list of ints, the axes to normalize over (default -1).
        epsilon: a small float added to the variance to avoid dividing by zero.
        center: whether to add the learned offset ``beta``.
        scale: whether to multiply by the learned factor ``gamma``.
        rms_scaling: Keras 3's RMS normalization: if True, ``center`` and ``scale`` are
            ignored and the output is ``gamma * x / sqrt(mean(x ** 2) + epsilon)``.
        beta_initializer, gamma_initializer: initializers of ``beta`` and ``gamma``.
        beta_regularizer, gamma_regularizer: regularizers of ``beta`` and ``gamma``.
        beta_constraint, gamma_constraint: constraints of ``beta`` and ``gamma``.
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a float tensor.

    Returns:
        A tensor of the input's shape.

    Example:
        >>> import eigenflow as tf
        >>> out = tf.keras.layers.LayerNormalization(epsilon=0.0)(tf.constant([[1.0, 3.0]]))
        >>> out.numpy().tolist()
        [[-1.0, 1.0]]
    """

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, rms_scaling=False, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, **kwargs):
        super().__init__(**kwargs)
        axes = list(axis) if isinstance(axis, (list, tuple)) else [axis]
        if not axes or any(isinstance(a, bool) or not isinstance(a, int) for a in axes):
            raise ValueError(f"LayerNormalization: axis must be an int or a list of ints, received axis={axis!r}")
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.epsilon = float(epsilon)
        if self.epsilon < 0:
            raise ValueError(f"LayerNormalization: epsilon must be non-negative, received epsilon={epsilon!r}")
        self.center = bool(center)
        self.scale = bool(scale)
        self.rms_scaling = bool(rms_scaling)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True

    def build(self, input_shape):
        rank = len(input_shape)
        axes = []
        for a in (self.axis if isinstance(self.axis, list) else [self.axis]):
            if not -rank <= a < rank:
                raise ValueError(f"LayerNormalization '{self.name}': axis {a} is out of range for inputs of rank "
                                 f"{rank}, received input shape {tuple(input_shape)}")
            axes.append(a % rank)
        axes = sorted(set(axes))
        if any(input_shape[a] is None for a in axes):
            raise ValueError(f"LayerNormalization '{self.name}': axis {self.axis} of the input must be known to make "
                             f"the weights, received input shape {tuple(input_shape)}")
        param_shape = tuple(input_shape[a] for a in axes)
        self.gamma = self.beta = None
        if self.scale or self.rms_scaling:
            self.gamma = self.add_weight(name="gamma", shape=param_shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center and not self.rms_scaling:
            self.beta = self.add_weight(name="beta", shape=param_shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self._axes = axes
        # Parameters over trailing axes broadcast as they are; others need (1, ..., C, ..., 1).
        trailing = axes == list(range(rank - len(axes), rank))
        self._broadcast_shape = None if trailing else [input_shape[k] if k in axes else 1 for k in range(rank)]
        self.built = True

    def _param(self, weight):
        if weight is None or self._broadcast_shape is None:
            return weight
        return _core.ops.reshape(weight, self._broadcast_shape)

    def call(self, inputs):
        ops = _core.ops
        if self.rms_scaling:
            mean_square = ops.reduce_mean(ops.square(inputs), self._axes, keepdims=True)
            return inputs * ops.rsqrt(mean_square + self.epsilon) * self._param(self.gamma)
        mean = ops.reduce_mean(inputs, self._axes, keepdims=True)
        # The mean needs no gradient path into the variance: d variance / d mean is 0.
        variance = ops.reduce_mean(ops.squared_difference(inputs, ops.stop_gradient(mean)), self._axes, keepdims=True)
        inv = ops.rsqrt(variance + self.epsilon)
        if self.gamma is not None:
            inv = inv * self._param(self.gamma)
        offset = ops.negative(mean * inv) if self.beta is None else self._param(self.beta) - mean * inv
        return inputs * inv + offset

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "axis": self.axis,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "rms_scaling": self.rms_scaling,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
        }
