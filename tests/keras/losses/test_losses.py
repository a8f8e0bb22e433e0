"""Every built-in loss: values against NumPy, gradients against finite differences, the
crossentropies' logits/probabilities agreement, label smoothing, stability, label errors,
shape handling and configs."""
import warnings

import numpy as np
import pytest

import eigenflow as tf
from eigenflow.errors import InvalidArgumentError
from eigenflow.keras import losses

EPS = 1e-7
rng = np.random.default_rng(0)
B, C = 5, 4
PROBS = rng.dirichlet(np.ones(C), size=B)
LOGITS = rng.normal(size=(B, C)) * 2
ONEHOT = np.eye(C)[rng.integers(0, C, B)]
LABELS = ONEHOT.argmax(-1)
BIN_TRUE = rng.integers(0, 2, (B, 3)).astype(np.float64)
BIN_PRED = rng.uniform(0.05, 0.95, (B, 3))
REG_TRUE = rng.normal(size=(B, 3))
REG_PRED = rng.normal(size=(B, 3))
POS_TRUE = rng.uniform(0.1, 3.0, (B, 3))
POS_PRED = rng.uniform(0.1, 3.0, (B, 3))


# ---- NumPy references, one value per sample ----------------------------------------------
def np_mse(t, p): return np.mean((t - p) ** 2, -1)
def np_mae(t, p): return np.mean(np.abs(t - p), -1)
def np_mape(t, p): return 100 * np.mean(np.abs((t - p) / np.maximum(np.abs(t), EPS)), -1)
def np_msle(t, p): return np.mean((np.log1p(np.maximum(p, EPS)) - np.log1p(np.maximum(t, EPS))) ** 2, -1)
def np_logcosh(t, p): return np.mean(np.log(np.cosh(p - t)), -1)
def np_poisson(t, p): return np.mean(p - t * np.log(p + EPS), -1)
def np_kld(t, p):
    t, p = np.clip(t, EPS, 1), np.clip(p, EPS, 1)
    return np.sum(t * np.log(t / p), -1)
def np_cos(t, p):
    return -np.sum(t * p, -1) / (np.linalg.norm(t, axis=-1) * np.linalg.norm(p, axis=-1))
def np_huber(t, p, delta=1.0):
    e = np.abs(p - t)
    return np.mean(np.where(e <= delta, 0.5 * e ** 2, delta * e - 0.5 * delta ** 2), -1)
def np_bce(t, p, smoothing=0.0):
    t = t * (1 - smoothing) + 0.5 * smoothing
    p = np.clip(p, EPS, 1 - EPS)
    return np.mean(-(t * np.log(p) + (1 - t) * np.log(1 - p)), -1)
def np_cce(t, p, smoothing=0.0):
    t = t * (1 - smoothing) + smoothing / t.shape[-1]
    p = np.clip(p / p.sum(-1, keepdims=True), EPS, 1 - EPS)
    return -np.sum(t * np.log(p), -1)
def np_scce(labels, p):
    p = np.clip(p, EPS, 1 - EPS)
    logp = np.log(p)
    return -(logp[np.arange(len(labels)), labels] - np.log(np.exp(logp).sum(-1)))
def np_hinge(t, p):
    t = 2 * t - 1 if np.all((t == 0) | (t == 1)) else t
    return np.mean(np.maximum(1 - t * p, 0), -1)
def np_sqhinge(t, p):
    t = 2 * t - 1 if np.all((t == 0) | (t == 1)) else t
    return np.mean(np.maximum(1 - t * p, 0) ** 2, -1)
def np_cathinge(t, p):
    return np.maximum(np.max((1 - t) * p, -1) - np.sum(t * p, -1) + 1, 0)
def np_sigmoid(x): return 1 / (1 + np.exp(-x))
def np_softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


