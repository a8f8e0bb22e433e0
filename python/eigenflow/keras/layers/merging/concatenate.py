"""``keras.layers.Concatenate``: joins tensors along an axis, and its functional form
``concatenate``."""
from .... import _core
from .base_merge import Merge, _text


class Concatenate(Merge):
    """Concatenates a list of tensors along ``axis``.

    All inputs have the same rank and the same sizes on every axis but ``axis``.

    Args:
        axis: the axis to join along (default -1, the last).
        **kwargs: base layer arguments (``name``, ``dtype``...).

    Call arguments:
        inputs: a list of tensors (one is allowed, as in Keras).

    Returns:
        One tensor whose ``axis`` is the sum of the inputs' sizes on it.

    Example:
        >>> import eigenflow as tf
        >>> out = tf.keras.layers.Concatenate()([tf.ones((2, 3)), tf.zeros((2, 4))])
        >>> out.shape
        TensorShape([2, 7])
    """

    _min_inputs = 1

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, bool) or not isinstance(axis, int):
            raise ValueError(f"Concatenate: axis must be an int, received axis={axis!r}")
        self.axis = axis

    def _concat_shape(self, input_shape):
        shapes = self._shapes(input_shape)
        rank = len(shapes[0])
        mismatch = (f"Concatenate '{self.name}': inputs must have matching shapes except along axis {self.axis}, "
                    f"received input shapes {_text(shapes)}")
        if any(len(s) != rank for s in shapes):
            raise ValueError(mismatch)
        if not -rank <= self.axis < rank or rank == 0:
            raise ValueError(f"Concatenate '{self.name}': axis {self.axis} is out of range for inputs of rank "
                             f"{rank}, received input shapes {_text(shapes)}")
        axis = self.axis % rank
        out = []
        for k in range(rank):
            dims = [s[k] for s in shapes]
            if k == axis:
                out.append(None if None in dims else sum(dims))
                continue
            known = {d for d in dims if d is not None}
            if len(known) > 1:
                raise ValueError(mismatch)
            out.append(known.pop() if known else None)
        return tuple(out)

    def build(self, input_shape):
        self._concat_shape(input_shape)
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(f"Concatenate '{self.name}' must be called on a list of tensors, received a single "
                             f"tensor of shape {tuple(inputs.shape)}")
        return _core.ops.concat(list(inputs), self.axis)

    def compute_output_shape(self, input_shape):
        return self._concat_shape(input_shape)

    def compute_mask(self, inputs, mask=None):
        """The inputs' masks joined along ``axis`` (all True for inputs without one), or None."""
        if mask is None or all(m is None for m in mask):
            return None
        masks = []
        for x, m in zip(inputs, mask):
            if m is None:
                m = _core.ops.ones_like(x, dtype="bool")
            elif len(m.shape) < len(x.shape):
                m = _core.ops.broadcast_to(_core.ops.expand_dims(m, -1), list(x.shape))
            masks.append(m)
        return _core.ops.reduce_any(_core.ops.concat(masks, self.axis), -1)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


def concatenate(inputs, axis=-1, **kwargs):
    """Functional form of ``Concatenate``: joins INPUTS along AXIS.

    Args:
        inputs: a list of tensors with the same sizes on every axis but ``axis``.
        axis: the axis to join along.
        **kwargs: arguments of the ``Concatenate`` layer (``name``...).

    Returns:
        The output tensor of a new ``Concatenate`` layer called on ``inputs``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.layers.concatenate([tf.ones((1, 2)), tf.zeros((1, 1))]).numpy().tolist()
        [[1.0, 1.0, 0.0]]
    """
    return Concatenate(axis=axis, **kwargs)(inputs)
