#include "bindings/convert.h"

#include <cstring>
#include <type_traits>
#include <unordered_map>

#include <pybind11/stl.h>

#include "bindings/tensor_objects.h"
#include "graph/recorder.h"
#include "tensor/errors.h"

namespace ef::bindings {
namespace {

py::list& dtype_objects() {
  static py::list* objects = new py::list();  // leaked: lives as long as the interpreter
  return *objects;
}

DType from_numpy_dtype(const py::dtype& dt, const char* op) {
  switch (dt.kind()) {
    case 'b': return DType::Bool;
    case 'f': return dt.itemsize() == 8 ? DType::Float64 : DType::Float32;
    case 'i': return dt.itemsize() == 8 ? DType::Int64 : DType::Int32;
    case 'u': return dt.itemsize() >= 4 ? DType::Int64 : DType::Int32;
    default:
      throw InvalidArgument(op_message(op, "cannot convert a NumPy array of dtype " +
                                               py::str(static_cast<py::handle>(dt)).cast<std::string>() + " to a tensor"));
  }
}

py::dtype numpy_dtype(DType d) {
  switch (d) {
    case DType::Bool: return py::dtype::of<bool>();
    case DType::Int32: return py::dtype::of<int32_t>();
    case DType::Int64: return py::dtype::of<int64_t>();
    case DType::Float32: return py::dtype::of<float>();
    case DType::Float64: return py::dtype::of<double>();
  }
  return py::dtype::of<float>();
}

TensorPtr from_array(const py::array& src, DType d) {
  py::array a = py::array::ensure(src.attr("astype")(numpy_dtype(d), py::arg("copy") = false),
                                  py::array::c_style | py::array::forcecast);
  Shape shape(a.shape(), a.shape() + a.ndim());
  TensorPtr t = empty(shape, d, "convert_to_tensor");
  if (t->nbytes()) std::memcpy(t->raw(), a.data(), t->nbytes());
  return t;
}

// Scalars are the hot path of `x * 2`: no NumPy round trip.
TensorPtr scalar_tensor(double v, DType d) { return full({}, d, v); }

}  // namespace

// Python literals inside expressions (`x * 2.0`) reuse one immutable tensor per value and
// dtype. Only for op arguments: a tensor the user can hold (tf.constant) is always fresh,
// since a tape tracks tensors by identity.
TensorPtr literal_tensor(double v, DType d) {
  thread_local std::unordered_map<uint64_t, TensorPtr> cache[kNumDTypes];
  auto& slot = cache[static_cast<int>(d)];
  uint64_t key;
  std::memcpy(&key, &v, sizeof key);
  auto it = slot.find(key);
  if (it != slot.end()) return it->second;
  if (slot.size() >= 256) slot.clear();
  TensorPtr t = scalar_tensor(v, d);
  slot.emplace(key, t);
  return t;
}

namespace {

std::string type_name(py::handle obj) { return py::str(py::type::handle_of(obj).attr("__name__")).cast<std::string>(); }

}  // namespace

void set_dtype_objects(py::list objects) { dtype_objects() = objects; }

py::object dtype_object(DType d) { return dtype_objects()[static_cast<size_t>(d)]; }

py::tuple shape_tuple(const Tensor& t) {
  py::tuple s(t.shape.size());
  for (size_t d = 0; d < t.shape.size(); ++d) s[d] = t.shape[d] < 0 ? py::none() : py::cast(t.shape[d]);
  return s;
}

DType to_dtype(py::handle obj) {
  if (py::hasattr(obj, "_enum")) return static_cast<DType>(obj.attr("_enum").cast<int>());
  py::object as_dtype = py::module_::import("eigenflow.dtypes").attr("as_dtype");
  return static_cast<DType>(as_dtype(obj).attr("_enum").cast<int>());
}

// NumPy scalars (np.float64(1.5)) keep their dtype like arrays, unlike Python literals.
static bool is_numpy_scalar(py::handle obj) {
  static py::handle generic = py::object(py::module_::import("numpy").attr("generic")).release();  // lives with NumPy
  return py::isinstance(obj, generic);
}

std::optional<DType> fixed_dtype(py::handle obj) {
  if (is_tensor(obj)) return tensor_of(obj)->dtype;
  if (py::isinstance<py::array>(obj) || is_numpy_scalar(obj)) {
    try {
      return from_numpy_dtype(py::dtype::from_args(obj.attr("dtype")), "convert_to_tensor");
    } catch (const InvalidArgument&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

TensorPtr to_tensor(py::handle obj, std::optional<DType> dtype, std::optional<DType> hint, const char* op) {
  if (is_tensor(obj)) {
    const TensorPtr& t = tensor_of(obj);
    if (dtype && t->dtype != *dtype)
      throw InvalidArgument(op_message(op, std::string("expected a tensor of dtype ") + dtype_name(*dtype) +
                                               ", received " + dtype_name(t->dtype)));
    return t;
  }
  if (py::isinstance<py::array>(obj)) {
    py::array a = py::reinterpret_borrow<py::array>(obj);
    return from_array(a, dtype ? *dtype : from_numpy_dtype(a.dtype(), op));
  }
  std::optional<DType> want = dtype ? dtype : hint;
  // Python literals: bool before int (bool is an int subclass).
  if (PyBool_Check(obj.ptr())) return scalar_tensor(obj.ptr() == Py_True, want.value_or(DType::Bool));
  if (PyLong_CheckExact(obj.ptr())) {
    DType d = want.value_or(DType::Int32);
    if (d == DType::Bool) d = DType::Int32;
    if (d == DType::Int32 || d == DType::Int64) {
      int overflow = 0;
      long long v = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
      if (overflow || (d == DType::Int32 && (v > INT32_MAX || v < INT32_MIN))) {
        if (!dtype && !hint && !overflow) d = DType::Int64;  // too big for int32: int64, as TensorFlow
        else throw InvalidArgument(op_message(op, "integer " + py::str(obj).cast<std::string>() + " is out of range for " + dtype_name(d)));
      }
      auto t = empty({}, d, op);
      if (d == DType::Int32) *t->data<int32_t>() = static_cast<int32_t>(v);
      else *t->data<int64_t>() = v;
      return t;
    }
    return scalar_tensor(obj.cast<double>(), d);
  }
  if (PyFloat_CheckExact(obj.ptr())) {
    DType d = want.value_or(DType::Float32);
    if (!is_float(d)) {
      double v = obj.cast<double>();
      if (dtype || v != static_cast<double>(static_cast<int64_t>(v)))
        throw InvalidArgument(op_message(op, "cannot convert " + py::repr(obj).cast<std::string>() + " to a tensor of dtype " + dtype_name(d)));
      if (!dtype) d = DType::Float32;  // a float literal next to an int tensor: TensorFlow refuses later
    }
    return scalar_tensor(obj.cast<double>(), d);
  }
  // Lists, tuples and anything with __array__ go through NumPy.
  py::array a;
  try {
    a = py::array::ensure(py::module_::import("numpy").attr("asarray")(obj));
  } catch (py::error_already_set&) {
    throw InvalidArgument(op_message(op, "cannot convert an object of type " + type_name(obj) + " to a tensor"));
  }
  if (!a || a.dtype().kind() == 'O' || a.dtype().kind() == 'U' || a.dtype().kind() == 'S')
    throw InvalidArgument(op_message(op, "cannot convert " + py::repr(obj).cast<std::string>().substr(0, 80) +
                                             " (type " + type_name(obj) + ") to a tensor"));
  DType natural = from_numpy_dtype(a.dtype(), op);
  bool literal = py::isinstance<py::list>(obj) || py::isinstance<py::tuple>(obj);
  if (literal && natural == DType::Float64) natural = DType::Float32;  // Python floats default to float32
  if (literal && natural == DType::Int64) natural = DType::Int32;
  DType d = dtype ? *dtype : natural;
  if (!dtype && hint && literal) {
    if (is_float(*hint) || (is_int(*hint) && is_int(natural)) || *hint == natural) d = *hint;
  }
  if (dtype && is_int(*dtype) && is_float(natural)) {
    py::object np = py::module_::import("numpy");
    if (!np.attr("all")(np.attr("equal")(a, np.attr("floor")(a))).cast<bool>())
      throw InvalidArgument(op_message(op, std::string("cannot convert non-integer values to ") + dtype_name(*dtype)));
  }
  return from_array(a, d);
}

py::array to_numpy(const TensorPtr& t, bool copy_data) {
  std::vector<py::ssize_t> shape(t->shape.begin(), t->shape.end());
  if (copy_data || t->is_variable) {
    py::array out(numpy_dtype(t->dtype), shape);
    if (t->nbytes()) std::memcpy(out.mutable_data(), t->raw(), t->nbytes());
    return out;
  }
  // Zero-copy: the array keeps the storage alive through a capsule.
  auto* keep = new StoragePtr(t->storage);
  py::capsule base(keep, [](void* p) { delete static_cast<StoragePtr*>(p); });
  return py::array(numpy_dtype(t->dtype), shape, t->raw(), base);
}

ops::AttrValue to_attr(py::handle obj, const ops::AttrSpec& spec, const char* op) {
  using ops::AttrKind;
  auto fail = [&](const char* what) -> ops::AttrValue {
    throw InvalidArgument(op_message(op, "'" + spec.name + "' must be " + what + ", received " +
                                             py::repr(obj).cast<std::string>().substr(0, 120)));
  };
  // Position in the list being converted (-1: a single value), for graph::AttrSources.
  int element = -1;
  auto as_int = [&](py::handle h) -> int64_t {
    if (is_tensor(h)) {
      const Tensor& t = *tensor_of(h);
      if (t.symbolic() || t.size() != 1 || !is_int(t.dtype)) fail("an int");
      graph::AttrSources::note(element, tensor_of(h));
      return static_cast<int64_t>(element_as_double(t, 0));
    }
    if (PyBool_Check(h.ptr()) || !PyIndex_Check(h.ptr())) fail("an int");
    return py::int_(py::reinterpret_borrow<py::object>(h)).cast<int64_t>();
  };
  auto as_ints = [&](py::handle h) -> std::vector<int64_t> {
    std::vector<int64_t> v;
    if (is_tensor(h)) {
      const Tensor& t = *tensor_of(h);
      if (t.symbolic() || !is_int(t.dtype) || t.rank() > 1) fail("an int or a list of ints");
      graph::AttrSources::note(-1, tensor_of(h));
      for (int64_t i = 0; i < t.size(); ++i) v.push_back(static_cast<int64_t>(element_as_double(t, i)));
      return v;
    }
    if (PyIndex_Check(h.ptr()) && !PyBool_Check(h.ptr())) return {as_int(h)};
    if (!py::isinstance<py::sequence>(h) || py::isinstance<py::str>(h)) {
      if (py::hasattr(h, "__iter__")) {  // a TensorShape, a NumPy array
        for (py::handle e : h) {
          element = static_cast<int>(v.size());
          v.push_back(e.is_none() ? -1 : as_int(e));
        }
        return v;
      }
      fail("an int or a list of ints");
    }
    for (py::handle e : py::reinterpret_borrow<py::sequence>(h)) {
      element = static_cast<int>(v.size());
      v.push_back(e.is_none() ? -1 : as_int(e));
    }
    return v;
  };
  switch (spec.kind) {
    case AttrKind::Int: return as_int(obj);
    case AttrKind::OptInt: return obj.is_none() ? ops::AttrValue{} : ops::AttrValue{as_int(obj)};
    case AttrKind::Float:
    case AttrKind::OptFloat: {
      if (obj.is_none() && spec.kind == AttrKind::OptFloat) return {};
      if (is_tensor(obj)) {
        const Tensor& t = *tensor_of(obj);
        if (t.symbolic() || t.size() != 1) fail("a number");
        graph::AttrSources::note(-1, tensor_of(obj));
        return element_as_double(t, 0);
      }
      if (PyBool_Check(obj.ptr()) || py::isinstance<py::str>(obj)) fail("a number");
      double v = PyFloat_AsDouble(obj.ptr());  // floats, ints, NumPy scalars, one-element arrays
      if (PyErr_Occurred()) {
        PyErr_Clear();
        fail("a number");
      }
      return v;
    }
    case AttrKind::Bool:
      if (is_tensor(obj)) {
        const Tensor& t = *tensor_of(obj);
        if (t.symbolic() || t.size() != 1) fail("a bool");
        graph::AttrSources::note(-1, tensor_of(obj));
        return element_as_double(t, 0) != 0;
      }
      return py::bool_(py::reinterpret_borrow<py::object>(obj)).cast<bool>();
    case AttrKind::String:
      if (obj.is_none() && std::holds_alternative<std::monostate>(spec.default_value)) return {};
      if (!py::isinstance<py::str>(obj)) fail("a string");
      return obj.cast<std::string>();
    case AttrKind::Ints: return obj.is_none() ? ops::AttrValue{} : ops::AttrValue{as_ints(obj)};
    case AttrKind::Axes: return obj.is_none() ? ops::AttrValue{} : ops::AttrValue{as_ints(obj)};
    case AttrKind::DType: return obj.is_none() ? ops::AttrValue{} : ops::AttrValue{to_dtype(obj)};
  }
  return {};
}

py::object from_attr(const ops::AttrValue& value, const std::string& op, const std::string& attr) {
  return std::visit([&](const auto& v) -> py::object {
    using T = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<T, std::monostate>) {
      return py::none();
    } else if constexpr (std::is_same_v<T, DType>) {
      return dtype_object(v);
    } else if constexpr (std::is_same_v<T, std::shared_ptr<const ops::OpaqueAttr>>) {
      throw InvalidArgument(op_message(op, "attribute '" + attr + "' is a C++ object with no Python value"));
    } else {
      return py::cast(v);
    }
  }, value);
}

}  // namespace ef::bindings
