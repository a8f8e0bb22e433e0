// Elementwise unary math: one entry per op, the loop shared in kernels/elementwise.h.
// Forwards are Eigen array expressions, so each op runs vectorised where Eigen has a packet
// version (exp, log, tanh, erf, sin, cos, sqrt, rsqrt...).
#include <cmath>
#include <type_traits>

#include <unsupported/Eigen/SpecialFunctions>  // Array::erf()

#include "ops/api.h"
#include "ops/elementwise_forward.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

using Grads = std::vector<TensorPtr>;

// The element type of an Eigen expression (for constants inside generic functors).
template <typename X>
using Elem = typename std::decay_t<X>::Scalar;

std::vector<TensorMeta> numeric(const OpCall& c) {
  require_numeric(c, 0);
  return same_as_input(c, false);
}
std::vector<TensorMeta> floating(const OpCall& c) { return same_as_input(c, true); }

// Float in, bool out (is_nan, is_inf, is_finite).
std::vector<TensorMeta> float_predicate(const OpCall& c) {
  require_float(c, 0);
  return {{c.in(0)->shape, DType::Bool}};
}

template <typename F>
ForwardFn predicate_forward(F f) {
  return [f](const OpCall& c, const std::vector<TensorPtr>& out) {
    const Tensor& x = *c.in(0);
    EF_DISPATCH_FLOAT(x.dtype, kernels::unary(x.data<T>(), out[0]->data<bool>(), x.size(), f));
  };
}

// A float-only unary op: TensorFlow rejects integer inputs for these.
template <typename F>
OpDef& def_float(const char* name, std::vector<std::string> names, F f, const char* input = "x") {
  return def_op(name).exported(std::move(names)).input(input).shape(floating)
      .forward(unary_forward<Types::Float>(f));
}

// dy where MASK holds, else 0.
TensorPtr pass_where(const TensorPtr& mask, const TensorPtr& dy) {
  return call("where", {mask, dy, scalar_like(dy, 0)});
}

// clip_by_value: min and max broadcast into t's shape (TensorFlow refuses to grow t).
std::vector<TensorMeta> clip_shape(const OpCall& c) {
  require_numeric(c, 0);
  require_same_dtype(c);
  const Shape& t = c.in(0)->shape;
  Shape s = broadcast_shapes(t, c.in(1)->shape, c.name());
  s = broadcast_shapes(s, c.in(2)->shape, c.name());
  if (s != t)
    throw InvalidArgument(op_message(c.name(), "clip_value_min and clip_value_max must broadcast to t's shape " +
                                                   shape_str(t) + ", received shapes " + shape_list(c)));
  return {{t, c.in(0)->dtype}};
}

void clip_forward(const OpCall& c, const std::vector<TensorPtr>& out) {
  const Shape& s = out[0]->shape;
  const int64_t n = out[0]->size();
  const TensorPtr& lo = c.in(1);
  const TensorPtr& hi = c.in(2);
  // TensorFlow computes maximum(minimum(t, max), min): min wins when min > max.
  EF_DISPATCH_NUMERIC(out[0]->dtype, {
    kernels::ConstVec<T> x(c.in(0)->data<T>(), n);
    kernels::Vec<T> y(out[0]->data<T>(), n);
    if (lo->size() == 1 && hi->size() == 1) {
      y = x.min(*hi->data<T>()).max(*lo->data<T>());
    } else {
      TensorPtr lo_full = lo->shape == s ? lo : broadcast_to(lo, s);
      TensorPtr hi_full = hi->shape == s ? hi : broadcast_to(hi, s);
      y = x.min(kernels::ConstVec<T>(hi_full->data<T>(), n)).max(kernels::ConstVec<T>(lo_full->data<T>(), n));
    }
  });
}

// Each element of the result comes from exactly one of t, min, max; that one gets dy.
Grads clip_gradient(const GradCall& g) {
  const TensorPtr& x = g.in(0);
  const TensorPtr& lo = g.in(1);
  const TensorPtr& hi = g.in(2);
  TensorPtr below_max = call("less_equal", {x, hi});
  TensorPtr from_t = call("logical_and", {below_max, call("greater_equal", {x, lo})});
  // Bounds are most often constants (a loss's clip to [eps, 1 - eps]): only t's part then.
  if (!g.needs(1) && !g.needs(2)) return {pass_where(from_t, g.dy()), nullptr, nullptr};
  TensorPtr from_max = call("logical_and", {call("logical_not", {below_max}), call("less_equal", {lo, hi})});
  TensorPtr from_min = call("logical_not", {call("logical_or", {from_t, from_max})});
  return {g.needs(0) ? pass_where(from_t, g.dy()) : nullptr, g.needs(1) ? pass_where(from_min, g.dy()) : nullptr,
          g.needs(2) ? pass_where(from_max, g.dy()) : nullptr};
}

}  // namespace

