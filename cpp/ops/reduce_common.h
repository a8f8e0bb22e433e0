// Shared by the reduction ops: moving the reduced axes into (outer, n, inner) form.
#pragma once
#include "kernels/reduce.h"
#include "ops/registry.h"

namespace ef::ops {

// A tensor seen as (outer, n, inner) with the axes to reduce in the middle. Size-1 axes are
// ignored and neighbouring axes merged; when the reduced axes still do not form one run,
// DATA points into COPY, a transposed copy with them last.
struct ReductionView {
  const void* data;
  int64_t outer = 1, n = 1, inner = 1;
  TensorPtr copy;
};
ReductionView reduction_view(const Tensor& x, const std::vector<int64_t>& axes, const char* op);

// Runs HOW over the axes of attribute 0 (keepdims is attribute 1) of input 0 into OUT.
void run_reduction(const OpCall& c, const Tensor& out, kernels::Reduction how);
// The shape rule of a reduction: axes in attribute 0, keepdims in attribute 1.
std::vector<TensorMeta> reduction_shape(const OpCall& c);

}  // namespace ef::ops
