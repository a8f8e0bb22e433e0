import numpy as np

from eigenflow.keras import layers

from ._helpers import check_merge


def test_maximum():
    check_merge(layers.Maximum, layers.maximum, lambda xs: np.maximum(xs[0], xs[1]))
    check_merge(layers.Maximum, layers.maximum, lambda xs: np.maximum(np.maximum(xs[0], xs[1]), xs[2]), n=3)
