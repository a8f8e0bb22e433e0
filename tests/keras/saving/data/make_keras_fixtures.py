"""Writes the fixtures of this folder with Keras 3 (3.15.1 made the committed ones):

    python -m venv /tmp/kvenv && /tmp/kvenv/bin/pip install keras h5py scipy jax
    KERAS_BACKEND=numpy /tmp/kvenv/bin/python make_keras_fixtures.py tests/keras/saving/data

For each Sequential model: <name>.keras (model.save), <name>.weights.h5 (save_weights), <name>_x.npy
(inputs) and <name>_y.npy (Keras's predictions on them). The 'dense' model is compiled.
"""
import sys, os, json
import numpy as np
import keras
out = sys.argv[1]
rng = np.random.default_rng(0)
def models():
    return {
        "dense": (keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="relu"), keras.layers.Dense(2)]), (3, 4)),
        "conv_bn": (keras.Sequential([keras.Input((6, 6, 2)), keras.layers.Conv2D(3, 3), keras.layers.BatchNormalization(),
                                      keras.layers.Flatten(), keras.layers.Dense(2)]), (3, 6, 6, 2)),
        "lstm": (keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4), keras.layers.Dense(1)]), (3, 5, 3)),
    }
for name, (m, shape) in models().items():
    m.set_weights([(np.abs if "variance" in v.path else np.asarray)(rng.normal(size=v.shape)).astype("float32")
                   for v in m.weights])
    if name == "dense":
        m.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse", metrics=["mae"])
    x = rng.normal(size=shape).astype("float32")
    np.save(os.path.join(out, f"{name}_x.npy"), x)
    np.save(os.path.join(out, f"{name}_y.npy"), np.asarray(m.predict(x, verbose=0)))
    m.save(os.path.join(out, f"{name}.keras"))
    m.save_weights(os.path.join(out, f"{name}.weights.h5"))

# A functional model: two inputs, two outputs, a Concatenate; written as functional.keras,
# functional.weights.h5 and functional_io.npz (inputs xa, xb; Keras's outputs ya, yb).
rng = np.random.default_rng(3)
a = keras.Input((4,), name="a"); b = keras.Input((2,), name="b")
shared = keras.layers.Dense(3, activation="relu", name="shared")
h = keras.layers.Concatenate()([shared(a), keras.layers.Dense(3)(b)])
h2 = keras.layers.BatchNormalization()(h)
m = keras.Model([a, b], [keras.layers.Dense(1, name="out")(h2), keras.layers.Dense(2, name="aux")(h)])
m.set_weights([(np.abs if "variance" in v.path else np.asarray)(rng.normal(size=v.shape)).astype("float32")
               for v in m.weights])
m.compile(optimizer="sgd", loss=["mse", "mae"])
xa = rng.normal(size=(3, 4)).astype("float32"); xb = rng.normal(size=(3, 2)).astype("float32")
ya, yb = m.predict([xa, xb], verbose=0)
np.savez(os.path.join(out, "functional_io.npz"), xa=xa, xb=xb, ya=ya, yb=yb)
m.save(os.path.join(out, "functional.keras"))
m.save_weights(os.path.join(out, "functional.weights.h5"))
print("ok")
