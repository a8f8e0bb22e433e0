"""Packing and unpacking the batches ``fit`` hands to ``train_step``: ``x``, ``(x,)``,
``(x, y)`` or ``(x, y, sample_weight)``."""


def unpack_x_y_sample_weight(data):
    """Splits a batch into ``(x, y, sample_weight)``, with None for what it lacks.

    Args:
        data: a batch as ``train_step`` receives it: ``x``, ``(x,)``, ``(x, y)`` or
            ``(x, y, sample_weight)`` (a list is read as a tuple).

    Returns:
        The tuple ``(x, y, sample_weight)``.

    Raises:
        ValueError: a tuple of more than 3 elements.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.utils.unpack_x_y_sample_weight((1, 2))
        (1, 2, None)
    """
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data[0], data[1], data[2]
    raise ValueError("unpack_x_y_sample_weight: data must be x, (x,), (x, y) or (x, y, sample_weight), "
                     f"received a tuple of {len(data)} elements: {data!r}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """The batch form of ``x``, ``y`` and ``sample_weight``: ``x`` alone (or ``(x,)`` when
    ``x`` is itself a tuple or list), ``(x, y)``, or ``(x, y, sample_weight)``.

    Args:
        x: the inputs.
        y: the targets, or None.
        sample_weight: the sample weights, or None.

    Returns:
        The packed batch, which ``unpack_x_y_sample_weight`` splits again.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.utils.pack_x_y_sample_weight([1, 2])
        ([1, 2],)
    """
    if y is None:
        return (x,) if isinstance(x, (tuple, list)) else x
    if sample_weight is None:
        return x, y
    return x, y, sample_weight