CASES = [  # (function, class, kwargs, y_true, y_pred, reference)
    (losses.mean_squared_error, losses.MeanSquaredError, {}, REG_TRUE, REG_PRED, np_mse),
    (losses.mean_absolute_error, losses.MeanAbsoluteError, {}, REG_TRUE, REG_PRED, np_mae),
    (losses.mean_absolute_percentage_error, losses.MeanAbsolutePercentageError, {}, REG_TRUE, REG_PRED, np_mape),
    (losses.mean_squared_logarithmic_error, losses.MeanSquaredLogarithmicError, {}, POS_TRUE, POS_PRED, np_msle),
    (losses.huber, losses.Huber, {"delta": 0.7}, REG_TRUE, REG_PRED, lambda t, p: np_huber(t, p, 0.7)),
    (losses.log_cosh, losses.LogCosh, {}, REG_TRUE, REG_PRED, np_logcosh),
    (losses.cosine_similarity, losses.CosineSimilarity, {}, REG_TRUE, REG_PRED, np_cos),
    (losses.binary_crossentropy, losses.BinaryCrossentropy, {}, BIN_TRUE, BIN_PRED, np_bce),
    (losses.categorical_crossentropy, losses.CategoricalCrossentropy, {}, ONEHOT, PROBS, np_cce),
    (losses.sparse_categorical_crossentropy, losses.SparseCategoricalCrossentropy, {}, LABELS, PROBS, np_scce),
    (losses.kl_divergence, losses.KLDivergence, {}, PROBS, PROBS[::-1], np_kld),
    (losses.poisson, losses.Poisson, {}, POS_TRUE, POS_PRED, np_poisson),
    (losses.hinge, losses.Hinge, {}, BIN_TRUE, REG_PRED, np_hinge),
    (losses.squared_hinge, losses.SquaredHinge, {}, 2 * BIN_TRUE - 1, REG_PRED, np_sqhinge),
    (losses.categorical_hinge, losses.CategoricalHinge, {}, ONEHOT, LOGITS, np_cathinge),
]
IDS = [case[1].__name__ for case in CASES]


