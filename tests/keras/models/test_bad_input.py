"""Bad input to compile/fit/evaluate/predict: a clear Python error, never a crash."""
import warnings

import numpy as np
import pytest

import eigenflow as tf

keras = tf.keras
layers = tf.keras.layers


def _model(name="bad_dense"):
    return keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2, name=name)])


def _compiled(**kwargs):
    model = _model(**kwargs)
    model.compile("sgd", "mse")
    return model


X = np.ones((10, 3), "float32")
Y = np.ones((10, 2), "float32")


# ---- data ----------------------------------------------------------------------------------

def test_x_and_y_of_different_lengths():
    with pytest.raises(ValueError, match="7.*10|10.*7"):
        _compiled().fit(X, Y[:7], verbose=0)


def test_sample_weight_of_another_length():
    with pytest.raises(ValueError, match="4.*10|10.*4"):
        _compiled().fit(X, Y, sample_weight=np.ones(4, "float32"), verbose=0)


def test_validation_data_of_different_lengths():
    with pytest.raises(ValueError, match="5.*10|10.*5"):
        _compiled().fit(X, Y, validation_data=(X, Y[:5]), verbose=0)


@pytest.mark.parametrize("call", ["fit", "evaluate", "predict", "call"])
def test_feature_dimension_mismatch_names_layer_and_shapes(call):
    model = _compiled(name=f"feat_{call}")
    x = np.ones((10, 5), "float32")
    with pytest.raises(ValueError) as info:
        if call == "fit":
            model.fit(x, Y, verbose=0)
        elif call == "evaluate":
            model.evaluate(x, Y, verbose=0)
        elif call == "predict":
            model.predict(x, verbose=0)
        else:
            model(x)
    message = str(info.value)
    assert f"feat_{call}" in message
    assert "5" in message and "3" in message


def test_feature_mismatch_after_deferred_build():
    model = keras.Sequential([layers.Dense(4, name="deferred_first"), layers.Dense(2)])
    model.compile("sgd", "mse")
    model.fit(X, Y, verbose=0)
    with pytest.raises(ValueError, match="deferred_first"):
        model.fit(np.ones((10, 5), "float32"), Y, verbose=0)


def test_functional_input_mismatch_names_layer():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, layers.Dense(2, name="func_dense")(inputs))
    with pytest.raises(ValueError, match="func_dense"):
        model.predict(np.ones((4, 6), "float32"), verbose=0)


def test_target_shape_mismatch():
    with pytest.raises(ValueError, match=r"\(10, 2\).*\(10, 4\)|\(10, 4\).*\(10, 2\)"):
        _compiled().fit(X, np.ones((10, 4), "float32"), verbose=0)


def test_wrong_number_of_targets():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, [layers.Dense(1)(inputs), layers.Dense(1)(inputs)])
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="2 output"):
        model.fit(X, np.ones((10, 1), "float32"), verbose=0)


def test_loss_list_longer_than_outputs():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, [layers.Dense(1)(inputs), layers.Dense(1)(inputs)])
    model.compile("sgd", ["mse", "mse", "mse"])
    with pytest.raises(ValueError, match="3"):
        model.fit(X, [np.ones((10, 1), "float32")] * 2, verbose=0)


@pytest.mark.parametrize("labels", [np.arange(10), -np.ones(10, "int64")], ids=["too_large", "negative"])
def test_sparse_labels_out_of_range(labels):
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(3, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match="range") as info:
        model.fit(X, labels, verbose=0)
    assert "3" in str(info.value)


def test_string_features():
    with pytest.raises((ValueError, TypeError)):
        _compiled().fit(np.array([["a", "b", "c"]] * 10), Y, verbose=0)


def test_no_x():
    with pytest.raises(ValueError, match="x"):
        _compiled().fit(None, Y, verbose=0)
    with pytest.raises(ValueError, match="x"):
        _model().predict(None, verbose=0)


def test_missing_targets_say_so():
    with pytest.raises(ValueError, match="(?i)target|\\by\\b"):
        _compiled().fit(X, verbose=0)


def test_validation_split_out_of_range():
    with pytest.raises(ValueError, match="validation_split"):
        _compiled().fit(X, Y, validation_split=1.5, verbose=0)


def test_validation_split_with_a_generator():
    def batches():
        while True:
            yield X, Y

    with pytest.raises(ValueError, match="validation_split"):
        _compiled().fit(batches(), steps_per_epoch=1, validation_split=0.2, verbose=0)


def test_negative_batch_size():
    with pytest.raises(ValueError, match="batch_size"):
        _compiled().fit(X, Y, batch_size=-4, verbose=0)


# ---- compile -------------------------------------------------------------------------------

def test_unknown_loss_name():
    model = _model()
    model.compile("sgd", "msee")  # Keras resolves names lazily too; the first batch must say what is wrong
    with pytest.raises(ValueError, match="msee"):
        model.fit(X, Y, verbose=0)


