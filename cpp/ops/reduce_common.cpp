#include "ops/reduce_common.h"

#include <algorithm>

#include "kernels/transpose.h"
#include "ops/rules.h"

namespace ef::ops {

std::vector<TensorMeta> reduction_shape(const OpCall& c) {
  std::vector<int64_t> axes = reduction_axes(c, 0, c.in(0)->rank());
  return one_output(reduced_shape(c.in(0)->shape, axes, c.attrs.b(1)), c.in(0)->dtype);
}

ReductionView reduction_view(const Tensor& x, const std::vector<int64_t>& axes, const char* op) {
  ReductionView v{x.raw()};
  // Runs of neighbouring axes that are all reduced or all kept, size-1 axes dropped.
  Shape dims;
  std::vector<bool> reduced;
  for (int64_t d = 0; d < x.rank(); ++d) {
    bool r = std::binary_search(axes.begin(), axes.end(), d);
    (r ? v.n : v.outer) *= x.shape[d];
    if (x.shape[d] == 1) continue;
    if (!reduced.empty() && reduced.back() == r) {
      dims.back() *= x.shape[d];
    } else {
      dims.push_back(x.shape[d]);
      reduced.push_back(r);
    }
  }
  if (x.size() == 0) return v;  // nothing is read: (kept, reduced, 1) suffices
  // kept, reduced, kept: a strided view of the buffer as it is.
  auto first_reduced = std::find(reduced.begin(), reduced.end(), true);
  if (std::count(reduced.begin(), reduced.end(), true) <= 1) {
    v.outer = v.n = v.inner = 1;
    for (size_t g = 0; g < dims.size(); ++g) {
      auto at = reduced.begin() + g;
      (at < first_reduced ? v.outer : at == first_reduced ? v.n : v.inner) *= dims[g];
    }
    return v;
  }
  // Otherwise copy with the kept runs first and the reduced runs last.
  std::vector<int64_t> perm;
  for (int pass = 0; pass < 2; ++pass)
    for (size_t g = 0; g < dims.size(); ++g)
      if (reduced[g] == (pass == 1)) perm.push_back(static_cast<int64_t>(g));
  v.copy = empty(x.shape, x.dtype, op);
  kernels::transpose(x.raw(), v.copy->raw(), dims, perm, itemsize(x.dtype));
  v.data = v.copy->raw();
  return v;
}

void run_reduction(const OpCall& c, const Tensor& out, kernels::Reduction how) {
  const Tensor& x = *c.in(0);
  ReductionView v = reduction_view(x, reduction_axes(c, 0, x.rank()), c.name());
  EF_DISPATCH_ALL(x.dtype, kernels::reduce(static_cast<const T*>(v.data), out.data<T>(), v.outer, v.n, v.inner, how));
}

}  // namespace ef::ops
