// Tensor's arithmetic operators as CPython number slots. A bound __add__ costs `a + b` a
// method lookup and pybind11's argument dispatch (about 150 ns); the slot calls the op
// directly. The bound dunders stay in the class for explicit calls (t.__add__(u)).
//
// CPython calls a number slot with the operands in source order whichever of them is the
// Tensor (2 - t calls it as (2, t)), so one function serves __sub__ and __rsub__.
#include <array>
#include <utility>

#include "bindings/module.h"
#include "bindings/tensor_objects.h"

namespace ef::bindings {
namespace {

struct OperatorSlot {
  const char* dunder;  // the bound method the slot stands for (found again on subclasses)
  const char* op;
  binaryfunc PyNumberMethods::*slot;
};

constexpr OperatorSlot kSlots[] = {
    {"__add__", "add", &PyNumberMethods::nb_add},
    {"__sub__", "subtract", &PyNumberMethods::nb_subtract},
    {"__mul__", "multiply", &PyNumberMethods::nb_multiply},
    {"__truediv__", "divide", &PyNumberMethods::nb_true_divide},
    {"__floordiv__", "floordiv", &PyNumberMethods::nb_floor_divide},
    {"__mod__", "floormod", &PyNumberMethods::nb_remainder},
    {"__matmul__", "matmul", &PyNumberMethods::nb_matrix_multiply},
    {"__and__", "logical_and", &PyNumberMethods::nb_and},
    {"__or__", "logical_or", &PyNumberMethods::nb_or},
};
constexpr size_t kNumSlots = sizeof(kSlots) / sizeof(kSlots[0]);

const ops::OpDef* g_ops[kNumSlots];
PyObject* g_bound[kNumSlots];  // Tensor's own bound dunders, to tell a subclass's override

template <size_t K>
PyObject* binary_slot(PyObject* a, PyObject* b) {
  try {
    return call_binary(*g_ops[K], a, b).release().ptr();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (...) {
    py::detail::try_translate_exceptions();
  }
  return nullptr;
}

template <size_t... K>
constexpr std::array<binaryfunc, kNumSlots> slot_functions(std::index_sequence<K...>) {
  return {&binary_slot<K>...};
}
constexpr std::array<binaryfunc, kNumSlots> kFunctions = slot_functions(std::make_index_sequence<kNumSlots>());

// Points CLS's number slots at the direct functions, except where CLS overrides the dunder.
void use_operator_slots(py::handle cls) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls.ptr());
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE) || !type->tp_as_number) return;
  for (size_t k = 0; k < kNumSlots; ++k) {
    PyObject* found = _PyType_Lookup(type, py::str(kSlots[k].dunder).ptr());
    if (found == g_bound[k]) type->tp_as_number->*kSlots[k].slot = kFunctions[k];
  }
  PyType_Modified(type);
}

}  // namespace

void init_operator_slots(py::handle tensor_class) {
  auto* type = reinterpret_cast<PyTypeObject*>(tensor_class.ptr());
  for (size_t k = 0; k < kNumSlots; ++k) {
    g_ops[k] = &ops::Registry::get().at(kSlots[k].op);
    g_bound[k] = _PyType_Lookup(type, py::str(kSlots[k].dunder).ptr());  // borrowed: the class keeps it
  }
  use_operator_slots(tensor_class);
  // Python subclasses (tf.Variable) get the slots when they are created.
  py::cpp_function hook([](py::handle cls, py::kwargs) { use_operator_slots(cls); });
  tensor_class.attr("__init_subclass__") = py::reinterpret_steal<py::object>(PyClassMethod_New(hook.ptr()));
}

}  // namespace ef::bindings