@pytest.mark.parametrize("fn, cls, kwargs, y_true, y_pred, reference", CASES, ids=IDS)
def test_function_gives_one_value_per_sample(fn, cls, kwargs, y_true, y_pred, reference):
    out = fn(y_true, y_pred, **kwargs)
    assert tuple(out.shape) == (B,)
    np.testing.assert_allclose(out.numpy(), reference(y_true, y_pred), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("fn, cls, kwargs, y_true, y_pred, reference", CASES, ids=IDS)
def test_class_reduces_with_sample_weight(fn, cls, kwargs, y_true, y_pred, reference):
    per_sample = reference(y_true, y_pred)
    w = np.linspace(0.0, 2.0, B)
    loss = cls(**kwargs)
    assert float(loss(y_true, y_pred)) == pytest.approx(per_sample.mean(), rel=1e-6)
    assert float(loss(y_true, y_pred, sample_weight=w)) == pytest.approx((per_sample * w).mean(), rel=1e-6)
    summed = cls(**kwargs, reduction="sum")(y_true, y_pred, sample_weight=w)
    assert float(summed) == pytest.approx((per_sample * w).sum(), rel=1e-6)
    none = cls(**kwargs, reduction="none")(y_true, y_pred)
    np.testing.assert_allclose(none.numpy(), per_sample, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("fn, cls, kwargs, y_true, y_pred, reference", CASES, ids=IDS)
def test_gradient_matches_finite_differences(fn, cls, kwargs, y_true, y_pred, reference):
    loss = cls(**kwargs)
    pred = tf.Variable(y_pred)
    with tf.GradientTape() as tape:
        value = loss(y_true, pred)
    grad = tape.gradient(value, pred).numpy()
    h = 1e-6
    numeric = np.zeros_like(y_pred)
    for idx in np.ndindex(*y_pred.shape):
        up, down = y_pred.copy(), y_pred.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = (float(loss(y_true, up)) - float(loss(y_true, down))) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("fn, cls, kwargs, y_true, y_pred, reference", CASES, ids=IDS)
def test_config_round_trip(fn, cls, kwargs, y_true, y_pred, reference):
    loss = cls(**kwargs, reduction="sum", name="custom")
    config = loss.get_config()
    assert config["name"] == "custom" and config["reduction"] == "sum"
    clone = cls.from_config(config)
    assert clone.get_config() == config
    assert float(clone(y_true, y_pred)) == pytest.approx(float(loss(y_true, y_pred)))


def test_config_keys_match_keras():
    assert set(losses.MeanSquaredError().get_config()) == {"name", "reduction"}
    assert losses.BinaryCrossentropy().get_config() == {
        "name": "binary_crossentropy", "reduction": "sum_over_batch_size", "from_logits": False,
        "label_smoothing": 0.0, "axis": -1}
    assert losses.SparseCategoricalCrossentropy().get_config() == {
        "name": "sparse_categorical_crossentropy", "reduction": "sum_over_batch_size", "from_logits": False,
        "ignore_class": None, "axis": -1}
    assert losses.Huber().get_config() == {"name": "huber_loss", "reduction": "sum_over_batch_size", "delta": 1.0}
    assert losses.CosineSimilarity(axis=1).get_config()["axis"] == 1
    assert losses.LogCosh().name == "log_cosh" and losses.KLDivergence().name == "kl_divergence"


# ---- crossentropies ------------------------------------------------------------------------
def test_from_logits_agrees_with_probabilities():
    bce_logits = losses.BinaryCrossentropy(from_logits=True)(BIN_TRUE, LOGITS[:, :3])
    bce_probs = losses.BinaryCrossentropy()(BIN_TRUE, np_sigmoid(LOGITS[:, :3]))
    assert float(bce_logits) == pytest.approx(float(bce_probs), rel=1e-6)
    cce_logits = losses.CategoricalCrossentropy(from_logits=True)(ONEHOT, LOGITS)
    cce_probs = losses.CategoricalCrossentropy()(ONEHOT, np_softmax(LOGITS))
    assert float(cce_logits) == pytest.approx(float(cce_probs), rel=1e-6)
    scce_logits = losses.SparseCategoricalCrossentropy(from_logits=True)(LABELS, LOGITS)
    scce_probs = losses.SparseCategoricalCrossentropy()(LABELS, np_softmax(LOGITS))
    assert float(scce_logits) == pytest.approx(float(scce_probs), rel=1e-6)
    assert float(scce_logits) == pytest.approx(float(cce_logits), rel=1e-6)


def test_label_smoothing_by_hand():
    # BCE: labels 1, 0 become 0.9, 0.1 with smoothing 0.2.
    out = losses.BinaryCrossentropy(label_smoothing=0.2)([[1.0, 0.0]], [[0.8, 0.3]])
    expected = -(0.9 * np.log(0.8) + 0.1 * np.log(0.2) + 0.1 * np.log(0.3) + 0.9 * np.log(0.7)) / 2
    assert float(out) == pytest.approx(expected, rel=1e-5)
    # CCE over 4 classes with smoothing 0.4: the one-hot label becomes [0.1, 0.7, 0.1, 0.1].
    p = np.array([[0.1, 0.6, 0.2, 0.1]])
    out = losses.CategoricalCrossentropy(label_smoothing=0.4)([[0.0, 1.0, 0.0, 0.0]], p)
    assert float(out) == pytest.approx(-np.sum(np.array([0.1, 0.7, 0.1, 0.1]) * np.log(p)), rel=1e-6)
    with_logits = losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.4)([[0.0, 1.0, 0.0, 0.0]],
                                                                                        np.log(p))
    assert float(with_logits) == pytest.approx(float(out), rel=1e-6)
    np.testing.assert_allclose(losses.binary_crossentropy(BIN_TRUE, BIN_PRED, label_smoothing=0.3).numpy(),
                               np_bce(BIN_TRUE, BIN_PRED, 0.3), rtol=1e-6)
    np.testing.assert_allclose(losses.categorical_crossentropy(ONEHOT, PROBS, label_smoothing=0.3).numpy(),
                               np_cce(ONEHOT, PROBS, 0.3), rtol=1e-6)


@pytest.mark.parametrize("logit", [80.0, 1000.0, -1000.0])
def test_extreme_logits_stay_finite_with_finite_gradients(logit):
    logits = tf.Variable([[logit, -logit, 0.0]])
    with tf.GradientTape(persistent=True) as tape:
        bce = losses.BinaryCrossentropy(from_logits=True)([[0.0, 1.0, 1.0]], logits)
        cce = losses.CategoricalCrossentropy(from_logits=True)([[0.0, 1.0, 0.0]], logits)
        scce = losses.SparseCategoricalCrossentropy(from_logits=True)([1], logits)
    wrong = 2 * logit if logit > 0 else 0.0  # both saturated entries wrong, or both right
    assert float(bce) == pytest.approx((wrong + np.log(2)) / 3, rel=1e-5)
    assert float(cce) == pytest.approx(wrong, rel=1e-5, abs=1e-6)
    assert float(scce) == pytest.approx(float(cce), rel=1e-6)
    for value in (bce, cce, scce):
        assert np.all(np.isfinite(tape.gradient(value, logits).numpy()))


def test_saturated_probabilities_are_clipped():
    # -log(epsilon) where a probability is exactly 0 for the true class.
    assert float(losses.binary_crossentropy([[1.0]], [[0.0]])[0]) == pytest.approx(-np.log(EPS), rel=1e-3)
    assert float(losses.categorical_crossentropy([[1.0, 0.0]], [[0.0, 1.0]])[0]) == pytest.approx(-np.log(EPS),
                                                                                               rel=1e-3)
    assert float(losses.sparse_categorical_crossentropy([0], [[0.0, 1.0]])[0]) == pytest.approx(-np.log(EPS), rel=1e-3)
    assert float(losses.binary_crossentropy([[1.0]], [[1.0]])[0]) < 1e-6


def test_activation_logits_are_used_when_kept():
    logits = tf.constant([[30.0, -30.0]])
    probs = tf.nn.softmax(logits)  # saturated: exactly [1, 0] in float32
    probs._keras_logits = logits
    assert float(losses.CategoricalCrossentropy()([[0.0, 1.0]], probs)) == pytest.approx(60.0, rel=1e-5)
    assert float(losses.SparseCategoricalCrossentropy()([1], probs)) == pytest.approx(60.0, rel=1e-5)
    with pytest.warns(UserWarning, match="from_logits=True"):
        losses.categorical_crossentropy([[0.0, 1.0]], probs, from_logits=True)
    # Through keras.activations.softmax, the gradient reaches the logits unclipped: p - y.
    z = tf.Variable([[30.0, -30.0, 0.0]])
    with tf.GradientTape() as tape:
        value = losses.CategoricalCrossentropy()([[0.0, 1.0, 0.0]], tf.keras.activations.softmax(z))
    np.testing.assert_allclose(tape.gradient(value, z).numpy(), np_softmax(z.numpy()) - [[0.0, 1.0, 0.0]],
                               atol=1e-6)


def test_logits_of_another_activation_are_not_used():
    # A 2-unit softmax output under binary_crossentropy: its logits are no sigmoid logits.
    logits = tf.constant([[2.0, 0.0]])
    probs = tf.keras.activations.softmax(logits)
    expected = np_bce(np.array([[1.0, 0.0]]), probs.numpy())
    assert float(losses.binary_crossentropy([[1.0, 0.0]], probs)[0]) == pytest.approx(expected[0], rel=1e-6)
    sig = tf.sigmoid(tf.constant([[40.0, -40.0]]))
    sig._keras_logits, sig._keras_logits_activation = tf.constant([[40.0, -40.0]]), "sigmoid"
    assert float(losses.binary_crossentropy([[0.0, 1.0]], sig)[0]) == pytest.approx(40.0, rel=1e-6)
    # Not a softmax's logits: the clipped probabilities are used (a softmax would give 80).
    assert float(losses.categorical_crossentropy([[0.0, 1.0]], sig)[0]) == pytest.approx(-np.log(EPS), rel=1e-3)


def test_categorical_crossentropy_rescales_probabilities_that_do_not_sum_to_one():
    out = losses.categorical_crossentropy([[0.0, 1.0]], [[1.0, 3.0]])
    assert float(out[0]) == pytest.approx(-np.log(0.75), rel=1e-6)


def test_categorical_crossentropy_on_another_axis():
    t, p = np.transpose(ONEHOT[:, :, None], (0, 2, 1)), np.transpose(PROBS[:, :, None], (0, 2, 1))
    out = losses.categorical_crossentropy(np.swapaxes(t, 1, 2), np.swapaxes(p, 1, 2), axis=1)
    np.testing.assert_allclose(out.numpy()[:, 0], np_cce(ONEHOT, PROBS), rtol=1e-6)


def test_categorical_crossentropy_shape_mismatch_suggests_sparse():
    with pytest.raises(ValueError, match=r"categorical_crossentropy: y_true and y_pred must have the same shape.*"
                                         r"\(5,\).*\(5, 4\).*sparse_categorical_crossentropy"):
        losses.CategoricalCrossentropy()(LABELS, PROBS)


def test_categorical_crossentropy_warns_on_one_class():
    with pytest.warns(UserWarning, match="single class"):
        losses.categorical_crossentropy([[1.0]], [[0.7]])


@pytest.mark.parametrize("bad", [4, -1])
def test_sparse_label_out_of_range_names_the_loss_and_label(bad):
    with pytest.raises(InvalidArgumentError, match=rf"sparse_categorical_crossentropy: .*label value of {bad}\b.*"
                                                   r"\[0, 4\)"):
        losses.SparseCategoricalCrossentropy()([0, bad, 1, 2, 3], PROBS)


def test_sparse_labels_shape_mismatch():
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy: y_true must hold one class index per "
                                         r"sample.*one-hot labels use categorical_crossentropy"):
        losses.SparseCategoricalCrossentropy()(ONEHOT, PROBS)


