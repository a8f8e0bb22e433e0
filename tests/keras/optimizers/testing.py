"""Shared checks of the optimizer tests: run an optimizer for a few steps on random
variables and compare with the NumPy reference (tests/keras/optimizers/reference.py)."""
import numpy as np

import eigenflow as tf


def run_steps(optimizer, ref, hyper, lr, dtype="float32", steps=3, shapes=((3, 4), (5,)), weight_decay=None,
              seed=0):
    """Applies STEPS random gradients with OPTIMIZER and the reference; compares values."""
    rng = np.random.default_rng(seed)
    ws = [rng.uniform(-1, 1, s).astype(dtype) for s in shapes]
    variables = [tf.Variable(w) for w in ws]
    refs = [w.astype("float64") for w in ws]
    slots = [{} for _ in ws]
    lr = float(np.float32(lr))  # the optimizer keeps a float learning rate in a float32 Variable
    for t in range(1, steps + 1):
        grads = [rng.uniform(-1, 1, s).astype(dtype) for s in shapes]
        optimizer.apply_gradients(zip([tf.constant(g) for g in grads], variables))
        for k, g in enumerate(grads):
            if weight_decay:
                refs[k] = refs[k] - refs[k] * weight_decay * lr
            refs[k] = ref(refs[k], g.astype("float64"), slots[k], t, lr, **hyper)
        tol = 2e-5 if dtype == "float32" else 1e-10
        for v, r in zip(variables, refs):
            assert v.dtype.name == dtype
            np.testing.assert_allclose(v.numpy(), r, rtol=tol, atol=tol, err_msg=f"step {t}")
    assert int(optimizer.iterations) == steps
    return variables, slots


def check_config_round_trip(optimizer):
    config = optimizer.get_config()
    clone = type(optimizer).from_config(config)
    assert clone.get_config() == config
    restored = tf.keras.optimizers.deserialize(tf.keras.optimizers.serialize(optimizer))
    assert type(restored) is type(optimizer)
    assert restored.get_config() == config
