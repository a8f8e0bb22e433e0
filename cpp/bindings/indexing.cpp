// Tensor.__getitem__: NumPy-style basic indexing parsed here and run as one strided_slice
// op (plus expand_dims for each None). Ints (also int tensors, through __index__), slices
// with steps and negative bounds, `...` and `None` work on every axis. Bounds go to the op
// with Python's meaning and it clamps them, so a slice of a symbolic tensor replays right.
#include <climits>

#include "bindings/convert.h"
#include "bindings/module.h"
#include "bindings/tensor_objects.h"
#include "ops/execute.h"

namespace ef::bindings {
namespace {

constexpr int64_t kOpen = INT64_MIN;  // an omitted slice bound; see cpp/ops/slice.cpp

int64_t as_index(py::handle item, const char* what) {
  py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(item.ptr()));
  if (!index) {
    PyErr_Clear();
    throw InvalidArgument(std::string("[strided_slice] only integers, slices, '...', None and integer scalar tensors "
                                      "are valid indices, received ") + what + " " +
                          py::repr(item).cast<std::string>().substr(0, 80));
  }
  return index.cast<int64_t>();
}

int64_t bound(PyObject* v) { return v == Py_None ? kOpen : as_index(v, "a slice bound"); }

}  // namespace

py::object getitem(const TensorPtr& t, py::handle key) {
  std::vector<py::handle> items;
  if (PyTuple_Check(key.ptr())) {
    for (py::handle h : py::reinterpret_borrow<py::tuple>(key)) items.push_back(h);
  } else {
    items.push_back(key);
  }
  const int64_t rank = t->rank();
  int64_t consuming = 0, ellipses = 0;
  for (py::handle h : items) {
    if (h.ptr() == Py_Ellipsis) ++ellipses;
    else if (!h.is_none()) ++consuming;
  }
  if (consuming > rank)
    throw InvalidArgument("[strided_slice] too many indices for a tensor of shape " + shape_str(t->shape) +
                          ": received " + std::to_string(consuming));
  if (ellipses > 1) throw InvalidArgument("[strided_slice] an index can only have a single ellipsis ('...')");

  std::vector<int64_t> begin, end, strides, shrink, new_axes;
  int64_t out_axis = 0;
  auto whole_axis = [&] { begin.push_back(kOpen), end.push_back(kOpen), strides.push_back(1); };
  for (py::handle h : items) {
    if (h.ptr() == Py_Ellipsis) {
      for (int64_t k = 0; k < rank - consuming; ++k, ++out_axis) whole_axis();
    } else if (h.is_none()) {
      new_axes.push_back(out_axis++);
    } else if (PySlice_Check(h.ptr())) {
      auto* s = reinterpret_cast<PySliceObject*>(h.ptr());
      int64_t step = s->step == Py_None ? 1 : as_index(s->step, "a slice step");
      if (step == 0) throw InvalidArgument("[strided_slice] slice step cannot be zero");
      begin.push_back(bound(s->start)), end.push_back(bound(s->stop)), strides.push_back(step);
      ++out_axis;
    } else {
      if (is_tensor(h)) {
        const Tensor& index = *tensor_of(h);
        if (index.symbolic() || index.size() != 1 || !is_int(index.dtype))
          throw InvalidArgument("[strided_slice] only integer scalars, slices, '...' and None are valid indices, "
                                "received a tensor of shape " + shape_str(index.shape) + " and dtype " +
                                dtype_name(index.dtype));
      }
      int64_t i = as_index(h, "");
      shrink.push_back(static_cast<int64_t>(begin.size()));
      begin.push_back(i), end.push_back(i + 1), strides.push_back(1);
    }
  }
  while (static_cast<int64_t>(begin.size()) < rank) whole_axis();

  bool whole = shrink.empty();
  for (size_t d = 0; d < begin.size() && whole; ++d)
    whole = begin[d] == kOpen && end[d] == kOpen && strides[d] == 1;
  TensorPtr result = t;
  if (!whole) {
    ops::AttrValue shrunk = shrink.empty() ? ops::AttrValue{} : ops::AttrValue{shrink};
    result = ops::call("strided_slice", {t}, {{"begin", begin}, {"end", end}, {"strides", strides}, {"shrink", shrunk}});
  }
  for (int64_t axis : new_axes) result = ops::call("expand_dims", {result}, {{"axis", axis}});
  if (result == t) result = ops::call("identity", {t});
  return py::cast(result);
}

}  // namespace ef::bindings