def test_sparse_label_forms():
    expected = np_scce(LABELS, PROBS)
    for labels in (LABELS, LABELS[:, None], LABELS.astype(np.float32), LABELS.astype(np.int32)):
        np.testing.assert_allclose(losses.sparse_categorical_crossentropy(labels, PROBS).numpy(), expected,
                                   rtol=1e-6)


def test_sparse_sequences_and_class_axis():
    logits = rng.normal(size=(2, 3, C))
    labels = rng.integers(0, C, (2, 3))
    expected = -np.log(np_softmax(logits))[np.arange(2)[:, None], np.arange(3)[None], labels]
    out = losses.sparse_categorical_crossentropy(labels, logits, from_logits=True)
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-6)
    channels_first = np.transpose(logits, (0, 2, 1))
    out = losses.sparse_categorical_crossentropy(labels, channels_first, from_logits=True, axis=1)
    np.testing.assert_allclose(out.numpy(), expected, rtol=1e-6)


def test_sparse_ignore_class_leaves_samples_out_of_the_mean():
    labels = np.array([0, 2, 2, 1, 3])
    per_sample = -np.log(np_softmax(LOGITS))[np.arange(B), labels]
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=2)
    keep = labels != 2
    assert float(loss(labels, LOGITS)) == pytest.approx(per_sample[keep].mean(), rel=1e-6)
    none = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=2, reduction="none")(labels, LOGITS)
    np.testing.assert_allclose(none.numpy(), np.where(keep, per_sample, 0.0), rtol=1e-6)
    summed = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=2, reduction="sum")(labels, LOGITS)
    assert float(summed) == pytest.approx(per_sample[keep].sum(), rel=1e-6)
    # A padding label outside [0, classes) is fine when it is the ignored class.
    padded = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)([0, -1], LOGITS[:2])
    assert float(padded) == pytest.approx(-np.log(np_softmax(LOGITS[:1]))[0, 0], rel=1e-6)


