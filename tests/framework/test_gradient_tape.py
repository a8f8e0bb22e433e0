"""GradientTape semantics, with small hand-computed numbers."""
import numpy as np
import pytest

import eigenflow as tf


def test_trainable_variables_are_watched_automatically():
    w = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        y = w * w + 2.0 * w
    assert float(tape.gradient(y, w)) == 8.0  # 2w + 2


def test_constants_need_watch():
    x = tf.constant(3.0)
    with tf.GradientTape() as tape:
        y = x * x
    assert tape.gradient(y, x) is None
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = x * x
    assert float(tape.gradient(y, x)) == 6.0


def test_non_trainable_and_unwatched_variables():
    v = tf.Variable(2.0, trainable=False)
    with tf.GradientTape() as tape:
        y = v * 3.0
    assert tape.gradient(y, v) is None
    w = tf.Variable(2.0)
    with tf.GradientTape(watch_accessed_variables=False) as tape:
        y = w * 3.0
    assert tape.gradient(y, w) is None


def test_nonscalar_target_is_summed():
    x = tf.Variable([1.0, 2.0, 3.0])
    with tf.GradientTape() as tape:
        y = x * x
    np.testing.assert_allclose(tape.gradient(y, x).numpy(), [2.0, 4.0, 6.0])


def test_sources_nest_and_structure_is_kept():
    a, b = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape() as tape:
        y = a * b
    g = tape.gradient(y, {"a": a, "rest": [b, (a,)]})
    assert float(g["a"]) == 2.0 and float(g["rest"][0]) == 1.0 and float(g["rest"][1][0]) == 2.0


def test_unconnected_gradients():
    a, b = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        y = a * 3.0
    assert tape.gradient(y, b) is None
    assert float(tape.gradient(y, b, unconnected_gradients="zero")) == 0.0


def test_integer_sources_give_none():
    i = tf.Variable(3)
    with tf.GradientTape() as tape:
        tape.watch(i)
        y = tf.cast(i, tf.float32) * 2.0
    assert tape.gradient(y, i) is None


def test_output_gradients_weight_the_target():
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = x * x
    g = tape.gradient(y, x, output_gradients=tf.constant([1.0, 10.0]))
    np.testing.assert_allclose(g.numpy(), [2.0, 40.0])


def test_non_persistent_tape_refuses_a_second_call():
    x = tf.Variable(1.0)
    with tf.GradientTape() as tape:
        y = x * x
    tape.gradient(y, x)
    with pytest.raises(RuntimeError, match="persistent"):
        tape.gradient(y, x)


def test_persistent_tape_allows_several_calls():
    x = tf.Variable(2.0)
    with tf.GradientTape(persistent=True) as tape:
        y = x * x
        z = y * x
    assert float(tape.gradient(y, x)) == 4.0 and float(tape.gradient(z, x)) == 12.0


def test_stop_recording_and_stop_gradient():
    x = tf.Variable(2.0)
    with tf.GradientTape() as tape:
        with tape.stop_recording():
            a = x * x
        y = a * x + tf.stop_gradient(x * x) * x
    assert float(tape.gradient(y, x)) == 8.0  # a + stop(x^2): 4 + 4


def test_second_order_with_nested_tapes():
    x = tf.Variable(3.0)
    with tf.GradientTape() as outer:
        with tf.GradientTape() as inner:
            y = x * x * x
        dy = inner.gradient(y, x)
    d2y = outer.gradient(dy, x)
    assert float(dy) == 27.0 and float(d2y) == 18.0


def test_fan_out_and_broadcast_are_summed():
    w = tf.Variable([1.0, 2.0])
    x = tf.constant([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(x * w) + tf.reduce_sum(w)
    np.testing.assert_allclose(tape.gradient(y, w).numpy(), [7.0, 7.0])


def test_variable_read_before_assign_uses_the_old_value():
    w = tf.Variable(2.0)
    x = tf.Variable(5.0)
    with tf.GradientTape() as tape:
        y = w * x
    w.assign(100.0)
    assert float(tape.gradient(y, x)) == 2.0


def test_watched_variables_in_order():
    a, b = tf.Variable(1.0), tf.Variable(2.0)
    with tf.GradientTape() as tape:
        _ = b * a
    assert tape.watched_variables() == (b, a) or [v is w for v, w in zip(tape.watched_variables(), (b, a))]


def test_gradient_of_slices_and_matmul():
    w = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3))
    x = tf.constant(np.ones((4, 2), np.float32))
    with tf.GradientTape() as tape:
        y = tf.reduce_sum(tf.matmul(x, w)[:, 1:])
    np.testing.assert_allclose(tape.gradient(y, w).numpy(), [[0, 4, 4], [0, 4, 4]])


def test_jacobian():
    x = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        y = x * x
    j = tape.jacobian(y, x)
    np.testing.assert_allclose(j.numpy(), [[2.0, 0.0], [0.0, 4.0]])


def test_gradient_of_python_loop_of_assign_sub_training():
    w = tf.Variable(0.0)
    for _ in range(50):
        with tf.GradientTape() as tape:
            loss = (w - 3.0) * (w - 3.0)
        w.assign_sub(0.1 * tape.gradient(loss, w))
    assert abs(float(w) - 3.0) < 1e-3


