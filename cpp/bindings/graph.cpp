// Tracing and traced graphs (cpp/graph/), for tf.function (python/eigenflow/framework/function.py).
#include <optional>

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "bindings/convert.h"
#include "bindings/module.h"
#include "bindings/tensor_objects.h"
#include "graph/control_flow.h"
#include "graph/recorder.h"

namespace ef::bindings {
namespace {

// A Python callable that a graph may call and drop without holding the GIL.
graph::Callback python_callback(py::function fn) {
  std::shared_ptr<py::object> held(new py::object(std::move(fn)), [](py::object* o) {
    py::gil_scoped_acquire gil;
    delete o;
  });
  return [held](const std::vector<TensorPtr>& inputs) {
    py::gil_scoped_acquire gil;
    (*held)(inputs);
  };
}

struct PauseScope {
  std::optional<graph::PauseRecording> pause;
};

// One tensor's part of a call's key, (dtype, shape, is Variable), with the tensor appended
// to TENSORS; None when H is not a tensor with a value. The dtype is its number: hashing a
// Python DType would call its __hash__ in Python on every lookup.
py::object tensor_key(py::handle h, py::list& tensors) {
  if (!is_tensor(h)) return py::none();
  const Tensor& t = *tensor_of(h);
  if (t.symbolic()) return py::none();
  tensors.append(h);
  return py::make_tuple(static_cast<int>(t.dtype), shape_tuple(t), py::bool_(t.is_variable));
}

// (key, tensors) for a call whose arguments are all tensors with values, or tuples and lists
// of them (fit's batches): the key is the structure and each tensor's tensor_key, the tensors
// are in order. (None, None) for any other call. tf.function looks its trace up by this key
// on every call, so it is made here rather than in Python.
py::tuple tensor_shapes_key(const py::tuple& args) {
  py::list tensors;
  py::tuple key(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    py::handle a = args[i];
    if (PyTuple_CheckExact(a.ptr()) || PyList_CheckExact(a.ptr())) {
      py::sequence items = py::reinterpret_borrow<py::sequence>(a);
      py::tuple part(items.size());
      for (size_t k = 0; k < items.size(); ++k) {
        py::object entry = tensor_key(items[k], tensors);
        if (entry.is_none()) return py::make_tuple(py::none(), py::none());
        part[k] = std::move(entry);
      }
      key[i] = py::make_tuple(py::handle(reinterpret_cast<PyObject*>(Py_TYPE(a.ptr()))), std::move(part));
    } else {
      py::object entry = tensor_key(a, tensors);
      if (entry.is_none()) return py::make_tuple(py::none(), py::none());
      key[i] = std::move(entry);
    }
  }
  return py::make_tuple(std::move(key), std::move(tensors));
}

std::vector<std::string> op_names(const graph::Graph& g) {
  std::vector<std::string> names;
  for (const graph::Node& n : g.nodes()) names.push_back(n.op ? n.op->name : "<python>");
  return names;
}

}  // namespace

void init_graph(py::module_& m) {
  py::class_<graph::BoundGraph, std::shared_ptr<graph::BoundGraph>>(
      m, "BoundGraph", "A shared graph bound to one model's Variables.")
      .def("run", &graph::BoundGraph::run, py::arg("args"), py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("op_names", [](const graph::BoundGraph& b) { return op_names(b.graph()); })
      .def_property_readonly("variables", &graph::BoundGraph::variables);

  py::class_<graph::Graph, std::shared_ptr<graph::Graph>>(m, "Graph", "A traced function's ops, run in C++.")
      .def("run", &graph::Graph::run, py::arg("args"), py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("num_args", &graph::Graph::num_args)
      .def_property_readonly("op_names", &op_names)
      .def_property_readonly("variables", &graph::Graph::variables)
      .def_property_readonly("has_callbacks", &graph::Graph::has_callbacks)
      .def("with_variables_as_arguments", &graph::Graph::with_variables_as_arguments, py::arg("variables"),
           "The graph taking VARIABLES (every Variable it uses) as arguments after its own, instead of "
           "capturing them: a step that models of one architecture share.")
      .def("bind", [](const std::shared_ptr<graph::Graph>& g, std::vector<TensorPtr> variables) {
        return std::make_shared<graph::BoundGraph>(g, std::move(variables));
      }, py::arg("variables"), "This graph (from with_variables_as_arguments) run on VARIABLES.");

  py::class_<graph::Recorder, std::shared_ptr<graph::Recorder>>(m, "Recorder",
                                                                "Records the ops this thread runs as a graph.")
      .def(py::init([](const std::vector<TensorPtr>& args) { return std::make_shared<graph::Recorder>(args); }),
           py::arg("args"))
      .def("open", &graph::Recorder::open)
      .def("close", &graph::Recorder::close)
      .def("add_callback", [](graph::Recorder& r, py::function fn, const std::vector<TensorPtr>& inputs) {
        r.add_callback(python_callback(std::move(fn)), inputs);
      })
      .def("finish", &graph::Recorder::finish, py::arg("outputs"));

  m.def("placeholder", &graph::placeholder, py::arg("tensor"),
        "The tensor a traced function receives for an argument (a Variable stays itself).");
  m.def("is_traced", [](const Tensor& t) { return graph::traced(t); },
        "Whether an open recorder computes this tensor's value (so Python must not read it).");

  py::class_<graph::Subgraph>(m, "Subgraph", "A traced subgraph and the outer tensors it reads.")
      .def_readonly("graph", &graph::Subgraph::graph)
      .def_readonly("captures", &graph::Subgraph::captures);
  m.def("trace_subgraph", [](py::function fn, const std::vector<TensorPtr>& args) {
        return graph::trace_subgraph(
            [&](const std::vector<TensorPtr>& p) { return fn(p).cast<std::vector<TensorPtr>>(); }, args);
      }, py::arg("fn"), py::arg("args"),
      "Traces fn(list of tensors) -> list of tensors on placeholders of args, as a subgraph of the open recorders.");
  m.def("cond", &graph::cond, py::arg("pred"), py::arg("true_graph"), py::arg("false_graph"),
        "Runs the cond op over two traced branches.");
  m.def("while_loop", &graph::while_loop, py::arg("loop_vars"), py::arg("cond_graph"), py::arg("body_graph"),
        py::arg("maximum_iterations"), "Runs the while_loop op over a traced condition and body.");
  m.def("record_callback", [](py::function fn, const std::vector<TensorPtr>& inputs) {
        graph::record_callback(python_callback(std::move(fn)), inputs);
      }, "Makes every open recorder's graph call fn(tensors) when it runs.");
  m.def("tensor_shapes_key", &tensor_shapes_key, py::arg("args"),
        "(key, tensors) for call arguments that are tensors or tuples/lists of tensors, else (None, None).");
  m.def("is_recording", &graph::recording, "Whether a function is being traced on this thread.");

  py::class_<PauseScope>(m, "PauseRecording", "Runs its block eagerly, outside any function being traced.")
      .def(py::init<>())
      .def("__enter__", [](PauseScope& s) { s.pause.emplace(); })
      .def("__exit__", [](PauseScope& s, py::args) { s.pause.reset(); });
}

}  // namespace ef::bindings
