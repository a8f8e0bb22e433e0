"""tf.function: tracing once per signature, replaying the graph, Variables by reference,
train steps equal to eager ones, and the errors a traced function raises."""
import sys

import numpy as np
import pytest

import eigenflow as tf

keras = tf.keras


def test_traces_once_per_signature():
    traces = []

    @tf.function
    def f(x, scale):
        traces.append(1)  # a Python side effect: runs while tracing only
        return x * scale + 1

    np.testing.assert_allclose(f(tf.constant([1.0, 2.0]), 2.0).numpy(), [3.0, 5.0])
    np.testing.assert_allclose(f(tf.constant([3.0, 4.0]), 2.0).numpy(), [7.0, 9.0])
    assert f.experimental_get_tracing_count() == 1 and len(traces) == 1
    f(tf.constant([1.0, 2.0, 3.0]), 2.0)  # a new shape
    f(tf.constant([1.0, 2.0]), 3.0)  # a new Python value
    f(tf.constant([1, 2]), 3)  # a new dtype
    assert f.experimental_get_tracing_count() == 4 and len(traces) == 4
    f(tf.constant([5.0, 6.0]), 3.0)
    assert f.experimental_get_tracing_count() == 4


def test_decorator_with_arguments_and_numpy_arguments():
    @tf.function(reduce_retracing=True)
    def f(x):
        return tf.reduce_sum(x, axis=0)

    np.testing.assert_allclose(f(np.ones((2, 3), "float32")).numpy(), [2, 2, 2])
    np.testing.assert_allclose(f(np.ones((5, 3), "float32")).numpy(), [5, 5, 5])
    assert f.experimental_get_tracing_count() == 1


def test_input_signature_gives_one_graph_for_every_batch_size():
    @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    def f(x):
        return tf.matmul(x, tf.ones([2, 1])) - tf.reduce_mean(x)

    for n in (1, 4, 7):
        x = np.arange(2 * n, dtype="float32").reshape(n, 2)
        np.testing.assert_allclose(f(x).numpy(), x.sum(1, keepdims=True) - x.mean(), rtol=1e-6)
    assert f.experimental_get_tracing_count() == 1
    with pytest.raises(TypeError, match=r"tf.function 'f': argument 0 must match TensorSpec\(shape=\(None, 2\)"):
        f(tf.ones([3]))
    with pytest.raises(TypeError, match=r"takes 1 arguments"):
        f(tf.ones([3, 2]), tf.ones([3, 2]))


def test_input_signature_must_hold_tensor_specs():
    with pytest.raises(TypeError, match="input_signature must be a list of tf.TensorSpec"):
        tf.function(lambda x: x, input_signature=[(None, 2)])


def test_tf_print_prints_on_every_call(capsys):
    @tf.function
    def f(x):
        print("traced")
        tf.print("x:", x, output_stream=sys.stdout)
        return x

    f(tf.constant([1.0, 2.5]))
    f(tf.constant([3.0, 4.0]))
    assert capsys.readouterr().out == "traced\nx: [1 2.5]\nx: [3 4]\n"


def test_variables_are_captured_by_reference():
    v = tf.Variable(1.0)

    @tf.function
    def f(x):
        v.assign_add(x)
        return v * 2

    assert float(f(tf.constant(1.0))) == 4.0
    v.assign(10.0)  # changed outside: the graph reads the new value
    assert float(f(tf.constant(1.0))) == 22.0
    assert float(v) == 11.0
    v.assign_sub(1.0)
    assert float(f(tf.constant(0.0))) == 20.0


def test_a_variable_created_on_the_first_call_only_is_allowed():
    class Scaler:
        def __init__(self):
            self.v = None

        @tf.function
        def __call__(self, x):
            if self.v is None:
                self.v = tf.Variable(2.0)
            return x * self.v

    s = Scaler()
    assert float(s(tf.constant(3.0))) == 6.0
    assert float(s(tf.constant(4.0))) == 8.0
    s.v.assign(3.0)
    assert float(s(tf.constant(4.0))) == 12.0


def test_a_variable_created_on_every_call_raises():
    @tf.function
    def f(x):
        v = tf.Variable(1.0)
        return x + v

    f(tf.constant(1.0))
    with pytest.raises(ValueError, match="tf.function 'f' creates a tf.Variable on every call"):
        f(tf.constant(1.0))


def test_python_if_on_a_traced_tensor_names_the_function_and_line():
    @tf.function
    def absolute(x):
        if x > 0:
            return x
        return -x

    with pytest.raises(tf.errors.OperatorNotAllowedInGraphError,
                       match=r"tf.function 'absolute' at test_function.py:\d+ \(`if x > 0:`\).*tf.cond"):
        absolute(tf.constant(1.0))
    # nothing is left recording: eager code reads values again
    assert float(tf.constant(2.0) * 2) == 4.0


