"""Functional models: several inputs/outputs, shared layers, tf ops on symbolic tensors,
captured Variables, nesting, and graph errors."""
import numpy as np
import pytest

import eigenflow as tf

keras = tf.keras
layers = tf.keras.layers


def _rng(seed=0):
    return np.random.default_rng(seed)


# ---- inputs and outputs --------------------------------------------------------------------

def test_single_input_output_matches_numpy():
    inputs = keras.Input(shape=(3,))
    outputs = layers.Dense(2)(layers.Dense(4, activation="relu")(inputs))
    model = keras.Model(inputs, outputs)
    x = _rng().normal(size=(5, 3)).astype("float32")
    k1, b1, k2, b2 = model.get_weights()
    np.testing.assert_allclose(model(x).numpy(), np.maximum(x @ k1 + b1, 0) @ k2 + b2, rtol=1e-5, atol=1e-6)
    assert model.built and model.count_params() == 3 * 4 + 4 + 4 * 2 + 2


def test_keyword_inputs_outputs():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs=inputs, outputs=layers.Dense(2)(inputs))
    assert tuple(model(np.ones((4, 3), "float32")).shape) == (4, 2)


def test_two_inputs_two_outputs_as_lists():
    a, b = keras.Input(shape=(3,), name="in_a"), keras.Input(shape=(2,), name="in_b")
    merged = layers.Concatenate()([a, b])
    out1 = layers.Dense(1, name="out_one")(merged)
    out2 = layers.Dense(4, name="out_two")(merged)
    model = keras.Model([a, b], [out1, out2])
    xa, xb = np.ones((6, 3), "float32"), np.ones((6, 2), "float32")
    y1, y2 = model([xa, xb])
    assert tuple(y1.shape) == (6, 1) and tuple(y2.shape) == (6, 4)
    p1, p2 = model.predict([xa, xb], verbose=0)
    np.testing.assert_allclose(p1, y1.numpy(), rtol=1e-6)
    np.testing.assert_allclose(p2, y2.numpy(), rtol=1e-6)


def test_inputs_and_outputs_as_dicts():
    a, b = keras.Input(shape=(3,), name="feat_a"), keras.Input(shape=(2,), name="feat_b")
    h = layers.Concatenate()([a, b])
    model = keras.Model({"feat_a": a, "feat_b": b}, {"score": layers.Dense(1)(h), "code": layers.Dense(2)(h)})
    xa, xb = np.ones((4, 3), "float32"), 2 * np.ones((4, 2), "float32")
    out = model({"feat_a": xa, "feat_b": xb})
    assert isinstance(out, dict) and set(out) == {"score", "code"}
    assert tuple(out["score"].shape) == (4, 1) and tuple(out["code"].shape) == (4, 2)
    # dict order of the call does not matter: inputs are matched by key
    swapped = model({"feat_b": xb, "feat_a": xa})
    np.testing.assert_allclose(swapped["score"].numpy(), out["score"].numpy(), rtol=1e-6)


def test_fit_two_inputs_two_outputs_dict_data():
    a, b = keras.Input(shape=(3,), name="fa"), keras.Input(shape=(2,), name="fb")
    h = layers.Concatenate()([a, b])
    o1 = layers.Dense(1, name="reg_out")(h)
    o2 = layers.Dense(1, activation="sigmoid", name="cls_out")(h)
    model = keras.Model({"fa": a, "fb": b}, [o1, o2])
    model.compile("adam", loss=["mse", "binary_crossentropy"])
    rng = _rng()
    x = {"fa": rng.normal(size=(20, 3)).astype("float32"), "fb": rng.normal(size=(20, 2)).astype("float32")}
    y = [rng.normal(size=(20, 1)).astype("float32"), (rng.uniform(size=(20, 1)) > 0.5).astype("float32")]
    history = model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    assert len(history.history["loss"]) == 2
    assert np.isfinite(history.history["loss"]).all()


_DICT_BY_NAME = ("FunctionalGraph.run flattens a dict of inputs in the dict's own order when the model's inputs "
                 "are a list, so the values are silently swapped if the keys come in another order; Keras matches "
                 "dict keys to the Input names")


def test_dict_data_for_list_inputs_is_matched_by_input_names():
    a, b = keras.Input(shape=(1,), name="minuend"), keras.Input(shape=(1,), name="subtrahend")
    model = keras.Model([a, b], layers.Subtract()([a, b]))
    out = model({"subtrahend": np.zeros((1, 1), "float32"), "minuend": np.ones((1, 1), "float32")})
    np.testing.assert_allclose(out.numpy(), [[1.0]])


def test_fit_dict_data_for_list_inputs_is_matched_by_input_names():
    a, b = keras.Input(shape=(1,), name="fit_minuend"), keras.Input(shape=(1,), name="fit_subtrahend")
    model = keras.Model([a, b], layers.Subtract()([a, b]))
    model.compile(keras.optimizers.SGD(learning_rate=0.0), "mse")
    x = {"fit_subtrahend": np.zeros((4, 1), "float32"), "fit_minuend": np.full((4, 1), 3.0, "float32")}
    assert model.evaluate(x, np.full((4, 1), 3.0, "float32"), verbose=0) == pytest.approx(0.0)