def test_loss_that_is_not_a_loss():
    model = _model()
    with pytest.raises(ValueError, match="3"):
        model.compile("sgd", loss=3)
        model.fit(X, Y, verbose=0)


def test_unknown_metric_name():
    model = _model()
    model.compile("sgd", "mse", metrics=["acuracy"])
    with pytest.raises(ValueError, match="acuracy"):
        model.fit(X, Y, verbose=0)


def test_unknown_optimizer_name():
    with pytest.raises(ValueError, match="sgdd"):
        _model().compile("sgdd", "mse")


def test_optimizer_that_is_not_an_optimizer():
    with pytest.raises(ValueError, match="3"):
        _model().compile(3, "mse")


@pytest.mark.parametrize("method", ["fit", "evaluate", "train_on_batch", "test_on_batch"])
def test_use_before_compile(method):
    model = _model()
    with pytest.raises((RuntimeError, ValueError), match="compile"):
        getattr(model, method)(X, Y, **({"verbose": 0} if method in ("fit", "evaluate") else {}))


def test_loss_dict_with_unknown_output_name():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, [layers.Dense(1, name="known_a")(inputs), layers.Dense(1, name="known_b")(inputs)])
    model.compile("sgd", loss={"unknown_head": "mse", "known_b": "mse"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="unknown_head"):
            model.fit(X, [np.ones((10, 1), "float32")] * 2, verbose=0)


def test_compiled_without_loss():
    model = _model()
    model.compile("sgd")
    with pytest.raises(ValueError, match="loss"):
        model.fit(X, Y, verbose=0)


# ---- NaN -----------------------------------------------------------------------------------

def _diverging():
    model = _model()
    model.compile(keras.optimizers.SGD(learning_rate=1e30), "mse")
    return model


def test_nan_loss_warns_and_does_not_crash():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = _diverging().fit(X * 1e10, Y, epochs=3, verbose=0)
    assert not np.isfinite(history.history["loss"][-1])
    messages = [str(w.message) for w in caught]
    assert any("nan" in m.lower() or "inf" in m.lower() for m in messages)


def test_terminate_on_nan_stops_training():
    try:
        terminate = tf.keras.callbacks.TerminateOnNaN
    except (AttributeError, ImportError):
        pytest.skip("keras.callbacks.TerminateOnNaN is not written yet")
    counter = []

    class Count(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            counter.append(logs["loss"])

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        history = _diverging().fit(X * 1e10, Y, epochs=10, batch_size=2, callbacks=[terminate(), Count()], verbose=0)
    assert not np.isfinite(counter[-1])
    assert all(np.isfinite(v) for v in counter[:-1])
    assert len(history.history.get("loss", [])) <= 1


@pytest.mark.parametrize("argument", ["batch_size", "validation_batch_size"])
@pytest.mark.parametrize("value", [0, -1, 2.5])
def test_batch_size_must_be_positive(argument, value):
    kwargs = {argument: value}
    if argument == "validation_batch_size":
        kwargs["validation_split"] = 0.5
    with pytest.raises(ValueError, match=argument):
        _compiled().fit(X, Y, verbose=0, **kwargs)
    if argument == "batch_size":
        with pytest.raises(ValueError, match="batch_size"):
            _compiled().predict(X, batch_size=value, verbose=0)


def test_dict_data_missing_an_input_name():
    a, b = keras.Input(shape=(1,), name="bad_in_a"), keras.Input(shape=(1,), name="bad_in_b")
    model = keras.Model([a, b], layers.Add()([a, b]))
    with pytest.raises(ValueError, match="bad_in_b"):
        model({"bad_in_a": np.ones((1, 1), "float32"), "other": np.ones((1, 1), "float32")})


def test_dict_targets_missing_an_output_name():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, [layers.Dense(1, name="tgt_a")(inputs), layers.Dense(1, name="tgt_b")(inputs)])
    model.compile("sgd", "mse")
    with pytest.raises(ValueError, match="tgt_b"):
        model.fit(X, {"tgt_a": np.ones((10, 1), "float32"), "typo": np.ones((10, 1), "float32")}, verbose=0)


def test_metrics_dict_with_unknown_output_name():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, [layers.Dense(1, name="met_a")(inputs), layers.Dense(1, name="met_b")(inputs)])
    model.compile("sgd", "mse", metrics={"met_c": "mae"})
    with pytest.raises(ValueError, match="met_c"):
        model.fit(X, [np.ones((10, 1), "float32")] * 2, verbose=0)


def test_loss_list_with_a_bad_entry():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, [layers.Dense(1)(inputs), layers.Dense(1)(inputs)])
    with pytest.raises(ValueError, match="Could not interpret loss identifier"):
        model.compile("sgd", loss=["mse", 7])


def test_batch_of_more_than_three_elements():
    model = _compiled()
    with pytest.raises(ValueError, match="4"):
        model.fit(iter([(X, Y, np.ones(10), np.ones(10))]), verbose=0)
