#include "bindings/tensor_objects.h"

#include "tensor/errors.h"

namespace ef::bindings {
namespace {

PyTypeObject* g_tensor_type = nullptr;
const py::detail::type_info* g_tensor_info = nullptr;

}  // namespace

void init_tensor_objects(py::handle tensor_class) {
  g_tensor_type = reinterpret_cast<PyTypeObject*>(tensor_class.ptr());
  g_tensor_info = py::detail::get_type_info(typeid(Tensor));
}

bool is_tensor(py::handle o) { return PyObject_TypeCheck(o.ptr(), g_tensor_type); }

const TensorPtr& tensor_of(py::handle o) {
  // Tensor is the only bound class in any Tensor object's hierarchy, so its holder is the
  // instance's first (and only) one, whatever Python subclass the object is of.
  py::detail::value_and_holder vh = reinterpret_cast<py::detail::instance*>(o.ptr())->get_value_and_holder();
  if (!vh.holder_constructed())
    throw InvalidArgument("a Tensor object whose __init__ did not run (a subclass of tf.Tensor must call it)");
  return vh.holder<TensorPtr>();
}

py::object wrap_tensor(const TensorPtr& t) {
  return py::reinterpret_steal<py::object>(py::detail::type_caster_generic::cast(
      t.get(), py::return_value_policy::take_ownership, py::handle(), g_tensor_info, nullptr, nullptr, &t));
}

}  // namespace ef::bindings
