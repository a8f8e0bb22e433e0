// Strided slicing (the engine of Tensor.__getitem__) and its gradient.
//
// begin/end/strides follow Python's slice semantics per axis: negative positions count from
// the end and are clamped, and kOpen marks an omitted bound (x[:3], x[2:]). Normalising here
// rather than in Python keeps a slice of a symbolic tensor valid when it is replayed on real
// data whose unknown dimensions are then known. Axes in `shrink` were indexed by an int:
// they must hold that index and are dropped from the result.
#include <algorithm>
#include <climits>
#include <cstring>

#include "kernels/slice.h"
#include "ops/api.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

constexpr int64_t kOpen = INT64_MIN;

struct Window {
  std::vector<int64_t> start, step;
  Shape counts;  // elements taken per axis (before shrinking)
  Shape out;     // the result's shape: counts without the shrunk axes, -1 where unknown
};

// Python's slice.indices() for one axis of size DIM.
void clamp(int64_t dim, int64_t step, int64_t& start, int64_t& stop) {
  int64_t lower = step > 0 ? 0 : -1, upper = step > 0 ? dim : dim - 1;
  auto fix = [&](int64_t v, int64_t open_value) {
    if (v == kOpen) return open_value;
    if (v < 0) return std::max(v + dim, lower);
    return std::min(v, upper);
  };
  start = fix(start, step > 0 ? lower : upper);
  stop = fix(stop, step > 0 ? upper : lower);
}

// Attributes: 0 begin, 1 end, 2 strides, 3 shrink (axes indexed by an int).
Window window(const OpCall& c, const Shape& full, size_t first_attr) {
  const auto& begin = c.attrs.ints(first_attr);
  const auto& end = c.attrs.ints(first_attr + 1);
  const auto& strides = c.attrs.ints(first_attr + 2);
  const std::vector<int64_t> shrink = c.attrs.none(first_attr + 3) ? std::vector<int64_t>{} : c.attrs.ints(first_attr + 3);
  const size_t rank = full.size();
  if (begin.size() != rank || end.size() != rank || strides.size() != rank)
    throw InvalidArgument(op_message(c.name(), "begin, end and strides need one entry per axis of shape " +
                                                   shape_str(full) + ", received " + std::to_string(begin.size()) + ", " +
                                                   std::to_string(end.size()) + " and " + std::to_string(strides.size())));
  Window w{std::vector<int64_t>(rank), std::vector<int64_t>(strides), Shape(rank), {}};
  for (size_t d = 0; d < rank; ++d) {
    int64_t b = begin[d], e = end[d], s = strides[d], dim = full[d];
    if (s == 0) throw InvalidArgument(op_message(c.name(), "strides must be non-zero"));
    bool shrunk = std::find(shrink.begin(), shrink.end(), static_cast<int64_t>(d)) != shrink.end();
    if (shrunk && dim >= 0 && (b < -dim || b >= dim))
      throw InvalidArgument(op_message(c.name(), "index " + std::to_string(b) + " is out of bounds for axis " +
                                                     std::to_string(d) + " with size " + std::to_string(dim) +
                                                     " (tensor shape " + shape_str(full) + ")"));
    if (dim < 0) {  // symbolic: the count is known only for a whole axis or an index
      w.counts[d] = shrunk ? 1 : -1;
    } else if (shrunk) {
      w.start[d] = b < 0 ? b + dim : b;
      w.step[d] = 1;
      w.counts[d] = 1;
    } else {
      clamp(dim, s, b, e);
      w.start[d] = b;
      int64_t n = s > 0 ? (e - b + s - 1) / s : (b - e - s - 1) / (-s);
      w.counts[d] = std::max<int64_t>(n, 0);
    }
    if (!shrunk) w.out.push_back(w.counts[d]);
  }
  return w;
}

}  // namespace

EF_REGISTER_OPS(slice) {
  def_op("strided_slice").value_moving().exported({"strided_slice"}).input("input_", false)
      .required_attr("begin", AttrKind::Ints).required_attr("end", AttrKind::Ints).required_attr("strides", AttrKind::Ints)
      .attr("shrink", AttrKind::Ints)
      .shape([](const OpCall& c) { return std::vector<TensorMeta>{{window(c, c.in(0)->shape, 0).out, c.in(0)->dtype}}; })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        Window w = window(c, c.in(0)->shape, 0);
        kernels::strided_copy(c.in(0)->raw(), out[0]->raw(), c.in(0)->shape, w.start, w.step, w.counts,
                              itemsize(c.in(0)->dtype), false);
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("strided_slice_grad", {g.dy()},
                                           {{"shape", g.in(0)->shape}, {"begin", g.attrs.values[0]},
                                            {"end", g.attrs.values[1]}, {"strides", g.attrs.values[2]},
                                            {"shrink", g.attrs.values[3]}})};
      });

  // Zeros of SHAPE with DY written into the window that strided_slice read.
  def_op("strided_slice_grad").input("dy", false).required_attr("shape", AttrKind::Ints)
      .required_attr("begin", AttrKind::Ints).required_attr("end", AttrKind::Ints).required_attr("strides", AttrKind::Ints)
      .attr("shrink", AttrKind::Ints)
      .shape([](const OpCall& c) {
        const Shape& full = c.attrs.ints(0);
        Window w = window(c, full, 1);
        if (w.out != c.in(0)->shape)
          throw InvalidArgument(op_message(c.name(), "dy has shape " + shape_str(c.in(0)->shape) + ", the window " + shape_str(w.out)));
        return std::vector<TensorMeta>{{full, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        Window w = window(c, out[0]->shape, 1);
        std::memset(out[0]->raw(), 0, out[0]->nbytes());
        kernels::strided_copy(c.in(0)->raw(), out[0]->raw(), out[0]->shape, w.start, w.step, w.counts,
                              itemsize(c.in(0)->dtype), true);
      })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("strided_slice", {g.dy()},
                                           {{"begin", g.attrs.values[1]}, {"end", g.attrs.values[2]},
                                            {"strides", g.attrs.values[3]}, {"shrink", g.attrs.values[4]}})};
      });
}

}  // namespace ef::ops
