// The Variables and Layers in a Keras layer's attributes (Layer._direct_items), found in C++:
// `model.trainable_variables` walks every layer's attributes, once per fit epoch and often
// once per step of a GradientTape loop, and the same walk in Python cost 5 us a layer.
#include <unordered_set>
#include <vector>

#include "bindings/module.h"

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
  }

  // (variables, layers) among the values of ATTRIBUTES (an instance __dict__) whose keys are
  // not in SKIP, in attribute order, each once; OWNER itself is not listed among the layers.
  py::tuple walk(const py::dict& attributes, const py::object& skip, py::handle owner) const {
    Found found{py::list(), py::list(), {}, owner.ptr()};
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(attributes.ptr(), &pos, &key, &value)) {
      if (is_scalar(value)) continue;
      const int skipped = PySequence_Contains(skip.ptr(), key);
      if (skipped < 0) throw py::error_already_set();
      if (!skipped) visit(value, 0, found);
    }
    return py::make_tuple(std::move(found.variables), std::move(found.layers));
  }

 private:
  struct Found {
    py::list variables, layers;
    std::unordered_set<PyObject*> seen;
    PyObject* owner;
  };

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
           "(variables, layers) in the values of ATTRIBUTES whose keys are not in SKIP, each once, without OWNER.");
}

}  // namespace ef::bindings
