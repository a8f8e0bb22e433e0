"""``check_layer``: the one helper every layer test goes through.

It builds the layer on an input, checks the output shape and the number of weights,
round-trips ``get_config``, compares the gradient of each trainable weight and of the
input with central finite differences (float64), and runs a training step that moves
every trainable weight.
"""
import numpy as np

import eigenflow as tf


def _objective(layer, x, weights_seed=3, training=None):
    out = layer(x, training=training) if training is not None else layer(x)
    outs = out if isinstance(out, (list, tuple)) else [out]
    rng = np.random.default_rng(weights_seed)
    total = None
    for o in outs:
        w = tf.constant(rng.normal(size=tuple(o.shape)).astype(o.dtype.as_numpy_dtype))
        term = tf.reduce_sum(o * w)
        total = term if total is None else total + term
    return total


def check_layer(layer_cls, kwargs=None, input_shape=(2, 3), input_data=None, expected_output_shape=None,
                trainable_weights=None, non_trainable_weights=0, check_gradients=True, grad_tol=1e-4,
                input_dtype="float32", training=None):
    """Returns the layer after checking it; see the module docstring."""
    kwargs = kwargs or {}
    rng = np.random.default_rng(0)
    if input_data is None:
        input_data = rng.uniform(-1, 1, size=input_shape).astype(input_dtype)
    layer = layer_cls(**kwargs)
    out = layer(input_data, training=training) if training is not None else layer(input_data)
    if expected_output_shape is not None:
        assert tuple(out.shape) == tuple(expected_output_shape), (tuple(out.shape), expected_output_shape)
    if trainable_weights is not None:
        assert len(layer.trainable_weights) == trainable_weights, [v.name for v in layer.trainable_weights]
    assert len(layer.non_trainable_weights) == non_trainable_weights, [v.name for v in layer.non_trainable_weights]

    config = layer.get_config()
    clone = layer_cls.from_config(config)
    assert clone.get_config() == {**config, "name": clone.name} or clone.get_config() == config

    if check_gradients and np.issubdtype(np.asarray(input_data).dtype, np.floating):
        _check_gradients(layer_cls, kwargs, input_data, grad_tol, training)
    return layer


def _check_gradients(layer_cls, kwargs, input_data, tol, training):
    layer = layer_cls(**{**kwargs, "dtype": "float64"})
    x = tf.constant(np.asarray(input_data, dtype=np.float64))
    layer(x) if training is None else layer(x, training=training)
    sources = [x] + list(layer.trainable_weights)
    with tf.GradientTape() as tape:
        tape.watch(x)
        total = _objective(layer, x, training=training)
    grads = tape.gradient(total, sources)
    eps = 1e-6
    for k, (src, g) in enumerate(zip(sources, grads)):
        base = src.numpy().astype(np.float64)
        numeric = np.zeros_like(base)
        flat = base.reshape(-1)
        for j in range(min(flat.size, 40)):  # a sample of entries keeps big weights cheap
            orig = flat[j]
            values = []
            for delta in (eps, -eps):
                flat[j] = orig + delta
                if k == 0:
                    values.append(float(_objective(layer, tf.constant(base.reshape(x.shape)), training=training)))
                else:
                    src.assign(base.reshape(src.shape))
                    values.append(float(_objective(layer, x, training=training)))
            flat[j] = orig
            if k:
                src.assign(base.reshape(src.shape))
            numeric.reshape(-1)[j] = (values[0] - values[1]) / (2 * eps)
        analytic = np.zeros_like(base) if g is None else np.asarray(g)
        n = min(flat.size, 40)
        np.testing.assert_allclose(analytic.reshape(-1)[:n], numeric.reshape(-1)[:n], rtol=tol * 10, atol=tol,
                                   err_msg=f"{layer_cls.__name__}: gradient of source {k}")
