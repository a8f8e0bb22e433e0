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


def _reference_trainable_weights(layer):
    """Layer.trainable_weights as written in Python before the walk moved to C++: the
    definition the C++ walk must keep."""
    if not layer.trainable:
        return []
    result, seen = [], set()
    attr_vars, sublayers = layer._direct_items()
    for v in layer._own_weights + attr_vars + layer._captured_weights:
        if v.trainable and id(v) not in seen:
            seen.add(id(v))
            result.append(v)
    for sub in sublayers:
        for v in sub.trainable_weights:
            if id(v) not in seen:
                seen.add(id(v))
                result.append(v)
    return result


class OnlyKernels(layers.Layer):
    """Redefines trainable_weights through super(): asked in Python."""

    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(2)
        self.dense.build((None, 3))

    @property
    def trainable_weights(self):
        return [v for v in super().trainable_weights if "kernel" in v.name]

    def call(self, x):
        return self.dense(x)


class NeverTrainable(Holder):
    @property
    def trainable(self):
        return False


def test_trainable_weights_down_a_tree_of_layers_match_the_python_definition():
    shared = tf.Variable(1.0, name="shared")
    root, child, frozen_child = Holder(), Holder(), Holder()
    root.scale = shared
    root.kids = [child, {"frozen": frozen_child}, OnlyKernels()]
    child.again = shared  # met again further down: listed once
    child.own = child.add_weight(name="own", shape=(2,))
    child.off = tf.Variable(0.0, trainable=False, name="off")
    child.dense = layers.Dense(1)
    child.dense.build((None, 2))
    frozen_child.hidden = tf.Variable(3.0, name="hidden")
    frozen_child.trainable = False
    root.never = NeverTrainable()
    root.never.inside = tf.Variable(4.0, name="inside")
    names = [v.name for v in root.trainable_weights]
    assert names == [v.name for v in _reference_trainable_weights(root)]
    assert names == ["shared:0", "own", "kernel", "bias", "kernel"]
    assert root.kids[2].trainable_weights == [root.kids[2].dense.kernel]
    root.trainable = False
    assert root.trainable_weights == []


def test_trainable_weights_of_a_model_match_the_python_definition():
    model = tf.keras.Sequential([tf.keras.Input((4,)), layers.Dense(3), layers.BatchNormalization(),
                                 layers.Dense(1)])
    model.layers[0].trainable = False
    expected = _reference_trainable_weights(model)
    assert [id(v) for v in model.trainable_variables] == [id(v) for v in expected]
    assert len(expected) == 4  # gamma, beta and the last Dense's kernel and bias


def test_trainable_weights_name_the_bookkeeping_a_layer_lost():
    holder, inner = Holder(), Holder()
    holder.inner = inner
    del inner.__dict__["_own_weights"]
    with pytest.raises(TypeError, match="_own_weights"):
        holder.trainable_weights


def test_trainable_weights_of_layers_that_hold_each_other_are_listed_once():
    parent, child = Holder(), Holder()
    parent.w = tf.Variable(1.0, name="parent_w")
    child.w = tf.Variable(2.0, name="child_w")
    parent.child, child.parent = child, parent  # a cycle: walked once around
    assert [v.name for v in parent.trainable_weights] == ["parent_w:0", "child_w:0"]
    assert [v.name for v in child.trainable_weights] == ["child_w:0", "parent_w:0"]
