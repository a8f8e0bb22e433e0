// Reductions along axes (None = all), with keepdims; arg-reductions and cumulative sums.
#include <algorithm>
#include <vector>

#include "ops/api.h"
#include "ops/reduce_common.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

using kernels::Reduction;

std::vector<int64_t> axes_of(const OpCall& c) { return reduction_axes(c, 0, c.in(0)->rank()); }

// T (an output or output gradient of a reduction) with the reduced axes back as size 1,
// so that it broadcasts against the input.
TensorPtr kept(const GradCall& g, const TensorPtr& t) { return restore_reduced_axes(t, g.in(0)->shape, axes_of(g)); }

// T with the reduced axes restored as size 1, so that it broadcasts against the input; a
// scalar (a full reduction) broadcasts as it is.
TensorPtr kept_unless_scalar(const GradCall& g, const TensorPtr& t) { return t->rank() == 0 ? t : kept(g, t); }

// T (broadcastable to the input) as a gradient of the input's shape: T itself when it has it.
TensorPtr spread(const GradCall& g, const TensorPtr& t) {
  return t->shape == g.in(0)->shape ? t : broadcast_to(t, g.in(0)->shape);
}

// The number of elements each output value reduces (at least 1).
int64_t reduced_count(const GradCall& g) {
  int64_t n = 1;
  for (int64_t a : axes_of(g)) n *= g.in(0)->shape[a];
  return std::max<int64_t>(n, 1);
}

ForwardFn reduce_with(Reduction how) {
  return [how](const OpCall& c, const std::vector<TensorPtr>& out) { run_reduction(c, *out[0], how); };
}

std::vector<TensorMeta> numeric_reduction(const OpCall& c) {
  require_numeric(c, 0);
  return reduction_shape(c);
}

std::vector<TensorMeta> bool_reduction(const OpCall& c) {
  if (c.in(0)->dtype != DType::Bool)
    throw InvalidArgument(op_message(c.name(), "'input_tensor' must be bool, received " + std::string(dtype_name(c.in(0)->dtype))));
  return reduction_shape(c);
}

// max/min: dy goes to the elements equal to the result, split equally among ties.
std::vector<TensorPtr> extreme_gradient(const GradCall& g) {
  const TensorPtr& x = g.in(0);
  TensorPtr hit = cast(call("equal", {x, kept(g, g.out(0))}), x->dtype);
  TensorPtr ties = reduce_sum(hit, axes_of(g), true);
  return {mul(div(hit, ties), kept(g, g.dy()))};
}

// d prod / d x_i = product of the others: y / x_i where x_i != 0; where x_i == 0, the
// product of the non-zero values if x_i is the only zero, else 0.
std::vector<TensorPtr> prod_gradient(const GradCall& g) {
  const TensorPtr& x = g.in(0);
  const std::vector<int64_t> axes = axes_of(g);
  TensorPtr zero = call("equal", {x, scalar_like(x, 0)});
  TensorPtr safe = call("where", {zero, ones_like(x), x});
  TensorPtr nonzero_prod = call("reduce_prod", {safe}, {{"axis", axes}, {"keepdims", true}});
  TensorPtr zeros = reduce_sum(cast(zero, x->dtype), axes, true);
  TensorPtr at_zero = call("where", {call("equal", {zeros, scalar_like(zeros, 1)}), nonzero_prod, zeros_like(nonzero_prod)});
  TensorPtr others = call("where", {zero, at_zero, div(kept(g, g.out(0)), safe)});
  return {mul(others, kept(g, g.dy()))};
}

// argmax/argmin: the index along one axis (None = 0), as int64 or int32.
std::vector<TensorMeta> arg_reduction_shape(const OpCall& c) {
  const Shape& in = c.in(0)->shape;
  if (in.empty())
    throw InvalidArgument(op_message(c.name(), "input must have rank >= 1, received a scalar"));
  int64_t axis = normalize_axis(c.attrs.none(0) ? 0 : c.attrs.i(0), c.in(0)->rank(), c.name());
  if (in[axis] == 0)
    throw InvalidArgument(op_message(c.name(), "cannot reduce over empty axis " + std::to_string(axis) +
                                                   ", received shape " + shape_str(in)));
  DType out = c.attrs.none(1) ? DType::Int64 : c.attrs.dtype(1);
  if (!is_int(out))
    throw InvalidArgument(op_message(c.name(), "output_type must be int32 or int64, received " + std::string(dtype_name(out))));
  Shape shape = in;
  shape.erase(shape.begin() + axis);
  return {{shape, out}};
}

template <bool MIN>
void arg_reduction_forward(const OpCall& c, const std::vector<TensorPtr>& out) {
  const Tensor& x = *c.in(0);
  int64_t axis = normalize_axis(c.attrs.none(0) ? 0 : c.attrs.i(0), x.rank(), c.name());
  ReductionView v = reduction_view(x, {axis}, c.name());
  TensorPtr best = empty({v.inner}, x.dtype, c.name());  // the extreme so far, per inner index
  EF_DISPATCH_ALL(x.dtype, {
    const T* data = static_cast<const T*>(v.data);
    if (out[0]->dtype == DType::Int32)
      kernels::arg_reduce<MIN>(data, out[0]->data<int32_t>(), best->data<T>(), v.outer, v.n, v.inner);
    else
      kernels::arg_reduce<MIN>(data, out[0]->data<int64_t>(), best->data<T>(), v.outer, v.n, v.inner);
  });
}

