"""``keras.constraints.Constraint``: the base class of weight constraints.

A constraint is a projection: optimizers call it on a weight after each update and assign
the result back (``variable.assign(constraint(variable))``).
"""


class Constraint:
    """Base class of constraints: subclass it and implement ``__call__(w)``.

    Call arguments:
        w: the weight's value (a Variable or tensor).

    Returns:
        The projected value, of w's shape and dtype.

    Example:
        >>> import eigenflow as tf
        >>> class Clip(tf.keras.constraints.Constraint):
        ...     def __call__(self, w):
        ...         return tf.clip_by_value(w, -1.0, 1.0)
        >>> Clip()(tf.constant([-3.0, 0.5])).numpy().tolist()
        [-1.0, 0.5]
    """

    def __call__(self, w):
        return w

    def get_config(self):
        """The constructor arguments that recreate this constraint."""
        return {}

    @classmethod
    def from_config(cls, config):
        """The constraint that CONFIG (from ``get_config``) describes."""
        return cls(**config)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"
