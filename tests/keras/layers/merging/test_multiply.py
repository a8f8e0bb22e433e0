from eigenflow.keras import layers

from ._helpers import check_merge


def test_multiply():
    check_merge(layers.Multiply, layers.multiply, lambda xs: xs[0] * xs[1])
    check_merge(layers.Multiply, layers.multiply, lambda xs: xs[0] * xs[1] * xs[2], n=3)
