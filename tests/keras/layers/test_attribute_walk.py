"""Layer._direct_items (the walk behind weights and trainable_variables, in C++): the
Variables and layers in a layer's attributes, nested in lists, tuples and dicts, in
assignment order, each once."""
import pytest

import eigenflow as tf
from eigenflow import _core
from eigenflow.keras import layers


class Holder(layers.Layer):
    def call(self, x):
        return x


def test_nested_containers_are_walked_in_order_and_each_item_once():
    holder = Holder()
    a, b, c = tf.Variable(1.0, name="a"), tf.Variable(2.0, name="b"), tf.Variable(3.0, name="c")
    dense = layers.Dense(2)
    holder.first = a
    holder.nested = [(b, {"deep": [c]}), a]   # a again: listed once
    holder.sublayers = {"dense": dense, "me": holder}  # the layer itself is not its own sublayer
    holder.count = 3
    variables, sublayers = holder._direct_items()
    assert [v.name for v in variables] == ["a:0", "b:0", "c:0"]
    assert sublayers == [dense]


def test_containers_deeper_than_four_levels_are_not_walked():
    holder = Holder()
    holder.deep = [[[[tf.Variable(1.0, name="four")]]]]
    holder.deeper = [[[[[tf.Variable(1.0, name="five")]]]]]
    assert [v.name for v in holder._direct_items()[0]] == ["four:0"]


def test_bookkeeping_attributes_are_skipped():
    holder = Holder()
    holder.optimizer = tf.keras.optimizers.SGD()  # a model's optimizer: its Variables are not weights
    holder.history = [tf.Variable(1.0)]
    assert holder._direct_items() == ([], [])


def test_weights_of_attributes_reach_trainable_variables():
    holder = Holder()
    holder.scale = tf.Variable(2.0, name="scale")
    holder.frozen = tf.Variable(1.0, trainable=False, name="frozen")
    holder.parts = [layers.Dense(1)]
    holder.parts[0].build((None, 3))
    assert [v.name for v in holder.trainable_variables] == ["scale:0", "kernel", "bias"]
    assert [v.name for v in holder.non_trainable_variables] == ["frozen:0"]


def test_the_walker_refuses_what_is_not_a_type():
    with pytest.raises(TypeError, match="must be types"):
        _core.AttributeWalker(1, layers.Layer, ())
    with pytest.raises(TypeError, match="scalar_types must hold types"):
        _core.AttributeWalker(tf.Variable, layers.Layer, (3,))
