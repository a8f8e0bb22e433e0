// Conversions between Python objects and tensors, dtypes and attributes.
#pragma once
#include <optional>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "ops/registry.h"

namespace ef::bindings {
namespace py = pybind11;

// The Python eigenflow.DType object for D (registered by the Python package at import).
py::object dtype_object(DType d);
void set_dtype_objects(py::list objects);
// T's shape as a Python tuple (None for an unknown dimension).
py::tuple shape_tuple(const Tensor& t);
// Anything tf.as_dtype accepts: a DType, a NumPy dtype or type, a string, float/int/bool.
DType to_dtype(py::handle obj);

// A tensor from OBJ. DTYPE forces the result's dtype (a Tensor of another dtype is an
// error); HINT only guides Python literals (x + 2 keeps x's dtype), as TensorFlow does.
TensorPtr to_tensor(py::handle obj, std::optional<DType> dtype = std::nullopt,
                    std::optional<DType> hint = std::nullopt, const char* op = "convert_to_tensor");
// The dtype of a tensor or NumPy array; none for a Python literal (its dtype adapts).
std::optional<DType> fixed_dtype(py::handle obj);

// A scalar tensor for a Python literal argument of an op (shared, immutable; see .cpp).
TensorPtr literal_tensor(double v, DType d);
py::array to_numpy(const TensorPtr& t, bool copy);
ops::AttrValue to_attr(py::handle obj, const ops::AttrSpec& spec, const char* op);
// The Python value of an attribute (None, bool, int, float, str, list of ints, DType);
// an opaque C++ attribute (a branch graph) has none and raises, naming OP and ATTR.
py::object from_attr(const ops::AttrValue& value, const std::string& op, const std::string& attr);

}  // namespace ef::bindings