OpDef& def_reduction(const char* name, Reduction how, const char* what, ShapeFn shape, GradFn grad) {
  const std::string n = name;
  OpDef& op = def_op(n).exported({n, "math." + n}).input("input_tensor", false)
                  .attr("axis", AttrKind::Axes).attr("keepdims", AttrKind::Bool, false)
                  .shape(std::move(shape)).forward(reduce_with(how))
                  .describe(std::string("The ") + what + " of elements across axis (None: all axes; an int or a list, "
                            "negative counting from the end); keepdims keeps reduced axes with size 1.");
  if (grad) op.gradient(std::move(grad));
  else op.not_differentiable();
  return op;
}

}  // namespace

EF_REGISTER_OPS(reduce) {
  // A sum's or a mean's gradient reads only its input's shape.
  def_reduction("reduce_sum", Reduction::Sum, "sum", numeric_reduction, [](const GradCall& g) {
    return std::vector<TensorPtr>{spread(g, kept_unless_scalar(g, g.dy()))};
  }).gradient_reads({}, {});
  def_reduction("reduce_mean", Reduction::Mean, "mean (integers: truncated)", numeric_reduction, [](const GradCall& g) {
    // dy / n, divided before it is spread (on fewer elements), and not at all for n = 1 (a
    // mean over an axis of size 1, such as the per-sample mean of a one-output model's loss).
    TensorPtr dy = kept_unless_scalar(g, g.dy());
    const int64_t n = reduced_count(g);
    if (n != 1) dy = div(dy, scalar_like(g.in(0), static_cast<double>(n)));
    return std::vector<TensorPtr>{spread(g, dy)};
  }).gradient_reads({}, {});
  def_reduction("reduce_max", Reduction::Max, "maximum (-inf over no elements)", numeric_reduction, extreme_gradient);
  def_reduction("reduce_min", Reduction::Min, "minimum (+inf over no elements)", numeric_reduction, extreme_gradient);
  def_reduction("reduce_prod", Reduction::Prod, "product", numeric_reduction, prod_gradient);
  // log(sum(exp(x))) without overflow; its gradient is softmax(x) * dy.
  def_reduction("reduce_logsumexp", Reduction::LogSumExp, "log(sum(exp(x))), computed stably,",
                [](const OpCall& c) { require_float(c, 0); return reduction_shape(c); },
                [](const GradCall& g) {
                  TensorPtr softmax = call("exp", {sub(g.in(0), kept(g, g.out(0)))});
                  return std::vector<TensorPtr>{mul(softmax, kept(g, g.dy()))};
                });
  def_reduction("reduce_any", Reduction::Any, "logical or", bool_reduction, nullptr);
  def_reduction("reduce_all", Reduction::All, "logical and", bool_reduction, nullptr);

  def_op("argmax").exported({"argmax", "math.argmax"}).input("input", false)
      .attr("axis", AttrKind::OptInt).attr("output_type", AttrKind::DType, DType::Int64)
      .shape(arg_reduction_shape).forward(arg_reduction_forward<false>).not_differentiable()
      .describe("The index of the largest value along axis (None: 0); the first one among ties.");
  def_op("argmin").exported({"argmin", "math.argmin"}).input("input", false)
      .attr("axis", AttrKind::OptInt).attr("output_type", AttrKind::DType, DType::Int64)
      .shape(arg_reduction_shape).forward(arg_reduction_forward<true>).not_differentiable()
      .describe("The index of the smallest value along axis (None: 0); the first one among ties.");

  // The gradient of a cumulative sum is the cumulative sum of dy the other way round.
  def_op("cumsum").exported({"cumsum", "math.cumsum"}).input("x", false)
      .attr("axis", AttrKind::Int, int64_t{0}).attr("exclusive", AttrKind::Bool, false)
      .attr("reverse", AttrKind::Bool, false)
      .describe("Cumulative sum along axis; exclusive leaves out each element itself, reverse sums from the end.")
      .shape([](const OpCall& c) {
        require_numeric(c, 0);
        if (c.in(0)->rank() == 0)
          throw InvalidArgument(op_message(c.name(), "input must have rank >= 1, received a scalar"));
        normalize_axis(c.attrs.i(0), c.in(0)->rank(), c.name());
        return same_as_input(c, false);
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Tensor& x = *c.in(0);
        int64_t axis = normalize_axis(c.attrs.i(0), x.rank(), c.name());
        int64_t outer = 1, inner = 1;
        for (int64_t d = 0; d < axis; ++d) outer *= x.shape[d];
        for (int64_t d = axis + 1; d < x.rank(); ++d) inner *= x.shape[d];
        EF_DISPATCH_NUMERIC(x.dtype, kernels::cumsum(x.data<T>(), out[0]->data<T>(), outer, x.shape[axis], inner,
                                                     c.attrs.b(1), c.attrs.b(2)));
      })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("cumsum", {g.dy()}, {{"axis", g.attrs.i(0)}, {"exclusive", g.attrs.b(1)},
                                                               {"reverse", !g.attrs.b(2)}})};
      });
}

}  // namespace ef::ops
