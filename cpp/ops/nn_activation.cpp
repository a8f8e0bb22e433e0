// tf.nn activations: elementwise forward kernels, gradients written with ops (second order
// works). Masks for piecewise functions come from comparisons, which carry no gradient.
#include <cmath>

#include "ops/api.h"
#include "ops/elementwise_forward.h"
#include "ops/rules.h"

namespace ef::ops {

namespace {

constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;
constexpr double kSqrtHalf = 0.70710678118654752440;       // 1 / sqrt(2)
constexpr double kInvSqrt2Pi = 0.39894228040143267794;     // 1 / sqrt(2 pi)
constexpr double kGeluC = 0.79788456080286535588;          // sqrt(2 / pi)
constexpr double kGeluA = 0.044715;

std::vector<TensorMeta> numeric(const OpCall& c) {
  require_numeric(c, 0);
  return same_as_input(c, false);
}
std::vector<TensorMeta> floating(const OpCall& c) { return same_as_input(c, true); }

TensorPtr compare(const char* op, const TensorPtr& x, double v) { return call(op, {x, scalar_like(x, v)}); }
// dy where MASK holds, 0 elsewhere.
TensorPtr masked(const TensorPtr& mask, const TensorPtr& dy) { return call("where", {mask, dy, zeros_like(dy)}); }
TensorPtr times(const TensorPtr& x, double v) { return mul(x, scalar_like(x, v)); }

// A float elementwise forward whose functor also takes float attribute 0 as a T.
template <typename F>
ForwardFn float_attr_forward(F f) {
  return [f](const OpCall& c, const std::vector<TensorPtr>& out) {
    const Tensor& x = *c.in(0);
    const double a = c.attrs.f(0);
    EF_DISPATCH_FLOAT(x.dtype, kernels::unary(x.data<T>(), out[0]->data<T>(), x.size(),
                                              [&](const auto& v) { return f(v, static_cast<T>(a)); }));
  };
}

// gelu and its derivative; erfc keeps the exact form accurate far into the negative tail.
template <typename T>
T gelu_exact(T x) { return T(0.5) * x * std::erfc(-x * T(kSqrtHalf)); }
template <typename T>
T gelu_exact_grad(T x) {
  return T(0.5) * std::erfc(-x * T(kSqrtHalf)) + x * std::exp(T(-0.5) * x * x) * T(kInvSqrt2Pi);
}
template <typename T>
T gelu_tanh_grad(T x) {
  T t = std::tanh(T(kGeluC) * (x + T(kGeluA) * x * x * x));
  return T(0.5) * (T(1) + t) + T(0.5) * x * (T(1) - t * t) * T(kGeluC) * (T(1) + T(3 * kGeluA) * x * x);
}

// gelu, or gelu' when DERIVATIVE, in the form the `approximate` attribute picks.
ForwardFn gelu_forward(bool derivative) {
  return [derivative](const OpCall& c, const std::vector<TensorPtr>& out) {
    const Tensor& x = *c.in(0);
    const bool approximate = c.attrs.b(0);
    EF_DISPATCH_FLOAT(x.dtype, {
      if (approximate && !derivative) {  // the hot one: vectorised with Eigen's tanh
        kernels::unary(x.data<T>(), out[0]->data<T>(), x.size(), [](const auto& v) {
          return T(0.5) * v * (T(1) + (T(kGeluC) * (v + T(kGeluA) * v.cube())).tanh());
        });
        return;
      }
      T (*f)(T) = derivative ? (approximate ? gelu_tanh_grad<T> : gelu_exact_grad<T>) : gelu_exact<T>;
      kernels::unary(x.data<T>(), out[0]->data<T>(), x.size(), [f](const auto& v) { return v.unaryExpr(f); });
    });
  };
}

// gelu'' from ops. Exact: phi(x) (2 - x^2). Tanh form, with u = c (x + a x^3), t = tanh(u),
// s = 1 - t^2: s u' + x s (u'' - 2 t u'^2) / 2, where u' = c (1 + 3 a x^2), u'' = 6 a c x.
TensorPtr gelu_second_derivative(const TensorPtr& x, bool approximate) {
  TensorPtr x2 = square(x);
  if (!approximate) {
    TensorPtr phi = times(call("exp", {times(x2, -0.5)}), kInvSqrt2Pi);
    return mul(phi, sub(scalar_like(x, 2), x2));
  }
  TensorPtr u = times(add(x, times(mul(x, x2), kGeluA)), kGeluC);
  TensorPtr t = call("tanh", {u});
  TensorPtr s = sub(scalar_like(x, 1), square(t));
  TensorPtr du = times(add(scalar_like(x, 1), times(x2, 3 * kGeluA)), kGeluC);
  TensorPtr d2u = times(x, 6 * kGeluA * kGeluC);
  TensorPtr inner = sub(d2u, times(mul(t, square(du)), 2));
  return add(mul(s, du), times(mul(mul(x, s), inner), 0.5));
}

}  // namespace

EF_REGISTER_OPS(nn_activation) {
  def_op("relu").exported({"nn.relu"})
      .describe("max(features, 0).")
      .input("features").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) {
        using T = typename std::decay_t<decltype(x)>::Scalar;
        return x.max(T(0));
      }))
      .gradient_reads({0}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{call("relu_grad", {g.dy(), g.in(0)})}; });

  // relu's backward pass in one loop (a compare, a zeros tensor and a where took three).
  def_op("relu_grad").exported({})
      .describe("gradients where features > 0, else 0 (relu's backward pass); the two have one shape.")
      .input("gradients").input("features")
      .shape([](const OpCall& c) {
        require_same_dtype(c);
        if (c.in(0)->shape != c.in(1)->shape)
          throw InvalidArgument(op_message(c.name(), "gradients and features must have one shape, received " +
                                                         shape_str(c.in(0)->shape) + " and " + shape_str(c.in(1)->shape)));
        return numeric(c);
      })
      .forward(binary_forward<Types::Numeric, false>([](const auto& dy, const auto& x) {
        using T = typename std::decay_t<decltype(dy)>::Scalar;
        return (x > T(0)).select(dy, T(0));
      }))
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{call("relu_grad", {g.dy(), g.in(1)}), nullptr}; });

  def_op("relu6").exported({"nn.relu6"})
      .describe("min(max(features, 0), 6).")
      .input("features").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) {
        using T = typename std::decay_t<decltype(x)>::Scalar;
        return x.max(T(0)).min(T(6));
      }))
      .gradient([](const GradCall& g) {
        TensorPtr inside = call("logical_and", {compare("greater", g.in(0), 0), compare("less", g.in(0), 6)});
        return std::vector<TensorPtr>{masked(inside, g.dy())};
      });

  // x where x > 0, else alpha x (for any alpha, as TensorFlow's kernel).
  def_op("leaky_relu").exported({"nn.leaky_relu"})
      .describe("features where features > 0, else alpha * features.")
      .input("features").attr("alpha", AttrKind::Float, 0.2)
      .shape(floating)
      .forward(float_attr_forward([](const auto& x, auto alpha) {
        return (x > decltype(alpha)(0)).select(x, x * alpha);
      }))
      .gradient_reads({0}, {})
      .gradient([](const GradCall& g) {
        TensorPtr dy = g.dy();
        return std::vector<TensorPtr>{
            call("where", {compare("greater", g.in(0), 0), dy, times(dy, g.attrs.f(0))})};
      });

  // x > 0 ? x : exp(x) - 1; below 0 the derivative exp(x) is y + 1.
  def_op("elu").exported({"nn.elu"})
      .describe("features where features > 0, else exp(features) - 1.")
      .input("features").shape(floating)
      .forward(unary_forward<Types::Float>([](const auto& x) {
        using T = typename std::decay_t<decltype(x)>::Scalar;
        return (x > T(0)).select(x, x.expm1());
      }))
      .gradient([](const GradCall& g) {
        TensorPtr below = mul(g.dy(), add(g.out(0), scalar_like(g.out(0), 1)));
        return std::vector<TensorPtr>{call("where", {compare("greater", g.in(0), 0), g.dy(), below})};
      });

  // scale * (x > 0 ? x : alpha (exp(x) - 1)); below 0 the derivative is y + scale alpha.
  def_op("selu").exported({"nn.selu"})
      .describe("scale * features where features > 0, else scale * alpha * (exp(features) - 1), with "
                "alpha ~1.6733 and scale ~1.0507.")
      .input("features").shape(floating)
      .forward(unary_forward<Types::Float>([](const auto& x) {
        using T = typename std::decay_t<decltype(x)>::Scalar;
        return T(kSeluScale) * (x > T(0)).select(x, T(kSeluAlpha) * x.expm1());
      }))
      .gradient([](const GradCall& g) {
        TensorPtr below = mul(g.dy(), add(g.out(0), scalar_like(g.out(0), kSeluScale * kSeluAlpha)));
        // At x = 0 the slope is scale, as TensorFlow's SeluGrad takes it.
        TensorPtr above = compare("greater_equal", g.in(0), 0);
        return std::vector<TensorPtr>{call("where", {above, times(g.dy(), kSeluScale), below})};
      });

  // x Phi(x) (exact, with erf) or its tanh approximation.
  def_op("gelu").exported({"nn.gelu"})
      .describe("features * P(X <= features) for a standard normal X (with erf), or its tanh "
                "approximation when approximate=True.")
      .input("features").attr("approximate", AttrKind::Bool, false)
      .shape(floating)
      .forward(gelu_forward(false))
      .gradient_reads({0}, {})
      .gradient([](const GradCall& g) {
        TensorPtr d = call("gelu_grad", {g.in(0)}, {{"approximate", g.attrs.b(0)}});
        return std::vector<TensorPtr>{mul(g.dy(), d)};
      });

  // gelu'(x), internal: gelu's gradient, itself differentiable for second order.
  def_op("gelu_grad").exported({}).input("features").attr("approximate", AttrKind::Bool, false)
      .shape(floating)
      .forward(gelu_forward(true))
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{mul(g.dy(), gelu_second_derivative(g.in(0), g.attrs.b(0)))};
      });

  // x sigmoid(beta x); d/dx = s + beta x s (1 - s) with s = sigmoid(beta x).
  def_op("silu").exported({"nn.silu", "nn.swish"})
      .describe("features * sigmoid(beta * features) (swish).")
      .input("features").attr("beta", AttrKind::Float, 1.0)
      .shape(floating)
      // Not Eigen's logistic(): its float approximation is off by up to 1e-4 for arguments < -3.
      .forward(float_attr_forward([](const auto& x, auto beta) {
        return x * ((x * -beta).exp() + decltype(beta)(1)).inverse();
      }))
      .gradient([](const GradCall& g) {
        const TensorPtr& x = g.in(0);
        const double beta = g.attrs.f(0);
        TensorPtr s = call("sigmoid", {times(x, beta)});
        TensorPtr slope = mul(times(x, beta), mul(s, sub(scalar_like(s, 1), s)));
        return std::vector<TensorPtr>{mul(g.dy(), add(s, slope))};
      });
}

}  // namespace ef::ops
