// The tape behind tf.GradientTape (python/eigenflow/framework/gradient_tape.py).
#include <pybind11/stl.h>

#include "autodiff/tape.h"
#include "bindings/module.h"
#include "ops/execute.h"

namespace ef::bindings {

void init_autodiff(py::module_& m) {
  autodiff::install();
  m.def("_set_tape_keeps_values_up_to", &autodiff::set_keep_values_up_to, py::arg("nbytes"),
        "Tapes keep values up to NBYTES even when their op's gradient does not read them (tests use 0).");
  m.def("_tape_keeps_values_up_to", &autodiff::keep_values_up_to);
  py::class_<ops::VariableAccessLog, std::shared_ptr<ops::VariableAccessLog>>(
      m, "VariableAccessLog", "Collects the Variables that ops read while it is open.")
      .def(py::init<>())
      .def("open", &ops::VariableAccessLog::open)
      .def("close", &ops::VariableAccessLog::close)
      .def_property_readonly("variables", [](const ops::VariableAccessLog& l) { return l.variables; });
  py::class_<autodiff::Tape, std::shared_ptr<autodiff::Tape>>(m, "Tape")
      .def(py::init<bool, bool>(), py::arg("persistent"), py::arg("watch_accessed_variables"))
      .def("push", &autodiff::Tape::push)
      .def("pop", &autodiff::Tape::pop)
      .def("watch", &autodiff::Tape::watch)
      .def("watching", [](const autodiff::Tape& t, const Tensor& x) { return t.watching(x.id); })
      .def_readwrite("paused", &autodiff::Tape::paused)
      .def("watched_variables", &autodiff::Tape::watched_variables)
      .def("release", &autodiff::Tape::release)
      .def("gradient", &autodiff::Tape::gradient, py::arg("targets"), py::arg("sources"),
           py::arg("output_gradients"), py::arg("unconnected_zero"), py::arg("keep_for_reuse") = false,
           py::call_guard<py::gil_scoped_release>());
}

}  // namespace ef::bindings
