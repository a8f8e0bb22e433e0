import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import initializers

SNAKE = {
    "zeros": initializers.Zeros, "ones": initializers.Ones, "constant": initializers.Constant,
    "identity": initializers.Identity, "random_normal": initializers.RandomNormal,
    "random_uniform": initializers.RandomUniform, "truncated_normal": initializers.TruncatedNormal,
    "variance_scaling": initializers.VarianceScaling, "orthogonal": initializers.Orthogonal,
    "glorot_uniform": initializers.GlorotUniform, "glorot_normal": initializers.GlorotNormal,
    "he_normal": initializers.HeNormal, "he_uniform": initializers.HeUniform,
    "lecun_normal": initializers.LecunNormal, "lecun_uniform": initializers.LecunUniform,
}


@pytest.mark.parametrize("name, cls", sorted(SNAKE.items()))
def test_names_classes_and_module_aliases(name, cls):
    assert type(initializers.get(name)) is cls
    assert type(initializers.get(cls.__name__)) is cls
    assert getattr(initializers, name) is cls


def test_keras_aliases():
    assert type(initializers.get("normal")) is initializers.RandomNormal
    assert type(initializers.get("uniform")) is initializers.RandomUniform
    assert type(initializers.get("one")) is initializers.Ones
    assert type(initializers.get("zero")) is initializers.Zeros
    assert initializers.IdentityInitializer is initializers.Identity
    assert initializers.OrthogonalInitializer is initializers.Orthogonal


def test_get_none_instance_class_callable_and_dict():
    assert initializers.get(None) is None
    he = initializers.HeNormal(seed=1)
    assert initializers.get(he) is he
    assert type(initializers.get(initializers.Ones)) is initializers.Ones

    def fives(shape, dtype=None):
        return tf.fill(shape, 5.0)

    assert initializers.get(fives) is fives
    init = initializers.get({"class_name": "Constant", "config": {"value": 2.0}})
    assert init((2,)).numpy().tolist() == [2.0, 2.0]


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError) as info:
        initializers.get("glorot_unifrom")
    message = str(info.value)
    assert "'glorot_unifrom'" in message and "Did you mean 'glorot_uniform'" in message
    for name in ("glorot_uniform", "he_normal", "zeros", "orthogonal", "variance_scaling"):
        assert name in message
    with pytest.raises(ValueError, match="Could not interpret initializer identifier: 5"):
        initializers.get(5)


ALL = [initializers.Zeros(), initializers.Ones(), initializers.Constant(1.5), initializers.Identity(2.0),
       initializers.RandomNormal(0.1, 0.2, seed=1), initializers.RandomUniform(-1.0, 1.0, seed=2),
       initializers.TruncatedNormal(stddev=0.3, seed=3), initializers.VarianceScaling(2.0, "fan_out", "uniform", 4),
       initializers.Orthogonal(0.5, seed=5), initializers.GlorotUniform(seed=6), initializers.GlorotNormal(),
       initializers.HeNormal(seed=7), initializers.HeUniform(), initializers.LecunNormal(), initializers.LecunUniform()]


@pytest.mark.parametrize("init", ALL, ids=lambda i: type(i).__name__)
def test_serialize_round_trip(init):
    config = initializers.serialize(init)
    assert config == {"module": "keras.initializers", "class_name": type(init).__name__,
                      "config": init.get_config(), "registered_name": None}
    clone = initializers.deserialize(config)
    assert type(clone) is type(init) and clone.get_config() == init.get_config()
    assert initializers.get(config).get_config() == init.get_config()


def test_keras2_config_format_and_custom_objects():
    init = initializers.deserialize({"class_name": "HeNormal", "config": {"seed": 3}})
    assert isinstance(init, initializers.HeNormal) and init.seed == 3

    class Twos(initializers.Initializer):
        def __call__(self, shape, dtype=None):
            return tf.fill(shape, 2.0)

    config = initializers.serialize(Twos())
    assert config["class_name"] == "Twos" and config["registered_name"] == "Twos"
    clone = initializers.deserialize(config, custom_objects={"Twos": Twos})
    assert isinstance(clone, Twos)


def test_repr_shows_the_config():
    assert repr(initializers.HeNormal()) == "HeNormal(seed=None)"
    assert repr(initializers.Constant(2.0)) == "Constant(value=2.0)"


def test_add_weight_uses_get():
    layer = tf.keras.layers.Layer()
    w = layer.add_weight(name="w", shape=(784, 64), initializer="he_normal")
    assert isinstance(w.initializer, initializers.HeNormal)
    assert abs(w.numpy().std() - np.sqrt(2.0 / 784)) < 0.01
    s = layer.add_weight(name="s", shape=(), initializer=initializers.Constant(1.5))
    assert float(s.numpy()) == 1.5
