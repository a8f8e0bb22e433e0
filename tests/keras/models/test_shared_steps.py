"""A new model of an architecture already traced in the process runs the kept step on its own
Variables (keras/models/shared_steps.py): it must train exactly as it would alone, and any
difference of configuration must keep it on its own trace."""
import gc
import weakref

import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras.models import shared_steps

keras = tf.keras


@pytest.fixture(autouse=True)
def _no_kept_steps():
    shared_steps._shared.clear()
    yield
    shared_steps._shared.clear()


def _data(n=96):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 6)).astype("float32")
    y = (x[:, :2].sum(1) > 0).astype("int64")
    return x, y


def _model(units=8, activation="relu", lr=0.01, dropout=0.0, metrics=("accuracy",), seed=0, **dense):
    keras.utils.set_random_seed(seed)
    layers = [keras.Input((6,)), keras.layers.Dense(units, activation=activation, **dense),
              keras.layers.BatchNormalization()]
    if dropout:
        layers.append(keras.layers.Dropout(dropout, seed=1))
    model = keras.Sequential(layers + [keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(lr), loss="sparse_categorical_crossentropy",
                  metrics=list(metrics))
    return model


def _fit(model, epochs=2):
    x, y = _data()
    history = model.fit(x, y, batch_size=32, epochs=epochs, shuffle=False, verbose=0)
    return history.history, [w.copy() for w in model.get_weights()]


def _traces(model):
    return model._step_functions["train_step"].experimental_get_tracing_count()


def test_a_second_model_of_the_architecture_trains_without_tracing_as_it_would_alone():
    first = _model()
    logs_first, weights_first = _fit(first)
    assert _traces(first) == 1
    second = _model()
    logs_second, weights_second = _fit(second)
    assert _traces(second) == 0  # it ran the first model's step, bound to its own Variables
    eager = _model()
    eager.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"], run_eagerly=True)
    logs_eager, weights_eager = _fit(eager)
    assert logs_second == logs_first
    for a, b, c in zip(weights_first, weights_second, weights_eager):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_allclose(b, c, rtol=1e-5, atol=1e-6)
    # The first model's own Variables were left alone by the second's training.
    np.testing.assert_array_equal(first.get_weights()[0], weights_first[0])


def test_the_shared_step_updates_each_models_own_optimizer_and_metrics():
    first, second = _model(), _model(seed=1)
    _fit(first)
    _fit(second)
    assert second.optimizer.iterations.numpy() == 6
    assert first.optimizer.iterations.numpy() == 6
    x, y = _data()
    expected = float(np.mean(np.argmax(second.predict(x, verbose=0), -1) == y))
    assert second.evaluate(x, y, verbose=0, return_dict=True)["accuracy"] == pytest.approx(expected)
    assert [m.name for m in second.metrics] == [m.name for m in first.metrics]


@pytest.mark.parametrize("change", [
    dict(units=9), dict(activation="tanh"), dict(lr=0.02), dict(metrics=()),
    dict(kernel_regularizer=keras.regularizers.L2(0.1)),
    dict(activation=lambda t: tf.nn.relu(t)),  # a function of the user's: never shared
])
def test_a_model_that_differs_traces_its_own_step(change):
    _fit(_model())
    other = _model(**change)
    _fit(other)
    assert _traces(other) == 1


def test_a_layer_changed_after_compile_is_not_run_as_it_was():
    _fit(_model())
    changed = _model()
    changed.layers[0].activation = keras.activations.get("tanh")
    _, weights = _fit(changed)
    assert _traces(changed) == 1
    reference = _model(activation="tanh")
    reference.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"], run_eagerly=True)
    _, expected = _fit(reference)
    for a, b in zip(weights, expected):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_a_frozen_layer_keeps_the_model_on_its_own_step():
    _fit(_model())
    frozen = _model()
    frozen.layers[0].trainable = False
    kernel = frozen.layers[0].kernel.numpy().copy()
    _fit(frozen)
    assert _traces(frozen) == 1
    np.testing.assert_array_equal(frozen.layers[0].kernel.numpy(), kernel)


def test_dropout_models_share_and_train():
    _fit(_model(dropout=0.3))
    second = _model(dropout=0.3)
    logs, _ = _fit(second)
    assert _traces(second) == 0
    assert logs["loss"][1] < logs["loss"][0] + 0.5 and np.isfinite(logs["loss"]).all()


def test_the_kept_step_holds_none_of_the_traced_models_memory():
    model = _model()
    _fit(model)
    assert shared_steps._shared
    kernel = weakref.ref(model.layers[0].kernel)
    del model
    gc.collect()
    assert kernel() is None


def test_models_outside_the_rule_are_not_shared():
    inputs = keras.Input((6,))
    functional = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(inputs))
    functional.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    assert shared_steps.architecture_key(functional) is None
    lambda_model = keras.Sequential([keras.Input((6,)), keras.layers.Lambda(lambda t: t * 2),
                                     keras.layers.Dense(2)])
    lambda_model.compile(optimizer="adam", loss="mse")
    assert shared_steps.architecture_key(lambda_model) is None
    unbuilt = keras.Sequential([keras.layers.Dense(2)])
    unbuilt.compile(optimizer="adam", loss="mse")
    assert shared_steps.architecture_key(unbuilt) is None
    assert shared_steps.architecture_key(_model()) == shared_steps.architecture_key(_model())


