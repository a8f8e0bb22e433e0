// What the Python input pipeline needs from C++: the shuffled order of an epoch, drawn as
// batches read it (kernels/permutation.h), and the rows of an array in that order.
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/numpy.h>

#include "bindings/module.h"
#include "kernels/permutation.h"
#include "tensor/errors.h"
#include "tensor/tensor.h"

namespace ef::bindings {
namespace {

void check_range(const kernels::LazyPermutation& p, int64_t start, int64_t stop, const char* what) {
  if (start < 0 || stop < start || stop > p.size())
    throw InvalidArgument(std::string(what) + ": need 0 <= start <= stop <= " + std::to_string(p.size()) +
                          ", received start=" + std::to_string(start) + ", stop=" + std::to_string(stop));
}

// The tensor dtype that holds A's elements as they are, if there is one.
std::optional<DType> exact_dtype(const py::array& a) {
  const py::dtype dt = a.dtype();
  if (dt.byteorder() == '>') return std::nullopt;  // not this machine's order
  const auto size = dt.itemsize();
  switch (dt.kind()) {
    case 'f': return size == 4 ? std::optional(DType::Float32) : size == 8 ? std::optional(DType::Float64) : std::nullopt;
    case 'i': return size == 4 ? std::optional(DType::Int32) : size == 8 ? std::optional(DType::Int64) : std::nullopt;
    case 'b': return size == 1 ? std::optional(DType::Bool) : std::nullopt;
    default: return std::nullopt;
  }
}

// Rows [start, stop) of the order gathered from ARRAY (one row per position along its first
// axis) into a new tensor, with one copy per row. None when ARRAY is not C-contiguous, has
// another number of rows, or a dtype a tensor does not hold as it is: the caller then
// indexes it with take() and converts.
py::object take_rows(kernels::LazyPermutation& p, const py::array& array, int64_t start, int64_t stop) {
  check_range(p, start, stop, "Permutation.take_rows");
  std::optional<DType> dtype = exact_dtype(array);
  if (!dtype || array.ndim() < 1 || array.shape(0) != p.size() || !(array.flags() & py::array::c_style))
    return py::none();
  Shape shape(array.shape(), array.shape() + array.ndim());
  shape[0] = stop - start;
  TensorPtr out = empty(shape, *dtype, "take_rows");
  const size_t row_bytes = itemsize(*dtype) * static_cast<size_t>(num_elements(Shape(shape.begin() + 1, shape.end())));
  std::vector<int64_t> rows(static_cast<size_t>(stop - start));
  p.read(start, stop, rows.data());
  const char* src = static_cast<const char*>(array.data());
  char* dst = static_cast<char*>(out->raw());
  for (size_t k = 0; k < rows.size(); ++k)
    std::memcpy(dst + k * row_bytes, src + static_cast<size_t>(rows[k]) * row_bytes, row_bytes);
  return py::cast(out);
}

}  // namespace

void init_data(py::module_& m) {
  py::class_<kernels::LazyPermutation>(m, "Permutation",
                                       "A random order of range(n), drawn as it is read; the same seed gives the "
                                       "same order.")
      .def(py::init([](int64_t n, uint64_t seed) {
             if (n < 0) throw InvalidArgument("Permutation: n must be at least 0, received " + std::to_string(n));
             return new kernels::LazyPermutation(n, kernels::RandomSeed{seed, 0});
           }),
           py::arg("n"), py::arg("seed"))
      .def("__len__", &kernels::LazyPermutation::size)
      .def("take", [](kernels::LazyPermutation& p, int64_t start, int64_t stop) {
             check_range(p, start, stop, "Permutation.take");
             py::array_t<int64_t> out(stop - start);
             p.read(start, stop, out.mutable_data());
             return out;
           }, py::arg("start"), py::arg("stop"), "Positions start to stop (exclusive) of the order, as int64.")
      .def("take_rows", &take_rows, py::arg("array"), py::arg("start"), py::arg("stop"),
           "The rows of ARRAY at positions start to stop of the order, as a tensor (None when ARRAY is not a "
           "C-contiguous array of one row per position, of a dtype a tensor holds as it is).");
}

}  // namespace ef::bindings
