// tf.nn ops that are neither activations nor losses: bias_add and l2_normalize.
// Activations live in nn_activation.cpp, softmax and the cross entropies in nn_loss.cpp.
#include <string>

#include "ops/api.h"
#include "ops/elementwise_forward.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

// The channel axis of bias_add: 1 for "NC..." formats, else (None, "N...C", "NHWC") the last.
int64_t bias_axis(const OpCall& c) {
  const int64_t rank = c.in(0)->rank();
  if (c.attrs.none(0)) return rank - 1;
  const std::string& f = c.attrs.s(0);
  if (f.size() >= 2 && f.compare(0, 2, "NC") == 0) return 1;
  if (f.size() >= 2 && f.front() == 'N' && f.back() == 'C') return rank - 1;
  throw InvalidArgument(op_message(c.name(), "data_format must be None, 'N...C' (such as 'NHWC') or 'NC...' "
                                             "(such as 'NCHW'), received '" + f + "'"));
}

std::vector<TensorMeta> bias_add_shape(const OpCall& c) {
  require_numeric(c, 0);
  require_same_dtype(c);
  const Shape& value = c.in(0)->shape;
  const Shape& bias = c.in(1)->shape;
  if (value.size() < 2)
    throw InvalidArgument(
        op_message(c.name(), "value must have at least 2 dimensions, received shape " + shape_str(value)));
  const int64_t axis = bias_axis(c);
  if (bias.size() != 1 || (value[axis] >= 0 && bias[0] >= 0 && bias[0] != value[axis]))
    throw InvalidArgument(op_message(c.name(), "bias must be 1-D with one entry per channel (" +
                                                   std::to_string(value[axis]) + " along axis " + std::to_string(axis) +
                                                   "), received value " + shape_str(value) + " and bias " +
                                                   shape_str(bias)));
  return {{value, c.in(0)->dtype}};
}

// 1 / sqrt(max(sum(x^2), epsilon)) over AXES, kept for broadcasting against x.
struct Norm {
  TensorPtr squares, inverse;
};
Norm inverse_norm(const TensorPtr& x, const std::vector<int64_t>& axes, double epsilon) {
  TensorPtr ss = reduce_sum(square(x), axes, true);
  TensorPtr clipped = call("maximum", {ss, scalar_like(x, epsilon)});
  return {ss, call("pow", {clipped, scalar_like(x, -0.5)})};
}

}  // namespace

EF_REGISTER_OPS(nn) {
  def_op("bias_add").exported({"nn.bias_add"})
      .describe("value + bias, with the 1-D bias along the channel axis: the last axis for data_format "
                "None or 'N...C', axis 1 for 'NC...'.")
      .input("value").input("bias").attr("data_format", AttrKind::String)
      .shape(bias_add_shape)
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Tensor& x = *c.in(0);
        const Tensor& b = *c.in(1);
        // Channels-first bias broadcasts as (C, 1, ..., 1).
        Shape b_shape = b.shape;
        if (bias_axis(c) != x.rank() - 1) b_shape.resize(x.shape.size() - 1, 1);
        const auto plus = [](const auto& p, const auto& q) { return p + q; };
        EF_DISPATCH_NUMERIC(x.dtype, kernels::binary(x.data<T>(), x.shape, b.data<T>(), b_shape, out[0]->data<T>(),
                                                     out[0]->shape, plus));
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        const int64_t axis = bias_axis(g);
        std::vector<int64_t> others;
        for (int64_t d = 0; d < g.dy()->rank(); ++d)
          if (d != axis) others.push_back(d);
        return std::vector<TensorPtr>{g.dy(), g.needs(1) ? reduce_sum(g.dy(), others, false) : nullptr};
      });

  // x / sqrt(max(sum(x^2), epsilon)) over axis (None: all axes).
  // Where sum(x^2) > epsilon, d/dx = r (dy - y sum(dy y)) with r the inverse norm; else r dy.
  def_op("l2_normalize").exported({"math.l2_normalize", "nn.l2_normalize"})
      .describe("x / sqrt(max(sum(x ** 2, axis), epsilon)); axis None normalizes over all axes.")
      .input("x")
      .attr("axis", AttrKind::Axes).attr("epsilon", AttrKind::Float, 1e-12)
      .shape([](const OpCall& c) {
        reduction_axes(c, 0, c.in(0)->rank());  // validates the axes
        return same_as_input(c, true);
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const TensorPtr& x = c.in(0);
        TensorPtr r = inverse_norm(x, reduction_axes(c, 0, x->rank()), c.attrs.f(1)).inverse;
        EF_DISPATCH_FLOAT(x->dtype, kernels::binary(x->data<T>(), x->shape, r->data<T>(), r->shape, out[0]->data<T>(),
                                                    out[0]->shape, [](const auto& p, const auto& q) { return p * q; }));
      })
      .gradient([](const GradCall& g) {
        const TensorPtr& x = g.in(0);
        const TensorPtr& y = g.out(0);
        std::vector<int64_t> axes = reduction_axes(g, 0, x->rank());
        Norm n = inverse_norm(x, axes, g.attrs.f(1));
        TensorPtr above = cast(call("greater", {n.squares, scalar_like(x, g.attrs.f(1))}), x->dtype);
        TensorPtr along = mul(above, mul(y, reduce_sum(mul(g.dy(), y), axes, true)));
        return std::vector<TensorPtr>{mul(n.inverse, sub(g.dy(), along))};
      });
}

}  // namespace ef::ops