def test_model_inputs_outputs_and_shapes():
    a, b = keras.Input(shape=(3,)), keras.Input(shape=(2,))
    out = layers.Dense(1)(layers.Concatenate()([a, b]))
    model = keras.Model([a, b], out)
    assert len(model.inputs) == 2 and model.inputs[0] is a and model.inputs[1] is b
    assert len(model.outputs) == 1 and model.outputs[0] is out
    assert [tuple(s) for s in model.input_shape] == [(None, 3), (None, 2)]
    assert tuple(model.output_shape) == (None, 1)


# ---- shared layers and order ---------------------------------------------------------------

def test_shared_layer_has_one_set_of_weights():
    shared = layers.Dense(3)
    a, b = keras.Input(shape=(4,)), keras.Input(shape=(4,))
    model = keras.Model([a, b], layers.Add()([shared(a), shared(b)]))
    assert len(model.weights) == 2
    assert model.count_params() == 4 * 3 + 3
    assert sum(l is shared for l in model.layers) == 1
    xa, xb = np.ones((2, 4), "float32"), np.full((2, 4), 2.0, "float32")
    k, bias = shared.get_weights()
    np.testing.assert_allclose(model([xa, xb]).numpy(), xa @ k + bias + xb @ k + bias, rtol=1e-5)


def test_shared_layer_trains_once_per_step():
    shared = layers.Dense(1, use_bias=False, kernel_initializer="ones")
    a, b = keras.Input(shape=(1,)), keras.Input(shape=(1,))
    model = keras.Model([a, b], layers.Add()([shared(a), shared(b)]))
    model.compile(keras.optimizers.SGD(learning_rate=0.1), "mse")
    xa, xb, y = np.ones((1, 1), "float32"), np.ones((1, 1), "float32"), np.zeros((1, 1), "float32")
    model.train_on_batch([xa, xb], y)
    # out = 2w; loss = (2w)^2; dloss/dw = 8w = 8 -> w = 1 - 0.8
    np.testing.assert_allclose(shared.kernel.numpy(), [[0.2]], rtol=1e-5)


def test_layers_in_graph_order():
    inputs = keras.Input(shape=(3,))
    d1, d2, d3 = layers.Dense(4, name="g_first"), layers.Dense(4, name="g_second"), layers.Dense(1, name="g_third")
    # created out of order on purpose: graph order is d1, d2, d3
    h = d1(inputs)
    out = d3(d2(h))
    model = keras.Model(inputs, out)
    names = [l.name for l in model.layers]
    assert isinstance(model.layers[0], layers.InputLayer)
    assert names[1:] == ["g_first", "g_second", "g_third"]
    assert model.get_layer("g_second") is d2
    assert model.get_layer(index=1) is d1


def test_get_layer_unknown_name_lists_layers():
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, layers.Dense(1, name="only_dense")(inputs))
    with pytest.raises(ValueError, match="only_dense"):
        model.get_layer("missing")


# ---- tf ops on symbolic tensors ------------------------------------------------------------

def test_captured_variable_in_tf_op_is_a_weight_trained_by_a_tape():
    exponent = tf.Variable(1.0)
    inputs = keras.Input(shape=(1,))
    model = keras.Model(inputs, tf.math.pow(inputs, exponent))
    assert any(w is exponent for w in model.trainable_weights)
    x = np.linspace(1.5, 3.0, 16, dtype="float32").reshape(-1, 1)
    optimizer = keras.optimizers.SGD(learning_rate=0.01)
    for _ in range(100):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x) - x ** 2) ** 2)
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply_gradients(zip(grads, model.trainable_weights))
    assert abs(float(exponent.numpy()) - 2.0) < 0.05


def test_captured_variable_trained_by_fit_behind_a_layer():
    exponent = tf.Variable(1.0)
    inputs = keras.Input(shape=(1,))
    model = keras.Model(inputs, layers.Activation("linear")(tf.math.pow(inputs, exponent)))
    x = np.linspace(1.5, 3.0, 16, dtype="float32").reshape(-1, 1)
    model.compile(keras.optimizers.Adam(learning_rate=0.1), "mse")
    model.fit(x, x ** 2, epochs=40, batch_size=16, verbose=0)
    assert abs(float(exponent.numpy()) - 2.0) < 0.1


def test_captured_variable_trained_by_fit_when_output_is_a_tf_op():
    exponent = tf.Variable(1.0)
    inputs = keras.Input(shape=(1,))
    model = keras.Model(inputs, tf.math.pow(inputs, exponent))
    x = np.linspace(1.5, 3.0, 16, dtype="float32").reshape(-1, 1)
    model.compile(keras.optimizers.Adam(learning_rate=0.1), "mse")
    model.fit(x, x ** 2, epochs=40, batch_size=16, verbose=0)
    assert abs(float(exponent.numpy()) - 2.0) < 0.1


