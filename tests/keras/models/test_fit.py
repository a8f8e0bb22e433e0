"""Model.fit's contracts: History, batching, validation, shuffling, weights, losses, verbosity."""
import math

import numpy as np
import pytest

import eigenflow as tf

keras = tf.keras
layers = tf.keras.layers


def _linear(d=2, kernel="ones", bias="zeros"):
    """A Dense(1) model with fixed weights: with SGD(0) its loss is a known function of the data."""
    return keras.Sequential([keras.Input(shape=(d,)),
                             layers.Dense(1, kernel_initializer=kernel, bias_initializer=bias)])


def _frozen_sgd():
    return keras.optimizers.SGD(learning_rate=0.0)


def _regression(n=40, d=3, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    return x, (x @ np.linspace(1, 2, d, dtype="float32").reshape(d, 1)).astype("float32")


class BatchCounter(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.train_batches, self.test_batches, self.epochs = [], [], []

    def on_epoch_begin(self, epoch, logs=None):
        self.epochs.append(epoch)
        self.train_batches.append(0)

    def on_train_batch_end(self, batch, logs=None):
        self.train_batches[-1] += 1

    def on_test_batch_end(self, batch, logs=None):
        self.test_batches.append(batch)


class Recorder(keras.Model):
    """A functional model that records the x of every training batch."""

    def train_step(self, data):
        self.seen.append(np.asarray(data[0]).copy())
        return super().train_step(data)


def _recorder(d=1):
    inputs = keras.Input(shape=(d,))
    model = Recorder(inputs, layers.Dense(1, kernel_initializer="zeros")(inputs))
    model.seen = []
    model.compile(_frozen_sgd(), "mse")
    return model


# ---- History -------------------------------------------------------------------------------

def test_history_keys_and_one_value_per_epoch():
    x, y = _regression()
    model = _linear(d=3)
    model.compile("sgd", "mse", metrics=["mae"])
    history = model.fit(x, y, epochs=3, validation_split=0.25, verbose=0)
    assert set(history.history) == {"loss", "mae", "val_loss", "val_mae"}
    assert all(len(v) == 3 for v in history.history.values())
    assert all(isinstance(v, float) for vs in history.history.values() for v in vs)
    assert history.epoch == [0, 1, 2]
    assert model.history is history


def test_loss_decreases_on_a_learnable_problem():
    x, y = _regression(n=64)
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(1)])
    model.compile(keras.optimizers.Adam(learning_rate=0.05), "mse")
    losses = model.fit(x, y, epochs=15, batch_size=16, verbose=0).history["loss"]
    assert losses[-1] < 0.2 * losses[0]


def test_history_loss_is_the_epoch_mean_of_batch_losses():
    x = np.arange(6, dtype="float32").reshape(6, 1)
    y = np.zeros((6, 1), "float32")
    model = _linear(d=1)
    model.compile(_frozen_sgd(), "mse")
    history = model.fit(x, y, batch_size=2, shuffle=False, verbose=0)
    batch_losses = [np.mean(x[i:i + 2] ** 2) for i in range(0, 6, 2)]
    np.testing.assert_allclose(history.history["loss"], [np.mean(batch_losses)], rtol=1e-6)


# ---- batching ------------------------------------------------------------------------------

@pytest.mark.parametrize("n, batch_size, steps", [(100, None, 4), (64, None, 2), (10, 3, 4), (5, 64, 1)])
def test_steps_per_epoch_follow_batch_size(n, batch_size, steps):
    x, y = _regression(n=n)
    model = _linear(d=3)
    model.compile("sgd", "mse")
    counter = BatchCounter()
    model.fit(x, y, batch_size=batch_size, epochs=2, callbacks=[counter], verbose=0)
    assert counter.train_batches == [steps, steps]
    assert steps == math.ceil(n / (batch_size or 32))


def test_last_partial_batch_has_the_remainder():
    model = _recorder()
    x = np.arange(70, dtype="float32").reshape(-1, 1)
    model.fit(x, np.zeros_like(x), shuffle=False, verbose=0)
    assert [len(b) for b in model.seen] == [32, 32, 6]


def test_shuffle_false_keeps_order():
    model = _recorder()
    x = np.arange(20, dtype="float32").reshape(-1, 1)
    model.fit(x, np.zeros_like(x), batch_size=8, epochs=2, shuffle=False, verbose=0)
    seen = np.concatenate(model.seen).ravel()
    np.testing.assert_array_equal(seen, np.concatenate([x.ravel(), x.ravel()]))


