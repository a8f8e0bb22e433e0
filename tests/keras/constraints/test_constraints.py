import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import constraints

EPS = 1e-7


def test_non_neg():
    w = np.array([[-1.0, 2.0], [0.0, -0.5]], np.float32)
    np.testing.assert_array_equal(constraints.NonNeg()(tf.constant(w)).numpy(), np.maximum(w, 0))
    assert constraints.NonNeg().get_config() == {}


def _np_norms(w, axis):
    return np.sqrt(np.sum(w ** 2, axis=axis, keepdims=True))


def test_max_norm_dense_and_conv():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(5, 4)).astype(np.float32) * 2
    norms = _np_norms(w, 0)
    expected = w * (np.clip(norms, 0, 2.0) / (EPS + norms))
    np.testing.assert_allclose(constraints.MaxNorm()(tf.constant(w)).numpy(), expected, rtol=1e-6)
    kernel = rng.normal(size=(3, 3, 2, 4)).astype(np.float32)
    out = constraints.MaxNorm(max_value=1.0, axis=[0, 1, 2])(tf.constant(kernel)).numpy()
    assert np.all(_np_norms(out, (0, 1, 2)) <= 1.0 + 1e-5)
    small = np.array([[0.3], [0.4]], np.float32)
    np.testing.assert_allclose(constraints.MaxNorm(2.0)(tf.constant(small)).numpy(), small, rtol=1e-6)


def test_unit_norm():
    w = np.array([[3.0, 1.0], [4.0, 0.0]], np.float32)
    out = constraints.UnitNorm()(tf.constant(w)).numpy()
    np.testing.assert_allclose(out, w / (EPS + _np_norms(w, 0)), rtol=1e-6)
    out = constraints.UnitNorm(axis=1)(tf.constant(w)).numpy()
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), [1.0, 1.0], rtol=1e-6)


def test_min_max_norm_with_rate():
    w = np.array([[0.3, 3.0], [0.4, 4.0]], np.float32)  # column norms 0.5 and 5
    out = constraints.MinMaxNorm(min_value=1.0, max_value=2.0)(tf.constant(w)).numpy()
    np.testing.assert_allclose(np.linalg.norm(out, axis=0), [1.0, 2.0], rtol=1e-5)
    half = constraints.MinMaxNorm(min_value=1.0, max_value=2.0, rate=0.5)(tf.constant(w)).numpy()
    np.testing.assert_allclose(np.linalg.norm(half, axis=0), [0.75, 3.5], rtol=1e-5)


def test_applied_to_a_variable():
    v = tf.Variable([[-1.0, 2.0]], constraint=constraints.NonNeg())
    v.assign(v.constraint(v))
    assert v.numpy().tolist() == [[0.0, 2.0]]


def test_configs_and_round_trips():
    for c, config in [(constraints.MaxNorm(3, axis=[0, 1]), {"max_value": 3, "axis": [0, 1]}),
                      (constraints.UnitNorm(axis=1), {"axis": 1}),
                      (constraints.MinMaxNorm(0.5, 2.0, 0.5, 0), {"min_value": 0.5, "max_value": 2.0, "rate": 0.5,
                                                                   "axis": 0}),
                      (constraints.NonNeg(), {})]:
        assert c.get_config() == config
        serialized = constraints.serialize(c)
        assert serialized["module"] == "keras.constraints" and serialized["class_name"] == type(c).__name__
        clone = constraints.get(serialized)
        assert type(clone) is type(c) and clone.get_config() == config
    assert constraints.MaxNorm().get_config() == {"max_value": 2, "axis": 0}
    assert constraints.MinMaxNorm().get_config() == {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0}


def test_names_and_get():
    for name, cls in [("non_neg", constraints.NonNeg), ("max_norm", constraints.MaxNorm),
                      ("unit_norm", constraints.UnitNorm), ("min_max_norm", constraints.MinMaxNorm),
                      ("NonNeg", constraints.NonNeg), ("MaxNorm", constraints.MaxNorm)]:
        assert type(constraints.get(name)) is cls
    assert constraints.max_norm is constraints.MaxNorm and constraints.non_neg is constraints.NonNeg
    assert constraints.get(None) is None
    c = constraints.UnitNorm()
    assert constraints.get(c) is c
    assert type(constraints.get(constraints.NonNeg)) is constraints.NonNeg
    fn = lambda w: w  # noqa: E731
    assert constraints.get(fn) is fn


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError) as info:
        constraints.get("nonneg2")
    for name in ("non_neg", "max_norm", "unit_norm", "min_max_norm"):
        assert name in str(info.value)
    assert "'nonneg2'" in str(info.value)
    with pytest.raises(ValueError, match="Could not interpret constraint identifier"):
        constraints.get(3)


def test_bad_arguments():
    with pytest.raises(ValueError, match="MaxNorm: max_value must be a number >= 0.0, received max_value=-1"):
        constraints.MaxNorm(-1)
    with pytest.raises(ValueError, match="MinMaxNorm: max_value must be >= min_value"):
        constraints.MinMaxNorm(2.0, 1.0)
    with pytest.raises(ValueError, match=r"MinMaxNorm: rate must be a number in \[0.0, 1.0\], received rate=2"):
        constraints.MinMaxNorm(rate=2)
    with pytest.raises(ValueError, match="UnitNorm: axis must be an int or a list of ints"):
        constraints.UnitNorm(axis="0")


def test_base_class_is_the_identity():
    w = tf.constant([1.0])
    assert constraints.Constraint()(w) is w
