// An optimizer's slot Variables (Adam's momentum and velocity, ...) for many weights in one
// call. A model's first training step makes one per slot and weight; made one by one from
// Python, the names, checks and objects cost several times the allocations themselves.
#include <string>
#include <vector>

#include <pybind11/stl.h>

#include "bindings/module.h"
#include "bindings/tensor_objects.h"

namespace ef::bindings {
namespace {

// What the names of WEIGHT's slots start with: its `path` when it has one (Keras 3's
// "dense/kernel"), else its name without TensorFlow's ":0"; '/' and ':' become '_'.
std::string slot_base_name(py::handle weight) {
  py::object path = py::getattr(weight, "path", py::none());
  const int has_path = PyObject_IsTrue(path.ptr());
  if (has_path < 0) throw py::error_already_set();
  std::string base;
  if (has_path) {
    base = py::str(path).cast<std::string>();
  } else {
    base = py::str(weight.attr("name")).cast<std::string>();
    if (base.size() >= 2 && base.compare(base.size() - 2, 2, ":0") == 0) base.resize(base.size() - 2);
  }
  for (char& c : base)
    if (c == '/' || c == ':') c = '_';
  return base;
}

// The weights' tensors, each checked to be a floating-point Variable (OWNER names the
// optimizer in the message).
std::vector<TensorPtr> checked_weights(const py::list& weights, const std::string& owner) {
  std::vector<TensorPtr> out;
  out.reserve(weights.size());
  for (py::handle w : weights) {
    if (!is_tensor(w) || !tensor_of(w)->is_variable)
      throw py::value_error(owner + ": can only update tf.Variables, received " +
                            py::str(py::type::handle_of(w).attr("__name__")).cast<std::string>() + " " +
                            py::str(py::getattr(w, "shape", py::str(""))).cast<std::string>());
    const TensorPtr& t = tensor_of(w);
    if (!is_float(t->dtype))
      throw py::value_error(owner + ": can only update floating-point Variables, received '" +
                            py::str(w.attr("name")).cast<std::string>() + "' of dtype " + dtype_name(t->dtype));
    out.push_back(t);
  }
  return out;
}

// Non-trainable Variables of class VARIABLE_CLASS, for each weight in WEIGHTS one per name in
// SLOT_NAMES: shaped and typed like the weight, every element FILLS[i], named
// "<base>_<SLOT_NAMES[i]>:0". Weight-major; all weights are checked before any slot is made.
py::list slot_variables(py::handle variable_class, const py::list& weights, const std::vector<std::string>& slot_names,
                        const std::vector<double>& fills, const std::string& owner) {
  if (slot_names.size() != fills.size())
    throw py::value_error("slot_variables: " + std::to_string(slot_names.size()) + " slot names but " +
                          std::to_string(fills.size()) + " fill values");
  const std::vector<TensorPtr> tensors = checked_weights(weights, owner);
  py::str name_attribute("_name");
  py::list out;
  for (size_t w = 0; w < tensors.size(); ++w) {
    const std::string base = slot_base_name(weights[w]) + "_";
    for (size_t s = 0; s < slot_names.size(); ++s) {
      TensorPtr slot = full(tensors[w]->shape, tensors[w]->dtype, fills[s]);
      slot->is_variable = true;
      slot->trainable = false;
      py::object variable = new_tensor_object(variable_class, slot);
      if (PyObject_SetAttr(variable.ptr(), name_attribute.ptr(), py::str(base + slot_names[s] + ":0").ptr()) != 0)
        throw py::error_already_set();
      out.append(std::move(variable));
    }
  }
  return out;
}

}  // namespace

void init_slot_variables(py::module_& m) {
  m.def("slot_base_name", &slot_base_name, py::arg("weight"),
        "What the names of a weight's slot Variables start with: its path (else its name without ':0'), "
        "'/' and ':' made '_'.");
  m.def("slot_variables", &slot_variables, py::arg("variable_class"), py::arg("weights"), py::arg("slot_names"),
        py::arg("fills"), py::arg("owner"),
        "Non-trainable Variables of class variable_class, for each weight one per slot name, filled with the "
        "matching fill value and named '<weight path>_<slot name>:0'; weight-major.");
}

}  // namespace ef::bindings
