"""``keras.optimizers.Adadelta``: steps scaled by running averages of squared gradients
and of squared updates."""
from ... import _core
from .optimizer import Optimizer


class Adadelta(Optimizer):
    """The Adadelta optimizer (Zeiler, 2012).

    Each step: ``acc_g = rho * acc_g + (1 - rho) * g**2``,
    ``delta = -sqrt(acc_d + epsilon) * g / sqrt(acc_g + epsilon)``,
    ``acc_d = rho * acc_d + (1 - rho) * delta**2``, ``variable += learning_rate * delta``.

    Args:
        learning_rate: a float, a ``tf.Variable``, a ``LearningRateSchedule`` or a
            zero-argument callable. Defaults to 0.001 (the paper's form is 1.0).
        rho: the decay rate. Defaults to 0.95.
        epsilon: added inside the square roots for numerical stability. Defaults to 1e-7.
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name:
            as in ``keras.optimizers.Optimizer``.

    Example:
        >>> import eigenflow as tf
        >>> v = tf.Variable([1.0])
        >>> opt = tf.keras.optimizers.Adadelta(learning_rate=1.0)
        >>> _ = opt.apply_gradients([(tf.constant([2.0]), v)])
        >>> float(v.numpy()[0]) < 1.0
        True
    """

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-07, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None,
                 name="adadelta", **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        if not isinstance(rho, (int, float)) or not 0 <= rho <= 1:
            raise ValueError(f"Adadelta: `rho` must be a float in [0, 1], received rho={rho!r}")
        if not isinstance(epsilon, (int, float)) or epsilon < 0:
            raise ValueError(f"Adadelta: `epsilon` must be a non-negative float, received epsilon={epsilon!r}")
        self.rho = rho
        self.epsilon = epsilon

    _slot_groups = (("accumulated_grad", "accumulated_delta_var"),)

    def _update_step(self, grad, variable, slots, lr, step, decay):
        _core.ops.apply_adadelta(variable, grad, slots[0], slots[1], lr, self.rho, self.epsilon, decay)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "epsilon": self.epsilon})
        return config
