"""The registry of custom classes and functions that saved configs name: ``'Package>Name'``."""

_REGISTERED = {}        # "Package>Name" -> class or function
_NAMES = {}             # the object -> "Package>Name"


def register_keras_serializable(package="Custom", name=None):
    """A decorator that registers a class or function so saved configs can name it.

    The object is saved with ``registered_name`` ``'<package>>name'`` and found again by
    ``load_model`` and ``deserialize_keras_object`` without ``custom_objects``.

    Args:
        package: the package part of the registered name (default ``'Custom'``).
        name: the name part; defaults to the class or function's ``__name__``.

    Returns:
        A decorator that registers its argument and returns it unchanged.

    Raises:
        ValueError: PACKAGE contains '>', or ``'<package>>name'`` is already taken by
            another object.

    Example:
        >>> import eigenflow as tf
        >>> @tf.keras.saving.register_keras_serializable(package="Docs")
        ... def double(x):
        ...     return 2 * x
        >>> tf.keras.saving.get_registered_name(double)
        'Docs>double'
    """
    if not isinstance(package, str) or ">" in package:
        raise ValueError(f"register_keras_serializable: package must be a string without '>', "
                         f"received package={package!r}")

    def decorator(obj):
        key = f"{package}>{name or obj.__name__}"
        previous = _REGISTERED.get(key)
        if previous is not None and previous is not obj and _qualified(previous) != _qualified(obj):
            raise ValueError(f"register_keras_serializable: the name {key!r} is already registered to "
                             f"{_qualified(previous)}, received {_qualified(obj)}")
        _REGISTERED[key] = obj
        _NAMES[obj] = key
        return obj

    return decorator


def _qualified(obj):
    return f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', repr(obj))}"


def get_registered_name(obj):
    """The name OBJ is saved under: ``'Package>Name'`` if registered, else its ``__name__``.

    Args:
        obj: a class or function.

    Returns:
        The registered name as a string.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.saving.get_registered_name(tf.keras.layers.Dense)
        'Dense'
    """
    return _NAMES.get(obj, getattr(obj, "__name__", None))


def get_registered_object(name, custom_objects=None, module_objects=None):
    """The class or function registered (or given) under NAME, or None.

    Looks in ``custom_objects``, then the registry, then ``module_objects``.

    Args:
        name: a registered name (``'Package>Name'``) or a plain name.
        custom_objects: an optional dict of name -> object.
        module_objects: an optional dict of name -> object searched last.

    Returns:
        The object, or None when no one holds NAME.

    Example:
        >>> import eigenflow as tf
        >>> @tf.keras.saving.register_keras_serializable(package="Docs")
        ... class Twice(tf.keras.layers.Layer):
        ...     def call(self, x):
        ...         return 2 * x
        >>> tf.keras.saving.get_registered_object("Docs>Twice") is Twice
        True
    """
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if name in _REGISTERED:
        return _REGISTERED[name]
    if module_objects and name in module_objects:
        return module_objects[name]
    return None