def test_shuffle_true_visits_every_sample_once_per_epoch():
    model = _recorder()
    x = np.arange(64, dtype="float32").reshape(-1, 1)
    model.fit(x, np.zeros_like(x), batch_size=8, epochs=2, shuffle=True, verbose=0)
    first, second = np.concatenate(model.seen[:8]).ravel(), np.concatenate(model.seen[8:]).ravel()
    np.testing.assert_array_equal(np.sort(first), x.ravel())
    np.testing.assert_array_equal(np.sort(second), x.ravel())
    assert not np.array_equal(first, x.ravel()) or not np.array_equal(second, x.ravel())


def test_the_shuffled_order_follows_numpys_seed():
    x = np.arange(64, dtype="float32").reshape(-1, 1)

    def order(seed):
        np.random.seed(seed)
        model = _recorder()
        model.fit(x, np.zeros_like(x), batch_size=8, epochs=1, shuffle=True, verbose=0)
        return np.concatenate(model.seen).ravel()

    np.testing.assert_array_equal(order(3), order(3))
    assert not np.array_equal(order(3), order(4))


# ---- validation ----------------------------------------------------------------------------

def test_validation_split_takes_the_last_fraction_before_shuffling():
    n = 50
    x = np.arange(n, dtype="float32").reshape(-1, 1)
    y = np.zeros((n, 1), "float32")
    y[-10:] = 100.0  # only the last 20% are special
    model = _recorder()
    history = model.fit(x, y, validation_split=0.2, shuffle=True, epochs=2, batch_size=8, verbose=0)
    trained = np.concatenate(model.seen).ravel()
    assert trained.max() < 40 and len(trained) == 2 * 40
    # kernel 0: predictions 0, so the training loss is 0 and the validation loss 100^2
    np.testing.assert_allclose(history.history["loss"], [0.0, 0.0])
    np.testing.assert_allclose(history.history["val_loss"], [1e4, 1e4], rtol=1e-6)


def test_validation_split_with_multi_input_lists():
    a, b = keras.Input(shape=(1,)), keras.Input(shape=(1,))
    model = keras.Model([a, b], layers.Add()([a, b]))
    model.compile(_frozen_sgd(), "mse")
    x1 = np.zeros((10, 1), "float32")
    x2 = np.zeros((10, 1), "float32")
    x2[-2:] = 3.0
    history = model.fit([x1, x2], np.zeros((10, 1), "float32"), validation_split=0.2, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [0.0])
    np.testing.assert_allclose(history.history["val_loss"], [9.0])


def test_validation_data_tuple_and_with_sample_weight():
    x = np.ones((4, 2), "float32")
    model = _linear()
    model.compile(_frozen_sgd(), "mse")
    history = model.fit(x, np.full((4, 1), 2.0, "float32"), validation_data=(x, np.zeros((4, 1), "float32")),
                        verbose=0)
    np.testing.assert_allclose(history.history["loss"], [0.0])
    np.testing.assert_allclose(history.history["val_loss"], [4.0])
    sw = np.array([1.0, 0.0, 0.0, 0.0], "float32")
    history = model.fit(x, np.full((4, 1), 2.0, "float32"),
                        validation_data=(x, np.zeros((4, 1), "float32"), sw), verbose=0)
    np.testing.assert_allclose(history.history["val_loss"], [1.0])


def test_validation_freq():
    x, y = _regression(n=16)
    model = _linear(d=3)
    model.compile("sgd", "mse")
    counter = BatchCounter()
    history = model.fit(x, y, epochs=4, validation_data=(x, y), validation_freq=2, callbacks=[counter], verbose=0)
    assert len(history.history["loss"]) == 4
    assert len(history.history["val_loss"]) == 2
    assert len(counter.test_batches) == 2


# ---- epochs --------------------------------------------------------------------------------

def test_initial_epoch():
    x, y = _regression(n=16)
    model = _linear(d=3)
    model.compile("sgd", "mse")
    counter = BatchCounter()
    history = model.fit(x, y, epochs=5, initial_epoch=3, callbacks=[counter], verbose=0)
    assert counter.epochs == [3, 4]
    assert history.epoch == [3, 4]
    assert len(history.history["loss"]) == 2


