"""The Optimizer base: gradients in, clipping, None gradients, constraints, learning rate
forms, minimize, iterations, weight decay, accumulation, saving, and the copy-on-write of
a Variable that a tape still holds."""
import warnings

import numpy as np
import pytest

import eigenflow as tf
from eigenflow.keras import optimizers


def _sgd(**kwargs):
    return optimizers.SGD(learning_rate=kwargs.pop("learning_rate", 1.0), **kwargs)


# ---- gradients -----------------------------------------------------------------------

def test_clipnorm_clips_each_gradient():
    a, b = tf.Variable([0.0, 0.0]), tf.Variable([0.0])
    _sgd(clipnorm=1.0).apply_gradients([(tf.constant([3.0, 4.0]), a), (tf.constant([0.5]), b)])
    np.testing.assert_allclose(a.numpy(), [-0.6, -0.8], rtol=1e-6)  # norm 5 -> 1
    np.testing.assert_allclose(b.numpy(), [-0.5], rtol=1e-6)        # under the norm: unchanged


def test_clipvalue():
    v = tf.Variable([0.0, 0.0, 0.0])
    _sgd(clipvalue=0.5).apply_gradients([(tf.constant([2.0, -3.0, 0.1]), v)])
    np.testing.assert_allclose(v.numpy(), [-0.5, 0.5, -0.1], rtol=1e-6)


def test_global_clipnorm():
    a, b = tf.Variable([0.0]), tf.Variable([0.0])
    _sgd(global_clipnorm=1.0).apply_gradients([(tf.constant([3.0]), a), (tf.constant([4.0]), b)])
    np.testing.assert_allclose([a.numpy()[0], b.numpy()[0]], [-0.6, -0.8], rtol=1e-6)
    c = tf.Variable([0.0])
    _sgd(global_clipnorm=10.0).apply_gradients([(tf.constant([3.0]), c)])
    assert c.numpy()[0] == pytest.approx(-3.0)


def test_only_one_clipping_argument():
    with pytest.raises(ValueError, match="only one of `clipnorm`, `clipvalue` and `global_clipnorm`"):
        optimizers.Adam(clipnorm=1.0, clipvalue=1.0)


def test_none_gradients_are_skipped_with_a_warning():
    a, b = tf.Variable([1.0], name="a"), tf.Variable([1.0], name="b")
    opt = _sgd()
    with pytest.warns(UserWarning, match="b:0"):
        opt.apply_gradients([(tf.constant([1.0]), a), (None, b)])
    assert a.numpy()[0] == 0.0 and b.numpy()[0] == 1.0
    assert int(opt.iterations) == 1


def test_all_none_gradients_raise_naming_the_variables():
    a, b = tf.Variable([1.0], name="dense/kernel"), tf.Variable([1.0], name="dense/bias")
    with pytest.raises(ValueError, match=r"no gradients provided for any variable: \['dense/kernel:0', 'dense/bias:0'\]"):
        _sgd().apply_gradients([(None, a), (None, b)])


def test_gradients_from_a_tape_and_numpy():
    v = tf.Variable([1.0, 2.0])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(v * v)
    _sgd(learning_rate=0.1).apply_gradients(zip(tape.gradient(loss, [v]), [v]))
    np.testing.assert_allclose(v.numpy(), [0.8, 1.6], rtol=1e-6)
    _sgd(learning_rate=0.1).apply_gradients([(np.array([1.0, 1.0], "float32"), v)])
    np.testing.assert_allclose(v.numpy(), [0.7, 1.5], rtol=1e-6)


def test_float64_gradient_for_float32_variable_is_cast():
    v = tf.Variable([1.0])
    _sgd().apply_gradients([(tf.constant([0.5], dtype="float64"), v)])
    assert v.dtype.name == "float32" and v.numpy()[0] == 0.5


def test_only_variables_can_be_updated():
    with pytest.raises(ValueError, match="SGD: can only update tf.Variables"):
        _sgd().apply_gradients([(tf.constant([1.0]), tf.constant([1.0]))])
    with pytest.raises(ValueError, match="floating-point Variables"):
        _sgd().apply_gradients([(tf.constant([1]), tf.Variable([1]))])


