"""keras.Sequential: add/pop, when it builds, nesting, weight order and get/set_weights."""
import numpy as np
import pytest

import eigenflow as tf

keras = tf.keras
layers = tf.keras.layers


def _data(n=16, d=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)).astype("float32"), rng.normal(size=(n, 1)).astype("float32")


# ---- add, pop and layers -------------------------------------------------------------------

def test_add_and_pop_update_layers():
    model = keras.Sequential()
    assert model.layers == []
    d1, d2 = layers.Dense(4), layers.Dense(2)
    model.add(d1)
    model.add(d2)
    assert model.layers == [d1, d2]
    assert model.pop() is d2
    assert model.layers == [d1]
    model.add(layers.Dense(1))
    out = model(np.ones((2, 3), "float32"))
    assert tuple(out.shape) == (2, 1)


def test_pop_empty_model_raises():
    with pytest.raises((IndexError, TypeError, ValueError)):
        keras.Sequential().pop()


def test_add_rejects_non_layer():
    with pytest.raises(TypeError, match="Layer"):
        keras.Sequential().add("dense")


@pytest.mark.parametrize("first", ["input", "input_layer", "input_shape"])
def test_layers_exclude_the_input_layer(first):
    stack = [layers.Dense(4), layers.Dense(2)]
    if first == "input":
        model = keras.Sequential([keras.Input(shape=(3,))] + stack)
    elif first == "input_layer":
        model = keras.Sequential([layers.InputLayer(input_shape=(3,))] + stack)
    else:
        stack[0] = layers.Dense(4, input_shape=(3,))
        model = keras.Sequential(stack)
    assert len(model.layers) == 2
    assert all(isinstance(l, layers.Dense) for l in model.layers)


# ---- building ------------------------------------------------------------------------------

@pytest.mark.parametrize("first", ["input", "input_layer", "input_shape"])
def test_built_at_once_when_input_shape_known(first):
    if first == "input":
        model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.Dense(2)])
    elif first == "input_layer":
        model = keras.Sequential([layers.InputLayer(input_shape=(3,)), layers.Dense(4), layers.Dense(2)])
    else:
        model = keras.Sequential([layers.Dense(4, input_shape=(3,)), layers.Dense(2)])
    assert model.built
    assert len(model.weights) == 4
    assert model.count_params() == 3 * 4 + 4 + 4 * 2 + 2


def test_add_one_by_one_after_input_builds_each_layer():
    model = keras.Sequential()
    model.add(keras.Input(shape=(5,)))
    model.add(layers.Dense(3))
    assert len(model.weights) == 2
    model.add(layers.Dense(1))
    assert len(model.weights) == 4 and model.count_params() == 5 * 3 + 3 + 3 + 1


def test_deferred_build_on_first_call():
    model = keras.Sequential([layers.Dense(4), layers.Dense(2)])
    assert not model.built
    assert model.weights == []
    with pytest.raises(ValueError, match="not built|build"):
        model.count_params()
    model(np.ones((2, 7), "float32"))
    assert model.built
    assert [tuple(w.shape) for w in model.weights] == [(7, 4), (4,), (4, 2), (2,)]


def test_deferred_build_on_fit():
    x, y = _data(d=6)
    model = keras.Sequential([layers.Dense(4), layers.Dense(1)])
    model.compile("sgd", "mse")
    model.fit(x, y, epochs=1, verbose=0)
    assert model.built
    assert tuple(model.layers[0].kernel.shape) == (6, 4)


def test_build_with_input_shape():
    model = keras.Sequential([layers.Dense(4), layers.Dense(2)])
    model.build((None, 5))
    assert model.built
    assert model.count_params() == 5 * 4 + 4 + 4 * 2 + 2


# ---- weights -------------------------------------------------------------------------------