def test_steps_per_epoch_with_a_generator():
    x = np.ones((4, 2), "float32")
    calls = []

    def batches():
        while True:
            calls.append(1)
            yield x, np.zeros((4, 1), "float32")

    model = _linear()
    model.compile(_frozen_sgd(), "mse")
    counter = BatchCounter()
    history = model.fit(batches(), steps_per_epoch=3, epochs=2, callbacks=[counter], verbose=0)
    assert counter.train_batches == [3, 3]
    assert len(calls) == 6
    np.testing.assert_allclose(history.history["loss"], [4.0, 4.0])


def test_finite_generator_with_sample_weights():
    x = np.ones((2, 2), "float32")
    data = [(x, np.zeros((2, 1), "float32"), np.array([1.0, 0.0], "float32"))] * 3
    model = _linear()
    model.compile(_frozen_sgd(), "mse")
    counter = BatchCounter()
    history = model.fit(iter(data), epochs=1, callbacks=[counter], verbose=0)
    assert counter.train_batches == [3]
    np.testing.assert_allclose(history.history["loss"], [2.0])


def test_y_with_a_generator_raises():
    model = _linear()
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="y"):
        model.fit(iter([(np.ones((1, 2)), np.ones((1, 1)))]), np.ones((1, 1)), verbose=0)


# ---- input kinds ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["numpy", "tensor", "float64", "y_list", "list_of_lists"])
def test_x_and_y_kinds(kind):
    x = np.ones((4, 2), "float32")
    y = np.full((4, 1), 3.0, "float32")
    if kind == "tensor":
        x, y = tf.constant(x), tf.constant(y)
    elif kind == "float64":
        x, y = x.astype("float64"), y.astype("float64")
    elif kind == "y_list":
        y = y.ravel().tolist()
    elif kind == "list_of_lists":
        x, y = x.tolist(), y.tolist()
    model = _linear()
    model.compile(_frozen_sgd(), "mse")
    history = model.fit(x, y, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [1.0])


def test_multi_input_as_list_and_dict():
    a, b = keras.Input(shape=(2,), name="left"), keras.Input(shape=(3,), name="right")
    model = keras.Model({"left": a, "right": b}, layers.Dense(1)(layers.Concatenate()([a, b])))
    model.compile("sgd", "mse")
    x = {"left": np.ones((8, 2), "float32"), "right": np.ones((8, 3), "float32")}
    y = np.zeros((8, 1), "float32")
    assert len(model.fit(x, y, batch_size=4, verbose=0).history["loss"]) == 1
    listed = keras.Model([a, b], model.outputs[0])
    listed.compile("sgd", "mse")
    assert len(listed.fit([x["left"], x["right"]], y, verbose=0).history["loss"]) == 1


# ---- sample and class weights ---------------------------------------------------------------

def test_sample_weight_scales_the_loss_like_keras():
    x = np.arange(8, dtype="float32").reshape(4, 2)
    y = np.array([[0], [1], [1], [0]], "float32")
    sw = np.array([1.0, 2.0, 0.0, 3.0], "float32")
    model = _linear()
    model.compile(_frozen_sgd(), "mse")
    history = model.fit(x, y, sample_weight=sw, verbose=0)
    squared = ((x.sum(1, keepdims=True) - y) ** 2).ravel()
    # Keras: sum over the batch of weight * loss, divided by the batch size
    np.testing.assert_allclose(history.history["loss"], [(squared * sw).mean()], rtol=1e-6)
    np.testing.assert_allclose(model.evaluate(x, y, sample_weight=sw, verbose=0), (squared * sw).mean(), rtol=1e-6)


def test_sample_weight_changes_the_gradient():
    x = np.array([[1.0], [1.0]], "float32")
    y = np.array([[0.0], [2.0]], "float32")
    model = _linear(d=1, kernel="zeros")
    model.compile(keras.optimizers.SGD(learning_rate=0.1), "mse")
    model.fit(x, y, sample_weight=np.array([0.0, 1.0], "float32"), verbose=0)
    # loss = (w - 2)^2 / 2 + (b - 2)^2 / 2 at w = b = 0; d/dw = -2 -> w = 0.2
    np.testing.assert_allclose(model.layers[0].kernel.numpy(), [[0.2]], rtol=1e-5)


