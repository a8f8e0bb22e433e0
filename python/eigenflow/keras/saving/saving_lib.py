"""Whole models in Keras 3's ``.keras`` format: a zip archive of ``config.json`` (the model's
config from ``serialize_keras_object``, with its ``compile_config`` when compiled),
``metadata.json`` and ``model.weights.h5`` (the layout of weights_store.py)."""
import datetime
import io
import json
import os
import zipfile

from ... import __version__ as _eigenflow_version
from . import serialization_lib, weights_store

CONFIG_FILENAME = "config.json"
METADATA_FILENAME = "metadata.json"
WEIGHTS_FILENAME = "model.weights.h5"
# The Keras release whose .keras format these files follow (Keras reads metadata only for display).
KERAS_FORMAT_VERSION = "3.5.0"


def model_config(model):
    """MODEL's config dict as saved in ``config.json`` (with ``compile_config`` if compiled)."""
    config = serialization_lib.serialize_keras_object(model)
    compile_config = _compile_config(model)
    if compile_config is not None:
        config["compile_config"] = compile_config
    return config


def _compile_config(model):
    state = getattr(model, "_compile_state", None)
    if not state or getattr(model, "optimizer", None) is None:
        return None
    serialize = serialization_lib.serialize_keras_object
    loss = state["loss"]
    return {"optimizer": serialize(model.optimizer), "loss": _serialize_spec(loss.loss),
            "loss_weights": serialize(loss.loss_weights), "metrics": _serialize_spec(state["metrics"].specs),
            "weighted_metrics": _serialize_spec(state["metrics"].weighted_specs),
            "run_eagerly": bool(state.get("run_eagerly", False)), "steps_per_execution": 1, "jit_compile": False}


def _serialize_spec(spec):
    if isinstance(spec, (list, tuple)):
        return [_serialize_spec(s) for s in spec]
    if isinstance(spec, dict):
        return {k: _serialize_spec(v) for k, v in spec.items()}
    return serialization_lib.serialize_keras_object(spec)


def save_model(model, filepath, overwrite=True):
    """Saves MODEL to FILEPATH (a ``.keras`` zip archive), atomically.

    Args:
        model: a Sequential or functional model (subclassed models are not supported yet).
        filepath: the path, ending in ``.keras``.
        overwrite: whether an existing file may be replaced.

    Raises:
        ValueError: the name does not end in ``.keras``.
        NotImplementedError: a subclassed model, or a functional one with tf ops between layers.

    Example:
        >>> import os, tempfile
        >>> import eigenflow as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
        >>> path = os.path.join(tempfile.mkdtemp(), "m.keras")
        >>> tf.keras.saving.save_model(model, path)
        >>> tf.keras.saving.load_model(path).count_params()
        8
    """
    from ..models.model import Model
    from ..models.sequential import Sequential

    filepath = os.fspath(filepath)
    if not filepath.endswith(".keras"):
        raise ValueError(f"save_model: the filename must end in '.keras', received filepath={filepath!r}")
    if not (isinstance(model, Sequential) or (type(model) is Model and model._graph is not None)):
        raise NotImplementedError(f"save_model: only Sequential and functional models can be saved whole for "
                                  f"now; '{model.name}' is a subclassed {type(model).__name__}. Use "
                                  "model.save_weights('....weights.h5') and rebuild the model in code")
    if isinstance(model, Sequential) and model._input_layer is None and model.weights:
        raise ValueError(f"save_model: Sequential model '{model.name}' was built by a call on data, so its input "
                         "shape is not recorded and it could not be rebuilt; start it with keras.Input(shape=...) "
                         "(or give the first layer input_shape=), or use save_weights")
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"save_model: '{filepath}' exists and overwrite=False")
    config_json = json.dumps(model_config(model))
    metadata_json = json.dumps({"keras_version": KERAS_FORMAT_VERSION,
                                "eigenflow_version": _eigenflow_version,
                                "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")})
    weights = io.BytesIO()
    import h5py
    with h5py.File(weights, "w") as f:
        weights_store.write(model, f)

    def write_to(tmp):
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(METADATA_FILENAME, metadata_json)
            zf.writestr(CONFIG_FILENAME, config_json)
            zf.writestr(WEIGHTS_FILENAME, weights.getvalue())

    weights_store.atomic_write(filepath, write_to)


