"""Training steps leave no reference cycles behind. A cycle per step (a recursive closure
was one) kept each step's tensors alive until the garbage collector ran, and the collector
then ran every few steps for 0.2 ms; these check that steps free everything at once."""
import contextlib
import gc
import io

import numpy as np
import pytest

import eigenflow as tf


@contextlib.contextmanager
def _cyclic_garbage():
    """Yields a list that holds, after the block, the objects the block left in cycles."""
    found = []
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield found
        gc.collect()
        found.extend(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def _data():
    rng = np.random.default_rng(0)
    return rng.normal(size=(256, 8)).astype("float32"), rng.normal(size=(256, 1)).astype("float32")


def _model(*middle):
    model = tf.keras.Sequential([tf.keras.Input(shape=(8,)), *middle, tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    return model


def _describe(garbage):
    return sorted({getattr(o, "__qualname__", type(o).__name__) for o in garbage})[:10]


@pytest.mark.parametrize("run_eagerly", [False, True])
def test_fit_evaluate_and_predict_leave_no_cycles(run_eagerly):
    x, y = _data()
    model = _model(tf.keras.layers.Dense(4, activation="relu"), tf.keras.layers.Dropout(0.1))
    model.compile(optimizer="adam", loss="mse", metrics=["mae"], run_eagerly=run_eagerly)
    with contextlib.redirect_stdout(io.StringIO()):
        model.fit(x, y, batch_size=32, epochs=1)  # builds, traces: may make lasting state
        with _cyclic_garbage() as garbage:
            model.fit(x, y, batch_size=32, epochs=1, validation_split=0.25)
            model.evaluate(x, y, batch_size=32)
            model.predict(x, batch_size=32)
    assert not garbage, _describe(garbage)


def test_fit_on_a_dataset_and_an_rnn_leave_no_cycles():
    x, y = _data()
    model = _model(tf.keras.layers.Reshape((4, 2)), tf.keras.layers.LSTM(3))
    data = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(256).batch(32)
    with contextlib.redirect_stdout(io.StringIO()):
        model.fit(data, epochs=1)
        with _cyclic_garbage() as garbage:
            model.fit(data, epochs=1)
    assert not garbage, _describe(garbage)


def test_a_gradient_tape_loop_and_a_structured_function_leave_no_cycles():
    x, y = _data()
    model = _model(tf.keras.layers.Dense(4, activation="relu"))
    optimizer, loss_fn = tf.keras.optimizers.Adam(), tf.keras.losses.MeanSquaredError()
    pair = tf.function(lambda a, b: {"sum": a + b, "both": (a, b)})

    def steps():
        for i in range(0, 256, 32):
            with tf.GradientTape() as tape:
                loss = loss_fn(y[i:i + 32], model(x[i:i + 32], training=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
            pair(tf.constant(x[i:i + 32]), tf.constant(x[i:i + 32]))

    steps()
    with _cyclic_garbage() as garbage:
        steps()
    assert not garbage, _describe(garbage)