def test_slicing_and_tf_ops_on_symbolic_tensors():
    inputs = keras.Input(shape=(4,))
    tail = inputs[:, 1:]
    head = inputs[:, :1]
    joined = tf.concat([tail * 2.0, head + 1.0], axis=-1)
    out = tf.reduce_sum(joined - 0.5, axis=-1, keepdims=True) / 2.0
    model = keras.Model(inputs, [joined, out])
    assert tuple(joined.shape) == (None, 4) and tuple(out.shape) == (None, 1)
    x = _rng().normal(size=(3, 4)).astype("float32")
    want_joined = np.concatenate([x[:, 1:] * 2.0, x[:, :1] + 1.0], axis=-1)
    got_joined, got_out = model(x)
    np.testing.assert_allclose(got_joined.numpy(), want_joined, rtol=1e-6)
    np.testing.assert_allclose(got_out.numpy(), (want_joined - 0.5).sum(-1, keepdims=True) / 2.0, rtol=1e-5)


def test_operators_between_layer_outputs():
    inputs = keras.Input(shape=(2,))
    d = layers.Dense(2)
    h = d(inputs)
    out = -(h * inputs) + h ** 2 - inputs / 2.0
    model = keras.Model(inputs, out)
    x = _rng().normal(size=(3, 2)).astype("float32")
    hv = x @ d.kernel.numpy() + d.bias.numpy()
    np.testing.assert_allclose(model(x).numpy(), -(hv * x) + hv ** 2 - x / 2.0, rtol=1e-5, atol=1e-6)


def test_tf_ops_between_layers_are_trained_through():
    inputs = keras.Input(shape=(3,))
    h = layers.Dense(4)(inputs)
    h = tf.nn.relu(h) + tf.math.sin(h)
    model = keras.Model(inputs, layers.Dense(1)(h))
    model.compile("sgd", "mse")
    before = [w.numpy().copy() for w in model.weights]
    x = _rng().normal(size=(8, 3)).astype("float32")
    model.fit(x, np.ones((8, 1), "float32"), epochs=1, verbose=0)
    assert all(not np.allclose(a, w.numpy()) for a, w in zip(before, model.weights))


# ---- nesting -------------------------------------------------------------------------------

def test_functional_model_nested_as_layer():
    inner_in = keras.Input(shape=(3,))
    inner = keras.Model(inner_in, layers.Dense(2, name="inner_dense")(inner_in), name="inner_model")
    inputs = keras.Input(shape=(3,))
    outer = keras.Model(inputs, layers.Dense(1)(inner(inputs)))
    assert inner in outer.layers
    assert outer.count_params() == (3 * 2 + 2) + (2 + 1)
    x = _rng().normal(size=(4, 3)).astype("float32")
    np.testing.assert_allclose(outer(x).numpy(), outer.layers[-1](inner(x)).numpy(), rtol=1e-6)
    outer.compile("sgd", "mse")
    before = inner.get_weights()
    outer.fit(x, np.ones((4, 1), "float32"), epochs=1, verbose=0)
    assert not np.allclose(before[0], inner.get_weights()[0])


def test_nested_model_called_twice_shares_weights():
    inner_in = keras.Input(shape=(2,))
    inner = keras.Model(inner_in, layers.Dense(2)(inner_in))
    a, b = keras.Input(shape=(2,)), keras.Input(shape=(2,))
    outer = keras.Model([a, b], layers.Add()([inner(a), inner(b)]))
    assert outer.count_params() == 6


# ---- training flag -------------------------------------------------------------------------

def test_training_flag_reaches_dropout():
    inputs = keras.Input(shape=(100,))
    model = keras.Model(inputs, layers.Dropout(0.5)(inputs))
    x = np.ones((4, 100), "float32")
    np.testing.assert_array_equal(model(x).numpy(), x)
    np.testing.assert_array_equal(model(x, training=False).numpy(), x)
    dropped = model(x, training=True).numpy()
    assert (dropped == 0).any() and np.allclose(dropped[dropped != 0], 2.0)


# ---- errors --------------------------------------------------------------------------------

def test_disconnected_graph_raises():
    a, b = keras.Input(shape=(3,)), keras.Input(shape=(3,), name="lost_input")
    out = layers.Add()([a, b])
    with pytest.raises(ValueError, match="(?i)disconnected"):
        keras.Model(a, out)


def test_non_symbolic_inputs_raise():
    with pytest.raises((ValueError, TypeError)):
        keras.Model(np.ones((2, 3), "float32"), layers.Dense(1)(keras.Input(shape=(3,))))


def test_only_inputs_or_only_outputs_raises():
    inputs = keras.Input(shape=(3,))
    with pytest.raises((ValueError, TypeError)):
        keras.Model(inputs=inputs)


def test_wrong_number_of_inputs_at_call():
    a, b = keras.Input(shape=(3,)), keras.Input(shape=(3,))
    model = keras.Model([a, b], layers.Add()([a, b]))
    with pytest.raises(ValueError, match="2"):
        model([np.ones((2, 3), "float32")])
