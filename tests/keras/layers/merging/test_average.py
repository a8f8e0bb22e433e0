from eigenflow.keras import layers

from ._helpers import check_merge


def test_average():
    check_merge(layers.Average, layers.average, lambda xs: (xs[0] + xs[1]) / 2)
    check_merge(layers.Average, layers.average, lambda xs: (xs[0] + xs[1] + xs[2]) / 3, n=3)