def test_gradient_keeps_the_structure_of_the_sources():
    a, b = tf.Variable(2.0), tf.Variable(3.0)
    for sources in ([a, b], (a, b), {"a": a, "b": [b]}, [a, [b]], []):
        with tf.GradientTape() as tape:
            y = a * b
        grads = tape.gradient(y, sources)
        assert type(grads) is type(sources)
        flat = tf.nest.flatten(grads)
        assert [float(g) for g in flat] == [3.0, 2.0][:len(flat)]
    with tf.GradientTape() as tape:
        y = a * b
    assert [float(g) for g in tape.gradient([y, y], [a, b])] == [6.0, 4.0]  # targets summed


def test_the_tape_keeps_only_the_values_gradients_read():
    # Each add's gradient reads no value, so a chain of adds holds no intermediate result for
    # backward: only the one Python keeps. A multiply keeps its inputs, as its gradient reads them.
    x = tf.Variable(tf.zeros((1024, 1024)))  # 4 MiB per value
    mib = 1 << 20
    before = tf.config.experimental.get_memory_info("CPU:0")["current"]
    with tf.GradientTape(persistent=True) as tape:
        h = x
        for _ in range(8):
            h = h + 1.0
        held_by_adds = tf.config.experimental.get_memory_info("CPU:0")["current"] - before
        p = x
        for _ in range(4):
            p = p * 1.5
        held_by_products = tf.config.experimental.get_memory_info("CPU:0")["current"] - before - held_by_adds
    assert held_by_adds < 2 * 4 * mib
    assert held_by_products >= 4 * 4 * mib - mib  # the three intermediate inputs and the result
    np.testing.assert_array_equal(tape.gradient(h, x).numpy(), np.ones((1024, 1024), np.float32))
    np.testing.assert_allclose(tape.gradient(p, x).numpy(), np.full((1024, 1024), 1.5 ** 4, np.float32))


def test_a_tape_after_a_longer_one_and_around_a_nested_one_records_only_its_own_ops():
    # A tape reuses the emptied records of the tape before it on this thread: the leftover
    # ones must neither enter its gradients nor keep the earlier tensors alive.
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as long_tape:
        long_tape.watch(x)
        y = x
        for _ in range(50):
            y = y * 1.5 + x
    assert long_tape.gradient(y, x) is not None
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            z = x * x
        inner_grad = inner.gradient(z, x)
        w = 3.0 * x
    np.testing.assert_allclose(inner_grad.numpy(), [2.0, 4.0])
    np.testing.assert_allclose(outer.gradient(w, x).numpy(), [3.0, 3.0])
    np.testing.assert_allclose(outer.gradient(z, x).numpy(), [2.0, 4.0])  # z was recorded by both
    with tf.GradientTape() as short:
        short.watch(x)
        v = x * 4.0
    np.testing.assert_allclose(short.gradient(v, x).numpy(), [4.0, 4.0])


def test_a_finished_tape_lets_go_of_the_values_it_kept():
    big = tf.constant(np.ones((1024, 1024), np.float32))  # 4 MiB
    before = tf.config.experimental.get_memory_info("CPU:0")["current"]
    with tf.GradientTape() as tape:
        tape.watch(big)
        square = big * big  # the product's gradient reads both inputs
    grad = tape.gradient(square, big)
    held = tf.config.experimental.get_memory_info("CPU:0")["current"]
    del square, grad, tape
    after = tf.config.experimental.get_memory_info("CPU:0")["current"]
    assert held - before >= 8 << 20  # the product and the gradient
    assert after <= before + (64 << 10)


@pytest.mark.parametrize("op, dx, dy", [
    (tf.multiply, lambda x, y: y, lambda x, y: x),
    (tf.subtract, lambda x, y: np.ones_like(x), lambda x, y: -np.ones_like(y)),
    (tf.divide, lambda x, y: 1 / y, lambda x, y: -x / y ** 2),
    (tf.math.squared_difference, lambda x, y: 2 * (x - y), lambda x, y: -2 * (x - y)),
])
def test_binary_gradients_with_one_side_watched(op, dx, dy):
    # The rules skip the side that needs no gradient (a constant factor, a loss's targets):
    # each side alone must still get its own.
    xv, yv = np.array([1.5, -2.0, 3.0]), np.array([0.5, 4.0, -1.0])
    for watched, expected in ((0, dx), (1, dy)):
        x, y = tf.constant(xv), tf.constant(yv)
        with tf.GradientTape() as tape:
            tape.watch(x if watched == 0 else y)
            out = op(x, y)
        grad = tape.gradient(out, x if watched == 0 else y)
        np.testing.assert_allclose(grad.numpy(), expected(xv, yv), rtol=1e-12)


def test_a_source_the_tape_never_watched_gets_no_gradient():
    # As in TensorFlow: y takes part in a recorded op, but was never watched.
    x, y = tf.constant([1.5, -2.0]), tf.constant([0.5, 4.0])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        out = x * y
    assert tape.gradient(out, y) is None
    np.testing.assert_array_equal(tape.gradient(out, y, unconnected_gradients="zero").numpy(), [0.0, 0.0])
    np.testing.assert_array_equal(tape.gradient(out, x).numpy(), [0.5, 4.0])
