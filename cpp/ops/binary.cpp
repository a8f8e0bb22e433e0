// Elementwise binary ops with NumPy broadcasting: arithmetic, comparisons, logic.
#include <cmath>

#include "ops/api.h"
#include "ops/elementwise_forward.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

// Integer division by zero would trap; TensorFlow reports it instead.
void check_int_divisor(const OpCall& c) {
  const Tensor& b = *c.in(1);
  if (!is_int(b.dtype)) return;
  for (int64_t i = 0; i < b.size(); ++i)
    if (element_as_double(b, i) == 0) throw InvalidArgument(op_message(c.name(), "integer division by zero"));
}

template <typename T>
T floor_div(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::floor(a / b);
  } else {
    T q = a / b;
    return (q * b != a && ((a < 0) != (b < 0))) ? q - 1 : q;
  }
}

template <typename T>
T floor_mod(T a, T b) {
  if constexpr (std::is_floating_point_v<T>) {
    T r = std::fmod(a, b);
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
  } else {
    T r = a % b;
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
  }
}

std::vector<TensorMeta> arithmetic(const OpCall& c) {
  require_numeric(c, 0);
  return broadcast_binary(c, false);
}

std::vector<TensorMeta> float_arithmetic(const OpCall& c) {
  require_float(c, 0);
  require_float(c, 1);
  return broadcast_binary(c, false);
}

std::vector<TensorMeta> logical(const OpCall& c) {
  for (size_t k = 0; k < c.inputs.size(); ++k)
    if (c.in(k)->dtype != DType::Bool)
      throw InvalidArgument(op_message(c.name(), "inputs must be bool, received " + dtype_list(c)));
  return broadcast_binary(c, true);
}

// maximum's and minimum's gradients: dy goes to x where COMPARE(x, y) picks x (x >= y for
// maximum), elsewhere to y; only to the sides the tape asks for.
std::vector<TensorPtr> picked_gradients(const GradCall& g, const char* compare) {
  TensorPtr picks_x = cast(call(compare, {g.in(0), g.in(1)}), g.in(0)->dtype);  // 0/1
  return {g.needs(0) ? mul(g.dy(), picks_x) : nullptr,
          g.needs(1) ? mul(g.dy(), sub(scalar_like(picks_x, 1), picks_x)) : nullptr};
}

template <typename F>
void def_comparison(const char* name, const char* math_name, F f) {
  def_op(name).exported({name, math_name}).input("x").input("y")
      .shape([](const OpCall& c) { return broadcast_binary(c, true); })
      .forward(binary_forward<Types::All, true>(f))
      .not_differentiable();
}

// Logical ops take bool only, so their loop is instantiated for bool alone.
template <typename F>
ForwardFn bool_forward(F f) {
  return [f](const OpCall& c, const std::vector<TensorPtr>& out) {
    kernels::binary(c.in(0)->data<bool>(), c.in(0)->shape, c.in(1)->data<bool>(), c.in(1)->shape,
                    out[0]->data<bool>(), out[0]->shape, f);
  };
}

}  // namespace

