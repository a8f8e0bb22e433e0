import numpy as np
import pytest

from eigenflow.keras import layers

from ._helpers import check_merge, inputs


def test_subtract():
    check_merge(layers.Subtract, layers.subtract, lambda xs: xs[0] - xs[1])


def test_exactly_two_inputs():
    with pytest.raises(ValueError, match=r"Subtract '.*' must be called on exactly 2 tensors, received 3"):
        layers.Subtract()(inputs(3))
    with pytest.raises(ValueError, match="at least 2|exactly 2"):
        layers.Subtract()(inputs(1))
    with pytest.raises(ValueError, match="list of tensors"):
        layers.Subtract()(np.ones((2, 3), np.float32))