def test_class_weight_matches_hand_computation():
    x = np.array([[0.5], [0.5], [0.5], [0.5]], "float32")
    y = np.array([[0], [1], [1], [0]], "float32")
    model = _linear(d=1)
    model.compile(_frozen_sgd(), "mse")
    history = model.fit(x, y, class_weight={0: 1.0, 1: 3.0}, verbose=0)
    weights = np.array([1.0, 3.0, 3.0, 1.0])
    np.testing.assert_allclose(history.history["loss"], [(weights * 0.25).mean()], rtol=1e-6)


def test_class_weight_with_one_hot_labels():
    x = np.zeros((2, 2), "float32")
    y = np.array([[1, 0], [0, 1]], "float32")
    model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(2, kernel_initializer="zeros")])
    model.compile(_frozen_sgd(), "mse")
    history = model.fit(x, y, class_weight={0: 0.0, 1: 2.0}, verbose=0)
    # per-sample mse 0.5 each; weights 0 and 2
    np.testing.assert_allclose(history.history["loss"], [(0.0 * 0.5 + 2.0 * 0.5) / 2], rtol=1e-6)


def test_metrics_unweighted_and_weighted_metrics_weighted():
    x = np.arange(8, dtype="float32").reshape(4, 2)
    y = np.array([[0], [1], [1], [0]], "float32")
    sw = np.array([1.0, 2.0, 0.0, 3.0], "float32")
    model = _linear()
    model.compile(_frozen_sgd(), "mse", metrics=["mae"], weighted_metrics=["mse"])
    history = model.fit(x, y, sample_weight=sw, verbose=0)
    error = (x.sum(1, keepdims=True) - y).ravel()
    np.testing.assert_allclose(history.history["mae"], [np.abs(error).mean()], rtol=1e-6)
    np.testing.assert_allclose(history.history["mse"], [(error ** 2 * sw).sum() / sw.sum()], rtol=1e-6)


# ---- losses and metrics of compile ---------------------------------------------------------

@pytest.mark.parametrize("loss", [
    "mse", "mean_squared_error", keras.losses.MeanSquaredError(), keras.losses.mean_squared_error,
    lambda y_true, y_pred: tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)], ids=[
    "short_name", "long_name", "instance", "function", "lambda"])
def test_loss_by_name_instance_function_and_lambda(loss):
    x = np.arange(6, dtype="float32").reshape(3, 2)
    y = np.zeros((3, 1), "float32")
    model = _linear()
    model.compile(_frozen_sgd(), loss)
    history = model.fit(x, y, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [np.mean(x.sum(1) ** 2)], rtol=1e-6)


def test_custom_metric_function_named_after_it():
    def doubled_error(y_true, y_pred):
        return 2.0 * tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

    x = np.ones((4, 2), "float32")
    model = _linear()
    model.compile(_frozen_sgd(), "mse", metrics=[doubled_error])
    history = model.fit(x, np.zeros((4, 1), "float32"), verbose=0)
    np.testing.assert_allclose(history.history["doubled_error"], [4.0], rtol=1e-6)


def _accuracy_case(kind):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(30, 4)).astype("float32")
    if kind == "binary":
        model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(1, activation="sigmoid")])
        y = (rng.uniform(size=(30, 1)) > 0.5).astype("float32")
        loss = "binary_crossentropy"
    elif kind == "categorical":
        model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3, activation="softmax")])
        y = np.eye(3, dtype="float32")[rng.integers(0, 3, size=30)]
        loss = "categorical_crossentropy"
    else:
        model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(3, activation="softmax")])
        y = rng.integers(0, 3, size=(30,)).astype("int32")
        loss = "sparse_categorical_crossentropy"
    return model, x, y, loss


def _expected_accuracy(kind, pred, y):
    if kind == "binary":
        return np.mean((pred > 0.5).astype("float32") == y)
    if kind == "categorical":
        return np.mean(pred.argmax(-1) == y.argmax(-1))
    return np.mean(pred.argmax(-1) == y)