def test_weights_order_is_layer_by_layer_kernel_then_bias():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.Dense(2)])
    d1, d2 = model.layers
    assert [id(w) for w in model.weights] == [id(d1.kernel), id(d1.bias), id(d2.kernel), id(d2.bias)]
    assert [w.name.split("/")[-1].split(":")[0] for w in model.weights] == ["kernel", "bias"] * 2
    assert len(model.trainable_weights) == 4 and model.non_trainable_weights == []


def test_non_trainable_layer_weights_move_to_non_trainable():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.Dense(2)])
    model.layers[0].trainable = False
    assert len(model.trainable_weights) == 2
    assert len(model.non_trainable_weights) == 2
    assert model.count_params() == 26


def test_get_set_weights_round_trip():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.Dense(2)])
    values = [np.full(w.shape, i, dtype="float32") for i, w in enumerate(model.get_weights())]
    model.set_weights(values)
    for got, want in zip(model.get_weights(), values):
        np.testing.assert_array_equal(got, want)
    x = np.ones((1, 3), "float32")
    # x @ 0 + 1 -> 1s, then 1s @ 2 + 3 -> 4*2 + 3
    np.testing.assert_allclose(model(x).numpy(), [[11.0, 11.0]])


def test_set_weights_wrong_count_names_the_model():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4)], name="seq_count")
    with pytest.raises(ValueError, match="seq_count") as info:
        model.set_weights([np.zeros((3, 4), "float32")])
    assert "2" in str(info.value) and "1" in str(info.value)


def test_set_weights_wrong_shape_names_layer_and_shapes():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4, name="dense_shape")])
    before = model.get_weights()
    with pytest.raises(ValueError) as info:
        model.set_weights([np.zeros((4, 3), "float32"), np.zeros((4,), "float32")])
    message = str(info.value)
    assert "(3, 4)" in message and "(4, 3)" in message
    assert "dense_shape" in message or "kernel" in message
    # nothing was assigned, not even the bias whose shape was right
    for got, want in zip(model.get_weights(), before):
        np.testing.assert_array_equal(got, want)


def test_layer_set_weights_wrong_shape_names_layer():
    dense = layers.Dense(2, name="dense_named_shape")
    dense.build((None, 3))
    with pytest.raises(ValueError, match="dense_named_shape"):
        dense.set_weights([np.zeros((2, 2)), np.zeros((2,))])


# ---- nesting -------------------------------------------------------------------------------

def test_sequential_nested_in_sequential():
    inner = keras.Sequential([layers.Dense(4), layers.Dense(3)], name="inner")
    outer = keras.Sequential([keras.Input(shape=(5,)), inner, layers.Dense(1)])
    assert outer.layers[0] is inner
    assert len(outer.weights) == 6
    assert outer.count_params() == (5 * 4 + 4) + (4 * 3 + 3) + (3 + 1)
    x, y = _data(d=5)
    outer.compile("sgd", "mse")
    before = [w.numpy().copy() for w in inner.weights]
    outer.fit(x, y, epochs=1, verbose=0)
    assert all(not np.allclose(a, w.numpy()) for a, w in zip(before, inner.weights))


def test_sequential_nested_in_functional():
    inner = keras.Sequential([layers.Dense(4), layers.Dense(2)])
    inputs = keras.Input(shape=(3,))
    outputs = layers.Dense(1)(inner(inputs))
    model = keras.Model(inputs, outputs)
    assert inner in model.layers
    assert model.count_params() == (3 * 4 + 4) + (4 * 2 + 2) + (2 + 1)
    x = np.ones((2, 3), "float32")
    expected = model.layers[-1](inner(x)).numpy()
    np.testing.assert_allclose(model(x).numpy(), expected, rtol=1e-6)


# ---- calling -------------------------------------------------------------------------------

