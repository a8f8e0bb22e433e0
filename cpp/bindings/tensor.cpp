// The Tensor class: properties, NumPy interop, Python operators and Variable assignment.
// Indexing, printing and TensorShape are added in Python (python/eigenflow/framework/).
#include <cstring>

#include <pybind11/stl.h>

#include "bindings/convert.h"
#include "bindings/module.h"
#include "bindings/tensor_objects.h"
#include "graph/recorder.h"
#include "ops/execute.h"
#include "ops/symbolic.h"

namespace ef::bindings {
namespace {

const char* buffer_format(DType d) {
  switch (d) {
    case DType::Bool: return "?";
    case DType::Int32: return "i";
    case DType::Int64: return "q";
    case DType::Float32: return "f";
    case DType::Float64: return "d";
  }
  return "f";
}

// Values of a symbolic tensor do not exist until a model runs it on real data, and those of
// a function being traced belong to the graph: Python reading one would bake it in.
const Tensor& concrete(const Tensor& t, const char* what) {
  if (t.symbolic())
    throw InvalidArgument(std::string("[") + what + "] a symbolic tensor of shape " + shape_str(t.shape) +
                          " (a Keras Input or a layer output on one) has no value yet; call the model on data");
  if (graph::traced(t))
    throw OperatorNotAllowedInGraph(std::string("[") + what + "] Python cannot read the value of a " +
                                    (t.is_variable ? "Variable" : "tensor") + " of shape " + shape_str(t.shape) +
                                    " while a tf.function is traced");
  return t;
}

const ops::OpDef& op(const char* name) { return ops::Registry::get().at(name); }

// V, a fresh tensor, made a Variable (the constructors of Variable end here).
TensorPtr as_variable(TensorPtr v, bool trainable) {
  v->is_variable = true;
  v->trainable = trainable;
  return v;
}

// Binds a Python operator to a binary op; REVERSED swaps the operands (__radd__).
template <bool REVERSED>
void bind_operator(py::class_<Tensor, TensorPtr>& cls, const char* dunder, const char* op_name) {
  const ops::OpDef* def = &op(op_name);
  cls.def(dunder, [def](py::handle self, py::handle other) {
    return REVERSED ? call_binary(*def, other, self) : call_binary(*def, self, other);
  });
}

}  // namespace

void init_tensor(py::module_& m) {
  py::class_<Tensor, TensorPtr> cls(m, "Tensor", py::buffer_protocol(), py::dynamic_attr());
  init_tensor_objects(cls);
  cls.doc() = "An immutable multi-dimensional array (a Variable is a Tensor whose value can be assigned).";
  // Variable construction: a private copy of VALUE that assign() may overwrite.
  cls.def(py::init([](const TensorPtr& value, bool trainable) {
            return as_variable(copy(value), trainable);
          }),
          py::arg("value"), py::arg("trainable") = true);
  cls.def_property_readonly("dtype", [](const Tensor& t) { return dtype_object(t.dtype); });
  cls.def_property_readonly("_shape_tuple", [](const Tensor& t) { return shape_tuple(t); });
  cls.def_property_readonly("ndim", [](const Tensor& t) { return t.rank(); });
  cls.def_property_readonly("_id", [](const Tensor& t) { return t.id; });
  cls.def_property_readonly("_is_variable", [](const Tensor& t) { return t.is_variable; });
  cls.def_property(
      "_trainable", [](const Tensor& t) { return t.trainable; }, [](Tensor& t, bool v) { t.trainable = v; });
  cls.def("_size", [](const Tensor& t) { return t.size(); });
  cls.def("numpy", [](const TensorPtr& t) { concrete(*t, "numpy"); return to_numpy(t, false); },
          "The value as a NumPy array (sharing memory where it can; a Variable's is a copy).");
  cls.def("__array__", [](const TensorPtr& t, py::object dtype, py::object copy) {
        concrete(*t, "__array__");
        py::array a = to_numpy(t, !copy.is_none() && copy.cast<bool>());
        if (!dtype.is_none()) return py::array(a.attr("astype")(dtype));
        return a;
      }, py::arg("dtype") = py::none(), py::arg("copy") = py::none());
  cls.def_buffer([](Tensor& t) {
    concrete(t, "buffer");
    std::vector<py::ssize_t> shape(t.shape.begin(), t.shape.end()), strides;
    for (int64_t s : contiguous_strides(t.shape)) strides.push_back(s * static_cast<py::ssize_t>(itemsize(t.dtype)));
    return py::buffer_info(t.raw(), static_cast<py::ssize_t>(itemsize(t.dtype)), buffer_format(t.dtype),
                           static_cast<py::ssize_t>(t.shape.size()), shape, strides, true);
  });
  cls.def("_item", [](const Tensor& t) -> py::object {
    concrete(t, "item");
    if (t.size() != 1)
      throw InvalidArgument("only a tensor with one element converts to a Python scalar, received shape " +
                            shape_str(t.shape));
    // Integers are read as themselves: a double holds only 53 bits of an int64.
    if (t.dtype == DType::Int64) return py::int_(*t.data<int64_t>());
    if (t.dtype == DType::Int32) return py::int_(*t.data<int32_t>());
    double v = element_as_double(t, 0);
    if (t.dtype == DType::Bool) return py::bool_(v != 0);
    return py::float_(v);
  });
  // Variable.assign, assign_add, assign_sub: VALUE in the Variable's dtype, then the op.
  for (const char* name : {"assign", "assign_add", "assign_sub"}) {
    const ops::OpDef* def = &op(name);
    cls.def((std::string("_") + name).c_str(), [def](const TensorPtr& self, py::handle value) {
      TensorPtr v = to_tensor(value, self->dtype, std::nullopt, def->name.c_str());
      ops::execute(*def, {self, v}, ops::Attrs{});
    });
  }
  cls.attr("__array_priority__") = 100;
  cls.def("__getitem__", [](py::object self, py::handle key) {
        const TensorPtr& t = tensor_of(self);
        py::object result = getitem(t, key);
        return t->symbolic() ? keep_symbolic_arguments(result, py::make_tuple(self, key)) : result;
      }, "NumPy-style basic indexing (ints, slices, ..., None), differentiable.");
  cls.def_property_readonly("_is_symbolic", [](const Tensor& t) { return t.symbolic(); });
  cls.def_property_readonly("_producer", [](const Tensor& t) { return t.producer; });
  cls.def_property_readonly("_producer_output", [](const Tensor& t) { return t.producer_output; });

  py::class_<Producer, std::shared_ptr<Producer>>(m, "Producer", "The op call that made a symbolic tensor.")
      .def_property_readonly("op_name", [](const Producer& p) { return p.op->name; })
      .def_property_readonly("inputs", [](const Producer& p) { return p.inputs; })
      .def_property_readonly("attrs", [](const Producer& p) {
        py::dict d;  // name -> value, in the op's order, so saving can record the call
        for (size_t k = 0; k < p.op->attrs.size(); ++k)
          d[py::str(p.op->attrs[k].name)] = from_attr(p.attrs.values[k], p.op->name, p.op->attrs[k].name);
        return d;
      })
      .def_readonly("num_outputs", &Producer::num_outputs)
      .def("replay", [](const Producer& p, const std::vector<TensorPtr>& inputs) { return ops::replay(p, inputs); });

  m.def("symbolic", [](const std::vector<std::optional<int64_t>>& shape, py::handle dtype) {
        Shape s;
        for (const auto& d : shape) s.push_back(d ? *d : kUnknownDim);
        return symbolic(s, to_dtype(dtype));
      }, py::arg("shape"), py::arg("dtype"), "A symbolic tensor (None for unknown dims), as keras.Input makes.");

  bind_operator<false>(cls, "__add__", "add");
  bind_operator<true>(cls, "__radd__", "add");
  bind_operator<false>(cls, "__sub__", "subtract");
  bind_operator<true>(cls, "__rsub__", "subtract");
  bind_operator<false>(cls, "__mul__", "multiply");
  bind_operator<true>(cls, "__rmul__", "multiply");
  bind_operator<false>(cls, "__truediv__", "divide");
  bind_operator<true>(cls, "__rtruediv__", "divide");
  bind_operator<false>(cls, "__floordiv__", "floordiv");
  bind_operator<true>(cls, "__rfloordiv__", "floordiv");
  bind_operator<false>(cls, "__mod__", "floormod");
  bind_operator<true>(cls, "__rmod__", "floormod");
  bind_operator<false>(cls, "__pow__", "pow");
  bind_operator<true>(cls, "__rpow__", "pow");
  bind_operator<false>(cls, "__matmul__", "matmul");
  bind_operator<true>(cls, "__rmatmul__", "matmul");
  bind_operator<false>(cls, "__lt__", "less");
  bind_operator<false>(cls, "__le__", "less_equal");
  bind_operator<false>(cls, "__gt__", "greater");
  bind_operator<false>(cls, "__ge__", "greater_equal");
  bind_operator<false>(cls, "__and__", "logical_and");
  bind_operator<true>(cls, "__rand__", "logical_and");
  bind_operator<false>(cls, "__or__", "logical_or");
  bind_operator<true>(cls, "__ror__", "logical_or");
  init_operator_slots(cls);

  m.def("_set_dtype_objects", &set_dtype_objects);
  m.def("convert_to_tensor",
        [](py::handle value, py::object dtype, py::object dtype_hint) {
          std::optional<DType> d, h;
          if (!dtype.is_none()) d = to_dtype(dtype);
          if (!dtype_hint.is_none()) h = to_dtype(dtype_hint);
          // A tensor asked for in another dtype is cast, as tf.constant(t, dtype=...) does.
          if (d && is_tensor(value) && tensor_of(value)->dtype != *d)
            return ops::call("cast", {tensor_of(value)}, {{"dtype", *d}});
          return to_tensor(value, d, h);
        },
        py::arg("value"), py::arg("dtype") = py::none(), py::arg("dtype_hint") = py::none());
}

}  // namespace ef::bindings
