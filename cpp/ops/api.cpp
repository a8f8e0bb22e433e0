#include "ops/api.h"

namespace ef::ops {

std::vector<int64_t> all_axes(int64_t rank) {
  std::vector<int64_t> axes(rank);
  for (int64_t d = 0; d < rank; ++d) axes[d] = d;
  return axes;
}

TensorPtr scalar_like(const TensorPtr& t, double value) { return full({}, t->dtype, value); }

TensorPtr sum_to_shape(const TensorPtr& g, const Shape& shape) {
  if (g->shape == shape) return g;
  int64_t lead = g->rank() - static_cast<int64_t>(shape.size());
  std::vector<int64_t> axes;
  for (int64_t d = 0; d < g->rank(); ++d) {
    if (d < lead || (shape[d - lead] == 1 && g->shape[d] != 1)) axes.push_back(d);
  }
  TensorPtr s = axes.empty() ? g : reduce_sum(g, axes, false);
  return s->shape == shape ? s : reshape(s, shape);
}

TensorPtr restore_reduced_axes(const TensorPtr& g, const Shape& in_shape, const std::vector<int64_t>& axes) {
  Shape kept = in_shape;
  for (int64_t a : axes) kept[a] = 1;
  return g->shape == kept ? g : reshape(g, kept);
}

}  // namespace ef::ops
