import csv

import numpy as np
import pytest

from eigenflow.keras.callbacks import CSVLogger

from .testing import FakeModel, data, small_model


def _rows(path, separator=","):
    with open(path, newline="") as f:
        return list(csv.reader(f, delimiter=separator))


def test_writes_epoch_then_sorted_keys(tmp_path):
    path = tmp_path / "log.csv"
    x, y = data()
    model = small_model(metrics=["mae"])
    history = model.fit(x, y, epochs=3, batch_size=4, validation_split=0.25, verbose=0,
                        callbacks=[CSVLogger(path)])
    rows = _rows(path)
    assert rows[0] == ["epoch", "loss", "mae", "val_loss", "val_mae"]
    assert [r[0] for r in rows[1:]] == ["0", "1", "2"]
    for i, row in enumerate(rows[1:]):
        for key, cell in zip(rows[0][1:], row[1:]):
            assert float(cell) == history.history[key][i]


def test_without_validation_val_columns_are_na(tmp_path):
    path = str(tmp_path / "log.csv")
    x, y = data()
    small_model().fit(x, y, epochs=2, verbose=0, callbacks=[CSVLogger(path)])
    rows = _rows(path)
    assert rows[0] == ["epoch", "loss", "val_loss"]
    assert [r[2] for r in rows[1:]] == ["NA", "NA"]


def test_separator_and_line_endings(tmp_path):
    path = tmp_path / "log.tsv"
    x, y = data()
    small_model().fit(x, y, epochs=2, verbose=0, callbacks=[CSVLogger(path, separator="\t")])
    text = path.read_bytes().decode()
    assert text.startswith("epoch\tloss\tval_loss\r\n0\t") and text.count("\r\n") == 3


def test_append(tmp_path):
    path = tmp_path / "log.csv"
    x, y = data()
    model = small_model()
    model.fit(x, y, epochs=2, verbose=0, callbacks=[CSVLogger(path)])
    model.fit(x, y, epochs=3, verbose=0, callbacks=[CSVLogger(path, append=True)])
    rows = _rows(path)
    assert rows[0] == ["epoch", "loss", "val_loss"] and len(rows) == 6
    assert [r[0] for r in rows[1:]] == ["0", "1", "0", "1", "2"]
    model.fit(x, y, epochs=1, verbose=0, callbacks=[CSVLogger(path)])  # overwrites
    assert len(_rows(path)) == 2


def test_append_to_a_new_file_writes_the_header(tmp_path):
    path = tmp_path / "new.csv"
    x, y = data()
    small_model().fit(x, y, epochs=1, verbose=0, callbacks=[CSVLogger(path, append=True)])
    assert _rows(path)[0] == ["epoch", "loss", "val_loss"]


def test_values_as_keras_writes_them(tmp_path):
    path = tmp_path / "log.csv"
    cb = CSVLogger(path)
    cb.set_model(FakeModel())
    cb.on_train_begin()
    cb.on_epoch_end(0, {"loss": 0.5, "val_loss": 0.25, "note": "ok", "vec": np.array([1, 2])})
    cb.on_epoch_end(1, {"loss": np.float32(0.125), "val_loss": 1.0, "note": "x", "vec": [3]})
    cb.on_train_end()
    assert cb.csv_file.closed
    rows = _rows(path)
    assert rows == [["epoch", "loss", "note", "val_loss", "vec"], ["0", "0.5", "ok", "0.25", '"[1, 2]"'],
                    ["1", "0.125", "x", "1.0", '"[3]"']]
