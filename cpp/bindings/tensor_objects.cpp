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

py::object new_tensor_object(py::handle cls, const TensorPtr& t) {
  if (!PyType_Check(cls.ptr()) || !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(cls.ptr()), g_tensor_type))
    throw py::type_error("new_tensor_object: " + py::repr(cls).cast<std::string>() + " is not a Tensor class");
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  py::tuple no_arguments;
  py::object obj = py::reinterpret_steal<py::object>(type->tp_new(type, no_arguments.ptr(), nullptr));
  if (!obj) throw py::error_already_set();
  // What pybind11's py::init does with a constructed holder: store the pointer, then let
  // the class copy the holder in and register the instance.
  auto* instance = reinterpret_cast<py::detail::instance*>(obj.ptr());
  instance->get_value_and_holder(g_tensor_info).value_ptr() = t.get();
  g_tensor_info->init_instance(instance, &t);
  return obj;
}

}  // namespace ef::bindings