@pytest.mark.parametrize("kind", ["binary", "categorical", "sparse"])
@pytest.mark.parametrize("name", ["accuracy", "acc"])
def test_accuracy_resolves_to_the_right_variant(kind, name):
    model, x, y, loss = _accuracy_case(kind)
    model.compile(_frozen_sgd(), loss, metrics=[name])
    history = model.fit(x, y, batch_size=30, verbose=0)
    assert set(history.history) == {"loss", name}
    expected = _expected_accuracy(kind, model.predict(x, verbose=0), y)
    np.testing.assert_allclose(history.history[name], [expected], rtol=1e-6)
    assert model.evaluate(x, y, verbose=0, return_dict=True)[name] == pytest.approx(expected)


def test_sparse_accuracy_with_column_labels():
    model, x, y, loss = _accuracy_case("sparse")
    model.compile(_frozen_sgd(), loss, metrics=["accuracy"])
    y_col = y.reshape(-1, 1)
    history = model.fit(x, y_col, batch_size=30, verbose=0)
    expected = _expected_accuracy("sparse", model.predict(x, verbose=0), y)
    np.testing.assert_allclose(history.history["accuracy"], [expected], rtol=1e-6)


def test_metric_objects_keep_their_names():
    model, x, y, loss = _accuracy_case("categorical")
    model.compile("sgd", loss, metrics=[keras.metrics.CategoricalAccuracy(name="cat_acc"), "mae"])
    history = model.fit(x, y, verbose=0)
    assert set(history.history) == {"loss", "cat_acc", "mae"}


# ---- several outputs -----------------------------------------------------------------------

def _two_outputs():
    inputs = keras.Input(shape=(2,))
    out_a = layers.Dense(1, kernel_initializer="ones", name="head_a")(inputs)
    out_b = layers.Dense(1, kernel_initializer="zeros", name="head_b")(inputs)
    return keras.Model(inputs, [out_a, out_b])


def test_loss_weights_for_two_outputs():
    x = np.arange(6, dtype="float32").reshape(3, 2)
    y_a, y_b = np.zeros((3, 1), "float32"), np.ones((3, 1), "float32")
    mse_a, mse_b = np.mean(x.sum(1) ** 2), 1.0
    model = _two_outputs()
    model.compile(_frozen_sgd(), loss=["mse", "mse"], loss_weights=[0.5, 2.0])
    history = model.fit(x, [y_a, y_b], verbose=0)
    np.testing.assert_allclose(history.history["loss"][0], 0.5 * mse_a + 2.0 * mse_b, rtol=1e-6)
    model.compile(_frozen_sgd(), loss="mse")
    # with several outputs evaluate also lists each output's loss, as Keras does
    np.testing.assert_allclose(model.evaluate(x, [y_a, y_b], verbose=0), [mse_a + mse_b, mse_a, mse_b], rtol=1e-6)


def test_loss_and_loss_weights_as_dicts_keyed_by_output_layer_names():
    x = np.arange(6, dtype="float32").reshape(3, 2)
    y_a, y_b = np.zeros((3, 1), "float32"), np.ones((3, 1), "float32")
    model = _two_outputs()
    model.compile(_frozen_sgd(), loss={"head_a": "mse", "head_b": "mae"}, loss_weights={"head_a": 0.0, "head_b": 3.0})
    history = model.fit(x, [y_a, y_b], verbose=0)
    np.testing.assert_allclose(history.history["loss"], [3.0], rtol=1e-6)


def test_loss_dict_keyed_by_output_dict_keys():
    inputs = keras.Input(shape=(2,))
    model = keras.Model(inputs, {"first": layers.Dense(1, kernel_initializer="ones")(inputs),
                                 "second": layers.Dense(1, kernel_initializer="zeros")(inputs)})
    model.compile(_frozen_sgd(), loss={"first": "mse", "second": "mae"}, loss_weights={"first": 0.0, "second": 2.0})
    x = np.ones((4, 2), "float32")
    history = model.fit(x, {"first": np.zeros((4, 1), "float32"), "second": np.ones((4, 1), "float32")}, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [2.0], rtol=1e-6)


def test_per_output_losses_in_history():
    x = np.arange(6, dtype="float32").reshape(3, 2)
    model = _two_outputs()
    model.compile(_frozen_sgd(), loss=["mse", "mse"], loss_weights=[0.5, 2.0])
    history = model.fit(x, [np.zeros((3, 1), "float32"), np.ones((3, 1), "float32")], verbose=0)
    assert set(history.history) == {"loss", "head_a_loss", "head_b_loss"}
    np.testing.assert_allclose(history.history["head_a_loss"], [np.mean(x.sum(1) ** 2)], rtol=1e-6)
    np.testing.assert_allclose(history.history["head_b_loss"], [1.0], rtol=1e-6)


