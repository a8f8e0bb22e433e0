"""The Metric base class: state variables, reset, Keras 2 compatibility, config."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import metrics


class CountAbove(metrics.Metric):
    """Counts predictions above a threshold (weighted)."""

    def __init__(self, threshold=0.5, name="count_above", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.threshold = threshold
        self.count = self.add_variable(shape=(), initializer="zeros", name="count")

    def update_state(self, y_true, y_pred, sample_weight=None):
        above = tf.cast(tf.constant(y_pred) > self.threshold, self.dtype)
        if sample_weight is not None:
            above = above * tf.constant(sample_weight, dtype=self.dtype)
        self.count.assign_add(tf.reduce_sum(above))

    def result(self):
        return tf.identity(self.count)

    def get_config(self):
        return {**super().get_config(), "threshold": self.threshold}


def test_state_accumulates_and_resets():
    m = CountAbove()
    m.update_state(None, [0.9, 0.1, 0.7])
    m.update_state(None, [0.6], sample_weight=[2.0])
    assert float(m.result()) == 4.0
    m.reset_state()
    assert float(m.result()) == 0.0
    assert float(m(None, [0.9])) == 1.0  # __call__ updates and returns the result
    m.reset_states()  # Keras 2's name
    assert float(m.result()) == 0.0


def test_variables_are_non_trainable_tf_variables():
    m = CountAbove(dtype="float64")
    assert len(m.variables) == 1
    v = m.variables[0]
    assert isinstance(v, tf.Variable) and not v.trainable and v.dtype == tf.float64
    assert v.name == "count" and v.path == "count_above/count"
    assert m.weights == m.variables == m.non_trainable_variables and m.trainable_variables == []


def test_variables_in_attributes_and_sub_metrics_are_tracked():
    class Pair(metrics.Metric):
        def __init__(self):
            super().__init__(name="pair")
            self.own = self.add_weight(name="own", shape=(2,), initializer="zeros")  # Keras 2's name
            self.extra = tf.Variable(1.0, trainable=False)
            self.inner = metrics.Mean()

        def update_state(self, values):
            self.inner.update_state(values)

        def result(self):
            return self.inner.result()

    m = Pair()
    assert [v.name for v in m.variables] == ["own", "Variable:0", "total", "count"]
    m.update_state([2.0, 4.0])
    m.extra.assign(5.0)
    m.reset_state()
    assert [float(np.sum(v.numpy())) for v in m.variables] == [0.0, 0.0, 0.0, 0.0]


def test_keras2_metric_overriding_reset_states_only():
    class Old(CountAbove):
        def reset_states(self):
            self.count.assign(-1.0)

    m = Old()
    m.reset_state()  # what fit calls
    assert float(m.result()) == -1.0


def test_keras2_positional_name():
    assert metrics.Mean("my_mean").name == "my_mean"  # Mean(name, dtype)
    assert metrics.Metric("legacy").name == "legacy" and metrics.Metric("legacy").dtype == "float32"
    assert metrics.Metric("float64").dtype == "float64"  # Keras 3's order: (dtype, name)


def test_default_names_and_name_setter():
    tf.keras.backend.clear_session()
    assert CountAbove().name == "count_above"
    assert metrics.Precision().name == "precision" and metrics.Precision().name == "precision_1"
    m = metrics.Mean()
    m.name = "loss"
    assert m.name == "loss"


def test_config_round_trip():
    m = CountAbove(threshold=0.3, name="c", dtype="float64")
    config = m.get_config()
    assert config == {"name": "c", "dtype": "float64", "threshold": 0.3}
    assert CountAbove.from_config(config).get_config() == config


def test_missing_super_init_and_abstract_methods():
    class Broken(metrics.Metric):
        def __init__(self):
            self.v = self.add_variable(shape=(), name="v")

    with pytest.raises(RuntimeError, match=r"Broken: call super\(\).__init__\(\) before add_variable"):
        Broken()
    with pytest.raises(NotImplementedError):
        metrics.Metric().update_state(1.0)
    with pytest.raises(NotImplementedError):
        metrics.Metric().result()


def test_unexpected_keyword_argument():
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        metrics.Metric(name="m", colour="red")
