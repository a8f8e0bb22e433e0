"""``keras.optimizers.RMSprop``: steps scaled by a running mean of the squared gradient."""
from ... import _core
from .optimizer import Optimizer


class RMSprop(Optimizer):
    """The RMSprop optimizer.

    Each step: ``velocity = rho * velocity + (1 - rho) * g**2``; with ``centered``, also
    ``average_gradient = rho * average_gradient + (1 - rho) * g`` and the denominator is
    ``velocity - average_gradient**2 + epsilon``, else ``velocity + epsilon``;
    ``increment = learning_rate * g / sqrt(denominator)``. With momentum,
    ``momentum_slot = momentum * momentum_slot + increment`` and
    ``variable -= momentum_slot``, else ``variable -= increment``.

    Args:
        learning_rate: a float, a ``tf.Variable``, a ``LearningRateSchedule`` or a
            zero-argument callable. Defaults to 0.001.
        rho: discounting factor of the old squared gradients. Defaults to 0.9.
        momentum: momentum factor; 0 for none. Defaults to 0.0.
        epsilon: added inside the square root for numerical stability. Defaults to 1e-7.
        centered: whether to normalize by the estimated variance of the gradient.
            Defaults to False.
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name:
            as in ``keras.optimizers.Optimizer``.

    Example:
        >>> import eigenflow as tf
        >>> v = tf.Variable(10.0)
        >>> opt = tf.keras.optimizers.RMSprop(learning_rate=0.1)
        >>> _ = opt.minimize(lambda: (v ** 2) / 2.0, [v])
        >>> round(float(v), 4)
        9.6838
    """

    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07, centered=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name="rmsprop", **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        if not isinstance(rho, (int, float)) or not 0 <= rho <= 1:
            raise ValueError(f"RMSprop: `rho` must be a float in [0, 1], received rho={rho!r}")
        if not isinstance(momentum, (int, float)) or momentum < 0:
            raise ValueError(f"RMSprop: `momentum` must be a non-negative float, received momentum={momentum!r}")
        if not isinstance(epsilon, (int, float)) or epsilon < 0:
            raise ValueError(f"RMSprop: `epsilon` must be a non-negative float, received epsilon={epsilon!r}")
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = bool(centered)

    def _slot_groups_in_use(self):
        groups = [("velocity",)]
        if self.momentum > 0:
            groups.append(("momentum",))
        if self.centered:
            groups.append(("average_gradient",))
        return tuple(groups)

    def _update_step(self, grad, variable, slots, lr, step, decay):
        # slots: velocity, then momentum (if momentum > 0), then average_gradient (if centered)
        mom = slots[1] if self.momentum > 0 else variable
        average = slots[-1] if self.centered else variable
        _core.ops.apply_rmsprop(variable, grad, slots[0], mom, average, lr, self.rho, self.momentum, self.epsilon,
                                self.centered, decay)

    def get_config(self):
        config = super().get_config()
        config.update({"rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