EF_REGISTER_OPS(binary) {
  def_op("add").exported({"add", "math.add"}).input("x").input("y").shape(arithmetic)
      .forward(binary_forward<Types::Numeric, false>([](const auto& a, const auto& b) { return a + b; }))
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{g.dy(), g.dy()}; });

  def_op("subtract").exported({"subtract", "math.subtract"}).input("x").input("y").shape(arithmetic)
      .forward(binary_forward<Types::Numeric, false>([](const auto& a, const auto& b) { return a - b; }))
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{g.dy(), g.needs(1) ? neg(g.dy()) : nullptr}; });

  def_op("multiply").exported({"multiply", "math.multiply"}).input("x").input("y").shape(arithmetic)
      .forward(binary_forward<Types::Numeric, false>([](const auto& a, const auto& b) { return a * b; }))
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) {
        // A constant factor (x * 0.5) needs no gradient: none is computed for it.
        return std::vector<TensorPtr>{g.needs(0) ? mul(g.dy(), g.in(1)) : nullptr,
                                      g.needs(1) ? mul(g.dy(), g.in(0)) : nullptr};
      });

  // Integer inputs divide exactly into float64, as TensorFlow's truediv does.
  def_op("divide").exported({"divide", "math.divide", "truediv", "math.truediv"}).input("x").input("y")
      .shape([](const OpCall& c) {
        auto m = arithmetic(c);
        if (is_int(m[0].dtype)) m[0].dtype = DType::Float64;
        return m;
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const auto f = [](const auto& a, const auto& b) { return a / b; };
        if (is_float(c.in(0)->dtype)) return binary_forward<Types::Float, false>(f)(c, out);
        TensorPtr a = cast(c.in(0), DType::Float64), b = cast(c.in(1), DType::Float64);
        kernels::binary(a->data<double>(), a->shape, b->data<double>(), b->shape, out[0]->data<double>(),
                        out[0]->shape, f);
      })
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) {
        const TensorPtr& x = g.in(0);
        const TensorPtr& y = g.in(1);
        return std::vector<TensorPtr>{g.needs(0) ? div(g.dy(), y) : nullptr,
                                      g.needs(1) ? neg(div(mul(g.dy(), x), square(y))) : nullptr};
      });

  // x / y, and 0 where y is 0 even if x is inf or nan (tf.math.divide_no_nan): a metric's
  // total / count, or a mean over what a mask keeps, in one op.
  def_op("divide_no_nan").exported({"math.divide_no_nan"}).input("x").input("y").shape(float_arithmetic)
      .forward(binary_forward<Types::Float, false>([](const auto& a, const auto& b) {
        return a.binaryExpr(b, [](auto p, auto q) { return q == 0 ? decltype(p)(0) : p / q; });
      }))
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) {
        const TensorPtr& x = g.in(0);
        const TensorPtr& y = g.in(1);
        return std::vector<TensorPtr>{
            g.needs(0) ? call("divide_no_nan", {g.dy(), y}) : nullptr,
            g.needs(1) ? mul(g.dy(), call("divide_no_nan", {call("divide_no_nan", {neg(x), y}), y})) : nullptr};
      });

  // x * y, and 0 where y is 0 even if x is inf or nan (tf.math.multiply_no_nan).
  def_op("multiply_no_nan").exported({"math.multiply_no_nan"}).input("x").input("y").shape(float_arithmetic)
      .forward(binary_forward<Types::Float, false>([](const auto& a, const auto& b) {
        return a.binaryExpr(b, [](auto p, auto q) { return q == 0 ? decltype(p)(0) : p * q; });
      }))
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{g.needs(0) ? call("multiply_no_nan", {g.dy(), g.in(1)}) : nullptr,
                                      g.needs(1) ? call("multiply_no_nan", {g.in(0), g.dy()}) : nullptr};
      });

  def_op("floordiv").exported({"floordiv", "math.floordiv"}).input("x").input("y").shape(arithmetic)
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        check_int_divisor(c);
        binary_forward<Types::Numeric, false>(
            [](const auto& a, const auto& b) { return a.binaryExpr(b, [](auto p, auto q) { return floor_div(p, q); }); })(c, out);
      })
      .not_differentiable();

  // x - floor(x / y) * y, with the divisor's sign (Python's %).
  def_op("floormod").exported({"floormod", "math.floormod", "mod", "math.mod"}).input("x").input("y").shape(arithmetic)
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        check_int_divisor(c);
        binary_forward<Types::Numeric, false>(
            [](const auto& a, const auto& b) { return a.binaryExpr(b, [](auto p, auto q) { return floor_mod(p, q); }); })(c, out);
      })
      .gradient([](const GradCall& g) {
        if (!g.needs(1)) return std::vector<TensorPtr>{g.dy(), nullptr};
        TensorPtr q = call("floordiv", {g.in(0), g.in(1)});
        return std::vector<TensorPtr>{g.dy(), neg(mul(g.dy(), q))};
      });

  // d/dx x^y = y x^(y-1); d/dy x^y = x^y log(x), taken as 0 where x <= 0.
  def_op("pow").exported({"pow", "math.pow"}).input("x").input("y").shape(arithmetic)
      .forward(binary_forward<Types::Numeric, false>([](const auto& a, const auto& b) {
        return a.binaryExpr(b, [](auto p, auto q) {
          using T = decltype(p);
          if constexpr (std::is_floating_point_v<T>) return static_cast<T>(std::pow(p, q));
          else {
            if (q < 0) return static_cast<T>(p == 1 ? 1 : (p == -1 ? ((q % 2) ? -1 : 1) : 0));
            T r = 1;
            for (T e = q, base = p; e > 0; e >>= 1, base *= base)
              if (e & 1) r *= base;
            return r;
          }
        });
      }))
      .gradient([](const GradCall& g) {
        const TensorPtr& x = g.in(0);
        const TensorPtr& y = g.in(1);
        // A constant exponent (x ** 2) needs no gradient: its log(x) is not computed.
        TensorPtr dx = g.needs(0) ? mul(g.dy(), mul(y, call("pow", {x, sub(y, scalar_like(y, 1))}))) : nullptr;
        if (!g.needs(1)) return std::vector<TensorPtr>{dx, nullptr};
        TensorPtr positive = call("greater", {x, scalar_like(x, 0)});
        TensorPtr safe_x = call("where", {positive, x, ones_like(x)});
        TensorPtr dlog = call("where", {positive, call("log", {safe_x}), zeros_like(x)});
        return std::vector<TensorPtr>{dx, mul(g.dy(), mul(g.out(0), dlog))};
      });

  def_op("maximum").exported({"maximum", "math.maximum"}).input("x").input("y").shape(arithmetic)
      .forward(binary_forward<Types::Numeric, false>([](const auto& a, const auto& b) { return a.max(b); }))
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) { return picked_gradients(g, "greater_equal"); });

  def_op("minimum").exported({"minimum", "math.minimum"}).input("x").input("y").shape(arithmetic)
      .forward(binary_forward<Types::Numeric, false>([](const auto& a, const auto& b) { return a.min(b); }))
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) { return picked_gradients(g, "less_equal"); });

  // (x - y)^2, one op so MSE-style losses need one kernel and one saved input.
  def_op("squared_difference").exported({"math.squared_difference"}).input("x").input("y").shape(arithmetic)
      .forward(binary_forward<Types::Numeric, false>([](const auto& a, const auto& b) { return (a - b) * (a - b); }))
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) {
        TensorPtr d = mul(mul(g.dy(), sub(g.in(0), g.in(1))), scalar_like(g.dy(), 2));
        return std::vector<TensorPtr>{d, g.needs(1) ? neg(d) : nullptr};  // a loss's targets need none
      });

  def_comparison("equal", "math.equal", [](const auto& a, const auto& b) { return a == b; });
  def_comparison("not_equal", "math.not_equal", [](const auto& a, const auto& b) { return a != b; });
  def_comparison("less", "math.less", [](const auto& a, const auto& b) { return a < b; });
  def_comparison("less_equal", "math.less_equal", [](const auto& a, const auto& b) { return a <= b; });
  def_comparison("greater", "math.greater", [](const auto& a, const auto& b) { return a > b; });
  def_comparison("greater_equal", "math.greater_equal", [](const auto& a, const auto& b) { return a >= b; });

  def_op("logical_and").exported({"logical_and", "math.logical_and"}).input("x").input("y").shape(logical)
      .forward(bool_forward([](const auto& a, const auto& b) { return a && b; }))
      .not_differentiable();
  def_op("logical_or").exported({"logical_or", "math.logical_or"}).input("x").input("y").shape(logical)
      .forward(bool_forward([](const auto& a, const auto& b) { return a || b; }))
      .not_differentiable();
}

}  // namespace ef::ops
