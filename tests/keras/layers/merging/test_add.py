from eigenflow.keras import layers

from ._helpers import check_merge


def test_add():
    check_merge(layers.Add, layers.add, lambda xs: xs[0] + xs[1])
    check_merge(layers.Add, layers.add, lambda xs: xs[0] + xs[1] + xs[2], n=3)
