"""``keras.regularizers.Regularizer``: the base class of weight penalties."""


class Regularizer:
    """Base class of regularizers: a callable from a weight to a scalar penalty.

    The penalty of a weight made with ``add_weight(regularizer=...)`` is added to the
    layer's ``losses`` and so to the training loss.

    Call arguments:
        x: the weight (or, as an activity regularizer, the layer's output).

    Returns:
        A scalar tensor.

    Example:
        >>> import eigenflow as tf
        >>> class SumSquares(tf.keras.regularizers.Regularizer):
        ...     def __call__(self, x):
        ...         return tf.reduce_sum(tf.square(x))
        ...     def get_config(self):
        ...         return {}
        >>> float(SumSquares()(tf.constant([1.0, 2.0])))
        5.0
    """

    def __call__(self, x):
        return 0.0

    def get_config(self):
        """The constructor arguments that recreate this regularizer."""
        raise NotImplementedError(f"{type(self).__name__} does not implement get_config()")

    @classmethod
    def from_config(cls, config):
        """The regularizer that CONFIG (from ``get_config``) describes."""
        return cls(**config)

    def __repr__(self):
        try:
            args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        except NotImplementedError:
            args = ""
        return f"{type(self).__name__}({args})"
