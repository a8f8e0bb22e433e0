import numpy as np

from eigenflow.keras import layers

from ._helpers import check_merge


def test_minimum():
    check_merge(layers.Minimum, layers.minimum, lambda xs: np.minimum(xs[0], xs[1]))
    check_merge(layers.Minimum, layers.minimum, lambda xs: np.minimum(np.minimum(xs[0], xs[1]), xs[2]), n=3)
