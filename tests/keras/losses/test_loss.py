"""The Loss base class: reductions, sample weights, masks, dtypes, config, rank alignment."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import losses
from eigenflow.keras.losses.loss import reduce_weighted_values, squeeze_or_expand_to_same_rank


class PerSample(losses.Loss):
    """Returns y_pred's first column: per-sample values chosen by the test."""

    def call(self, y_true, y_pred):
        return y_pred[:, 0] - y_true[:, 0]


VALUES = np.array([[1.0], [2.0], [3.0], [6.0]], dtype=np.float32)
ZEROS = np.zeros_like(VALUES)
WEIGHTS = np.array([1.0, 0.0, 2.0, 0.5], dtype=np.float32)


@pytest.mark.parametrize("reduction, expected", [
    ("sum_over_batch_size", (1 + 2 + 3 + 6) / 4),
    ("auto", (1 + 2 + 3 + 6) / 4),
    ("mean", (1 + 2 + 3 + 6) / 4),
    ("sum", 12.0),
    ("mean_with_sample_weight", 3.0),
])
def test_reductions_without_weights(reduction, expected):
    assert float(PerSample(reduction=reduction)(ZEROS, VALUES)) == pytest.approx(expected)


@pytest.mark.parametrize("reduction", ["none", None])
def test_no_reduction_returns_per_sample_values(reduction):
    out = PerSample(reduction=reduction)(ZEROS, VALUES, sample_weight=WEIGHTS)
    np.testing.assert_allclose(out.numpy(), [1.0, 0.0, 6.0, 3.0])


@pytest.mark.parametrize("reduction, expected", [
    ("sum_over_batch_size", (1 + 0 + 6 + 3) / 4),  # a weight of 0 still counts the sample
    ("sum", 10.0),
    ("mean_with_sample_weight", 10.0 / 3.5),
])
def test_reductions_with_weights(reduction, expected):
    assert float(PerSample(reduction=reduction)(ZEROS, VALUES, sample_weight=WEIGHTS)) == pytest.approx(expected)


@pytest.mark.parametrize("weight", [WEIGHTS, WEIGHTS[:, None], list(WEIGHTS), tf.constant(WEIGHTS)])
def test_sample_weight_forms_give_the_same_loss(weight):
    assert float(PerSample()(ZEROS, VALUES, sample_weight=weight)) == pytest.approx(2.5)


def test_scalar_sample_weight_scales_the_loss():
    assert float(PerSample()(ZEROS, VALUES, sample_weight=2.0)) == pytest.approx(6.0)


def test_per_sample_weight_broadcasts_over_a_samples_values():
    # SparseCategoricalCrossentropy on sequences: per-step losses (batch, steps).
    logits = np.log(np.array([[[0.5, 0.5], [0.9, 0.1]], [[0.2, 0.8], [0.5, 0.5]]], dtype=np.float32))
    labels = np.array([[0, 0], [1, 1]])
    steps = -np.log([[0.5, 0.9], [0.8, 0.5]])
    loss = losses.SparseCategoricalCrossentropy(from_logits=True)
    w = np.array([2.0, 0.0], dtype=np.float32)
    assert float(loss(labels, logits, sample_weight=w)) == pytest.approx((steps * w[:, None]).sum() / 4, rel=1e-5)
    w_steps = np.array([[1.0, 0.0], [0.0, 3.0]], dtype=np.float32)
    assert float(loss(labels, logits, sample_weight=w_steps)) == pytest.approx((steps * w_steps).sum() / 4, rel=1e-5)


def test_mask_on_y_pred_averages_over_valid_entries():
    y_pred = tf.constant(VALUES)
    y_pred._keras_mask = tf.constant([True, True, False, False])
    assert float(PerSample()(ZEROS, y_pred)) == pytest.approx(1.5)
    assert float(PerSample(reduction="sum")(ZEROS, y_pred)) == pytest.approx(3.0)


def test_reduce_weighted_values_of_a_scalar_is_the_scalar():
    assert float(reduce_weighted_values(tf.constant(4.0))) == 4.0
    assert float(reduce_weighted_values(tf.zeros([0]))) == 0.0


def test_invalid_reduction_names_the_class():
    with pytest.raises(ValueError, match=r"MeanSquaredError: reduction must be one of .*received reduction='avg'"):
        losses.MeanSquaredError(reduction="avg")


def test_keras2_reduction_names():
    assert losses.Reduction.SUM == "sum" and losses.Reduction.NONE == "none"
    assert losses.Reduction.AUTO in losses.Reduction.all()
    loss = losses.MeanSquaredError(reduction=losses.Reduction.SUM_OVER_BATCH_SIZE)
    assert float(loss([[0.0], [0.0]], [[1.0], [3.0]])) == 5.0


def test_dtype_follows_y_pred_unless_given():
    y64 = np.array([[1.0, 2.0]], dtype=np.float64)
    assert losses.MeanSquaredError()(y64, y64 + 1).dtype == tf.float64
    assert losses.MeanSquaredError()([[1, 2]], [[2, 4]]).dtype == tf.float32  # ints become floatx
    loss = losses.MeanSquaredError(dtype="float64")
    assert loss.dtype == "float64"
    assert loss(np.ones((1, 2), np.float32), np.zeros((1, 2), np.float32)).dtype == tf.float64
    assert losses.MeanSquaredError().dtype == "float32"


def test_integer_y_true_is_cast_to_y_pred_dtype():
    out = losses.MeanAbsoluteError()(np.array([[1, 0]]), np.array([[0.5, 0.5]], np.float32))
    assert out.dtype == tf.float32 and float(out) == pytest.approx(0.5)


def test_config_round_trip_and_names():
    loss = PerSample(name="mine", reduction="sum")
    assert loss.get_config() == {"name": "mine", "reduction": "sum"}
    clone = PerSample.from_config(loss.get_config())
    assert clone.name == "mine" and clone.reduction == "sum"
    tf.keras.backend.clear_session()
    assert PerSample().name == "per_sample" and PerSample().name == "per_sample_1"


def test_subclass_without_call_raises():
    with pytest.raises(NotImplementedError, match="Loss must implement call"):
        losses.Loss()([1.0], [1.0])


def test_custom_loss_is_differentiable():
    class Cube(losses.Loss):
        def call(self, y_true, y_pred):
            return tf.reduce_mean((y_pred - y_true) ** 3, axis=-1)

    w = tf.Variable([[2.0, 3.0]])
    with tf.GradientTape() as tape:
        value = Cube()([[1.0, 1.0]], w)
    np.testing.assert_allclose(tape.gradient(value, w).numpy(), [[1.5, 6.0]])


@pytest.mark.parametrize("a, b, expected", [
    ((4,), (4, 1), ((4, 1), (4, 1))),
    ((4, 1), (4,), ((4, 1), (4, 1))),
    ((4, 3, 1), (4, 3), ((4, 3), (4, 3))),
    ((4, 3), (4, 3, 1), ((4, 3), (4, 3))),
    ((4, 3), (4,), ((4, 3), (4,))),
    ((4, 2), (4, 2), ((4, 2), (4, 2))),
])
def test_squeeze_or_expand_to_same_rank(a, b, expected):
    x, y = squeeze_or_expand_to_same_rank(tf.zeros(a), tf.zeros(b))
    assert (tuple(x.shape), tuple(y.shape)) == expected


def test_squeeze_instead_of_expand_when_asked():
    x, y = squeeze_or_expand_to_same_rank(tf.zeros((4,)), tf.zeros((4, 1)), expand_rank_1=False)
    assert tuple(x.shape) == (4,) and tuple(y.shape) == (4,)