def test_call_matches_numpy():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4, activation="relu"), layers.Dense(2)])
    x, _ = _data(n=5)
    k1, b1, k2, b2 = model.get_weights()
    expected = np.maximum(x @ k1 + b1, 0) @ k2 + b2
    np.testing.assert_allclose(model(x).numpy(), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(model.predict(x, verbose=0), expected, rtol=1e-5, atol=1e-6)


def test_get_config_from_config_round_trip():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4, activation="relu"), layers.Dense(2)])
    clone = keras.Sequential.from_config(model.get_config())
    assert [type(l) for l in clone.layers] == [type(l) for l in model.layers]
    assert clone.built
    assert [tuple(w.shape) for w in clone.weights] == [tuple(w.shape) for w in model.weights]


# ---- symbolic inputs and outputs -----------------------------------------------------------

_SEQ_IO = ("Sequential.inputs/outputs return None and Sequential.input/output/input_shape/output_shape raise "
           "AttributeError even when the model is built from an Input; Keras exposes them once built, and "
           "keras.Model(model.inputs, model.layers[-2].output) (feature extraction) is a common pattern")


def test_built_sequential_exposes_inputs_and_outputs():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.Dense(2)])
    assert len(model.inputs) == 1 and tuple(model.inputs[0].shape) == (None, 3)
    assert len(model.outputs) == 1 and tuple(model.outputs[0].shape) == (None, 2)
    assert tuple(model.input_shape) == (None, 3) and tuple(model.output_shape) == (None, 2)


def test_feature_extractor_from_a_sequential():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4, activation="relu"), layers.Dense(2)])
    extractor = keras.Model(inputs=model.inputs, outputs=model.layers[-2].output)
    x = np.ones((5, 3), "float32")
    np.testing.assert_allclose(extractor(x).numpy(), model.layers[0](x).numpy(), rtol=1e-6)


def test_layer_outputs_of_a_built_sequential_are_symbolic():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.Dense(2)])
    assert tuple(model.layers[0].output.shape) == (None, 4)
    assert tuple(model.layers[1].output_shape) == (None, 2)


@pytest.mark.parametrize("first", ["input", "input_shape"])
def test_sequential_inputs_with_input_shape_style(first):
    stack = [layers.Dense(4, input_shape=(3,))] if first == "input_shape" else [keras.Input(shape=(3,)), layers.Dense(4)]
    model = keras.Sequential(stack + [layers.Dense(2)])
    assert tuple(model.input.shape) == (None, 3) and tuple(model.output.shape) == (None, 2)
    assert [type(l) for l in model.layers] == [layers.Dense, layers.Dense]


def test_sequential_build_gives_inputs_and_so_does_a_first_call_on_data():
    model = keras.Sequential([layers.Dense(4)])
    assert model.inputs is None
    model.build((None, 3))
    assert tuple(model.input_shape) == (None, 3) and tuple(model.output_shape) == (None, 4)
    deferred = keras.Sequential([layers.Dense(4)])
    deferred(np.ones((2, 3), "float32"))  # as in Keras 3: the first call records the input shape
    assert tuple(deferred.input_shape) == (None, 3) and tuple(deferred.output_shape) == (None, 4)


def test_add_and_pop_keep_the_symbolic_graph():
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4)])
    model.add(layers.Dense(2))
    assert tuple(model.output_shape) == (None, 2)
    assert len(model.layers[0]._inbound_nodes) == 1  # adding a layer does not re-call the earlier ones
    model.pop()
    assert tuple(model.output_shape) == (None, 4)
    model.add(layers.Dense(5))
    assert tuple(model.output_shape) == (None, 5)
    extractor = keras.Model(model.input, model.output)
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(extractor(x).numpy(), model(x).numpy(), rtol=1e-6)


def test_compile_keys_single_output_by_last_layer_name():
    model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(1, kernel_initializer="ones", name="seq_head")])
    model.compile(keras.optimizers.SGD(learning_rate=0.0), loss={"seq_head": "mae"})
    x = np.ones((4, 2), "float32")
    assert model.evaluate(x, {"seq_head": np.zeros((4, 1), "float32")}, verbose=0) == pytest.approx(2.0)
