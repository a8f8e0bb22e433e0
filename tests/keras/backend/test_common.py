"""The shared serialize/deserialize helpers of common.py (used by initializers, regularizers,
constraints and activations)."""
import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import activations, initializers
from eigenflow.keras.backend import common


def module_function(x):
    return x


def test_module_level_function_is_named_by_its_module():
    config = common.serialize_object(module_function, "keras.activations", {})
    assert config == {"module": __name__, "class_name": "function", "config": "module_function",
                      "registered_name": "module_function"}
    assert common.deserialize_object("activation", config, {}, []) is module_function


def test_lambdas_and_local_callables_are_kept_as_they_are():
    fn = lambda x: x  # noqa: E731
    assert common.serialize_object(fn, "keras.activations", {}) is fn

    def local(x):
        return x

    assert common.serialize_object(local, "keras.activations", {}) is local
    assert common.serialize_object(None, "keras.initializers", {}) is None


def test_keras2_format_and_function_named_as_class():
    init = common.deserialize_object("initializer", {"class_name": "Ones", "config": {}},
                                     {"Ones": initializers.Ones}, ["ones"])
    assert isinstance(init, initializers.Ones)
    assert activations.deserialize({"class_name": "relu", "config": {}}) is activations.relu


def test_custom_objects_win_over_builtins():
    class MyZeros(initializers.Zeros):
        pass

    init = initializers.deserialize({"class_name": "Zeros", "config": {}}, custom_objects={"Zeros": MyZeros})
    assert type(init) is MyZeros


def test_bad_configs():
    with pytest.raises(ValueError, match="Could not interpret initializer config: expected a name or a dict"):
        initializers.deserialize(["ones"])
    with pytest.raises(ValueError, match=r"Unknown initializer 'Nope'\. Valid names: .*zeros"):
        initializers.deserialize({"class_name": "Nope", "config": {}})


def test_user_subclass_found_through_its_module():
    config = initializers.serialize(TwosForTest())
    assert config["module"] == __name__ and config["registered_name"] == "TwosForTest"
    clone = initializers.deserialize(config)
    assert isinstance(clone, TwosForTest)
    np.testing.assert_array_equal(clone((2,)).numpy(), [2.0, 2.0])


class TwosForTest(initializers.Initializer):
    def __call__(self, shape, dtype=None):
        return tf.fill(list(shape), 2.0)
