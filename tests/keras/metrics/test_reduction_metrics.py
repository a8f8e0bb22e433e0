"""Mean, Sum and MeanMetricWrapper: accumulation, sample weights, reset, config."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import metrics


def test_mean_accumulates_across_updates():
    m = metrics.Mean()
    m.update_state([1.0, 3.0, 5.0, 7.0])
    assert float(m.result()) == 4.0
    m.update_state(10.0)  # a scalar counts as one sample
    assert float(m.result()) == pytest.approx(26.0 / 5)
    m.update_state(tf.constant([[1.0, 2.0], [3.0, 4.0]]))  # per-sample means 1.5, 3.5
    assert float(m.result()) == pytest.approx(31.0 / 7)
    assert [float(v) for v in m.variables] == pytest.approx([31.0, 7.0])
    m.reset_state()
    assert float(m.result()) == 0.0 and float(m.count) == 0.0


def test_mean_sample_weight_forms():
    values = np.array([1.0, 3.0, 5.0, 7.0])
    for w in ([1, 1, 0, 0], np.array([[1], [1], [0], [0]]), tf.constant([1.0, 1.0, 0.0, 0.0])):
        m = metrics.Mean()
        m.update_state(values, sample_weight=w)
        assert float(m.result()) == 2.0
    m = metrics.Mean()
    m.update_state(values, sample_weight=2.0)  # a scalar weight weighs the batch mean
    assert float(m.result()) == 4.0 and float(m.count) == 2.0



def test_mean_of_scalars_weighted_by_a_float_as_by_a_tensor():
    # fit weights each batch's loss by its batch size, a float: the short path must agree
    # with the general one, eagerly and traced.
    by_float, by_tensor = metrics.Mean(), metrics.Mean()
    traced = tf.function(lambda v, w: by_float.update_state(v, sample_weight=w))
    for value, weight in [(1.5, 32.0), (2.25, 8.0), (0.1, 3.0)]:
        by_float.update_state(tf.constant(value), sample_weight=weight)
        by_tensor.update_state(tf.constant(value), sample_weight=tf.constant(weight))
    traced(tf.constant(4.0), 5.0)
    by_tensor.update_state(tf.constant(4.0), sample_weight=tf.constant(5.0))
    assert float(by_float.result()) == float(by_tensor.result())
    assert float(by_float.count) == float(by_tensor.count) == 48.0

def test_mean_of_sequences_with_per_sample_and_per_step_weights():
    values = np.array([[1.0, 3.0], [5.0, 7.0]])
    m = metrics.Mean()
    m.update_state(values, sample_weight=[1.0, 3.0])
    assert float(m.result()) == pytest.approx((2.0 * 1 + 6.0 * 3) / 4)
    m = metrics.Mean()
    m.update_state(values, sample_weight=[[1.0, 0.0], [1.0, 1.0]])
    # Keras: weighted values averaged per sample (0.5, 6) over per-sample mean weights (0.5, 1).
    assert float(m.result()) == pytest.approx((0.5 + 6.0) / 1.5)


def test_mean_all_zero_weights_gives_zero_not_nan():
    m = metrics.Mean()
    m.update_state([1.0, 2.0], sample_weight=[0.0, 0.0])
    assert float(m.result()) == 0.0


def test_mean_dtype():
    m = metrics.Mean(dtype="float64")
    m.update_state(np.array([1, 2], dtype=np.int32))
    assert m.result().dtype == tf.float64 and float(m.result()) == 1.5


def test_sum():
    m = metrics.Sum()
    m.update_state([1, 3, 5, 7])
    m.update_state([[1.0, 2.0]], sample_weight=[2.0])
    assert float(m.result()) == 22.0
    m.reset_state()
    m.update_state([1, 3, 5, 7], sample_weight=[1, 1, 0, 0])
    assert float(m.result()) == 4.0


def test_mean_metric_wrapper_with_kwargs_and_weights():
    def scaled_error(y_true, y_pred, scale=1.0):
        return scale * tf.abs(tf.constant(y_true, dtype=tf.float32) - tf.constant(y_pred, dtype=tf.float32))

    m = metrics.MeanMetricWrapper(scaled_error, name="scaled", scale=2.0)
    m.update_state([0.0, 0.0], [1.0, 3.0])
    m.update_state([0.0], [5.0], sample_weight=[2.0])
    assert float(m.result()) == pytest.approx((2 + 6 + 2 * 10) / 4)
    config = m.get_config()
    assert config["scale"] == 2.0 and config["name"] == "scaled"
    clone = metrics.MeanMetricWrapper.from_config(config)
    clone.update_state([0.0], [1.0])
    assert float(clone.result()) == 2.0


def test_mean_metric_wrapper_of_a_builtin_function_serializes_by_name():
    m = metrics.MeanMetricWrapper(tf.keras.losses.mean_absolute_error, name="mae")
    config = m.get_config()
    assert config["fn"] == "mean_absolute_error"
    clone = metrics.MeanMetricWrapper.from_config(config)
    clone.update_state([[1.0], [2.0]], [[2.0], [2.0]])
    assert float(clone.result()) == 0.5


def test_mean_metric_wrapper_applies_the_mask_of_y_pred():
    y_pred = tf.constant([[1.0], [5.0], [9.0]])
    y_pred._keras_mask = tf.constant([True, True, False])
    m = metrics.MeanMetricWrapper(tf.keras.losses.mean_absolute_error)
    m.update_state(np.zeros((3, 1)), y_pred)
    assert float(m.result()) == 3.0


def test_mean_metric_wrapper_needs_a_callable():
    with pytest.raises(ValueError, match="MeanMetricWrapper: fn must be callable"):
        metrics.MeanMetricWrapper("mse")
