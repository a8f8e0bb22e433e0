// Reductions along axes (None = all), with keepdims.
#include "ops/api.h"
#include "ops/reduce_common.h"
#include "ops/rules.h"

namespace ef::ops {

EF_REGISTER_OPS(reduce) {
  def_op("reduce_sum").exported({"reduce_sum", "math.reduce_sum"}).input("input_tensor", false)
      .attr("axis", AttrKind::Axes).attr("keepdims", AttrKind::Bool, false)
      .shape([](const OpCall& c) { require_numeric(c, 0); return reduction_shape(c); })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { run_reduction(c, *out[0], kernels::Reduction::Sum); })
      .gradient([](const GradCall& g) {
        const Shape& in = g.in(0)->shape;
        TensorPtr dy = restore_reduced_axes(g.dy(), in, reduction_axes(g, 0, g.in(0)->rank()));
        return std::vector<TensorPtr>{broadcast_to(dy, in)};
      });
}

}  // namespace ef::ops
