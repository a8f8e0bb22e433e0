"""evaluate and predict: return values, batching, and the training flag of model calls."""
import numpy as np
import pytest

import eigenflow as tf

keras = tf.keras
layers = tf.keras.layers


def _linear(d=1):
    model = keras.Sequential([keras.Input(shape=(d,)), layers.Dense(1, kernel_initializer="ones")])
    return model


class PredictCounter(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.predict_batches = 0
        self.test_batches = 0

    def on_predict_batch_end(self, batch, logs=None):
        self.predict_batches += 1

    def on_test_batch_end(self, batch, logs=None):
        self.test_batches += 1


# ---- evaluate ------------------------------------------------------------------------------

def test_evaluate_scalar_without_metrics():
    model = _linear()
    model.compile("sgd", "mse")
    value = model.evaluate(np.ones((4, 1), "float32"), np.zeros((4, 1), "float32"), verbose=0)
    assert isinstance(value, float) and value == pytest.approx(1.0)


def test_evaluate_list_with_metrics_in_metrics_names_order():
    model = _linear()
    model.compile("sgd", "mse", metrics=["mae", keras.metrics.MeanSquaredError(name="second_mse")])
    x, y = np.full((4, 1), 2.0, "float32"), np.zeros((4, 1), "float32")
    values = model.evaluate(x, y, verbose=0)
    assert values == pytest.approx([4.0, 2.0, 4.0])
    assert model.metrics_names == ["loss", "mae", "second_mse"]


def test_evaluate_return_dict():
    model = _linear()
    model.compile("sgd", "mse", metrics=["mae"])
    logs = model.evaluate(np.full((4, 1), 2.0, "float32"), np.zeros((4, 1), "float32"), verbose=0, return_dict=True)
    assert logs == {"loss": pytest.approx(4.0), "mae": pytest.approx(2.0)}


def test_evaluate_does_not_change_weights():
    model = _linear()
    model.compile(keras.optimizers.SGD(learning_rate=1.0), "mse")
    before = model.get_weights()
    model.evaluate(np.ones((4, 1), "float32"), np.zeros((4, 1), "float32"), verbose=0)
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_evaluate_batches_and_metric_over_the_whole_set():
    x = np.arange(10, dtype="float32").reshape(-1, 1)
    y = np.zeros((10, 1), "float32")
    model = _linear()
    model.compile("sgd", "mse", metrics=["mae"])
    counter = PredictCounter()
    logs = model.evaluate(x, y, batch_size=4, callbacks=[counter], verbose=0, return_dict=True)
    assert counter.test_batches == 3
    assert logs["mae"] == pytest.approx(np.abs(x).mean())


def test_evaluate_loss_is_the_mean_over_samples_with_a_partial_last_batch():
    x = np.arange(10, dtype="float32").reshape(-1, 1)
    y = np.zeros((10, 1), "float32")
    model = _linear()
    model.compile("sgd", "mse")
    value = model.evaluate(x, y, batch_size=4, verbose=0)
    assert value == pytest.approx(np.mean(x ** 2), rel=1e-6)


def test_evaluate_resets_metrics_between_calls():
    model = _linear()
    model.compile("sgd", "mse", metrics=["mae"])
    model.evaluate(np.full((4, 1), 5.0, "float32"), np.zeros((4, 1), "float32"), verbose=0)
    values = model.evaluate(np.ones((4, 1), "float32"), np.zeros((4, 1), "float32"), verbose=0)
    assert values == pytest.approx([1.0, 1.0])


def test_evaluate_with_generator_and_steps():
    def batches():
        while True:
            yield np.ones((2, 1), "float32"), np.zeros((2, 1), "float32")

    model = _linear()
    model.compile("sgd", "mse")
    counter = PredictCounter()
    assert model.evaluate(batches(), steps=3, callbacks=[counter], verbose=0) == pytest.approx(1.0)
    assert counter.test_batches == 3


def test_evaluate_verbose_1_prints_a_progress_line(capsys):
    model = _linear()
    model.compile("sgd", "mse")
    model.evaluate(np.ones((4, 1), "float32"), np.zeros((4, 1), "float32"), verbose=1)
    out = capsys.readouterr().out
    assert "loss:" in out and "Epoch" not in out


def test_multi_output_evaluate_total_loss():
    inputs = keras.Input(shape=(1,))
    model = keras.Model(inputs, [layers.Dense(1, kernel_initializer="ones")(inputs),
                                 layers.Dense(1, kernel_initializer="zeros")(inputs)])
    model.compile("sgd", "mse")
    x = np.full((4, 1), 2.0, "float32")
    logs = model.evaluate(x, [np.zeros((4, 1), "float32"), np.ones((4, 1), "float32")], verbose=0, return_dict=True)
    assert logs["loss"] == pytest.approx(4.0 + 1.0)


# ---- predict -------------------------------------------------------------------------------

@pytest.mark.parametrize("n, batch_size, batches", [(70, None, 3), (10, 4, 3), (3, None, 1)])
def test_predict_returns_numpy_in_batches(n, batch_size, batches):
    x = np.arange(n, dtype="float32").reshape(-1, 1)
    model = _linear()
    counter = PredictCounter()
    out = model.predict(x, batch_size=batch_size, callbacks=[counter], verbose=0)
    assert isinstance(out, np.ndarray) and out.shape == (n, 1) and out.dtype == np.float32
    np.testing.assert_allclose(out, x)
    assert counter.predict_batches == batches


def test_predict_keeps_the_order_of_samples():
    x = np.random.default_rng(0).normal(size=(100, 3)).astype("float32")
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2)])
    np.testing.assert_allclose(model.predict(x, batch_size=7, verbose=0), model(x).numpy(), rtol=1e-5, atol=1e-6)


