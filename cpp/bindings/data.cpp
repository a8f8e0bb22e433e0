// What the Python input pipeline needs from C++: the shuffled order of an epoch, drawn as
// batches read it (kernels/permutation.h).
#include <pybind11/numpy.h>

#include "bindings/module.h"
#include "kernels/permutation.h"
#include "tensor/errors.h"

namespace ef::bindings {

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
             if (start < 0 || stop < start || stop > p.size())
               throw InvalidArgument("Permutation.take: need 0 <= start <= stop <= " + std::to_string(p.size()) +
                                     ", received start=" + std::to_string(start) + ", stop=" + std::to_string(stop));
             py::array_t<int64_t> out(stop - start);
             p.read(start, stop, out.mutable_data());
             return out;
           }, py::arg("start"), py::arg("stop"), "Positions start to stop (exclusive) of the order, as int64.");
}

}  // namespace ef::bindings
