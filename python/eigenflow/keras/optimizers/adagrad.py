"""``keras.optimizers.Adagrad``: per-weight steps shrinking with the sum of squared gradients."""
from ... import _core
from .optimizer import Optimizer


class Adagrad(Optimizer):
    """The Adagrad optimizer: ``accumulator += g**2``,
    ``variable -= learning_rate * g / sqrt(accumulator + epsilon)``.

    Args:
        learning_rate: a float, a ``tf.Variable``, a ``LearningRateSchedule`` or a
            zero-argument callable. Defaults to 0.001.
        initial_accumulator_value: the accumulators' starting value (>= 0). Defaults
            to 0.1.
        epsilon: added inside the square root for numerical stability. Defaults to 1e-7.
        weight_decay, clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name:
            as in ``keras.optimizers.Optimizer``.

    Example:
        >>> import eigenflow as tf
        >>> v = tf.Variable([1.0])
        >>> opt = tf.keras.optimizers.Adagrad(learning_rate=0.1, initial_accumulator_value=0.0)
        >>> _ = opt.apply_gradients([(tf.constant([2.0]), v)])
        >>> [round(x, 4) for x in v.numpy().tolist()]
        [0.9]
    """

    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-07, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None,
                 name=None, **kwargs):
        super().__init__(learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm,
                         clipvalue=clipvalue, global_clipnorm=global_clipnorm, use_ema=use_ema,
                         ema_momentum=ema_momentum, ema_overwrite_frequency=ema_overwrite_frequency,
                         loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        if not isinstance(initial_accumulator_value, (int, float)) or initial_accumulator_value < 0:
            raise ValueError("Adagrad: `initial_accumulator_value` must be a non-negative float, received "
                             f"initial_accumulator_value={initial_accumulator_value!r}")
        if not isinstance(epsilon, (int, float)) or epsilon < 0:
            raise ValueError(f"Adagrad: `epsilon` must be a non-negative float, received epsilon={epsilon!r}")
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    _slot_groups = (("accumulator",),)

    def _slot_initial_value(self, slot_name):
        return float(self.initial_accumulator_value)

    def _update_step(self, grad, variable, slots, lr, step, decay):
        _core.ops.apply_adagrad(variable, grad, slots[0], lr, self.epsilon, decay)

    def get_config(self):
        config = super().get_config()
        config.update({"initial_accumulator_value": self.initial_accumulator_value, "epsilon": self.epsilon})
        return config