def test_wrong_gradient_shape_names_the_op_and_shapes():
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"\[apply_adam\] grad must be a float tensor of var's shape \(2,\)"):
        optimizers.Adam().apply_gradients([(tf.constant([1.0, 2.0, 3.0]), tf.Variable([1.0, 2.0]))])


def test_constraint_is_applied_after_the_update():
    v = tf.Variable([1.0, -1.0], constraint=tf.keras.constraints.NonNeg())
    _sgd().apply_gradients([(tf.constant([2.0, -2.0]), v)])
    np.testing.assert_array_equal(v.numpy(), [0.0, 1.0])
    w = tf.Variable([3.0], constraint=lambda x: tf.clip_by_value(x, 0.0, 1.0))
    optimizers.Adam().apply_gradients([(tf.constant([1.0]), w)])
    assert w.numpy()[0] == 1.0


# ---- learning rate -------------------------------------------------------------------

def test_learning_rate_is_a_settable_variable():
    opt = optimizers.Adam(learning_rate=0.01)
    assert isinstance(opt.learning_rate, tf.Variable) and opt.learning_rate.dtype.name == "float32"
    opt.learning_rate = 0.5
    assert float(opt.learning_rate) == 0.5
    opt.lr = 0.25  # tf.keras 2's alias
    assert float(opt.learning_rate) == 0.25 and float(opt.lr) == 0.25
    tf.keras.backend.set_value(opt.learning_rate, 0.125)
    assert float(opt.learning_rate) == 0.125


def test_set_learning_rate_takes_effect():
    v = tf.Variable([0.0])
    opt = _sgd(learning_rate=0.1)
    opt.apply_gradients([(tf.constant([1.0]), v)])
    opt.learning_rate = 1.0
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == pytest.approx(-1.1)


def test_learning_rate_given_as_variable_is_followed():
    lr = tf.Variable(0.5)
    v = tf.Variable([0.0])
    opt = optimizers.SGD(learning_rate=lr)
    assert opt.learning_rate is lr
    opt.apply_gradients([(tf.constant([1.0]), v)])
    lr.assign(2.0)
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == pytest.approx(-2.5)


def test_learning_rate_schedule_is_called_with_iterations():
    schedule = optimizers.schedules.PiecewiseConstantDecay([0, 1], [1.0, 0.5, 0.25])
    opt = optimizers.SGD(learning_rate=schedule)
    v = tf.Variable([0.0])
    for _ in range(3):
        opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == pytest.approx(-1.75)  # steps 0, 1, 2 -> 1.0, 0.5, 0.25
    assert float(opt.learning_rate) == 0.25
    with pytest.raises(TypeError, match="LearningRateSchedule"):
        opt.learning_rate = 0.1
    config = opt.get_config()["learning_rate"]
    assert config["class_name"] == "PiecewiseConstantDecay"
    clone = optimizers.SGD.from_config(opt.get_config())
    assert isinstance(clone._learning_rate, optimizers.schedules.PiecewiseConstantDecay)


def test_learning_rate_callable():
    opt = optimizers.SGD(learning_rate=lambda: 0.5)
    v = tf.Variable([0.0])
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == -0.5


def test_bad_learning_rate():
    with pytest.raises(ValueError, match="`learning_rate` must be a float"):
        optimizers.Adam(learning_rate="fast")


def test_lr_keyword_alias_and_unknown_arguments():
    assert float(optimizers.SGD(lr=0.3).learning_rate) == pytest.approx(0.3)
    with pytest.raises(ValueError, match="Adam: argument\\(s\\) not recognized: {'bogus': 1}"):
        optimizers.Adam(bogus=1)
    with pytest.warns(UserWarning, match="decay"):
        optimizers.Adam(decay=0.1)


def test_use_ema_is_a_clear_error():
    with pytest.raises(ValueError, match="use_ema=True .* not supported"):
        optimizers.Adam(use_ema=True)


# ---- minimize, iterations, variables -------------------------------------------------

