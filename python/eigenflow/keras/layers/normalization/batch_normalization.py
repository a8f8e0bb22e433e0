"""``keras.layers.BatchNormalization``: normalizes with batch statistics while training
and with their moving averages otherwise."""
from .... import _core
from ... import constraints, initializers, regularizers
from ..layer import Layer


def _axes_argument(axis, layer):
    """AXIS (an int or a list of ints) as a list of ints, or a ValueError."""
    axes = list(axis) if isinstance(axis, (list, tuple)) else [axis]
    if not axes or any(isinstance(a, bool) or not isinstance(a, int) for a in axes):
        raise ValueError(f"{layer}: axis must be an int or a list of ints, received axis={axis!r}")
    return axes


class BatchNormalization(Layer):
    """Normalizes its input to mean 0 and variance 1 per feature, then scales and shifts.

    While training (``training=True``, as in ``fit``) it uses the mean and variance of the
    batch, over every axis but ``axis``, and updates the moving statistics::

        moving_mean = moving_mean * momentum + batch_mean * (1 - momentum)
        moving_variance = moving_variance * momentum + batch_variance * (1 - momentum)

    Otherwise (``training`` False or None) it uses ``moving_mean`` and
    ``moving_variance``. The output is
    ``gamma * (x - mean) / sqrt(variance + epsilon) + beta``. With ``trainable=False``
    the layer always runs in inference mode and its statistics stay frozen (Keras 3).

    Args:
        axis: the feature axis (default -1, channels last; 1 for channels first); Keras 2's
            list of axes is also accepted.
        momentum: the weight of the old value in the moving averages.
        epsilon: a small float added to the variance to avoid dividing by zero.
        center: whether to add the learned offset ``beta``.
        scale: whether to multiply by the learned factor ``gamma``.
        beta_initializer, gamma_initializer: initializers of ``beta`` and ``gamma``.
        moving_mean_initializer, moving_variance_initializer: initializers of the moving
            statistics.
        beta_regularizer, gamma_regularizer: regularizers of ``beta`` and ``gamma``.
        beta_constraint, gamma_constraint: constraints of ``beta`` and ``gamma``.
        synchronized: Keras 3's cross-replica flag; statistics are per replica here.
        **kwargs: base layer arguments (``name``, ``dtype``, ``trainable``...); Keras 2's
            ``fused`` is accepted and ignored.

    Call arguments:
        inputs: a float tensor whose ``axis`` has the size seen at build time.
        training: True to normalize with the batch statistics and update the moving ones.

    Returns:
        A tensor of the input's shape.

    Example:
        >>> import eigenflow as tf
        >>> layer = tf.keras.layers.BatchNormalization()
        >>> out = layer(tf.constant([[0.0, 2.0], [2.0, 6.0]]), training=True)
        >>> [w.name for w in layer.weights]
        ['gamma', 'beta', 'moving_mean', 'moving_variance']
    """

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 synchronized=False, **kwargs):
        kwargs.pop("fused", None)
        super().__init__(**kwargs)
        _axes_argument(axis, "BatchNormalization")
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        if self.epsilon <= 0:
            raise ValueError(f"BatchNormalization: epsilon must be positive, received epsilon={epsilon!r}")
        self.center = bool(center)
        self.scale = bool(scale)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.synchronized = bool(synchronized)
        self.supports_masking = True

    def build(self, input_shape):
        rank = len(input_shape)
        axes = []
        for a in _axes_argument(self.axis, f"BatchNormalization '{self.name}'"):
            if not -rank <= a < rank:
                raise ValueError(f"BatchNormalization '{self.name}': axis {a} is out of range for inputs of rank "
                                 f"{rank}, received input shape {tuple(input_shape)}")
            axes.append(a % rank)
        if any(input_shape[a] is None for a in axes):
            raise ValueError(f"BatchNormalization '{self.name}': axis {self.axis} of the input must be known to make "
                             f"the weights, received input shape {tuple(input_shape)}")
        param_shape = tuple(input_shape[a] for a in axes)
        self.gamma = self.beta = None
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=param_shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(name="beta", shape=param_shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self.moving_mean = self.add_weight(name="moving_mean", shape=param_shape,
                                           initializer=self.moving_mean_initializer, trainable=False)
        self.moving_variance = self.add_weight(name="moving_variance", shape=param_shape,
                                               initializer=self.moving_variance_initializer, trainable=False)
        self.input_spec = {"ndim": rank, "axes": {a: input_shape[a] for a in axes}}
        self._param_shape = list(param_shape)
        self._reduction_axes = [k for k in range(rank) if k not in axes]
        # Parameters broadcast against the input as they are when the feature axis is the
        # last one; otherwise they are reshaped to (1, ..., C, ..., 1).
        self._broadcast_shape = None if axes == [rank - 1] else [
            input_shape[k] if k in axes else 1 for k in range(rank)]
        self.built = True

    def call(self, inputs, training=None):
        ops = _core.ops
        keepdims = self._broadcast_shape is not None
        if training and self.trainable:
            mean = ops.reduce_mean(inputs, self._reduction_axes, keepdims=keepdims)
            # The mean needs no gradient path into the variance: d variance / d mean is 0.
            variance = ops.reduce_mean(
                ops.squared_difference(inputs, ops.stop_gradient(mean)),
                self._reduction_axes, keepdims=keepdims)
            if not inputs._is_symbolic:
                self._update_moving(mean, variance)
        else:
            mean, variance = self.moving_mean, self.moving_variance
            if keepdims:
                mean = ops.reshape(mean, self._broadcast_shape)
                variance = ops.reshape(variance, self._broadcast_shape)
        inv = ops.rsqrt(variance + self.epsilon)
        if self.gamma is not None:
            inv = inv * (self.gamma if not keepdims else ops.reshape(self.gamma, self._broadcast_shape))
        if self.beta is None:
            offset = ops.negative(mean * inv)
        else:
            offset = (self.beta if not keepdims else ops.reshape(self.beta, self._broadcast_shape)) - mean * inv
        return inputs * inv + offset

    def _update_moving(self, mean, variance):
        ops = _core.ops
        if self._broadcast_shape is not None:
            mean = ops.reshape(mean, self._param_shape)
            variance = ops.reshape(variance, self._param_shape)
        momentum = self.momentum
        self.moving_mean.assign(self.moving_mean * momentum + mean * (1.0 - momentum))
        self.moving_variance.assign(self.moving_variance * momentum + variance * (1.0 - momentum))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            "axis": self.axis,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
            "beta_constraint": constraints.serialize(self.beta_constraint),
            "gamma_constraint": constraints.serialize(self.gamma_constraint),
            "synchronized": self.synchronized,
        }
