import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import regularizers

W = np.array([[1.0, -2.0], [0.5, 3.0]], dtype=np.float32)


def test_l1_l2_l1l2_values_by_hand():
    assert float(regularizers.L1(0.1)(W)) == pytest.approx(0.1 * 6.5)
    assert float(regularizers.L2(0.1)(W)) == pytest.approx(0.1 * 14.25)  # no factor 1/2
    assert float(regularizers.L1L2(l1=0.1, l2=0.01)(tf.constant(W))) == pytest.approx(0.65 + 0.1425)


def test_defaults():
    assert regularizers.L1().get_config() == {"l1": 0.01}
    assert regularizers.L2().get_config() == {"l2": 0.01}
    assert regularizers.L1L2().get_config() == {"l1": 0.0, "l2": 0.0}
    assert float(regularizers.L1L2()(W)) == 0.0
    # tf.keras 2's l1_l2 function defaults both factors to 0.01.
    assert regularizers.l1_l2().get_config() == {"l1": 0.01, "l2": 0.01}
    assert regularizers.l1 is regularizers.L1 and regularizers.l2 is regularizers.L2


def test_result_is_a_scalar_of_the_weight_dtype():
    out = regularizers.L2(0.5)(tf.constant(W, dtype=tf.float64))
    assert out.dtype == tf.float64 and tuple(out.shape) == ()
    assert regularizers.L1L2()(tf.constant(W, dtype=tf.float64)).dtype == tf.float64


def test_gradient_of_the_penalty():
    w = tf.Variable(W)
    with tf.GradientTape() as tape:
        loss = regularizers.L1L2(l1=0.1, l2=0.01)(w)
    np.testing.assert_allclose(tape.gradient(loss, w).numpy(), 0.1 * np.sign(W) + 0.02 * W, rtol=1e-6)


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), "a", [0.1], True])
def test_bad_factors(bad):
    with pytest.raises(ValueError, match="L2: l2 must be a non-negative float or a scalar Variable"):
        regularizers.L2(bad)


def test_orthogonal_regularizer():
    reg = regularizers.OrthogonalRegularizer(factor=1.0)
    assert float(reg(np.eye(3, dtype=np.float32))) == pytest.approx(0.0, abs=1e-7)
    assert float(reg(np.array([[1.0, 0.0], [2.0, 0.0]], np.float32))) == pytest.approx(1.0)
    x = np.array([[1.0, 1.0], [1.0, 0.0], [0.0, 1.0]], np.float32)
    rows = x / np.linalg.norm(x, axis=1, keepdims=True)
    gram = np.abs(rows @ rows.T - np.diag(np.diag(rows @ rows.T)))
    assert float(reg(x)) == pytest.approx(0.5 * gram.sum() / 3.0, rel=1e-5)
    cols = regularizers.OrthogonalRegularizer(factor=0.5, mode="columns")
    unit = x / np.linalg.norm(x, axis=0, keepdims=True)
    assert float(cols(x)) == pytest.approx(0.5 * abs(unit[:, 0] @ unit[:, 1]), rel=1e-5)
    assert cols.get_config() == {"factor": 0.5, "mode": "columns"}


def test_orthogonal_regularizer_errors():
    with pytest.raises(ValueError, match="OrthogonalRegularizer: mode must be 'rows' or 'columns'"):
        regularizers.OrthogonalRegularizer(mode="diag")
    with pytest.raises(ValueError, match=r"OrthogonalRegularizer: the weight must be 2-D, received shape \(3,\)"):
        regularizers.OrthogonalRegularizer()(np.ones(3, np.float32))


def test_names_get_and_serialize():
    assert type(regularizers.get("l1")) is regularizers.L1
    assert type(regularizers.get("L2")) is regularizers.L2
    assert type(regularizers.get("l1_l2")) is regularizers.L1L2
    assert type(regularizers.get("orthogonal_regularizer")) is regularizers.OrthogonalRegularizer
    assert regularizers.get(None) is None
    reg = regularizers.L2(0.3)
    assert regularizers.get(reg) is reg
    fn = lambda x: tf.reduce_sum(x)  # noqa: E731
    assert regularizers.get(fn) is fn
    for reg in (regularizers.L1(0.2), regularizers.L2(0.3), regularizers.L1L2(0.1, 0.2),
                regularizers.OrthogonalRegularizer(0.4, "columns")):
        config = regularizers.serialize(reg)
        assert config == {"module": "keras.regularizers", "class_name": type(reg).__name__,
                          "config": reg.get_config(), "registered_name": None}
        clone = regularizers.get(config)
        assert type(clone) is type(reg) and clone.get_config() == reg.get_config()
    assert regularizers.deserialize({"class_name": "L2", "config": {"l2": 0.5}}).l2 == 0.5


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError) as info:
        regularizers.get("l3")
    assert "'l3'" in str(info.value)
    for name in ("l1", "l2", "l1_l2", "orthogonal_regularizer"):
        assert name in str(info.value)
    with pytest.raises(ValueError, match="Could not interpret regularizer identifier"):
        regularizers.get(0.1)


def test_base_class():
    assert regularizers.Regularizer()(W) == 0.0
    with pytest.raises(NotImplementedError):
        regularizers.Regularizer().get_config()


def test_dense_kernel_regularizer_adds_one_loss():
    layer = tf.keras.layers.Dense(3, kernel_regularizer="l2")
    layer(np.ones((2, 4), np.float32))
    assert len(layer.losses) == 1
    assert float(layer.losses[0]) == pytest.approx(0.01 * float(np.sum(layer.kernel.numpy() ** 2)), rel=1e-5)
