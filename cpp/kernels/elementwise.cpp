#include "kernels/elementwise.h"

namespace ef::kernels {

BroadcastPlan plan_broadcast(const std::vector<int64_t>& a_shape, const std::vector<int64_t>& b_shape,
                             const std::vector<int64_t>& out_shape) {
  const size_t rank = out_shape.size();
  // Per output dim: the operand's size there (1 if it is missing or broadcast).
  std::vector<int64_t> ad(rank, 1), bd(rank, 1);
  for (size_t i = 0; i < a_shape.size(); ++i) ad[rank - a_shape.size() + i] = a_shape[i];
  for (size_t i = 0; i < b_shape.size(); ++i) bd[rank - b_shape.size() + i] = b_shape[i];
  // Merge adjacent dims whose broadcast pattern matches, so rows are as long as possible.
  std::vector<int64_t> dims, am, bm;  // merged output dims and whether a/b vary along them
  for (size_t d = 0; d < rank; ++d) {
    if (out_shape[d] == 1) continue;
    int64_t a_var = ad[d] != 1, b_var = bd[d] != 1;
    if (!dims.empty() && am.back() == a_var && bm.back() == b_var) {
      dims.back() *= out_shape[d];
    } else {
      dims.push_back(out_shape[d]);
      am.push_back(a_var);
      bm.push_back(b_var);
    }
  }
  BroadcastPlan p;
  if (dims.empty()) return p;  // a single element
  p.inner = dims.back();
  p.a_inner_step = am.back();
  p.b_inner_step = bm.back();
  dims.pop_back();
  am.pop_back();
  bm.pop_back();
  p.outer_shape = dims;
  p.a_outer_strides.assign(dims.size(), 0);
  p.b_outer_strides.assign(dims.size(), 0);
  // Contiguous strides of each operand over the merged dims it varies along.
  int64_t a_stride = p.a_inner_step ? p.inner : 1, b_stride = p.b_inner_step ? p.inner : 1;
  for (size_t d = dims.size(); d-- > 0;) {
    if (am[d]) { p.a_outer_strides[d] = a_stride; a_stride *= dims[d]; }
    if (bm[d]) { p.b_outer_strides[d] = b_stride; b_stride *= dims[d]; }
  }
  return p;
}

}  // namespace ef::kernels
