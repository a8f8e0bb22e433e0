// Forward functions for elementwise ops: pick the C++ type from the dtype and run the
// shared loops of kernels/elementwise.h with the op's functor.
#pragma once
#include <type_traits>

#include "kernels/elementwise.h"
#include "ops/registry.h"

namespace ef::ops {

// Types an elementwise op instantiates for.
enum class Types { Float, Numeric, All };

#define EF_DISPATCH_TYPES_(TYPES, DTYPE, ...)                             \
  do {                                                                    \
    if constexpr (TYPES == Types::Float) { EF_DISPATCH_FLOAT(DTYPE, __VA_ARGS__) } \
    else if constexpr (TYPES == Types::Numeric) { EF_DISPATCH_NUMERIC(DTYPE, __VA_ARGS__) } \
    else { EF_DISPATCH_ALL(DTYPE, __VA_ARGS__) }                          \
  } while (0)

// y = f(x), same dtype in and out.
template <Types TYPES, typename F>
ForwardFn unary_forward(F f) {
  return [f](const OpCall& c, const std::vector<TensorPtr>& out) {
    const Tensor& x = *c.in(0);
    EF_DISPATCH_TYPES_(TYPES, x.dtype, kernels::unary(x.data<T>(), out[0]->data<T>(), x.size(), f));
  };
}

// out = f(a, b) with broadcasting; the result is bool when BOOL_OUT.
template <Types TYPES, bool BOOL_OUT, typename F>
ForwardFn binary_forward(F f) {
  return [f](const OpCall& c, const std::vector<TensorPtr>& out) {
    const Tensor& a = *c.in(0);
    const Tensor& b = *c.in(1);
    EF_DISPATCH_TYPES_(TYPES, a.dtype, {
      using R = std::conditional_t<BOOL_OUT, bool, T>;
      kernels::binary(a.data<T>(), a.shape, b.data<T>(), b.shape, out[0]->data<R>(), out[0]->shape, f);
    });
  };
}

// Applies a scalar function elementwise through Eigen (for ops Eigen has no array method for).
template <typename G>
auto scalar_binary(G g) {
  return [g](const auto& a, const auto& b) { return a.binaryExpr(b, g); };
}

}  // namespace ef::ops
