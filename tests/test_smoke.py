"""A seconds-long check that the whole stack works: import, an op, a gradient, a tiny fit."""
import numpy as np

import eigenflow as tf


def test_import_and_namespace():
    assert tf.keras is not None
    assert hasattr(tf, "GradientTape") and hasattr(tf, "Variable")


def test_tensor_op():
    a = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    b = tf.constant([[1.0], [1.0]])
    np.testing.assert_allclose(tf.matmul(a, b).numpy(), [[3.0], [7.0]])
    np.testing.assert_allclose((a + 1.0).numpy(), [[2.0, 3.0], [4.0, 5.0]])
    assert float(tf.reduce_sum(a).numpy()) == 10.0


def test_gradient():
    x = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = x * x + 2.0 * x
    assert float(tape.gradient(y, x).numpy()) == 8.0


def test_tiny_fit():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 2)).astype("float32")
    y = (x @ np.array([[2.0], [-1.0]], "float32") + 0.5).astype("float32")
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)])
    model.compile(tf.keras.optimizers.Adam(learning_rate=0.1), "mse")
    history = model.fit(x, y, epochs=20, batch_size=16, verbose=0)
    assert history.history["loss"][-1] < 0.1 * history.history["loss"][0]
    assert model.predict(x[:3], verbose=0).shape == (3, 1)


def test_every_lazy_export_resolves():
    """Each name in the keras export tables points at a module that defines it."""
    import importlib

    for package in ("eigenflow.keras", "eigenflow.keras.layers", "eigenflow.keras.models",
                    "eigenflow.keras.callbacks", "eigenflow.keras.utils"):
        module = importlib.import_module(package)
        for name in module.__all__:
            assert getattr(module, name) is not None, f"{package}.{name}"
