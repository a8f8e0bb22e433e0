// Python Tensor objects <-> TensorPtr without pybind11's per-call type lookups: its generic
// isinstance, cast and wrap each search a type table, which cost a third of an eager `a + b`.
#pragma once
#include "bindings/module.h"

namespace ef::bindings {

// Caches the bound Tensor class; called once, right after it is bound.
void init_tensor_objects(py::handle tensor_class);
// Whether O is a Tensor (or an instance of a Python subclass, such as Variable).
bool is_tensor(py::handle o);
// The tensor O holds; O must satisfy is_tensor.
const TensorPtr& tensor_of(py::handle o);
// The Python object of T: a new wrapper, or the one T already has.
py::object wrap_tensor(const TensorPtr& t);
// A new object of CLS (Tensor or a Python subclass of it, such as Variable) holding T, as
// calling CLS's bound constructor would make it, but without running any __init__.
py::object new_tensor_object(py::handle cls, const TensorPtr& t);

}  // namespace ef::bindings
