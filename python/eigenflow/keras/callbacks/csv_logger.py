"""``CSVLogger``: writes each epoch's logs as a row of a CSV file."""
import collections.abc
import csv
import os

import numpy as np

from .callback import Callback


def _cell(value):
    """How a log value is written: strings and scalars as they are, sequences as "[a, b]"."""
    if isinstance(value, str):
        return value
    if isinstance(value, collections.abc.Iterable) and not (isinstance(value, np.ndarray) and value.ndim == 0):
        return f'"[{", ".join(map(str, value))}]"'
    return value


class CSVLogger(Callback):
    """Streams the epoch results to a CSV file.

    The first column is ``epoch`` (counted from 0), then the log keys in sorted order.
    The keys are fixed by the first epoch; when it has no validation metrics, a
    ``val_`` column is added for each key anyway (filled with 'NA' until validation runs,
    e.g. with ``validation_freq > 1``).

    Args:
        filename: the path of the CSV file, e.g. 'run/log.csv'.
        separator: the string that separates the values of a row.
        append: True appends to an existing file (no new header if it has one); False
            overwrites it.

    Example:
        >>> import os, tempfile, numpy as np, eigenflow as tf
        >>> path = os.path.join(tempfile.mkdtemp(), "training.log")
        >>> model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        >>> model.compile("sgd", loss="mse")
        >>> _ = model.fit(np.ones((4, 2)), np.zeros(4), epochs=2, verbose=0,
        ...               callbacks=[tf.keras.callbacks.CSVLogger(path)])
        >>> open(path).readline().strip()
        'epoch,loss,val_loss'
    """

    def __init__(self, filename, separator=",", append=False):
        super().__init__()
        self.sep = separator
        self.filename = os.fspath(filename)
        self.append = append
        self.writer = None
        self.keys = None
        self.append_header = True
        self.csv_file = None

    def on_train_begin(self, logs=None):
        if self.append:
            if os.path.exists(self.filename):
                with open(self.filename) as f:
                    self.append_header = not f.readline()
            mode = "a"
        else:
            mode = "w"
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        self.csv_file = open(self.filename, mode, newline="")
        self.writer = None
        self.keys = None

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs.keys())
            if self.keys and not any(k.startswith("val_") for k in self.keys):
                self.keys.extend([f"val_{k}" for k in self.keys])
        if self.writer is None:
            class Dialect(csv.excel):
                delimiter = self.sep

            self.writer = csv.DictWriter(self.csv_file, fieldnames=["epoch"] + self.keys, dialect=Dialect)
            if self.append_header:
                self.writer.writeheader()
        row = {"epoch": epoch}
        row.update((key, _cell(logs.get(key, "NA"))) for key in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs=None):
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        self.writer = None