EF_REGISTER_OPS(unary) {
  // Sign and magnitude: integers too, as in TensorFlow.
  def_op("negative").exported({"negative", "math.negative"}).input("x").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) { return -x; }))
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return Grads{neg(g.dy())}; });

  def_op("square").exported({"square", "math.square"}).input("x").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) { return x * x; }))
      .gradient_reads({0}, {})
      .gradient([](const GradCall& g) { return Grads{mul(g.dy(), mul(g.in(0), scalar_like(g.in(0), 2)))}; });

  def_op("abs").exported({"abs", "math.abs"}).input("x").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) { return x.abs(); }))
      .gradient_reads({0}, {})
      .gradient([](const GradCall& g) { return Grads{mul(g.dy(), call("sign", {g.in(0)}))}; });

  // TensorFlow's gradient of sign is zeros (not None).
  def_op("sign").exported({"sign", "math.sign"}).input("x").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) { return x.sign(); }))
      .gradient([](const GradCall& g) { return Grads{zeros_like(g.in(0))}; });

  // Powers, exponentials and logarithms.
  def_float("exp", {"exp", "math.exp"}, [](const auto& x) { return x.exp(); })
      .gradient_reads({}, {0})
      .gradient([](const GradCall& g) { return Grads{mul(g.dy(), g.out(0))}; });

  def_float("log", {"math.log"}, [](const auto& x) { return x.log(); })
      .gradient_reads({0}, {})
      .gradient([](const GradCall& g) { return Grads{div(g.dy(), g.in(0))}; });

  // d sqrt(x) = 0.5 / sqrt(x)
  def_float("sqrt", {"sqrt", "math.sqrt"}, [](const auto& x) { return x.sqrt(); })
      .gradient_reads({}, {0})
      .gradient([](const GradCall& g) { return Grads{div(mul(g.dy(), scalar_like(g.dy(), 0.5)), g.out(0))}; });

  // d x^(-1/2) = -0.5 y^3
  def_float("rsqrt", {"math.rsqrt"}, [](const auto& x) { return x.rsqrt(); })
      .gradient_reads({}, {0})
      .gradient([](const GradCall& g) {
        const TensorPtr& y = g.out(0);
        return Grads{mul(g.dy(), mul(scalar_like(y, -0.5), mul(y, square(y))))};
      });

  // d (1/x) = -y^2
  def_float("reciprocal", {"math.reciprocal"}, [](const auto& x) { return x.inverse(); })
      .gradient_reads({}, {0})
      .gradient([](const GradCall& g) { return Grads{neg(mul(g.dy(), square(g.out(0))))}; });

  def_float("log1p", {"math.log1p"}, [](const auto& x) { return x.log1p(); })
      .gradient([](const GradCall& g) { return Grads{div(g.dy(), add(g.in(0), scalar_like(g.in(0), 1)))}; });

  // d expm1(x) = exp(x) = y + 1
  def_float("expm1", {"math.expm1"}, [](const auto& x) { return x.expm1(); })
      .gradient([](const GradCall& g) { return Grads{mul(g.dy(), add(g.out(0), scalar_like(g.out(0), 1)))}; });

  // Trigonometric.
  def_float("sin", {"sin", "math.sin"}, [](const auto& x) { return x.sin(); })
      .gradient([](const GradCall& g) { return Grads{mul(g.dy(), call("cos", {g.in(0)}))}; });

  def_float("cos", {"cos", "math.cos"}, [](const auto& x) { return x.cos(); })
      .gradient([](const GradCall& g) { return Grads{neg(mul(g.dy(), call("sin", {g.in(0)})))}; });

  // Eigen has packet sin and cos for float but no packet tan: sin / cos is ~20x faster
  // than the scalar tanf loop and a few ulp accurate. d tan(x) = 1 + y^2
  def_float("tan", {"tan", "math.tan"}, [](const auto& x) {
        if constexpr (std::is_same_v<Elem<decltype(x)>, float>) return x.sin() / x.cos();
        else return x.tan();
      })
      .gradient([](const GradCall& g) {
        return Grads{mul(g.dy(), add(square(g.out(0)), scalar_like(g.out(0), 1)))};
      });

  // Activations.
  // d tanh(x) = 1 - y^2
  def_float("tanh", {"tanh", "math.tanh", "nn.tanh"}, [](const auto& x) { return x.tanh(); })
      .gradient_reads({}, {0})
      .gradient([](const GradCall& g) {
        return Grads{mul(g.dy(), sub(scalar_like(g.out(0), 1), square(g.out(0))))};
      });

  // 1 / (1 + e^-x) with packet exp: a few ulp everywhere. Eigen's logistic() is twice as
  // fast but its float approximation is off by up to 1e-4 (relative) for x < -3.
  // d sigmoid(x) = y (1 - y)
  def_float("sigmoid", {"sigmoid", "math.sigmoid", "nn.sigmoid"},
            [](const auto& x) { return ((-x).exp() + Elem<decltype(x)>(1)).inverse(); })
      .gradient_reads({}, {0})
      .gradient([](const GradCall& g) {
        const TensorPtr& y = g.out(0);
        return Grads{mul(g.dy(), mul(y, sub(scalar_like(y, 1), y)))};
      });

  // log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow for large x, no underflow to 0
  // for very negative x.  d softplus(x) = sigmoid(x)
  def_float("softplus", {"math.softplus", "nn.softplus"},
            [](const auto& x) { return x.max(Elem<decltype(x)>(0)) + (-x.abs()).exp().log1p(); }, "features")
      .gradient([](const GradCall& g) { return Grads{mul(g.dy(), call("sigmoid", {g.in(0)}))}; });

  // x / (1 + |x|);  d softsign(x) = 1 / (1 + |x|)^2
  def_float("softsign", {"math.softsign", "nn.softsign"},
            [](const auto& x) { return x / (x.abs() + Elem<decltype(x)>(1)); }, "features")
      .gradient([](const GradCall& g) {
        const TensorPtr& x = g.in(0);
        return Grads{div(g.dy(), square(add(call("abs", {x}), scalar_like(x, 1))))};
      });

  // d erf(x) = 2 / sqrt(pi) exp(-x^2)
  def_float("erf", {"math.erf"}, [](const auto& x) { return x.erf(); })
      .gradient([](const GradCall& g) {
        const TensorPtr& x = g.in(0);
        TensorPtr bell = call("exp", {neg(square(x))});
        return Grads{mul(g.dy(), mul(bell, scalar_like(x, 2 / std::sqrt(M_PI))))};
      });

  // Rounding: TensorFlow gives these no gradient (None), so they are not recorded.
  def_float("floor", {"floor", "math.floor"}, [](const auto& x) { return x.floor(); }).not_differentiable();
  def_float("ceil", {"math.ceil"}, [](const auto& x) { return x.ceil(); }).not_differentiable();

  // Half to even (rint under the default rounding mode); integers are returned as they are.
  def_op("round").exported({"round", "math.round"}).input("x").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) {
        if constexpr (std::is_integral_v<Elem<decltype(x)>>) return x;
        else return x.rint();
      }))
      .not_differentiable();

  def_op("clip_by_value").exported({"clip_by_value"}).input("t").input("clip_value_min").input("clip_value_max")
      .shape(clip_shape).forward(clip_forward).gradient(clip_gradient);

  // Predicates and logic: bool results, no gradient.
  def_op("is_nan").exported({"math.is_nan"}).input("x").shape(float_predicate)
      .forward(predicate_forward([](const auto& x) { return x.isNaN(); })).not_differentiable();
  def_op("is_inf").exported({"math.is_inf"}).input("x").shape(float_predicate)
      .forward(predicate_forward([](const auto& x) { return x.isInf(); })).not_differentiable();
  def_op("is_finite").exported({"math.is_finite"}).input("x").shape(float_predicate)
      .forward(predicate_forward([](const auto& x) { return x.isFinite(); })).not_differentiable();

  def_op("logical_not").exported({"logical_not", "math.logical_not"}).input("x")
      .shape([](const OpCall& c) {
        if (c.in(0)->dtype != DType::Bool)
          throw InvalidArgument(op_message(c.name(), "'x' must be bool, received " + std::string(dtype_name(c.in(0)->dtype))));
        return same_as_input(c, false);
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        kernels::unary(c.in(0)->data<bool>(), out[0]->data<bool>(), c.in(0)->size(), [](const auto& x) { return !x; });
      })
      .not_differentiable();
}

}  // namespace ef::ops
