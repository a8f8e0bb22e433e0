"""Shared checks for the elementwise merging layers."""
import numpy as np

import eigenflow as tf

from ...testing import check_layer


def inputs(n=2, shape=(2, 3), seed=0):
    rng = np.random.default_rng(seed)
    return [rng.uniform(-1, 1, size=shape).astype(np.float32) for _ in range(n)]


def check_merge(layer_cls, function, reference, n=2):
    """check_layer on a list input, values against REFERENCE, the functional form, gradients."""
    data = inputs(n)
    # check_layer's finite differences take one input tensor; the gradients are checked below.
    layer = check_layer(layer_cls, {}, input_data=data, expected_output_shape=(2, 3), trainable_weights=0,
                        check_gradients=False)
    np.testing.assert_allclose(layer(data).numpy(), reference(data), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(function(data).numpy(), reference(data), rtol=1e-6, atol=1e-6)
    xs = [tf.constant(x.astype(np.float64)) for x in data]
    layer64 = layer_cls(dtype="float64")
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        total = tf.reduce_sum(layer64(xs) * tf.constant(np.arange(6.0).reshape(2, 3)))
    grads = tape.gradient(total, xs)
    eps = 1e-6
    for k, x in enumerate(data):
        x = x.astype(np.float64)
        numeric = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            values = []
            for delta in (eps, -eps):
                moved = [d.astype(np.float64) for d in data]
                moved[k] = x.copy()
                moved[k][idx] += delta
                values.append(float(np.sum(reference(moved) * np.arange(6.0).reshape(2, 3))))
            numeric[idx] = (values[0] - values[1]) / (2 * eps)
        np.testing.assert_allclose(np.asarray(grads[k]), numeric, rtol=1e-5, atol=1e-6)
    return layer