@pytest.mark.parametrize("read", [lambda t: t.numpy(), float, lambda t: np.asarray(t)])
def test_reading_a_value_while_tracing_raises(read):
    @tf.function
    def f(x):
        read(x * 2)
        return x

    with pytest.raises(tf.errors.OperatorNotAllowedInGraphError, match="while a tf.function is traced"):
        f(tf.constant(1.0))


def test_run_functions_eagerly_runs_the_python_every_time():
    calls = []

    @tf.function
    def f(x):
        calls.append(float(x))  # reads a value: fine when run eagerly
        return x

    tf.config.run_functions_eagerly(True)
    try:
        f(tf.constant(1.0))
        f(tf.constant(2.0))
        assert tf.config.functions_run_eagerly()
    finally:
        tf.config.run_functions_eagerly(False)
    assert calls == [1.0, 2.0]


def test_nested_functions():
    @tf.function
    def inner(x):
        return x * 3

    @tf.function
    def outer(x):
        return inner(x) + inner(x + 1)

    inner(tf.constant(1.0))  # inner already traced: its graph is inlined into outer's
    assert float(outer(tf.constant(1.0))) == 9.0
    assert float(outer(tf.constant(2.0))) == 15.0
    assert outer.experimental_get_tracing_count() == 1


def test_an_outer_tape_differentiates_through_a_traced_call():
    w = tf.Variable([1.0, 2.0])

    @tf.function
    def f(x):
        return tf.reduce_sum(w * x * x)

    x = tf.constant([3.0, 4.0])
    f(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = f(x)
    gx, gw = tape.gradient(y, [x, w])
    np.testing.assert_allclose(gx.numpy(), [6.0, 16.0])
    np.testing.assert_allclose(gw.numpy(), [9.0, 16.0])


def test_structures_in_and_out():
    @tf.function
    def f(inputs, n):
        return {"sum": inputs["a"] + inputs["b"], "n": n, "pair": (inputs["a"], None)}

    for _ in range(2):
        out = f({"a": tf.constant(1.0), "b": tf.constant(2.0)}, 5)
        assert float(out["sum"]) == 3.0 and out["n"] == 5 and out["pair"][1] is None
    assert f.experimental_get_tracing_count() == 1


def test_tuples_of_tensors_replay_their_trace_and_new_shapes_trace_again():
    traces = []

    @tf.function
    def f(batch, bias):
        traces.append(1)
        x, y = batch
        return x * y + bias

    ones, twos = tf.constant([1.0, 1.0]), tf.constant([2.0, 2.0])
    for scale in (1.0, 3.0):
        np.testing.assert_allclose(f((ones * scale, twos), tf.constant(0.5)).numpy(), [2 * scale + 0.5] * 2)
    assert len(traces) == 1
    f([ones, twos], tf.constant(0.5))             # a list, not a tuple: another structure
    f((tf.constant([1.0, 1.0, 1.0]), tf.constant([1.0, 1.0, 1.0])), tf.constant(0.5))  # new shapes
    f((tf.constant([1, 1]), tf.constant([2, 2])), tf.constant(1))  # new dtypes
    assert len(traces) == 4


def test_a_function_with_eager_fallback_runs_each_signatures_first_call_eagerly():
    from eigenflow.framework.function import Function

    executing = []

    def step(batch):
        executing.append(tf.executing_eagerly())
        x, y = batch
        return x + y

    f = Function(step, eager_fallback=True)
    pair = (tf.constant([1.0]), tf.constant([2.0]))
    for _ in range(3):
        assert float(f(pair)[0]) == 3.0
    assert executing == [True, False]  # eager, then the trace; the third call replays it
    f((tf.constant([1.0, 2.0]), tf.constant([2.0, 3.0])))  # a new shape: eager once more
    assert executing == [True, False, True]


def test_get_concrete_function_from_specs_leaves_variables_alone():
    v = tf.Variable(0.0)

    @tf.function
    def f(x):
        v.assign_add(tf.reduce_sum(x))
        return x * 2

    concrete = f.get_concrete_function(tf.TensorSpec([2], tf.float32))
    assert float(v) == 0.0
    np.testing.assert_allclose(concrete(tf.constant([1.0, 2.0])).numpy(), [2.0, 4.0])
    assert float(v) == 3.0
    with pytest.raises(TypeError, match="expects"):
        concrete(tf.constant([1.0, 2.0, 3.0]))


def test_executing_eagerly_is_false_while_tracing():
    seen = []

    @tf.function
    def f(x):
        seen.append(tf.executing_eagerly())
        return x

    f(tf.constant(1.0))
    assert seen == [False] and tf.executing_eagerly()


def test_retracing_warns_naming_the_function():
    @tf.function
    def often(x):
        return x

    with pytest.warns(UserWarning, match="tf.function 'often' has been traced 6 times"):
        for n in range(6):
            often(tf.zeros([n + 1]))


# ---- train steps ------------------------------------------------------------------------


def _model(kind):
    tf.random.set_seed(3)
    if kind == "sequential":
        return keras.Sequential([keras.Input((6,)), keras.layers.Dense(8, activation="relu"),
                                 keras.layers.Dropout(0.3), keras.layers.BatchNormalization(),
                                 keras.layers.Dense(3, activation="softmax")])
    inp = keras.Input((6,))
    h = keras.layers.Dense(8, activation="tanh", kernel_regularizer="l2")(inp)
    return keras.Model(inp, keras.layers.Dense(3, activation="softmax")(h))


OPTIMIZERS = [
    lambda: keras.optimizers.Adam(0.01),
    lambda: keras.optimizers.SGD(0.1, momentum=0.9, nesterov=True),
    lambda: keras.optimizers.Nadam(0.01),
    lambda: keras.optimizers.RMSprop(0.01, centered=True),
    lambda: keras.optimizers.AdamW(keras.optimizers.schedules.ExponentialDecay(0.01, 2, 0.5), global_clipnorm=0.5),
]


def _train(kind, make_optimizer, compiled, steps=6):
    model = _model(kind)
    optimizer = make_optimizer()
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    metric = keras.metrics.SparseCategoricalAccuracy()

    def step(x, y):
        with tf.GradientTape() as tape:
            p = model(x, training=True)
            loss = loss_fn(y, p) + tf.add_n(model.losses) if model.losses else loss_fn(y, p)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        metric.update_state(y, p)
        return loss

    if compiled:
        step = tf.function(step)
    rng = np.random.default_rng(0)
    tf.random.set_seed(11)
    losses = []
    for _ in range(steps):
        x = tf.constant(rng.normal(size=(5, 6)).astype("float32"))
        y = tf.constant(rng.integers(0, 3, size=(5,)))
        losses.append(float(step(x, y)))
    return model, optimizer, metric, losses


@pytest.mark.parametrize("kind", ["sequential", "functional"])
@pytest.mark.parametrize("make_optimizer", OPTIMIZERS, ids=["adam", "sgd", "nadam", "rmsprop", "adamw_schedule"])
def test_a_traced_train_step_gives_the_eager_weights(kind, make_optimizer):
    eager = _train(kind, make_optimizer, compiled=False)
    traced = _train(kind, make_optimizer, compiled=True)
    np.testing.assert_allclose(traced[3], eager[3], rtol=1e-6)
    for a, b in zip(traced[0].get_weights(), eager[0].get_weights()):  # BatchNorm's moving stats too
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
    for a, b in zip(traced[1].variables, eager[1].variables):
        np.testing.assert_allclose(np.asarray(a), np.asarray(b), rtol=1e-6, atol=1e-7)
    assert int(traced[1].iterations) == 6
    assert float(traced[2].result()) == float(eager[2].result())


def test_a_subclassed_models_traced_train_step():
    class Net(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(2)

        def call(self, x):
            return self.dense(x)

        @tf.function
        def step(self, x, y):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(self(x) - y))
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            return loss

    net = Net()
    net.optimizer = keras.optimizers.SGD(0.1)
    x, y = tf.ones([4, 3]), tf.zeros([4, 2])
    losses = [float(net.step(x, y)) for _ in range(5)]
    assert losses == sorted(losses, reverse=True) and losses[-1] < losses[0]
    assert net.step.experimental_get_tracing_count() == 1


def test_call_key_tells_apart_what_a_trace_depends_on():
    from eigenflow import _core
    x, y = tf.ones([2, 3]), tf.zeros([2, 3])
    key, tensors = _core.tensor_shapes_key(((x, y), x))
    assert key == _core.tensor_shapes_key(((y, x), y))[0] and tensors == [x, y, x]
    assert key != _core.tensor_shapes_key(([x, y], x))[0]  # a list is not a tuple
    assert key != _core.tensor_shapes_key(((x, tf.ones([2, 4])), x))[0]
    assert key != _core.tensor_shapes_key(((x, tf.ones([2, 3], tf.float64)), x))[0]
    assert key != _core.tensor_shapes_key(((x, tf.Variable(y)), x))[0]
    for other in ((x, 1.0), ((x, None),), (tf.keras.Input((3,)),), ({"x": x},)):
        assert _core.tensor_shapes_key(other) == (None, None)


def test_a_dict_of_tensors_comes_back_in_its_own_key_order_with_each_value_at_its_key():
    @tf.function
    def f(x):
        return {"zeta": x * 2.0, "alpha": x + 1.0, "mid": x - 1.0}

    for _ in range(3):  # the first call traces, the later ones run the graph
        out = f(tf.constant(1.0))
        assert list(out) == ["zeta", "alpha", "mid"]
        assert {k: float(v) for k, v in out.items()} == {"zeta": 2.0, "alpha": 2.0, "mid": 0.0}
