"""``keras.optimizers.SGD``: gradient descent, with optional (Nesterov) momentum."""
from ... import _core
from .optimizer import Optimizer


class SGD(Optimizer):
    """Gradient descent with optional momentum.

    Without momentum: ``variable -= learning_rate * g``. With momentum:
    ``velocity = momentum * velocity - learning_rate * g`` then ``variable += velocity``,
    or with ``nesterov``: ``variable += momentum * velocity - learning_rate * g``.

    Args:
        learning_rate: a float, a ``tf.Variable``, a ``LearningRateSchedule`` or a
            zero-argument callable. Defaults to 0.01.
        momentum: a float in [0, 1]; 0 is plain gradient descent. Defaults to 0.0.
        nesterov: whether to use Nesterov momentum. Defaults to False.
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, name: as in ``keras.optimizers.Optimizer``
            (``loss_scale_factor`` and ``gradient_accumulation_steps`` too, by keyword).

    Example:
        >>> import eigenflow as tf
        >>> v = tf.Variable(1.0)
        >>> opt = tf.keras.optimizers.SGD(learning_rate=0.1, momentum=0.9)
        >>> _ = opt.apply_gradients([(tf.constant(1.0), v)])
        >>> _ = opt.apply_gradients([(tf.constant(1.0), v)])
        >>> round(float(v), 4)
        0.71
    """

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, name="SGD", **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency, name=name,
                         **kwargs)
        if isinstance(momentum, bool) or not isinstance(momentum, (int, float)) or not 0 <= momentum <= 1:
            raise ValueError(f"SGD: `momentum` must be a float in [0, 1], received momentum={momentum!r}")
        self.momentum = momentum
        self.nesterov = bool(nesterov)

    def _slot_groups_in_use(self):
        return (("momentum",),) if self.momentum != 0 else ()

    def _update_step(self, grad, variable, slots, lr, step, decay):
        _core.ops.apply_sgd(variable, grad, slots[0] if slots else variable, lr, self.momentum, self.nesterov,
                            decay)

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