def test_validation_split_also_splits_sample_weight():
    model = _linear(d=1, kernel="zeros")
    model.compile(_frozen_sgd(), "mse")
    sw = np.ones(10, "float32")
    sw[-2:] = 0.0
    history = model.fit(np.zeros((10, 1), "float32"), np.ones((10, 1), "float32"), sample_weight=sw,
                        validation_split=0.2, verbose=0)
    np.testing.assert_allclose(history.history["loss"], [1.0])
    np.testing.assert_allclose(history.history["val_loss"], [0.0])


def test_targets_as_dict_keyed_by_output_names_in_any_order():
    x = np.ones((4, 2), "float32")
    model = _two_outputs()  # head_a predicts 2, head_b predicts 0
    model.compile(_frozen_sgd(), loss={"head_a": "mse", "head_b": "mae"})
    ordered = model.evaluate(x, {"head_a": np.zeros((4, 1), "float32"), "head_b": np.full((4, 1), 3.0, "float32")},
                             verbose=0)
    assert ordered == pytest.approx([4.0 + 3.0, 4.0, 3.0])  # loss, head_a_loss, head_b_loss
    reordered = model.evaluate(x, {"head_b": np.full((4, 1), 3.0, "float32"), "head_a": np.zeros((4, 1), "float32")},
                               verbose=0)
    assert reordered == pytest.approx([4.0 + 3.0, 4.0, 3.0])


def test_metrics_dict_keyed_by_output_names():
    x = np.ones((4, 2), "float32")
    model = _two_outputs()
    model.compile(_frozen_sgd(), loss="mse", metrics={"head_a": "mae", "head_b": "mse"})
    history = model.fit(x, [np.zeros((4, 1), "float32"), np.ones((4, 1), "float32")], verbose=0)
    assert {"loss", "head_a_mae", "head_b_mse"} <= set(history.history)
    np.testing.assert_allclose(history.history["head_a_mae"], [2.0], rtol=1e-6)
    np.testing.assert_allclose(history.history["head_b_mse"], [1.0], rtol=1e-6)


def test_per_output_metrics_are_prefixed():
    model = _two_outputs()
    model.compile("sgd", loss="mse", metrics=[["mae"], ["mse"]])
    x = np.ones((4, 2), "float32")
    history = model.fit(x, [np.zeros((4, 1), "float32")] * 2, verbose=0)
    assert "loss" in history.history
    assert "head_a_mae" in history.history and "head_b_mse" in history.history


# ---- verbosity -----------------------------------------------------------------------------

def test_verbose_0_prints_nothing(capsys):
    x, y = _regression(n=8)
    model = _linear(d=3)
    model.compile("sgd", "mse")
    model.fit(x, y, epochs=2, verbose=0, validation_split=0.25)
    model.evaluate(x, y, verbose=0)
    model.predict(x, verbose=0)
    assert capsys.readouterr().out == ""


def test_verbose_1_prints_epochs_and_a_progress_line(capsys):
    x, y = _regression(n=8)
    model = _linear(d=3)
    model.compile("sgd", "mse", metrics=["mae"])
    model.fit(x, y, epochs=2, verbose=1)
    out = capsys.readouterr().out
    assert "Epoch 1/2" in out and "Epoch 2/2" in out
    assert "loss:" in out and "mae:" in out
    assert "1/1" in out


def test_verbose_auto_is_1(capsys):
    x, y = _regression(n=8)
    model = _linear(d=3)
    model.compile("sgd", "mse")
    model.fit(x, y, epochs=1)
    assert "Epoch 1/1" in capsys.readouterr().out


def test_verbose_2_prints_one_line_per_epoch(capsys):
    x, y = _regression(n=64)
    model = _linear(d=3)
    model.compile("sgd", "mse")
    model.fit(x, y, epochs=3, batch_size=8, verbose=2, validation_split=0.25)
    lines = [l for l in capsys.readouterr().out.splitlines() if l.strip()]
    assert [l for l in lines if l.startswith("Epoch")] == ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]
    progress = [l for l in lines if not l.startswith("Epoch")]
    assert len(progress) == 3
    assert all("loss:" in l and "val_loss:" in l and "━" not in l for l in progress)