def test_minimize_with_a_callable():
    v = tf.Variable(3.0)
    opt = optimizers.SGD(learning_rate=0.1)
    opt.minimize(lambda: v * v, [v])
    assert float(v) == pytest.approx(2.4)
    opt.minimize(lambda: v * v, lambda: [v])
    assert float(v) == pytest.approx(1.92)


def test_minimize_with_a_tape():
    v = tf.Variable(3.0)
    with tf.GradientTape() as tape:
        loss = v * v
    optimizers.SGD(learning_rate=0.1).minimize(loss, [v], tape=tape)
    assert float(v) == pytest.approx(2.4)
    with pytest.raises(ValueError, match="`tape` is required"):
        optimizers.SGD().minimize(tf.constant(1.0), [v])


def test_iterations_count_steps():
    opt = optimizers.Adam()
    assert opt.iterations.dtype.name == "int64" and int(opt.iterations) == 0
    assert not opt.iterations.trainable
    v = tf.Variable([1.0])
    returned = None
    for _ in range(4):
        returned = opt.apply_gradients([(tf.constant([1.0]), v)])
    assert int(opt.iterations) == 4 and returned is opt.iterations


def test_slots_are_per_variable_and_created_lazily():
    opt = optimizers.Adam()
    a, b = tf.Variable([1.0], name="a"), tf.Variable([1.0, 2.0], name="b")
    opt.apply_gradients([(tf.constant([1.0]), a)])
    assert len(opt.variables) == 4
    opt.apply_gradients([(tf.constant([1.0, 1.0]), b)])
    assert [v.name for v in opt.variables] == ["iteration:0", "learning_rate:0", "a_momentum:0", "a_velocity:0",
                                               "b_momentum:0", "b_velocity:0"]


def test_slots_start_filled_with_their_own_storage():
    w = tf.Variable(np.ones((2, 3), np.float64), name="w")
    opt = optimizers.Adam()
    opt.build([w])
    momentum, velocity = opt.variables[2:]
    for slot in (momentum, velocity):
        assert slot.dtype == tf.float64 and slot.shape == (2, 3) and not slot.trainable
        np.testing.assert_array_equal(slot.numpy(), np.zeros((2, 3)))
    momentum.assign_add(np.ones((2, 3)))
    np.testing.assert_array_equal(velocity.numpy(), np.zeros((2, 3)))
    np.testing.assert_array_equal(w.numpy(), np.ones((2, 3)))
    adagrad = optimizers.Adagrad(initial_accumulator_value=0.25)
    adagrad.build([w])
    np.testing.assert_array_equal(adagrad.variables[-1].numpy(), np.full((2, 3), 0.25))


def test_apply_without_variables_uses_the_built_list():
    a, b = tf.Variable([1.0]), tf.Variable([1.0])
    opt = _sgd()
    with pytest.raises(ValueError, match="needs an optimizer built"):
        opt.apply([tf.constant([1.0])])
    opt.build([a, b])
    assert opt.built
    opt.apply([tf.constant([1.0]), tf.constant([2.0])])
    assert (a.numpy()[0], b.numpy()[0]) == (0.0, -1.0)


def test_get_set_weights_and_save_own_variables():
    v = tf.Variable([1.0, 2.0])
    opt = optimizers.Adam()
    opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    store = {}
    opt.save_own_variables(store)
    assert sorted(store) == ["0", "1", "2", "3"]
    fresh = optimizers.Adam()
    fresh.build([v])
    fresh.load_own_variables(store)
    for x, y in zip(fresh.get_weights(), opt.get_weights()):
        np.testing.assert_array_equal(x, y)
    with pytest.raises(ValueError, match="set_weights expects 4 arrays"):
        fresh.set_weights([np.zeros(2)])


# ---- weight decay, loss scaling, accumulation ----------------------------------------

def test_weight_decay_on_any_optimizer():
    v = tf.Variable([2.0])
    optimizers.SGD(learning_rate=0.1, weight_decay=0.5).apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == pytest.approx(2.0 - 2.0 * 0.5 * 0.1 - 0.1)


