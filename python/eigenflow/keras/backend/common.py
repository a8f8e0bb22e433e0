"""Global Keras settings and the per-session counters that make layer names unique."""
import collections

_state = {"epsilon": 1e-7, "floatx": "float32", "image_data_format": "channels_last"}
_name_counts = collections.defaultdict(int)


def unique_name(base, given=False):
    """BASE made unique in this session: dense, dense_1, dense_2... A GIVEN name is kept."""
    if given:
        _name_counts[base] += 1
        return base
    count = _name_counts[base]
    _name_counts[base] += 1
    return base if count == 0 else f"{base}_{count}"


def clear_session():
    """Resets layer-name counters (and nothing else needs resetting in eigenflow)."""
    _name_counts.clear()


def epsilon():
    """The fuzz factor used in numeric expressions (1e-7)."""
    return _state["epsilon"]


def set_epsilon(value):
    """Sets the fuzz factor returned by ``epsilon()``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.set_epsilon(1e-5); tf.keras.backend.epsilon()
        1e-05
        >>> tf.keras.backend.set_epsilon(1e-7)
    """
    _state["epsilon"] = float(value)


def floatx():
    """The default float type as a string: 'float32'."""
    return _state["floatx"]


def set_floatx(value):
    """Sets the default float type (``'float32'`` or ``'float64'``) returned by ``floatx()``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.set_floatx("float64"); tf.keras.backend.floatx()
        'float64'
        >>> tf.keras.backend.set_floatx("float32")
    """
    _state["floatx"] = str(value)


def image_data_format():
    """The default layout of image tensors: ``'channels_last'`` (NHWC) or ``'channels_first'``.

    Example:
        >>> import eigenflow as tf
        >>> tf.keras.backend.image_data_format()
        'channels_last'
    """
    return _state["image_data_format"]


def set_image_data_format(value):
    """Sets the default image layout: ``'channels_last'`` or ``'channels_first'``."""
    if value not in ("channels_last", "channels_first"):
        raise ValueError(f"image_data_format must be 'channels_last' or 'channels_first', received {value!r}")
    _state["image_data_format"] = value


# ---- configs of initializers, regularizers, constraints and activations -------------------
# One implementation for the four families' serialize/deserialize, in Keras 3's format:
# {"module", "class_name", "config", "registered_name"} (Keras 2's {"class_name", "config"}
# is read too).

def serialize_object(obj, module, builtins):
    """OBJ's config dict; builtin classes are named under MODULE (e.g. 'keras.initializers').

    A module-level function becomes a ``class_name='function'`` entry; a lambda or a local
    callable is returned as is (it can be rebuilt in this process, not saved to JSON).
    """
    import inspect
    import sys

    if obj is None:
        return None
    cls = type(obj)
    if hasattr(obj, "get_config") and not inspect.isclass(obj):
        builtin = builtins.get(cls.__name__) is cls
        return {"module": module if builtin else cls.__module__, "class_name": cls.__name__,
                "config": obj.get_config(), "registered_name": None if builtin else cls.__name__}
    name = getattr(obj, "__name__", None)
    home = sys.modules.get(getattr(obj, "__module__", None) or "")
    if inspect.isfunction(obj) and home is not None and getattr(home, name, None) is obj:
        return {"module": obj.__module__, "class_name": "function", "config": name, "registered_name": name}
    return obj


def lookup_name(kind, name, builtins, shown_names, custom_objects=None):
    """The object named NAME among CUSTOM_OBJECTS then BUILTINS; ValueError listing SHOWN_NAMES."""
    import difflib

    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if isinstance(name, str) and name in builtins:
        return builtins[name]
    close = difflib.get_close_matches(str(name), list(shown_names), n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise ValueError(f"Unknown {kind} {name!r}.{hint} Valid names: {', '.join(sorted(shown_names))}")


def deserialize_object(kind, config, builtins, shown_names, custom_objects=None):
    """The object a name or a config dict describes (classes are instantiated with from_config)."""
    import sys

    if isinstance(config, str):
        return lookup_name(kind, config, builtins, shown_names, custom_objects)
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"Could not interpret {kind} config: expected a name or a dict with 'class_name', "
                         f"received {config!r}")
    class_name, inner = config["class_name"], config.get("config") or {}
    module = sys.modules.get(config.get("module") or "")
    if class_name == "function":
        if custom_objects and inner in custom_objects:
            return custom_objects[inner]
        if module is not None and not config["module"].startswith("keras") and hasattr(module, inner):
            return getattr(module, inner)
        return lookup_name(kind, inner, builtins, shown_names, custom_objects)
    if custom_objects and class_name in custom_objects:
        cls = custom_objects[class_name]
    elif module is not None and hasattr(module, class_name) and class_name not in builtins:
        cls = getattr(module, class_name)
    else:
        cls = lookup_name(kind, class_name, builtins, shown_names, custom_objects)
    if not isinstance(cls, type):  # a function named as a class (Keras 2 wrote {"class_name": "relu"})
        return cls
    return cls.from_config(inner) if hasattr(cls, "from_config") else cls(**inner)