# ---- shapes --------------------------------------------------------------------------------
@pytest.mark.parametrize("loss", [losses.mean_squared_error, losses.binary_crossentropy, losses.mean_absolute_error,
                                  losses.hinge, losses.log_cosh])
def test_labels_of_shape_batch_against_batch_by_one_do_not_broadcast(loss):
    y_true = np.array([1.0, 0.0, 1.0, 0.0])
    y_pred = np.array([[0.9], [0.2], [0.4], [0.3]])
    out = loss(y_true, y_pred)
    assert tuple(out.shape) == (4,)
    np.testing.assert_allclose(out.numpy(), loss(y_true[:, None], y_pred).numpy())
    np.testing.assert_allclose(loss(y_pred, y_true).numpy(), loss(y_pred, y_true[:, None]).numpy())


def test_class_with_rank_one_labels_and_column_predictions():
    y_true = np.array([1.0, 0.0, 1.0, 0.0])
    y_pred = np.array([[0.9], [0.2], [0.4], [0.3]])
    assert float(losses.MeanSquaredError()(y_true, y_pred)) == pytest.approx(np.mean((y_true - y_pred[:, 0]) ** 2))
    assert float(losses.BinaryCrossentropy()(y_true, y_pred)) == pytest.approx(np_bce(y_true[:, None], y_pred).mean(),
                                                                                rel=1e-6)


