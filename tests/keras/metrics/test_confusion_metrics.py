"""Confusion-count metrics, Precision, Recall and AUC against a NumPy reference."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import metrics

EPS = 1e-7
rng = np.random.default_rng(3)
Y_TRUE = rng.integers(0, 2, (12, 3)).astype(np.float32)
Y_PRED = np.clip(0.6 * Y_TRUE + rng.uniform(-0.1, 0.5, (12, 3)), 0, 1).astype(np.float32)
WEIGHTS = rng.uniform(0, 2, 12).astype(np.float32)


def np_counts(y_true, y_pred, thresholds, weights=None, per_label=False):
    """Weighted (tp, fp, tn, fn) at each threshold: predicted positive when above it."""
    y_true, y_pred = np.asarray(y_true, np.float64), np.asarray(y_pred, np.float64)
    w = np.ones_like(y_pred) if weights is None else np.asarray(weights, np.float64)
    if w.ndim < y_pred.ndim:  # one weight per sample
        w = w.reshape(-1, *([1] * (y_pred.ndim - 1)))
    w = np.broadcast_to(w, y_pred.shape)
    positive = y_true != 0
    above = y_pred[None] > np.asarray(thresholds, np.float64).reshape(-1, *([1] * y_pred.ndim))
    axes = (1,) if per_label else tuple(range(1, y_pred.ndim + 1))
    tp = np.sum(above * positive * w, axis=axes)
    fp = np.sum(above * ~positive * w, axis=axes)
    fn = np.sum(~above * positive * w, axis=axes)
    tn = np.sum(~above * ~positive * w, axis=axes)
    return tp, fp, tn, fn


def ratio(a, b):
    return np.where(b == 0, 0.0, a / np.where(b == 0, 1, b))


def np_auc(tp, fp, tn, fn, curve="ROC", summation="interpolation"):
    if curve == "PR" and summation == "interpolation":
        dtp = tp[:-1] - tp[1:]
        p = tp + fp
        dp = p[:-1] - p[1:]
        slope = ratio(dtp, np.maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        safe = np.where((p[:-1] > 0) & (p[1:] > 0), ratio(p[:-1], np.maximum(p[1:], 0)), 1.0)
        return np.sum(ratio(slope * (dtp + intercept * np.log(safe)), np.maximum(tp[1:] + fn[1:], 0)), axis=0)
    recall = ratio(tp, tp + fn)
    x, y = (ratio(fp, fp + tn), recall) if curve == "ROC" else (recall, ratio(tp, tp + fp))
    heights = {"interpolation": (y[:-1] + y[1:]) / 2, "minoring": np.minimum(y[:-1], y[1:]),
               "majoring": np.maximum(y[:-1], y[1:])}[summation]
    return np.sum((x[:-1] - x[1:]) * heights, axis=0)


def auc_thresholds(n):
    return [-EPS] + [(i + 1) / (n - 1) for i in range(n - 2)] + [1 + EPS]


# ---- counts ---------------------------------------------------------------------------------
@pytest.mark.parametrize("cls, index", [(metrics.TruePositives, 0), (metrics.FalsePositives, 1),
                                        (metrics.TrueNegatives, 2), (metrics.FalseNegatives, 3)])
def test_counts_with_thresholds_and_weights(cls, index):
    m = cls()
    m.update_state(Y_TRUE, Y_PRED, sample_weight=WEIGHTS)
    assert float(m.result()) == pytest.approx(np_counts(Y_TRUE, Y_PRED, [0.5], WEIGHTS)[index][0], rel=1e-5)
    m = cls(thresholds=[0.15, 0.5, 0.85])
    m.update_state(Y_TRUE, Y_PRED)
    m.update_state(Y_TRUE[:4], Y_PRED[:4], sample_weight=WEIGHTS[:4])
    expected = np_counts(Y_TRUE, Y_PRED, [0.15, 0.5, 0.85])[index] + \
        np_counts(Y_TRUE[:4], Y_PRED[:4], [0.15, 0.5, 0.85], WEIGHTS[:4])[index]
    np.testing.assert_allclose(m.result().numpy(), expected, rtol=1e-5)
    m.reset_state()
    np.testing.assert_array_equal(m.result().numpy(), [0, 0, 0])
    assert m.get_config()["thresholds"] == [0.15, 0.5, 0.85]


def test_counts_by_hand():
    m = metrics.TruePositives()
    m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    assert float(m.result()) == 2.0
    m = metrics.FalseNegatives()
    m.update_state([0, 1, 1, 1], [1, 0, 1, 1], sample_weight=[0, 5, 0, 0])
    assert float(m.result()) == 5.0


# ---- precision and recall -------------------------------------------------------------------
def test_precision_and_recall_by_hand():
    p, r = metrics.Precision(), metrics.Recall()
    for m in (p, r):
        m.update_state([0, 1, 1, 1], [1, 0, 1, 1])
    assert float(p.result()) == pytest.approx(2 / 3) and float(r.result()) == pytest.approx(2 / 3)
    for m in (p, r):
        m.update_state([1, 0], [1, 0], sample_weight=[3, 1])
    assert float(p.result()) == pytest.approx(5 / 6) and float(r.result()) == pytest.approx(5 / 6)
    empty = metrics.Precision()
    empty.update_state([0, 0], [0.1, 0.2])
    assert float(empty.result()) == 0.0  # no positive prediction: 0, not nan


@pytest.mark.parametrize("thresholds", [None, [0.3, 0.55, 0.8], [0.0, 0.25, 0.5, 0.75, 1.0]])
def test_precision_recall_against_numpy(thresholds):
    cuts = [0.5] if thresholds is None else thresholds
    tp, fp, tn, fn = np_counts(Y_TRUE, Y_PRED, cuts, WEIGHTS)
    p, r = metrics.Precision(thresholds=thresholds), metrics.Recall(thresholds=thresholds)
    for m in (p, r):
        m.update_state(Y_TRUE, Y_PRED, sample_weight=WEIGHTS)
    expected_p, expected_r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    if thresholds is None:
        expected_p, expected_r = expected_p[0], expected_r[0]
    np.testing.assert_allclose(p.result().numpy(), expected_p, rtol=1e-5)
    np.testing.assert_allclose(r.result().numpy(), expected_r, rtol=1e-5)


def test_precision_top_k_and_class_id():
    y_true = np.array([[0, 0, 1, 1], [1, 0, 0, 0]], dtype=np.float32)
    y_pred = np.array([[0.4, 0.3, 0.2, 0.9], [0.6, 0.7, 0.1, 0.0]], dtype=np.float32)
    m = metrics.Precision(top_k=2)  # top two: classes 3, 0 then 1, 0: right 1 + 1 of 4
    m.update_state(y_true, y_pred)
    assert float(m.result()) == 0.5
    m = metrics.Recall(top_k=1)  # top one: class 3 (right), class 1 (wrong): 1 of 3 positives
    m.update_state(y_true, y_pred)
    assert float(m.result()) == pytest.approx(1 / 3)
    tie = metrics.Precision(top_k=1)  # a tie goes to the lower index, as top_k does
    tie.update_state([[1, 0]], [[0.5, 0.5]])
    assert float(tie.result()) == 1.0
    m = metrics.Precision(class_id=0)  # class 0: predicted 0.4 (no), 0.6 (yes, right)
    m.update_state(y_true, y_pred)
    assert float(m.result()) == 1.0
    m = metrics.Recall(class_id=2, thresholds=0.15)  # class 2: label 1 with 0.2, predicted
    m.update_state(y_true, y_pred)
    assert float(m.result()) == 1.0
    assert m.get_config() == {"name": m.name, "dtype": "float32", "thresholds": 0.15, "top_k": None,
                              "class_id": 2}


def test_precision_recall_config_round_trip():
    m = metrics.Recall(thresholds=[0.2, 0.7], name="r", dtype="float64")
    assert metrics.Recall.from_config(m.get_config()).get_config() == m.get_config()
    assert [v.name for v in m.variables] == ["true_positives", "false_negatives"]
    assert [v.name for v in metrics.Precision().variables] == ["true_positives", "false_positives"]


@pytest.mark.parametrize("make, message", [
    (lambda: metrics.Precision(thresholds=1.5), r"Precision: thresholds must be values in \[0, 1\]"),
    (lambda: metrics.Recall(top_k=0), r"Recall: top_k must be a positive integer"),
    (lambda: metrics.Precision(class_id=-1), r"Precision: class_id must be a non-negative integer"),
    (lambda: metrics.AUC(num_thresholds=1), r"AUC: num_thresholds must be an integer > 1"),
    (lambda: metrics.AUC(curve="XY"), r"AUC: curve must be one of"),
    (lambda: metrics.AUC(summation_method="simpson"), r"AUC: summation_method must be one of"),
    (lambda: metrics.AUC(num_labels=3), r"AUC: num_labels is needed only when multi_label=True"),
])
def test_bad_arguments(make, message):
    with pytest.raises(ValueError, match=message):
        make()


# ---- AUC ------------------------------------------------------------------------------------
def test_auc_by_hand():
    m = metrics.AUC(num_thresholds=3)
    m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9])
    # Thresholds (-eps, 0.5, 1+eps): (fpr, tpr) = (1, 1), (0, 0.5), (0, 0): trapezoids 0.75.
    assert float(m.result()) == pytest.approx(0.75)


@pytest.mark.parametrize("curve, summation", [("ROC", "interpolation"), ("ROC", "minoring"), ("ROC", "majoring"),
                                              ("PR", "interpolation"), ("PR", "minoring"), ("PR", "majoring")])
def test_auc_against_numpy(curve, summation):
    m = metrics.AUC(num_thresholds=25, curve=curve, summation_method=summation)
    m.update_state(Y_TRUE, Y_PRED)
    m.update_state(Y_TRUE[:5], Y_PRED[:5], sample_weight=WEIGHTS[:5])
    counts = [a + b for a, b in zip(np_counts(Y_TRUE, Y_PRED, auc_thresholds(25)),
                                    np_counts(Y_TRUE[:5], Y_PRED[:5], auc_thresholds(25), WEIGHTS[:5]))]
    for v, expected in zip((m.true_positives, m.false_positives, m.true_negatives, m.false_negatives), counts):
        np.testing.assert_allclose(v.numpy(), expected, rtol=1e-5, atol=1e-5)
    assert float(m.result()) == pytest.approx(np_auc(*counts, curve, summation), rel=1e-5)


def test_auc_with_many_thresholds_approaches_the_exact_roc_auc():
    scores = rng.uniform(size=300)
    labels = (rng.uniform(size=300) < scores).astype(np.float32)
    pos, neg = scores[labels == 1], scores[labels == 0]
    exact = np.mean((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :]))
    m = metrics.AUC(num_thresholds=2000)
    m.update_state(labels, scores.astype(np.float32))
    assert float(m.result()) == pytest.approx(exact, abs=2e-3)


def test_auc_explicit_thresholds():
    m = metrics.AUC(thresholds=[0.7, 0.2, 0.5])
    assert m.num_thresholds == 5 and m.thresholds == pytest.approx([-EPS, 0.2, 0.5, 0.7, 1 + EPS])
    m.update_state(Y_TRUE, Y_PRED)
    counts = np_counts(Y_TRUE, Y_PRED, [-EPS, 0.2, 0.5, 0.7, 1 + EPS])
    assert float(m.result()) == pytest.approx(np_auc(*counts), rel=1e-5)
    assert m.get_config()["thresholds"] == pytest.approx([0.2, 0.5, 0.7])


def test_auc_multi_label_and_label_weights():
    m = metrics.AUC(num_thresholds=30, multi_label=True)
    assert m.variables == []  # built on the first batch
    m.update_state(Y_TRUE, Y_PRED, sample_weight=WEIGHTS)
    counts = np_counts(Y_TRUE, Y_PRED, auc_thresholds(30), WEIGHTS, per_label=True)
    assert tuple(m.true_positives.shape) == (30, 3)
    per_label = np_auc(*counts)
    assert float(m.result()) == pytest.approx(per_label.mean(), rel=1e-5)
    weighted = metrics.AUC(num_thresholds=30, multi_label=True, num_labels=3, label_weights=[1.0, 0.0, 3.0])
    weighted.update_state(Y_TRUE, Y_PRED, sample_weight=WEIGHTS)
    assert float(weighted.result()) == pytest.approx((per_label[0] + 3 * per_label[2]) / 4, rel=1e-5)
    pooled = metrics.AUC(num_thresholds=30, label_weights=[1.0, 0.0, 3.0])
    pooled.update_state(Y_TRUE, Y_PRED)
    counts = np_counts(Y_TRUE, Y_PRED, auc_thresholds(30), np.ones(12)[:, None] * [1.0, 0.0, 3.0])
    assert float(pooled.result()) == pytest.approx(np_auc(*counts), rel=1e-5)


def test_auc_from_logits():
    logits = np.log(Y_PRED + 1e-3) - np.log(1 - Y_PRED + 1e-3)
    a, b = metrics.AUC(from_logits=True), metrics.AUC()
    a.update_state(Y_TRUE, logits)
    b.update_state(Y_TRUE, 1 / (1 + np.exp(-logits)))
    assert float(a.result()) == pytest.approx(float(b.result()), rel=1e-5)


def test_auc_reset_and_config():
    m = metrics.AUC(num_thresholds=10, curve="pr", name="pr_auc")
    m.update_state(Y_TRUE, Y_PRED)
    m.reset_state()
    assert all(float(np.sum(v.numpy())) == 0 for v in m.variables)
    config = m.get_config()
    assert config == {"name": "pr_auc", "dtype": "float32", "num_thresholds": 10, "curve": "PR",
                      "summation_method": "interpolation", "multi_label": False, "num_labels": None,
                      "label_weights": None, "from_logits": False}
    assert metrics.AUC.from_config(config).get_config() == config
    assert [v.name for v in m.variables] == ["true_positives", "false_positives", "true_negatives",
                                            "false_negatives"]


def test_auc_updates_inside_a_gradient_tape():
    pred = tf.Variable(Y_PRED)
    m = metrics.AUC()
    with tf.GradientTape() as tape:
        m.update_state(Y_TRUE, pred)
        out = m.result()
    assert 0.5 < float(out) <= 1.0
