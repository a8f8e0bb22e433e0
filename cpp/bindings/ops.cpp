// One Python function per registered op, parsing arguments from the op's own spec:
// inputs first, then attributes, then `name` (accepted and ignored, as eager TF does).
#include <cmath>

#include <pybind11/stl.h>

#include "bindings/convert.h"
#include "bindings/module.h"
#include "bindings/tensor_objects.h"
#include "graph/recorder.h"
#include "ops/descriptions.h"
#include "ops/execute.h"

namespace ef::bindings {
namespace {

// Kernels on more elements than this run with the GIL released.
constexpr int64_t kReleaseGilElements = 1 << 15;

std::vector<TensorPtr> run(const ops::OpDef& op, const std::vector<TensorPtr>& inputs, const ops::Attrs& attrs) {
  int64_t work = 0;
  for (const TensorPtr& t : inputs) work += t->size();
  if (work > kReleaseGilElements) {
    py::gil_scoped_release release;
    return ops::execute(op, inputs, attrs);
  }
  return ops::execute(op, inputs, attrs);
}

// Converts the op's tensor arguments; Python literals among the promoting inputs take the
// dtype of the first promoting input whose dtype is fixed.
std::vector<TensorPtr> convert_inputs(const ops::OpDef& op, const std::vector<py::handle>& given) {
  std::vector<py::object> items;  // owning: iterating an array or a generic sequence makes new objects
  std::vector<bool> promotes;
  if (op.variadic) {
    if (!given[0] || !py::isinstance<py::sequence>(given[0]) || is_tensor(given[0]) ||
        py::isinstance<py::array>(given[0])) {
      if (given[0] && (is_tensor(given[0]) || py::isinstance<py::array>(given[0]))) {
        // a single tensor stands for the list of its rows (tf.stack(t) stacks t's slices)
        for (py::handle e : given[0]) items.push_back(py::reinterpret_borrow<py::object>(e));
      } else {
        throw InvalidArgument(op_message(op.name, "'" + op.inputs[0].name + "' must be a list of tensors"));
      }
    } else {
      for (py::handle e : py::reinterpret_borrow<py::sequence>(given[0]))
        items.push_back(py::reinterpret_borrow<py::object>(e));
    }
    promotes.assign(items.size(), true);
  } else {
    for (py::handle h : given) items.push_back(py::reinterpret_borrow<py::object>(h));
    for (const ops::InputSpec& s : op.inputs) promotes.push_back(s.promotes);
  }
  std::optional<DType> hint;
  for (size_t k = 0; k < items.size() && !hint; ++k)
    if (promotes[k]) hint = fixed_dtype(items[k]);
  std::vector<TensorPtr> out;
  out.reserve(items.size());
  for (size_t k = 0; k < items.size(); ++k)
    out.push_back(to_tensor(items[k], std::nullopt, promotes[k] ? hint : std::nullopt, op.name.c_str()));
  return out;
}

py::object wrap_outputs(std::vector<TensorPtr>&& outs, bool as_list = false) {
  if (as_list) {
    py::list l(outs.size());
    for (size_t k = 0; k < outs.size(); ++k) l[k] = wrap_tensor(outs[k]);
    return l;
  }
  if (outs.size() == 1) return wrap_tensor(outs[0]);
  py::tuple t(outs.size());
  for (size_t k = 0; k < outs.size(); ++k) t[k] = wrap_tensor(outs[k]);
  return t;
}

}  // namespace

bool any_symbolic(const std::vector<TensorPtr>& inputs) {
  for (const TensorPtr& t : inputs)
    if (t->symbolic()) return true;
  return false;
}

py::object keep_symbolic_arguments(py::object result, py::object arguments) {
  auto keep = [&](py::handle out) {
    if (is_tensor(out)) out.attr("_symbolic_arguments") = arguments;
  };
  if (py::isinstance<py::tuple>(result) || py::isinstance<py::list>(result)) {
    for (py::handle out : result) keep(out);
  } else {
    keep(result);
  }
  return result;
}

namespace {

// The slot (inputs, then attributes, then name) that positional argument K fills.
size_t positional_slot(const ops::OpDef& op, size_t k) {
  if (op.params.empty()) return k;
  if (k >= op.params.size()) return op.inputs.size() + op.attrs.size();
  const std::string& name = op.params[k];
  for (size_t i = 0; i < op.inputs.size(); ++i)
    if (op.inputs[i].name == name) return i;
  return op.inputs.size() + static_cast<size_t>(op.attr_index(name));
}

}  // namespace

py::object call_op(const ops::OpDef& op, py::args args, py::kwargs kwargs) {
  const size_t n_in = op.inputs.size(), n_attr = op.attrs.size();
  std::vector<py::handle> slots(n_in + n_attr + 1);
  if (args.size() > slots.size())
    throw InvalidArgument(op_message(op.name, "takes at most " + std::to_string(slots.size()) + " arguments, received " +
                                                  std::to_string(args.size())));
  for (size_t k = 0; k < args.size(); ++k) slots[positional_slot(op, k)] = args[k];
  for (auto item : kwargs) {
    std::string key = item.first.cast<std::string>();
    size_t k = 0;
    for (; k < n_in && op.inputs[k].name != key; ++k) {}
    if (k == n_in) {
      int a = op.attr_index(key);
      k = a >= 0 ? n_in + a : (key == "name" ? n_in + n_attr : SIZE_MAX);
    }
    if (k == SIZE_MAX) throw InvalidArgument(op_message(op.name, "got an unexpected keyword argument '" + key + "'"));
    if (slots[k]) throw InvalidArgument(op_message(op.name, "got multiple values for argument '" + key + "'"));
    slots[k] = item.second;
  }
  for (size_t k = 0; k < n_in; ++k)
    if (!slots[k]) throw InvalidArgument(op_message(op.name, "missing required argument '" + op.inputs[k].name + "'"));
  std::vector<py::handle> given(slots.begin(), slots.begin() + n_in);
  std::vector<TensorPtr> inputs = convert_inputs(op, given);
  ops::Attrs attrs;
  attrs.values.reserve(n_attr);
  // While a function is traced, attributes that traced tensors give are read again each run.
  std::optional<graph::AttrSources> sources;
  if (graph::recording()) sources.emplace(op);
  for (size_t k = 0; k < n_attr; ++k) {
    const ops::AttrSpec& spec = op.attrs[k];
    py::handle h = slots[n_in + k];
    if (sources) graph::AttrSources::set_attr(static_cast<int>(k));
    if (!h) {
      if (spec.required) throw InvalidArgument(op_message(op.name, "missing required argument '" + spec.name + "'"));
      attrs.values.push_back(spec.default_value);
    } else {
      attrs.values.push_back(to_attr(h, spec, op.name.c_str()));
      if (spec.required && std::holds_alternative<std::monostate>(attrs.values.back()))
        throw InvalidArgument(op_message(op.name, "'" + spec.name + "' is required and cannot be None"));
    }
  }
  py::object result = wrap_outputs(run(op, inputs, attrs), op.returns_list);
  return any_symbolic(inputs) ? keep_symbolic_arguments(result, py::make_tuple(args, kwargs)) : result;
}

py::object call_binary(const ops::OpDef& op, py::handle a, py::handle b) {
  TensorPtr x, y;
  // The common case, two tensors, converts nothing.
  if (is_tensor(a)) x = tensor_of(a);
  if (is_tensor(b)) y = tensor_of(b);
  // A Python number beside a tensor: a shared literal of the tensor's dtype.
  auto literal = [](py::handle h, const TensorPtr& other) -> TensorPtr {
    if (!other || !(PyFloat_CheckExact(h.ptr()) || PyLong_CheckExact(h.ptr()))) return nullptr;
    double v = PyFloat_CheckExact(h.ptr()) ? PyFloat_AS_DOUBLE(h.ptr()) : PyLong_AsDouble(h.ptr());
    if (PyErr_Occurred()) { PyErr_Clear(); return nullptr; }
    if (is_float(other->dtype)) return literal_tensor(v, other->dtype);
    bool whole = PyLong_CheckExact(h.ptr()) && std::abs(v) < 2147483648.0;
    return whole && is_int(other->dtype) ? literal_tensor(v, other->dtype) : nullptr;
  };
  if (!y) y = literal(b, x);
  if (!x) x = literal(a, y);
  if (!x || !y) {
    std::optional<DType> hint = x ? std::optional<DType>(x->dtype) : y ? std::optional<DType>(y->dtype) : fixed_dtype(a);
    if (!hint) hint = fixed_dtype(b);
    if (!x) x = to_tensor(a, std::nullopt, hint, op.name.c_str());
    if (!y) y = to_tensor(b, std::nullopt, hint, op.name.c_str());
  }
  static const ops::Attrs no_attrs;
  const ops::Attrs& attrs = op.attrs.empty() ? no_attrs : ops::make_attrs(op, {});
  py::object result = wrap_outputs(run(op, {x, y}, attrs));
  if (!x->symbolic() && !y->symbolic()) return result;
  return keep_symbolic_arguments(result, py::make_tuple(py::reinterpret_borrow<py::object>(a),
                                                        py::reinterpret_borrow<py::object>(b)));
}

static std::string signature_doc(const ops::OpDef& op) {
  std::vector<std::string> names = op.params;
  if (names.empty()) {
    for (const auto& i : op.inputs) names.push_back(i.name);
    for (const auto& a : op.attrs) names.push_back(a.name);
  }
  std::string s = op.name + "(";
  for (size_t k = 0; k < names.size(); ++k) {
    int a = op.attr_index(names[k]);
    s += (k ? ", " : "") + names[k] + (a >= 0 && !op.attrs[a].required ? "=..." : "");
  }
  s += ", name=None)";
  return op.doc.empty() ? s : s + "\n\n" + op.doc;
}

void init_ops(py::module_& m) {
  ops::describe_undocumented_ops();
  py::module_ sub = m.def_submodule("ops", "One function per registered op (see cpp/ops/).");
  py::dict exports;
  for (const auto& op_ptr : ops::Registry::get().all()) {
    const ops::OpDef* op = op_ptr.get();
    py::cpp_function fn([op](py::args args, py::kwargs kwargs) { return call_op(*op, args, kwargs); },
                        py::name(op->name.c_str()), py::doc(signature_doc(*op).c_str()));
    sub.attr(op->name.c_str()) = fn;
    exports[py::str(op->name)] = py::cast(op->exported_as);
  }
  m.attr("op_exports") = exports;
  m.def("op_info", [](const std::string& name) {
    const ops::OpDef& op = ops::Registry::get().at(name);
    py::list inputs, attrs;
    for (const auto& i : op.inputs) inputs.append(i.name);
    for (const auto& a : op.attrs) attrs.append(a.name);
    py::dict d;
    d["inputs"] = inputs;
    d["attrs"] = attrs;
    d["variadic"] = op.variadic;
    d["params"] = py::cast(op.params);
    d["differentiable"] = op.differentiable;
    d["stateful"] = op.is_stateful;
    d["has_gradient"] = static_cast<bool>(op.grad_fn);
    return d;
  });
}

}  // namespace ef::bindings