def test_loss_scale_factor_unscales_gradients():
    opt = _sgd(loss_scale_factor=4.0)
    v = tf.Variable([0.0])
    assert float(opt.scale_loss(tf.constant(2.0))) == 8.0
    opt.apply_gradients([(tf.constant([4.0]), v)])
    assert v.numpy()[0] == -1.0


def test_gradient_accumulation_updates_every_n_steps_with_the_mean():
    opt = optimizers.SGD(learning_rate=1.0, gradient_accumulation_steps=2)
    v = tf.Variable([0.0])
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == 0.0 and int(opt.iterations) == 0
    opt.apply_gradients([(tf.constant([3.0]), v)])
    assert v.numpy()[0] == -2.0 and int(opt.iterations) == 1
    with pytest.raises(ValueError, match="`gradient_accumulation_steps` must be an integer >= 2"):
        optimizers.SGD(gradient_accumulation_steps=1)


# ---- copy-on-write -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sgd", "adam", "rmsprop", "adagrad", "adadelta", "adamax", "nadam", "adamw"])
def test_update_keeps_the_tape_snapshot(name):
    v = tf.Variable([1.0, 2.0])
    opt = optimizers.get(name)
    opt.learning_rate = 0.5
    with tf.GradientTape(persistent=True) as tape:
        y = tf.reduce_sum(v * v)
    opt.apply_gradients([(tf.constant([1.0, 1.0]), v)])
    assert not np.allclose(v.numpy(), [1.0, 2.0])
    # the tape recorded v = [1, 2]: d(sum v^2)/dv = 2 v from the recorded value
    np.testing.assert_allclose(tape.gradient(y, v).numpy(), [2.0, 4.0])
    del tape


def test_update_does_not_change_an_earlier_read():
    v = tf.Variable([1.0, 2.0])
    before = v.read_value()
    snapshot = tf.identity(v)
    optimizers.Adam(learning_rate=0.5).apply_gradients([(tf.constant([1.0, 1.0]), v)])
    np.testing.assert_array_equal(before.numpy(), [1.0, 2.0])
    np.testing.assert_array_equal(snapshot.numpy(), [1.0, 2.0])


# ---- get / serialize / deserialize ---------------------------------------------------

@pytest.mark.parametrize("name, cls", [("adam", "Adam"), ("sgd", "SGD"), ("rmsprop", "RMSprop"), ("adagrad", "Adagrad"),
                                       ("adadelta", "Adadelta"), ("adamax", "Adamax"), ("nadam", "Nadam"),
                                       ("adamw", "AdamW"), ("Adam", "Adam"), ("RMSprop", "RMSprop")])
def test_get_by_name(name, cls):
    opt = optimizers.get(name)
    assert type(opt).__name__ == cls


def test_get_other_identifiers():
    opt = optimizers.Adam()
    assert optimizers.get(opt) is opt
    assert isinstance(optimizers.get(optimizers.SGD), optimizers.SGD)
    restored = optimizers.get({"class_name": "SGD", "config": {"learning_rate": 0.5, "momentum": 0.9}})
    assert restored.momentum == 0.9 and float(restored.learning_rate) == 0.5
    assert isinstance(optimizers.get({"class_name": "adam", "config": {}}), optimizers.Adam)
    with pytest.raises(ValueError, match="Unknown optimizer 'adamm'.*adadelta, adagrad, adam, adamax, adamw"):
        optimizers.get("adamm")
    with pytest.raises(ValueError, match="Could not interpret optimizer identifier"):
        optimizers.get(3)


def test_serialize_format():
    config = optimizers.serialize(optimizers.SGD(learning_rate=0.5))
    assert config["module"] == "keras.optimizers" and config["class_name"] == "SGD"
    assert config["config"]["learning_rate"] == 0.5
    assert type(optimizers.deserialize(config)) is optimizers.SGD
    assert type(optimizers.deserialize("nadam")) is optimizers.Nadam


