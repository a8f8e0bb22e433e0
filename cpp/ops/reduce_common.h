// Shared by the reduction ops: moving the reduced axes into (outer, n, inner) form.
#pragma once
#include "kernels/reduce.h"
#include "ops/registry.h"

namespace ef::ops {

// Runs HOW over the axes of attribute 0 (keepdims is attribute 1) of input 0 into OUT.
void run_reduction(const OpCall& c, const Tensor& out, kernels::Reduction how);
// The shape rule of a reduction: axes in attribute 0, keepdims in attribute 1.
std::vector<TensorMeta> reduction_shape(const OpCall& c);

}  // namespace ef::ops