def test_a_shared_graph_checks_the_variables_it_is_bound_to():
    v = tf.Variable(np.ones((2, 3), "float32"))
    w = tf.Variable(np.ones(3, "float32"))

    @tf.function
    def step(x):
        v.assign_add(x)
        return tf.reduce_sum(v) + tf.reduce_sum(w)

    graph = step.get_concrete_function(tf.zeros((2, 3))).graph
    shared = graph.with_variables_as_arguments(graph.variables)
    other_v = tf.Variable(np.zeros((2, 3), "float32"))
    other_w = tf.Variable(np.full(3, 2.0, "float32"))
    bound = shared.bind([other_v, other_w])
    np.testing.assert_allclose(bound.run([tf.ones((2, 3))])[0].numpy(), 12.0)
    np.testing.assert_allclose(other_v.numpy(), 1.0)
    np.testing.assert_allclose(v.numpy(), 1.0)  # the traced Variable is untouched
    with pytest.raises(ValueError, match=r"Variable 0 must be float32\(2, 3\), received a Variable float32\(3,\)"):
        shared.bind([other_w, other_w])
    with pytest.raises(ValueError, match="takes 2 Variables, received 1"):
        shared.bind([other_v])
    with pytest.raises(ValueError, match="not among those given"):
        graph.with_variables_as_arguments([v])


def test_evaluate_shares_its_step_with_a_model_that_never_trained():
    x, y = _data()
    trained = _model()
    _fit(trained)
    trained.evaluate(x, y, batch_size=32, verbose=0)
    trained.evaluate(x, y, batch_size=32, verbose=0)  # traced on the second call
    fresh = _model(seed=3)
    fresh.set_weights(trained.get_weights())
    logs = fresh.evaluate(x, y, batch_size=32, verbose=0, return_dict=True)
    assert fresh._step_functions["test_step"].experimental_get_tracing_count() == 0
    assert not fresh.optimizer.built  # evaluating made no optimizer slots
    assert logs == trained.evaluate(x, y, batch_size=32, verbose=0, return_dict=True)


def test_a_frozen_model_or_a_replaced_step_is_not_run_as_the_shared_step():
    _fit(_model())
    frozen = _model()
    frozen.trainable = False
    kernels = [layer.kernel.numpy().copy() for layer in (frozen.layers[0], frozen.layers[-1])]
    _fit(frozen)
    assert _traces(frozen) == 1
    for layer, kernel in zip((frozen.layers[0], frozen.layers[-1]), kernels):
        np.testing.assert_array_equal(layer.kernel.numpy(), kernel)
    custom = _model()
    calls = []

    def train_step(data):
        calls.append(1)
        return keras.Sequential.train_step(custom, data)

    custom.train_step = train_step
    _fit(custom, epochs=1)
    assert calls  # the model's own step ran


def test_a_changed_backend_epsilon_is_not_run_as_the_shared_step():
    _fit(_model())
    epsilon = keras.backend.epsilon()
    try:
        keras.backend.set_epsilon(1e-3)
        other = _model()
        _fit(other)
        assert _traces(other) == 1
    finally:
        keras.backend.set_epsilon(epsilon)


def test_a_config_that_cannot_be_read_leaves_the_model_to_its_own_step(monkeypatch):
    def broken(self):
        raise NotImplementedError("no config")

    monkeypatch.setattr(keras.layers.Dense, "get_config", broken)
    model = _model()  # compiles without error
    assert shared_steps.architecture_key(model) is None
    logs, _ = _fit(model)
    assert _traces(model) == 1 and np.isfinite(logs["loss"]).all()