# ---- on batch ------------------------------------------------------------------------------

def test_train_on_batch_returns_the_loss_and_trains():
    x = np.ones((4, 1), "float32")
    y = np.full((4, 1), 2.0, "float32")
    model = _linear(d=1, kernel="zeros")
    model.compile(keras.optimizers.SGD(learning_rate=0.1), "mse", metrics=["mae"])
    loss, mae = model.train_on_batch(x, y)
    assert loss == pytest.approx(4.0) and mae == pytest.approx(2.0)
    # d/dw = d/db = -4 -> both 0.4
    np.testing.assert_allclose(model.get_weights()[0], [[0.4]], rtol=1e-5)
    logs = model.train_on_batch(x, y, return_dict=True)
    assert set(logs) == {"loss", "mae"} and logs["loss"] == pytest.approx((2.0 - 0.8) ** 2)


def test_train_on_batch_scalar_without_metrics():
    model = _linear(d=1, kernel="zeros")
    model.compile("sgd", "mse")
    value = model.train_on_batch(np.ones((2, 1), "float32"), np.ones((2, 1), "float32"))
    assert isinstance(value, float) and value == pytest.approx(1.0)


def test_test_on_batch_does_not_train():
    model = _linear(d=1, kernel="zeros")
    model.compile(keras.optimizers.SGD(learning_rate=0.1), "mse", metrics=["mae"])
    before = model.get_weights()
    loss, mae = model.test_on_batch(np.ones((2, 1), "float32"), np.full((2, 1), 3.0, "float32"))
    assert loss == pytest.approx(9.0) and mae == pytest.approx(3.0)
    for a, b in zip(before, model.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert model.test_on_batch(np.ones((2, 1), "float32"), np.zeros((2, 1), "float32"),
                               return_dict=True) == {"loss": 0.0, "mae": 0.0}


def test_predict_on_batch_returns_numpy():
    model = _linear()
    out = model.predict_on_batch(np.ones((3, 2), "float32"))
    assert isinstance(out, np.ndarray) and out.shape == (3, 1)
    np.testing.assert_allclose(out, np.full((3, 1), 2.0))


# ---- callbacks and stop_training -----------------------------------------------------------

def test_callbacks_see_the_model_and_params():
    seen = {}

    class Inspect(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            seen["model"] = self.model
            seen["params"] = dict(self.params)

    x, y = _regression(n=10)
    model = _linear(d=3)
    model.compile("sgd", "mse")
    model.fit(x, y, epochs=3, batch_size=4, callbacks=[Inspect()], verbose=0)
    assert seen["model"] is model
    assert seen["params"]["epochs"] == 3 and seen["params"]["steps"] == 3


def test_stop_training_from_a_callback():
    class StopAfterOne(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.model.stop_training = True

    x, y = _regression(n=10)
    model = _linear(d=3)
    model.compile("sgd", "mse")
    history = model.fit(x, y, epochs=5, callbacks=[StopAfterOne()], verbose=0)
    assert len(history.history["loss"]) == 1


def test_epoch_end_logs_contain_validation_values():
    logs_seen = []

    class Logs(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs_seen.append(dict(logs))

    x, y = _regression(n=10)
    model = _linear(d=3)
    model.compile("sgd", "mse", metrics=["mae"])
    model.fit(x, y, epochs=2, validation_data=(x, y), callbacks=[Logs()], verbose=0)
    assert all(set(l) == {"loss", "mae", "val_loss", "val_mae"} for l in logs_seen)


# ---- data of unknown length ----------------------------------------------------------------

def test_exhausted_iterator_stops_training_with_a_warning():
    x = np.ones((2, 2), "float32")
    model = _linear()
    model.compile(_frozen_sgd(), "mse")
    with pytest.warns(UserWarning, match="ran out of data"):
        history = model.fit(iter([(x, np.zeros((2, 1), "float32"))] * 2), epochs=3, verbose=0)
    assert history.history["loss"] == [4.0]


def test_a_list_of_batches_is_read_again_each_epoch():
    x = np.ones((2, 2), "float32")
    model = _linear()
    model.compile(_frozen_sgd(), "mse")
    counter = BatchCounter()
    model.fit([(x, np.zeros((2, 1), "float32"))] * 3, epochs=2, callbacks=[counter], verbose=0)
    assert counter.train_batches == [3, 3]


def test_unknown_length_with_a_progress_bar(capsys):
    x = np.ones((2, 2), "float32")
    model = _linear()
    model.compile(_frozen_sgd(), "mse")
    model.fit((b for b in [(x, np.zeros((2, 1), "float32"))] * 3), epochs=1, verbose=1)
    assert "Epoch 1/1" in capsys.readouterr().out
    assert model.evaluate((b for b in [(x, np.zeros((2, 1), "float32"))] * 3), verbose=1) == pytest.approx(4.0)
    assert model.predict((b for b in [x] * 3), verbose=1).shape == (6, 1)


def test_weighted_metric_with_the_name_of_a_plain_metric():
    x = np.arange(8, dtype="float32").reshape(4, 2)
    y = np.array([[0], [1], [1], [0]], "float32")
    sw = np.array([1.0, 2.0, 0.0, 3.0], "float32")
    model = _linear()
    model.compile(_frozen_sgd(), "mse", metrics=["mae"], weighted_metrics=["mae"])
    history = model.fit(x, y, sample_weight=sw, verbose=0)
    error = np.abs(x.sum(1, keepdims=True) - y).ravel()
    np.testing.assert_allclose(history.history["mae"], [error.mean()], rtol=1e-6)
    np.testing.assert_allclose(history.history["weighted_mae"], [(error * sw).sum() / sw.sum()], rtol=1e-6)


def test_train_on_batch_takes_every_sample_of_a_dict():
    a = keras.Input(shape=(1,), name="tob_x")
    model = keras.Model({"tob_x": a}, layers.Dense(1, kernel_initializer="zeros", name="tob_out")(a))
    model.compile(_frozen_sgd(), "mse")
    y = np.zeros((40, 1), "float32")
    y[-1] = 40.0
    # a batch of 32 would leave the last sample out
    assert model.train_on_batch({"tob_x": np.ones((40, 1), "float32")}, y) == pytest.approx(40.0)


# ---- Ctrl-C ---------------------------------------------------------------------------------

def test_ctrl_c_stops_fit_after_the_batch_and_restores_the_handler(capsys):
    import os
    import signal

    class CtrlCAtBatch(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.batches = 0

        def on_train_batch_end(self, batch, logs=None):
            self.batches += 1
            if self.batches == 3:
                os.kill(os.getpid(), signal.SIGINT)

    before = signal.getsignal(signal.SIGINT)
    x, y = _regression(n=40)
    model = _linear(d=3)
    model.compile(optimizer=_frozen_sgd(), loss="mse")
    ctrl_c = CtrlCAtBatch()
    history = model.fit(x, y, batch_size=4, epochs=3, verbose=0, callbacks=[ctrl_c])
    assert ctrl_c.batches == 3 and model.stop_training
    assert len(history.history["loss"]) == 1
    assert "Interrupted: training stops after this batch" in capsys.readouterr().out
    assert signal.getsignal(signal.SIGINT) is before


def test_fit_runs_in_a_thread_other_than_the_main_one():
    import signal
    import threading

    before = signal.getsignal(signal.SIGINT)
    x, y = _regression(n=16)
    model = _linear(d=3)
    model.compile(optimizer=_frozen_sgd(), loss="mse")
    result = {}
    worker = threading.Thread(target=lambda: result.update(model.fit(x, y, batch_size=4, verbose=0).history))
    worker.start()
    worker.join()
    assert len(result["loss"]) == 1
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize("targets", ["contiguous", "strided", "int64 column"])
def test_shuffled_batches_keep_each_target_with_its_input(targets):
    from eigenflow.keras.models import data_adapter
    x = np.arange(100, dtype="float32").reshape(50, 2)
    y = {"contiguous": x[:, :1] * 3, "strided": (x * 3)[:, ::2],
         "int64 column": (x[:, :1] * 3).astype("int64")}[targets]
    batches = list(data_adapter.make_batches(x, y, None, 8, True, None))
    assert [len(bx) for bx, _ in batches] == [8] * 6 + [2]
    seen_x = np.concatenate([bx.numpy() for bx, _ in batches])
    seen_y = np.concatenate([by.numpy() for _, by in batches])
    np.testing.assert_array_equal(seen_y[:, 0], seen_x[:, 0] * 3)
    np.testing.assert_array_equal(np.sort(seen_x[:, 0]), x[:, 0])
