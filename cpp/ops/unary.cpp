// Elementwise unary math: one entry per op, the loop shared in kernels/elementwise.h.
#include <cmath>

#include "ops/api.h"
#include "ops/elementwise_forward.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

std::vector<TensorMeta> numeric(const OpCall& c) {
  require_numeric(c, 0);
  return same_as_input(c, false);
}
std::vector<TensorMeta> floating(const OpCall& c) { return same_as_input(c, true); }

}  // namespace

EF_REGISTER_OPS(unary) {
  def_op("negative").exported({"negative", "math.negative"}).input("x").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) { return -x; }))
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{neg(g.dy())}; });

  def_op("square").exported({"square", "math.square"}).input("x").shape(numeric)
      .forward(unary_forward<Types::Numeric>([](const auto& x) { return x * x; }))
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{mul(g.dy(), mul(g.in(0), scalar_like(g.in(0), 2)))};
      });

  def_op("exp").exported({"exp", "math.exp"}).input("x").shape(floating)
      .forward(unary_forward<Types::Float>([](const auto& x) { return x.exp(); }))
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{mul(g.dy(), g.out(0))}; });

  def_op("log").exported({"math.log"}).input("x").shape(floating)
      .forward(unary_forward<Types::Float>([](const auto& x) { return x.log(); }))
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{div(g.dy(), g.in(0))}; });
}

}  // namespace ef::ops