def test_custom_optimizer_subclass():
    class Halver(optimizers.Optimizer):
        def _update_step(self, grad, variable, slots, lr, step, decay):
            variable.assign(variable * 0.5)

    v = tf.Variable([4.0])
    opt = Halver(learning_rate=0.1)
    opt.apply_gradients([(tf.constant([1.0]), v)])
    assert v.numpy()[0] == 2.0 and opt.name.startswith("halver")
    restored = optimizers.deserialize(optimizers.serialize(opt), custom_objects={"Halver": Halver})
    assert type(restored) is Halver


def test_model_fit_with_each_optimizer_reduces_the_loss():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3)).astype("float32")
    y = x @ np.array([[1.0], [-2.0], [0.5]], "float32")
    for name, lr in [("sgd", 0.1), ("adam", 0.05), ("rmsprop", 0.01), ("adamw", 0.05), ("nadam", 0.05),
                     ("adamax", 0.05), ("adagrad", 0.5), ("adadelta", 1.0)]:
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        opt = optimizers.get(name)
        opt.learning_rate = lr
        model.compile(optimizer=opt, loss="mse")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            history = model.fit(x, y, epochs=5, batch_size=16, verbose=0)
        losses = history.history["loss"]
        assert losses[-1] < losses[0], name


def test_keras3_style_custom_optimizer():
    class MomentumSGD(optimizers.Optimizer):
        def __init__(self, learning_rate=0.1, momentum=0.5, name="momentum_sgd", **kwargs):
            super().__init__(learning_rate=learning_rate, name=name, **kwargs)
            self.momentum = momentum

        def build(self, var_list):
            if self.built:
                return
            super().build(var_list)
            self.velocities = [self.add_variable_from_reference(v, "velocity") for v in var_list]

        def update_step(self, gradient, variable, learning_rate):
            m = self.velocities[self._get_variable_index(variable)]
            self.assign(m, m * self.momentum - gradient * learning_rate)
            self.assign_add(variable, m)

    w = tf.Variable([1.0, 2.0], name="w")
    opt = MomentumSGD()
    for _ in range(2):
        opt.apply_gradients([(tf.constant([1.0, 1.0]), w)])
    # m1 = -0.1, m2 = -0.05 - 0.1 = -0.15: w = [1, 2] - 0.25
    np.testing.assert_allclose(w.numpy(), [0.75, 1.75], rtol=1e-6)
    assert [v.name for v in opt.variables] == ["iteration:0", "learning_rate:0", "w_velocity:0"]
    assert int(opt.iterations) == 2


def test_an_optimizer_without_an_update_says_so():
    class Empty(optimizers.Optimizer):
        pass

    with pytest.raises(NotImplementedError, match="Empty must implement update_step"):
        Empty(learning_rate=0.1).apply_gradients([(tf.constant([1.0]), tf.Variable([1.0]))])


def test_get_slot_and_legacy_names():
    w = tf.Variable([1.0], name="w")
    opt = optimizers.legacy.Adam()
    assert optimizers.legacy.Adam is optimizers.Adam
    opt.apply_gradients([(tf.constant([1.0]), w)])
    assert opt.get_slot_names() == ["momentum", "velocity"]
    assert opt.get_slot(w, "momentum").numpy()[0] == pytest.approx(0.1)
    with pytest.raises(KeyError, match="no slot 'm'"):
        opt.get_slot(w, "m")


def test_tf_keras_2_configs_load():
    keras2 = {"class_name": "Adam", "config": {
        "name": "Adam", "weight_decay": None, "clipnorm": None, "global_clipnorm": None, "clipvalue": None,
        "use_ema": False, "ema_momentum": 0.99, "ema_overwrite_frequency": None, "jit_compile": True,
        "is_legacy_optimizer": False, "learning_rate": 0.0005, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07,
        "amsgrad": False}}
    opt = optimizers.deserialize(keras2)
    assert type(opt) is optimizers.Adam and opt.name == "Adam"
    assert float(opt.learning_rate) == pytest.approx(0.0005)
    legacy = optimizers.get({"class_name": "SGD", "config": {"name": "SGD", "lr": 0.1, "decay": 0.0,
                                                             "momentum": 0.9, "nesterov": True}})
    assert float(legacy.learning_rate) == pytest.approx(0.1) and legacy.nesterov