def test_binary_crossentropy_shape_mismatch():
    with pytest.raises(ValueError, match=r"binary_crossentropy: y_true and y_pred must have the same shape"):
        losses.binary_crossentropy(np.zeros((4, 2)), np.zeros((4, 3)))


def test_rank_one_inputs_reduce_to_a_scalar_as_in_keras():
    assert float(losses.mean_squared_error([1.0, 2.0], [1.0, 4.0])) == 2.0
    assert float(losses.MeanSquaredError()([1.0, 2.0], [1.0, 4.0])) == 2.0


# ---- the rest -------------------------------------------------------------------------------
def test_hinge_keeps_minus_one_one_labels():
    np.testing.assert_allclose(losses.hinge([[-1.0, 1.0]], [[0.5, 0.5]]).numpy(), [1.0])
    np.testing.assert_allclose(losses.hinge([[0.0, 1.0]], [[0.5, 0.5]]).numpy(), [1.0])


def test_cosine_similarity_of_a_zero_vector_is_zero():
    out = losses.cosine_similarity([[0.0, 0.0], [1.0, 2.0]], [[1.0, 1.0], [2.0, 4.0]])
    np.testing.assert_allclose(out.numpy(), [0.0, -1.0], atol=1e-6)


def test_huber_is_quadratic_then_linear():
    out = losses.huber([[0.0, 0.0, 0.0]], [[0.5, 2.0, -3.0]], delta=1.0)
    assert float(out[0]) == pytest.approx((0.125 + 1.5 + 2.5) / 3)


def test_loss_function_wrapper():
    def weighted_abs(y_true, y_pred, scale=1.0):
        return scale * tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)

    loss = losses.LossFunctionWrapper(weighted_abs, scale=3.0)
    assert loss.name == "weighted_abs"
    assert float(loss([[1.0], [2.0]], [[2.0], [2.0]])) == pytest.approx(1.5)
    config = loss.get_config()
    assert config["scale"] == 3.0
    assert float(losses.LossFunctionWrapper.from_config(config)([[1.0]], [[2.0]])) == pytest.approx(3.0)
    built_in = losses.LossFunctionWrapper(losses.mean_squared_error, name="m")
    assert built_in.get_config()["fn"] == "mean_squared_error"
    clone = losses.LossFunctionWrapper.from_config(built_in.get_config())
    assert clone.fn is losses.mean_squared_error


@pytest.mark.parametrize("make, message", [
    (lambda: losses.BinaryCrossentropy(label_smoothing=1.5), r"BinaryCrossentropy: label_smoothing must be .*1\.5"),
    (lambda: losses.CategoricalCrossentropy(axis=True), r"CategoricalCrossentropy: axis must be an int"),
    (lambda: losses.SparseCategoricalCrossentropy(ignore_class=1.5), r"ignore_class must be an int"),
    (lambda: losses.Huber(delta=-1.0), r"Huber: delta must be a non-negative number"),
    (lambda: losses.CosineSimilarity(axis="x"), r"CosineSimilarity: axis must be an int"),
    (lambda: losses.LossFunctionWrapper(3), r"LossFunctionWrapper: fn must be callable"),
])
def test_bad_arguments(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_no_warnings_in_the_common_case():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        losses.CategoricalCrossentropy()(ONEHOT, PROBS)
        losses.BinaryCrossentropy(from_logits=True)(BIN_TRUE, BIN_PRED)