def _open_archive(filepath):
    if not os.path.exists(filepath):
        raise FileNotFoundError(f"load_model: no such file: '{filepath}'")
    try:
        return zipfile.ZipFile(filepath, "r")
    except (zipfile.BadZipFile, OSError) as e:
        raise ValueError(f"load_model: '{filepath}' is not a .keras archive (truncated or corrupt?): {e}") from e


def _read_member(zf, filepath, name):
    if name not in zf.namelist():
        raise ValueError(f"load_model: '{filepath}' has no {name}; its members are {zf.namelist()}")
    try:
        return zf.read(name)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise ValueError(f"load_model: cannot read {name} from '{filepath}' (truncated or corrupt?): {e}") from e


def read_archive_weights(filepath):
    """The bytes of ``model.weights.h5`` in the ``.keras`` archive FILEPATH."""
    with _open_archive(filepath) as zf:
        return _read_member(zf, filepath, WEIGHTS_FILENAME)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Loads a model saved with ``model.save('....keras')`` (by eigenflow or Keras 3).

    Args:
        filepath: the ``.keras`` file.
        custom_objects: a dict of name -> class or function for custom layers, losses...
            not registered with ``register_keras_serializable``.
        compile: whether to compile the model as it was when saved.
        safe_mode: accepted for Keras compatibility.

    Returns:
        The model, with its weights (and compiled, if it was and ``compile=True``).

    Raises:
        FileNotFoundError: no such file.
        ValueError: not a ``.keras`` file, or a truncated or corrupt one (naming the file).

    Example:
        >>> import os, tempfile
        >>> import eigenflow as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
        >>> path = os.path.join(tempfile.mkdtemp(), "m.keras")
        >>> model.save(path)
        >>> tf.keras.models.load_model(path).layers[0].units
        2
    """
    filepath = os.fspath(filepath)
    if not filepath.endswith(".keras"):
        raise ValueError(f"load_model: the filename must end in '.keras', received filepath={filepath!r} "
                         "(Keras 2 '.h5' files and SavedModel directories are not supported)")
    with _open_archive(filepath) as zf:
        config_bytes = _read_member(zf, filepath, CONFIG_FILENAME)
        weights = _read_member(zf, filepath, WEIGHTS_FILENAME)
    try:
        config = json.loads(config_bytes)
    except ValueError as e:
        raise ValueError(f"load_model: the config.json of '{filepath}' is not valid JSON: {e}") from e
    model = model_from_config(config, custom_objects, compile=compile)
    with weights_store.open_h5(filepath, weights) as f:
        weights_store.read(model, f, filepath)
    return model


def model_from_config(config, custom_objects=None, compile=True):
    """The model a saved config dict describes (compiled from its ``compile_config``)."""
    model = serialization_lib.deserialize_keras_object(config, custom_objects)
    compile_config = config.get("compile_config") if isinstance(config, dict) else None
    if compile and compile_config:
        deserialize = lambda c: serialization_lib.deserialize_keras_object(c, custom_objects)
        model.compile(optimizer=deserialize(compile_config.get("optimizer") or "rmsprop"),
                      loss=_deserialize_spec(compile_config.get("loss"), deserialize),
                      metrics=_deserialize_spec(compile_config.get("metrics"), deserialize),
                      loss_weights=compile_config.get("loss_weights"),
                      weighted_metrics=_deserialize_spec(compile_config.get("weighted_metrics"), deserialize),
                      run_eagerly=compile_config.get("run_eagerly", False))
    return model


def _deserialize_spec(spec, deserialize):
    if isinstance(spec, list):
        return [_deserialize_spec(s, deserialize) for s in spec]
    if isinstance(spec, dict) and "class_name" not in spec:
        return {k: _deserialize_spec(v, deserialize) for k, v in spec.items()}
    return deserialize(spec)


def model_to_json(model, **kwargs):
    """MODEL's config (without weights or compile settings) as a JSON string."""
    return json.dumps(serialization_lib.serialize_keras_object(model), **kwargs)


def model_from_json(json_string, custom_objects=None):
    """The (uncompiled, freshly initialized) model a ``to_json`` string describes.

    Args:
        json_string: the output of ``model.to_json()``.
        custom_objects: a dict of name -> class or function for custom objects.

    Returns:
        The model.

    Example:
        >>> import eigenflow as tf
        >>> model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
        >>> tf.keras.models.model_from_json(model.to_json()).count_params()
        8
    """
    return serialization_lib.deserialize_keras_object(json.loads(json_string), custom_objects)
