// The Variables and Layers in a Keras layer's attributes (Layer._direct_items), found in C++:
// `model.trainable_variables` walks every layer's attributes, once per fit epoch and often
// once per step of a GradientTape loop, and the same walk in Python cost 5 us a layer.
// Layer.trainable_weights runs here too, down the whole tree of layers.
#include <unordered_set>
#include <vector>

#include "bindings/module.h"
#include "bindings/tensor_objects.h"

namespace ef::bindings {
namespace {

// Containers are followed this many levels deep (a list of lists of layers, a dict of them).
constexpr int kMaxDepth = 4;

class AttributeWalker {
 public:
  AttributeWalker(py::object variable_type, py::object layer_type, py::iterable scalar_types)
      : variable_type_(std::move(variable_type)), layer_type_(std::move(layer_type)) {
    if (!PyType_Check(variable_type_.ptr()) || !PyType_Check(layer_type_.ptr()))
      throw py::type_error("AttributeWalker: variable_type and layer_type must be types");
    for (py::handle t : scalar_types) {
      if (!PyType_Check(t.ptr())) throw py::type_error("AttributeWalker: scalar_types must hold types");
      scalar_types_.push_back(reinterpret_cast<PyTypeObject*>(t.ptr()));
      held_.push_back(py::reinterpret_borrow<py::object>(t));
    }
    bind_definitions();
  }

  // (variables, layers) among the values of ATTRIBUTES (an instance __dict__) whose keys are
  // not in SKIP, in attribute order, each once; OWNER itself is not listed among the layers.
  py::tuple walk(const py::dict& attributes, const py::object& skip, py::handle owner) const {
    Found found = find(attributes.ptr(), skip.ptr(), owner.ptr());
    return py::make_tuple(std::move(found.variables), std::move(found.layers));
  }

  // Layer.trainable_weights of LAYER: [] if it is not trainable, else its trainable own,
  // attribute and captured Variables, then each sublayer's trainable_weights, each Variable
  // once. A class that redefines trainable_weights or trainable is asked in Python (LAYER's
  // own trainable_weights is Layer's: the property calls this, also through super()). A
  // layer met again deeper down (a cycle of layers) adds nothing more.
  py::list trainable_weights(py::handle layer) const {
    Trainable found;
    collect_trainable(layer.ptr(), true, found);
    return std::move(found.variables);
  }

 private:
  struct Found {
    py::list variables, layers;
    std::unordered_set<PyObject*> seen;
    PyObject* owner;
  };

  struct Trainable {
    py::list variables;
    std::unordered_set<PyObject*> seen_variables, seen_layers;
  };

  Found find(PyObject* attributes, PyObject* skip, PyObject* owner) const {
    Found found{py::list(), py::list(), {}, owner};
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(attributes, &pos, &key, &value)) {
      if (is_scalar(value)) continue;
      const int skipped = PySequence_Contains(skip, key);
      if (skipped < 0) throw py::error_already_set();
      if (!skipped) visit(value, 0, found);
    }
    return found;
  }

  // Layer's and Variable's own trainable_weights and trainable, to tell which classes
  // redefine them (the walker is made once both classes are complete).
  void bind_definitions() {
    auto intern = [](const char* name) { return py::reinterpret_steal<py::object>(PyUnicode_InternFromString(name)); };
    trainable_weights_name_ = intern("trainable_weights");
    trainable_name_ = intern("trainable");
    trainable_flag_name_ = intern("_trainable");
    own_weights_name_ = intern("_own_weights");
    captured_weights_name_ = intern("_captured_weights");
    auto* layer_type = reinterpret_cast<PyTypeObject*>(layer_type_.ptr());
    layer_trainable_weights_ = _PyType_Lookup(layer_type, trainable_weights_name_.ptr());
    layer_trainable_ = _PyType_Lookup(layer_type, trainable_name_.ptr());
    variable_trainable_ = _PyType_Lookup(reinterpret_cast<PyTypeObject*>(variable_type_.ptr()), trainable_name_.ptr());
    if (!layer_trainable_weights_ || !layer_trainable_ || !variable_trainable_)
      throw py::type_error("AttributeWalker: layer_type needs trainable_weights and trainable, variable_type "
                           "trainable");
  }

  static bool redefines(PyObject* object, const py::object& name, PyObject* base_definition) {
    return _PyType_Lookup(Py_TYPE(object), name.ptr()) != base_definition;
  }

  static bool truthy(PyObject* value) {
    const int b = PyObject_IsTrue(value);
    if (b < 0) throw py::error_already_set();
    return b != 0;
  }

  static PyObject* dict_of(PyObject* object) {
    PyObject** slot = _PyObject_GetDictPtr(object);
    if (!slot || !*slot) throw py::type_error("AttributeWalker.trainable_weights: a layer without __dict__");
    return *slot;
  }

  // A list attribute Layer.__new__ sets on every layer (_own_weights, _captured_weights).
  static PyObject* required_list(PyObject* dict, const py::object& name) {
    PyObject* value = PyDict_GetItemWithError(dict, name.ptr());
    if (!value && PyErr_Occurred()) throw py::error_already_set();
    if (!value || !PyList_Check(value))
      throw py::type_error("AttributeWalker.trainable_weights: a layer without its " + name.cast<std::string>() +
                           " list, which every layer is made with");
    return value;
  }

