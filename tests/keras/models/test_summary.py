"""Model.summary(): Keras's table of layer names, types, output shapes and parameter counts."""
import re

import numpy as np
import pytest

import eigenflow as tf

keras = tf.keras
layers = tf.keras.layers


def _rows(text):
    """The table's body rows as [name (type), output shape, params] cells."""
    rows = []
    for line in text.splitlines():
        if line.startswith("│"):
            rows.append([cell.strip() for cell in line.strip("│").split("│")])
    return rows


def _totals(text):
    found = {}
    for key in ("Total", "Trainable", "Non-trainable"):
        match = re.search(rf"^ ?{key} params: ([\d,]+)", text, re.MULTILINE)
        found[key] = int(match.group(1).replace(",", "")) if match else None
    return found


def test_sequential_summary_table(capsys):
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4, name="sum_hidden"),
                              layers.Dense(2, name="sum_out")], name="summary_seq")
    model.summary()
    out = capsys.readouterr().out
    assert 'Model: "summary_seq"' in out
    assert "Layer (type)" in out and "Output Shape" in out and "Param #" in out
    rows = _rows(out)
    assert rows == [["sum_hidden (Dense)", "(None, 4)", "16"], ["sum_out (Dense)", "(None, 2)", "10"]]
    assert _totals(out) == {"Total": 26, "Trainable": 26, "Non-trainable": 0}
    assert "Total params: 26 (104.00 B)" in out


def test_summary_counts_non_trainable_weights(capsys):
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.BatchNormalization()])
    model.summary()
    out = capsys.readouterr().out
    assert _rows(out)[1][2] == "16"
    assert _totals(out) == {"Total": 32, "Trainable": 24, "Non-trainable": 8}


def test_frozen_layer_counts_as_non_trainable(capsys):
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4), layers.Dense(1)])
    model.layers[0].trainable = False
    model.summary()
    assert _totals(capsys.readouterr().out) == {"Total": 21, "Trainable": 5, "Non-trainable": 16}


def test_thousands_separator(capsys):
    model = keras.Sequential([keras.Input(shape=(100,)), layers.Dense(100)])
    model.summary()
    out = capsys.readouterr().out
    assert "10,100" in out and _totals(out)["Total"] == 10100


def test_functional_summary_lists_inputs_and_nested_models(capsys):
    inputs = keras.Input(shape=(3,), name="sum_features")
    inner = keras.Sequential([layers.Dense(4), layers.Dense(2)], name="sum_inner")
    model = keras.Model(inputs, layers.Dense(1, name="sum_head")(inner(inputs)), name="sum_functional")
    model.summary()
    out = capsys.readouterr().out
    rows = _rows(out)
    assert rows[0] == ["sum_features (InputLayer)", "(None, 3)", "0"]
    assert rows[1] == ["sum_inner (Sequential)", "(None, 2)", str(3 * 4 + 4 + 4 * 2 + 2)]
    assert rows[2] == ["sum_head (Dense)", "(None, 1)", "3"]
    assert _totals(out)["Total"] == 29


def test_multi_dimensional_output_shapes(capsys):
    model = keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.Conv2D(2, 3), layers.Flatten()])
    model.summary()
    rows = _rows(capsys.readouterr().out)
    assert rows[0][1] == "(None, 6, 6, 2)" and rows[0][2] == "20"
    assert rows[1][1] == "(None, 72)" and rows[1][2] == "0"


def test_summary_with_print_fn():
    lines = []
    model = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(2, name="pf_dense")])
    model.summary(print_fn=lines.append)
    text = "\n".join(lines)
    assert "pf_dense (Dense)" in text and "Total params: 8" in text


def test_subclassed_summary_after_call(capsys):
    class Two(keras.Model):
        def __init__(self):
            super().__init__(name="sum_subclassed")
            self.first = layers.Dense(3, name="sub_first")
            self.second = layers.Dense(1, name="sub_second")

        def call(self, x):
            return self.second(self.first(x))

    model = Two()
    model(np.ones((2, 5), "float32"))
    model.summary()
    out = capsys.readouterr().out
    rows = _rows(out)
    assert [r[0] for r in rows] == ["sub_first (Dense)", "sub_second (Dense)"]
    assert [r[2] for r in rows] == ["18", "4"]
    assert rows[0][1] == "(None, 3)"
    assert _totals(out)["Total"] == 22


def test_unbuilt_model_summary_does_not_crash(capsys):
    model = keras.Sequential([layers.Dense(4, name="lazy_a"), layers.Dense(2, name="lazy_b")])
    model.summary()
    out = capsys.readouterr().out
    rows = _rows(out)
    assert [r[0] for r in rows] == ["lazy_a (Dense)", "lazy_b (Dense)"]
    assert all(r[1] == "?" for r in rows)
    assert _totals(out)["Total"] == 0


def test_unbuilt_layers_are_marked(capsys):
    model = keras.Sequential([layers.Dense(4), layers.Dense(2)])
    model.summary()
    rows = _rows(capsys.readouterr().out)
    assert all(r[2] == "0 (unbuilt)" for r in rows)


def test_expand_nested(capsys):
    inner = keras.Sequential([layers.Dense(4, name="nested_a")], name="nested_model")
    model = keras.Sequential([keras.Input(shape=(3,)), inner])
    model.summary(expand_nested=True)
    out = capsys.readouterr().out
    assert "nested_model (Sequential)" in out and "nested_a (Dense)" in out


def test_expand_nested_prefixes_nested_rows(capsys):
    inner = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(4, name="pre_a"), layers.Dense(2, name="pre_b")],
                             name="pre_inner")
    inputs = keras.Input(shape=(3,))
    model = keras.Model(inputs, layers.Dense(1, name="pre_head")(inner(inputs)))
    model.summary(expand_nested=True)
    names = [r[0] for r in _rows(capsys.readouterr().out)]
    assert names[1:] == ["pre_inner (Sequential)", "└ pre_a (Dense)", "└ pre_b (Dense)", "pre_head (Dense)"]
    model.summary()
    assert [r[0] for r in _rows(capsys.readouterr().out)][1:] == ["pre_inner (Sequential)", "pre_head (Dense)"]
