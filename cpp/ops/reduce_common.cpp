#include "ops/reduce_common.h"

#include <algorithm>

#include "kernels/transpose.h"
#include "ops/rules.h"

namespace ef::ops {

std::vector<TensorMeta> reduction_shape(const OpCall& c) {
  std::vector<int64_t> axes = reduction_axes(c, 0, c.in(0)->rank());
  return {{reduced_shape(c.in(0)->shape, axes, c.attrs.b(1)), c.in(0)->dtype}};
}

void run_reduction(const OpCall& c, const Tensor& out, kernels::Reduction how) {
  const Tensor& x = *c.in(0);
  const Shape& shape = x.shape;
  std::vector<int64_t> axes = reduction_axes(c, 0, x.rank());
  // Reduced axes that form one contiguous run need no copy; otherwise move them last.
  bool contiguous = axes.empty() || axes.back() - axes.front() + 1 == static_cast<int64_t>(axes.size());
  const void* src = x.raw();
  TensorPtr moved;
  int64_t outer = 1, n = 1, inner = 1;
  if (contiguous) {
    for (int64_t d = 0; d < x.rank(); ++d) {
      if (!axes.empty() && d < axes.front()) outer *= shape[d];
      else if (!axes.empty() && d <= axes.back()) n *= shape[d];
      else inner *= shape[d];
    }
    if (axes.empty()) { outer = x.size(); inner = 1; n = 1; }
  } else {
    std::vector<int64_t> perm;
    for (int64_t d = 0; d < x.rank(); ++d)
      if (!std::binary_search(axes.begin(), axes.end(), d)) { perm.push_back(d); outer *= shape[d]; }
    for (int64_t a : axes) { perm.push_back(a); n *= shape[a]; }
    moved = empty(shape, x.dtype, c.name());
    kernels::transpose(x.raw(), moved->raw(), shape, perm, itemsize(x.dtype));
    src = moved->raw();
  }
  EF_DISPATCH_NUMERIC(x.dtype, kernels::reduce(static_cast<const T*>(src), out.data<T>(), outer, n, inner, how));
}

}  // namespace ef::ops