  bool variable_trainable(PyObject* v) const {
    if (is_tensor(v) && !redefines(v, trainable_name_, variable_trainable_)) return tensor_of(v)->trainable;
    return truthy(py::getattr(v, trainable_name_).ptr());
  }

  // Items are held while they are looked at: a redefined `trainable` runs Python, which may
  // change the lists.
  void add_all(PyObject* list, bool check_trainable, Trainable& found) const {
    py::object held = py::reinterpret_borrow<py::object>(list);
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); ++i) {
      py::object v = py::reinterpret_borrow<py::object>(PyList_GET_ITEM(list, i));
      if (check_trainable && !variable_trainable(v.ptr())) continue;
      if (found.seen_variables.insert(v.ptr()).second) found.variables.append(v);
    }
  }

  void collect_trainable(PyObject* layer, bool is_root, Trainable& found) const {
    if (!found.seen_layers.insert(layer).second) return;
    py::object self = py::reinterpret_borrow<py::object>(layer);
    if (!is_root && redefines(layer, trainable_weights_name_, layer_trainable_weights_)) {
      py::list theirs(self.attr(trainable_weights_name_));
      add_all(theirs.ptr(), false, found);
      return;
    }
    py::object dict = py::reinterpret_borrow<py::object>(dict_of(layer));
    if (redefines(layer, trainable_name_, layer_trainable_)) {
      if (!truthy(self.attr(trainable_name_).ptr())) return;
    } else {
      PyObject* flag = PyDict_GetItemWithError(dict.ptr(), trainable_flag_name_.ptr());  // absent: True
      if (!flag && PyErr_Occurred()) throw py::error_already_set();
      if (flag && !truthy(flag)) return;
    }
    py::object skip = self.attr("_untracked_attributes")();
    Found direct = find(dict.ptr(), skip.ptr(), layer);
    py::object own = py::reinterpret_borrow<py::object>(required_list(dict.ptr(), own_weights_name_));
    py::object captured = py::reinterpret_borrow<py::object>(required_list(dict.ptr(), captured_weights_name_));
    add_all(own.ptr(), true, found);
    add_all(direct.variables.ptr(), true, found);
    add_all(captured.ptr(), true, found);
    for (py::handle sublayer : direct.layers) collect_trainable(sublayer.ptr(), false, found);
  }

  bool is_scalar(PyObject* value) const {
    for (PyTypeObject* t : scalar_types_)
      if (Py_TYPE(value) == t) return true;
    return false;
  }

  // By the type's MRO, as isinstance decides for any object that does not fake __class__;
  // it runs no Python code (the metaclass's __instancecheck__), so nothing changes the
  // containers being walked.
  static bool is_instance(PyObject* value, const py::object& type) {
    return PyType_IsSubtype(Py_TYPE(value), reinterpret_cast<PyTypeObject*>(type.ptr()));
  }

  void visit(PyObject* value, int depth, Found& found) const {
    if (is_scalar(value)) return;
    if (is_instance(value, variable_type_)) {
      if (found.seen.insert(value).second) found.variables.append(value);
    } else if (is_instance(value, layer_type_)) {
      if (value != found.owner && found.seen.insert(value).second) found.layers.append(value);
    } else if (depth < kMaxDepth && (PyList_Check(value) || PyTuple_Check(value))) {
      const Py_ssize_t n = PySequence_Fast_GET_SIZE(value);
      for (Py_ssize_t i = 0; i < n && i < PySequence_Fast_GET_SIZE(value); ++i)
        visit(PySequence_Fast_GET_ITEM(value, i), depth + 1, found);
    } else if (depth < kMaxDepth && PyDict_Check(value)) {
      PyObject *k, *v;
      Py_ssize_t pos = 0;
      while (PyDict_Next(value, &pos, &k, &v)) visit(v, depth + 1, found);
    }
  }

  py::object variable_type_, layer_type_;
  py::object trainable_weights_name_, trainable_name_, trainable_flag_name_, own_weights_name_,
      captured_weights_name_;
  // Borrowed from the classes, which the walker holds.
  PyObject* layer_trainable_weights_ = nullptr;
  PyObject* layer_trainable_ = nullptr;
  PyObject* variable_trainable_ = nullptr;
  std::vector<PyTypeObject*> scalar_types_;
  std::vector<py::object> held_;  // keeps scalar_types_ alive
};

}  // namespace

void init_attribute_walk(py::module_& m) {
  py::class_<AttributeWalker>(m, "AttributeWalker",
                              "Finds the Variables and Layers in a layer's attributes (Layer._direct_items).")
      .def(py::init<py::object, py::object, py::iterable>(), py::arg("variable_type"), py::arg("layer_type"),
           py::arg("scalar_types"))
      .def("walk", &AttributeWalker::walk, py::arg("attributes"), py::arg("skip"), py::arg("owner"),
           "(variables, layers) in the values of ATTRIBUTES whose keys are not in SKIP, each once, without OWNER.")
      .def("trainable_weights", &AttributeWalker::trainable_weights, py::arg("layer"),
           "Layer.trainable_weights of LAYER, down its tree of sublayers.");
}

}  // namespace ef::bindings
