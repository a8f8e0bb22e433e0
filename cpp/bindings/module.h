// The areas of the eigenflow._core module, each bound by its own file.
#pragma once
#include <pybind11/pybind11.h>

#include "ops/registry.h"

namespace ef::bindings {
namespace py = pybind11;

void init_tensor(py::module_& m);
void init_ops(py::module_& m);
void init_autodiff(py::module_& m);
void init_graph(py::module_& m);
void init_collective(py::module_& m);
void init_data(py::module_& m);
void init_attribute_walk(py::module_& m);
void init_slot_variables(py::module_& m);

py::object call_op(const ops::OpDef& op, py::args args, py::kwargs kwargs);
py::object call_binary(const ops::OpDef& op, py::handle a, py::handle b);
// Makes `a + b` and the other arithmetic operators call their ops through number slots.
void init_operator_slots(py::handle tensor_class);
py::object getitem(const TensorPtr& t, py::handle key);
// RESULT of an op call on INPUTS: when an input is symbolic (a Keras Input or a layer's
// output on one), each result keeps ARGUMENTS (the call's Python arguments) alive, since
// Keras records a layer call on the Python object of the layer's output tensor, which must
// live as long as the ops that read it.
// Callers test any_symbolic first, so that eager calls build no ARGUMENTS tuple.
bool any_symbolic(const std::vector<TensorPtr>& inputs);
py::object keep_symbolic_arguments(py::object result, py::object arguments);

}  // namespace ef::bindings
