// eigenflow._core: the single extension module. Each area binds itself; C++ exceptions
// become the eigenflow.errors classes.
#include <variant>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bindings/module.h"
#include "kernels/gemm.h"
#include "kernels/thread_pool.h"
#include "tensor/errors.h"
#include "tensor/storage.h"

namespace py = pybind11;

namespace {

py::object error_class(const char* name) {
  return py::module_::import("eigenflow.errors").attr(name);
}

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const ef::InvalidArgument& e) {
    PyErr_SetString(error_class("InvalidArgumentError").ptr(), e.what());
  } catch (const ef::ResourceExhausted& e) {
    PyErr_SetString(error_class("ResourceExhaustedError").ptr(), e.what());
  } catch (const ef::Unimplemented& e) {
    PyErr_SetString(error_class("UnimplementedError").ptr(), e.what());
  } catch (const ef::OperatorNotAllowedInGraph& e) {
    PyErr_SetString(error_class("OperatorNotAllowedInGraphError").ptr(), e.what());
  } catch (const std::bad_variant_access&) {
    // An attribute of an unexpected kind reached an op: a bug to report, but never a crash.
    PyErr_SetString(error_class("InvalidArgumentError").ptr(), "an op received an argument of the wrong kind");
  } catch (const std::bad_alloc&) {
    PyErr_SetString(error_class("ResourceExhaustedError").ptr(), "out of memory");
  }
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "eigenflow's C++ engine: tensors, the op registry, kernels and the gradient tape.";
  py::register_exception_translator(&translate);
  ef::bindings::init_tensor(m);
  ef::bindings::init_ops(m);
  ef::bindings::init_autodiff(m);
  ef::bindings::init_graph(m);
  ef::bindings::init_collective(m);
  ef::bindings::init_data(m);
  ef::bindings::init_attribute_walk(m);
  ef::bindings::init_slot_variables(m);
  m.def("load_blas", &ef::kernels::load_blas, py::arg("path"), py::arg("prefix"));
  m.def("gemm_backend", &ef::kernels::gemm_backend);
  m.def("set_blas_threads", &ef::kernels::set_blas_threads);
  m.def("set_num_threads", &ef::kernels::set_num_threads, "Sets the threads of the process's pool (at least 1).");
  m.def("num_threads", &ef::kernels::num_threads, "The threads the process's pool uses, the caller included.");
  m.def("release_cached_buffers", &ef::release_cached_buffers, "Frees the buffers kept for reuse.");
  m.def("cached_buffer_bytes", &ef::cached_buffer_bytes);
  m.def("live_tensor_bytes", &ef::live_tensor_bytes, "Bytes of tensor buffers in use now.");
  m.def("peak_tensor_bytes", &ef::peak_tensor_bytes, "The most bytes of tensor buffers in use at once.");
  m.def("reset_peak_tensor_bytes", &ef::reset_peak_tensor_bytes, "Starts the peak again from the bytes in use.");
}
