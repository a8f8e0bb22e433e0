"""``keras.optimizers.AdamW``: Adam with decoupled weight decay."""
from .adam import Adam


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter): before each Adam step,
    ``variable -= variable * weight_decay * learning_rate``, fused into the same kernel.

    Args:
        learning_rate: a float, a ``tf.Variable``, a ``LearningRateSchedule`` or a
            zero-argument callable. Defaults to 0.001.
        weight_decay: the decay factor (required, not None). Defaults to 0.004.
        beta_1, beta_2, epsilon, amsgrad: as in ``Adam``.
        clipnorm, clipvalue, global_clipnorm, use_ema, ema_momentum,
            ema_overwrite_frequency, loss_scale_factor, gradient_accumulation_steps, name:
            as in ``keras.optimizers.Optimizer``.

    Example:
        >>> import eigenflow as tf
        >>> v = tf.Variable([1.0])
        >>> opt = tf.keras.optimizers.AdamW(learning_rate=0.1, weight_decay=0.5)
        >>> _ = opt.apply_gradients([(tf.constant([0.0]), v)])
        >>> [round(x, 4) for x in v.numpy().tolist()]
        [0.95]
    """

    def __init__(self, learning_rate=0.001, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-07,
                 amsgrad=False, clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name="adamw", **kwargs):
        super().__init__(learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon,
                         amsgrad=amsgrad, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
                         global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
                         ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
                         gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        if self.weight_decay is None:
            raise ValueError("AdamW: `weight_decay` must be a float, received weight_decay=None")