def test_predict_without_compile():
    model = _linear()
    assert model.predict(np.ones((2, 1), "float32"), verbose=0).shape == (2, 1)


def test_predict_multi_output_list_and_dict():
    inputs = keras.Input(shape=(2,))
    listed = keras.Model(inputs, [layers.Dense(1)(inputs), layers.Dense(3)(inputs)])
    out = listed.predict(np.ones((40, 2), "float32"), verbose=0)
    assert isinstance(out, list) and [o.shape for o in out] == [(40, 1), (40, 3)]
    keyed = keras.Model(inputs, {"a": layers.Dense(1)(inputs), "b": layers.Dense(3)(inputs)})
    out = keyed.predict(np.ones((40, 2), "float32"), verbose=0)
    assert isinstance(out, dict) and out["a"].shape == (40, 1) and out["b"].shape == (40, 3)
    assert isinstance(out["a"], np.ndarray)


def test_predict_with_generator_and_steps():
    def batches():
        while True:
            yield np.ones((2, 1), "float32")

    out = _linear().predict(batches(), steps=3, verbose=0)
    assert out.shape == (6, 1)


def test_predict_multi_input():
    a, b = keras.Input(shape=(1,)), keras.Input(shape=(1,))
    model = keras.Model([a, b], layers.Add()([a, b]))
    out = model.predict([np.ones((5, 1), "float32"), np.full((5, 1), 2.0, "float32")], batch_size=2, verbose=0)
    np.testing.assert_allclose(out, np.full((5, 1), 3.0))


# ---- training flag -------------------------------------------------------------------------

def _dropout_model():
    return keras.Sequential([keras.Input(shape=(200,)), layers.Dropout(0.5)])


def test_dropout_active_only_with_training_true():
    model = _dropout_model()
    x = np.ones((4, 200), "float32")
    np.testing.assert_array_equal(model(x).numpy(), x)
    np.testing.assert_array_equal(model(x, training=False).numpy(), x)
    out = model(x, training=True).numpy()
    assert 0.3 < (out == 0).mean() < 0.7
    np.testing.assert_allclose(out[out != 0], 2.0)
    np.testing.assert_array_equal(model.predict(x, verbose=0), x)


def test_dropout_active_during_fit_inactive_during_evaluate():
    model = keras.Sequential([keras.Input(shape=(200,)), layers.Dropout(0.5),
                              layers.Dense(1, kernel_initializer="ones", use_bias=False)])
    model.compile(keras.optimizers.SGD(learning_rate=0.0), "mse")
    x, y = np.ones((32, 200), "float32"), np.full((32, 1), 200.0, "float32")
    assert model.evaluate(x, y, verbose=0) == pytest.approx(0.0)
    assert model.fit(x, y, verbose=0).history["loss"][0] > 1.0


def test_batch_normalization_training_flag():
    rng = np.random.default_rng(0)
    x = (rng.normal(size=(64, 3)) * 4.0 + 10.0).astype("float32")
    model = keras.Sequential([keras.Input(shape=(3,)), layers.BatchNormalization(momentum=0.5)])
    bn = model.layers[0]
    # inference: moving mean 0 and variance 1, so the output is the input (up to epsilon)
    np.testing.assert_allclose(model(x, training=False).numpy(), x / np.sqrt(1 + bn.epsilon), rtol=1e-5)
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.0)
    # training: batch statistics, and the moving statistics move toward them
    out = model(x, training=True).numpy()
    np.testing.assert_allclose(out.mean(0), 0.0, atol=1e-4)
    np.testing.assert_allclose(out.std(0), 1.0, atol=1e-2)
    np.testing.assert_allclose(bn.moving_mean.numpy(), 0.5 * x.mean(0), rtol=1e-4)
    assert len(model.non_trainable_weights) == 2 and len(model.trainable_weights) == 2


def test_batch_normalization_moving_stats_updated_by_fit_and_used_by_predict():
    rng = np.random.default_rng(0)
    x = (rng.normal(size=(64, 2)) + 5.0).astype("float32")
    model = keras.Sequential([keras.Input(shape=(2,)), layers.BatchNormalization(momentum=0.0)])
    model.compile(keras.optimizers.SGD(learning_rate=0.0), "mse")
    model.fit(x, np.zeros_like(x), batch_size=64, shuffle=False, verbose=0)
    bn = model.layers[0]
    np.testing.assert_allclose(bn.moving_mean.numpy(), x.mean(0), rtol=1e-4)
    out = model.predict(x, verbose=0)
    np.testing.assert_allclose(out.mean(0), 0.0, atol=1e-3)
