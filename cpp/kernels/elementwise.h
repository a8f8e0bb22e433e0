// The elementwise loops, written once. An op supplies a functor over Eigen arrays
// (`[](auto x) { return x.exp(); }`), so Eigen vectorises every op the same way. Large
// arrays are split across the thread pool (the functors are pure).
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "kernels/thread_pool.h"

namespace ef::kernels {

template <typename T>
using Vec = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using ConstVec = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
auto constant(int64_t n, T v) {
  return Eigen::Array<T, Eigen::Dynamic, 1>::Constant(n, v);
}

// Elements per extra thread before an elementwise loop is split: below it, waking a thread
// costs more than the memory-bound loop saves.
constexpr int64_t kElementsPerThread = int64_t{1} << 17;

// FN(begin, end) over [0, N) elements, split across the pool when N is large.
template <typename Fn>
void over_elements(int64_t n, const Fn& fn) {
  parallel_for(n, n, fn, kElementsPerThread);
}

// y[i] = f(x)[i] for n elements.
template <typename In, typename Out, typename F>
void unary(const In* x, Out* y, int64_t n, F f) {
  over_elements(n, [&](int64_t b, int64_t e) { Vec<Out>(y + b, e - b) = f(ConstVec<In>(x + b, e - b)); });
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
    over_elements(total, [&](int64_t s, int64_t e) {
      Vec<R>(out + s, e - s) = f(ConstVec<T>(a + s, e - s), ConstVec<T>(b + s, e - s));
    });
    return;
  }
  if (nb == 1 && na == total) {
    over_elements(total, [&](int64_t s, int64_t e) {
      Vec<R>(out + s, e - s) = f(ConstVec<T>(a + s, e - s), constant<T>(e - s, b[0]));
    });
    return;
  }
  if (na == 1 && nb == total) {
    over_elements(total, [&](int64_t s, int64_t e) {
      Vec<R>(out + s, e - s) = f(constant<T>(e - s, a[0]), ConstVec<T>(b + s, e - s));
    });
    return;
  }
  const BroadcastPlan p = plan_broadcast(a_shape, b_shape, out_shape);
  const int64_t n = p.inner;
  int64_t rows = 1;
  for (int64_t d : p.outer_shape) rows *= d;
  if (rows == 0 || n == 0) return;
  // Rows [first, last): the odometer starts from FIRST's multi-index.
  parallel_for(rows, rows * n, [&](int64_t first, int64_t last) {
    std::vector<int64_t> index(p.outer_shape.size(), 0);
    int64_t a_off = 0, b_off = 0;
    for (int64_t d = static_cast<int64_t>(index.size()) - 1, r = first; d >= 0; --d) {
      index[d] = r % p.outer_shape[d];
      r /= p.outer_shape[d];
      a_off += index[d] * p.a_outer_strides[d];
      b_off += index[d] * p.b_outer_strides[d];
    }
    for (int64_t r = first; r < last; ++r) {
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
  }, kElementsPerThread);
}

}  // namespace ef::kernels
