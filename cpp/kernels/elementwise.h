// The elementwise loops, written once. An op supplies a functor over Eigen arrays
// (`[](auto x) { return x.exp(); }`), so Eigen vectorises every op the same way.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace ef::kernels {

template <typename T>
using Vec = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using ConstVec = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
auto constant(int64_t n, T v) {
  return Eigen::Array<T, Eigen::Dynamic, 1>::Constant(n, v);
}

// y[i] = f(x)[i] for n elements.
template <typename In, typename Out, typename F>
void unary(const In* x, Out* y, int64_t n, F f) {
  Vec<Out>(y, n) = f(ConstVec<In>(x, n));
}

// Broadcasting of two operands against an output, reduced to an outer loop over rows of
// `inner` elements where each operand's row is contiguous (step 1) or a repeated scalar (0).
struct BroadcastPlan {
  int64_t inner = 1;
  std::vector<int64_t> outer_shape;      // output dims outside the inner row
  std::vector<int64_t> a_outer_strides;  // elements, 0 where broadcast
  std::vector<int64_t> b_outer_strides;
  int64_t a_inner_step = 1, b_inner_step = 1;
};
BroadcastPlan plan_broadcast(const std::vector<int64_t>& a_shape, const std::vector<int64_t>& b_shape,
                             const std::vector<int64_t>& out_shape);

// out = f(a, b) with NumPy broadcasting.
template <typename T, typename R, typename F>
void binary(const T* a, const std::vector<int64_t>& a_shape, const T* b, const std::vector<int64_t>& b_shape,
            R* out, const std::vector<int64_t>& out_shape, F f) {
  // Fast paths without a plan: equal shapes, or one operand a single element.
  int64_t total = 1;
  for (int64_t d : out_shape) total *= d;
  int64_t na = 1, nb = 1;
  for (int64_t d : a_shape) na *= d;
  for (int64_t d : b_shape) nb *= d;
  if (na == total && nb == total && a_shape.size() == b_shape.size()) {
    Vec<R>(out, total) = f(ConstVec<T>(a, total), ConstVec<T>(b, total));
    return;
  }
  if (nb == 1 && na == total) {
    Vec<R>(out, total) = f(ConstVec<T>(a, total), constant<T>(total, b[0]));
    return;
  }
  if (na == 1 && nb == total) {
    Vec<R>(out, total) = f(constant<T>(total, a[0]), ConstVec<T>(b, total));
    return;
  }
  BroadcastPlan p = plan_broadcast(a_shape, b_shape, out_shape);
  const int64_t n = p.inner;
  int64_t rows = 1;
  for (int64_t d : p.outer_shape) rows *= d;
  if (rows == 0 || n == 0) return;
  std::vector<int64_t> index(p.outer_shape.size(), 0);
  int64_t a_off = 0, b_off = 0;
  for (int64_t r = 0; r < rows; ++r) {
    Vec<R> y(out + r * n, n);
    if (p.a_inner_step && p.b_inner_step) y = f(ConstVec<T>(a + a_off, n), ConstVec<T>(b + b_off, n));
    else if (p.b_inner_step) y = f(constant<T>(n, a[a_off]), ConstVec<T>(b + b_off, n));
    else if (p.a_inner_step) y = f(ConstVec<T>(a + a_off, n), constant<T>(n, b[b_off]));
    else y = f(constant<T>(n, a[a_off]), constant<T>(n, b[b_off]));
    // Advance the outer multi-index like an odometer.
    for (size_t d = index.size(); d-- > 0;) {
      a_off += p.a_outer_strides[d];
      b_off += p.b_outer_strides[d];
      if (++index[d] < p.outer_shape[d]) break;
      a_off -= p.a_outer_strides[d] * p.outer_shape[d];
      b_off -= p.b_outer_strides[d] * p.outer_shape[d];
      index[d] = 0;
    }
  }
}

}  // namespace ef::kernels
