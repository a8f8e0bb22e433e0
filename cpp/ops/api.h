// Typed C++ entry points for ops that gradient rules and layers use often. Each runs the
// registered op through execute(), so calls made inside a gradient are themselves
// recorded and differentiable (second order comes free).
#pragma once
#include "ops/execute.h"

namespace ef::ops {

inline TensorPtr add(const TensorPtr& a, const TensorPtr& b) { return call("add", {a, b}); }
inline TensorPtr sub(const TensorPtr& a, const TensorPtr& b) { return call("subtract", {a, b}); }
inline TensorPtr mul(const TensorPtr& a, const TensorPtr& b) { return call("multiply", {a, b}); }
inline TensorPtr div(const TensorPtr& a, const TensorPtr& b) { return call("divide", {a, b}); }
inline TensorPtr neg(const TensorPtr& a) { return call("negative", {a}); }
inline TensorPtr square(const TensorPtr& a) { return call("square", {a}); }
inline TensorPtr cast(const TensorPtr& a, DType d) { return call("cast", {a}, {{"dtype", d}}); }
inline TensorPtr reshape(const TensorPtr& a, const Shape& s) { return call("reshape", {a}, {{"shape", s}}); }
inline TensorPtr zeros_like(const TensorPtr& a) { return call("zeros_like", {a}); }
inline TensorPtr ones_like(const TensorPtr& a) { return call("ones_like", {a}); }
inline TensorPtr reduce_sum(const TensorPtr& a, const std::vector<int64_t>& axes, bool keepdims) {
  return call("reduce_sum", {a}, {{"axis", axes}, {"keepdims", keepdims}});
}
inline TensorPtr broadcast_to(const TensorPtr& a, const Shape& s) { return call("broadcast_to", {a}, {{"shape", s}}); }
inline TensorPtr transpose(const TensorPtr& a, const std::vector<int64_t>& perm) {
  return call("transpose", {a}, {{"perm", perm}});
}
inline TensorPtr matmul(const TensorPtr& a, const TensorPtr& b, bool ta = false, bool tb = false) {
  return call("matmul", {a, b}, {{"transpose_a", ta}, {"transpose_b", tb}});
}
// 0, 1, ..., rank - 1: every axis, for reductions to a scalar.
std::vector<int64_t> all_axes(int64_t rank);
// A scalar of T's dtype.
TensorPtr scalar_like(const TensorPtr& t, double value);
// Sums G over the axes along which SHAPE was broadcast, then reshapes to SHAPE.
TensorPtr sum_to_shape(const TensorPtr& g, const Shape& shape);
// Reinserts reduced axes (size 1) so a reduction's gradient broadcasts against its input.
TensorPtr restore_reduced_axes(const TensorPtr& g, const Shape& in_shape, const std::vector<int64_t>& axes);

}  // namespace ef::ops
