"""Files written by Keras 3 load here with Keras's predictions, and files written here have
Keras's layout. The fixtures in data/ come from data/make_keras_fixtures.py (Keras 3.15.1);
Keras itself is not needed to run these tests."""
import json
import pathlib
import warnings
import zipfile

import h5py
import numpy as np
import pytest

import eigenflow as tf

DATA = pathlib.Path(__file__).parent / "data"
L = tf.keras.layers


def make(name):
    return {
        "dense": lambda: tf.keras.Sequential([tf.keras.Input((4,)), L.Dense(3, activation="relu"), L.Dense(2)]),
        "conv_bn": lambda: tf.keras.Sequential([tf.keras.Input((6, 6, 2)), L.Conv2D(3, 3), L.BatchNormalization(),
                                                L.Flatten(), L.Dense(2)]),
        "lstm": lambda: tf.keras.Sequential([tf.keras.Input((5, 3)), L.LSTM(4), L.Dense(1)]),
    }[name]()


def data(name):
    return np.load(DATA / f"{name}_x.npy"), np.load(DATA / f"{name}_y.npy")


@pytest.mark.parametrize("name", ["dense", "conv_bn", "lstm"])
def test_load_model_written_by_keras(name):
    x, y = data(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")      # Keras's extra config arguments are at their defaults
        model = tf.keras.models.load_model(DATA / f"{name}.keras")
    np.testing.assert_allclose(model.predict(x, verbose=0), y, rtol=1e-4, atol=1e-4)


def test_compile_config_written_by_keras():
    model = tf.keras.models.load_model(DATA / "dense.keras")
    assert isinstance(model.optimizer, tf.keras.optimizers.Adam)
    assert np.isclose(float(np.asarray(model.optimizer.learning_rate)), 0.01)
    assert model.loss == "mse"


@pytest.mark.parametrize("name", ["dense", "conv_bn", "lstm"])
def test_load_weights_written_by_keras(name):
    x, y = data(name)
    model = make(name)
    model.load_weights(DATA / f"{name}.weights.h5")
    np.testing.assert_allclose(model.predict(x, verbose=0), y, rtol=1e-4, atol=1e-4)


def _datasets(path):
    shapes = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, o: shapes.__setitem__(n, o.shape) if isinstance(o, h5py.Dataset) else None)
    return shapes


@pytest.mark.parametrize("name", ["dense", "conv_bn", "lstm"])
def test_our_weights_file_has_keras_layout(tmp_path, name):
    ours = tmp_path / "m.weights.h5"
    make(name).save_weights(ours)
    theirs = {k: v for k, v in _datasets(DATA / f"{name}.weights.h5").items() if not k.startswith("optimizer/")}
    assert _datasets(ours) == theirs


def test_our_config_has_keras_structure(tmp_path):
    path = tmp_path / "m.keras"
    model = make("dense")
    model.compile(optimizer=tf.keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    model.save(path)
    ours = json.loads(zipfile.ZipFile(path).read("config.json"))
    theirs = json.loads(zipfile.ZipFile(DATA / "dense.keras").read("config.json"))
    assert {k: ours[k] for k in ("module", "class_name", "registered_name")} == \
           {k: theirs[k] for k in ("module", "class_name", "registered_name")}
    assert [(s["module"], s["class_name"]) for s in ours["config"]["layers"]] == \
           [(s["module"], s["class_name"]) for s in theirs["config"]["layers"]]
    assert ours["config"]["build_input_shape"] == theirs["config"]["build_input_shape"]
    for key in ("optimizer", "loss", "metrics"):
        assert key in ours["compile_config"] and key in theirs["compile_config"]
    assert ours["compile_config"]["optimizer"]["class_name"] == theirs["compile_config"]["optimizer"]["class_name"]
