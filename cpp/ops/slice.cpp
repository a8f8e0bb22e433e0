// Strided slicing (the engine of Tensor.__getitem__) and its gradient.
#include <cstring>

#include "kernels/slice.h"
#include "ops/api.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

// Attributes 0..2 are begin, end, strides, one entry per axis, already normalised by the
// caller to non-negative begins (end may be -1 for a negative step running to the start).
Shape slice_shape(const OpCall& c, const Shape& full) {
  const auto &begin = c.attrs.ints(0), &end = c.attrs.ints(1), &strides = c.attrs.ints(2);
  const size_t rank = full.size();
  if (begin.size() != rank || end.size() != rank || strides.size() != rank)
    throw InvalidArgument(op_message(c.name(), "begin, end and strides need one entry per axis of shape " +
                                                   shape_str(full) + ", received " + std::to_string(begin.size()) + ", " +
                                                   std::to_string(end.size()) + " and " + std::to_string(strides.size())));
  Shape out(rank);
  for (size_t d = 0; d < rank; ++d) {
    int64_t b = begin[d], e = end[d], s = strides[d];
    if (s == 0) throw InvalidArgument(op_message(c.name(), "strides must be non-zero"));
    // The ranges Python's slice.indices() produces: [0, dim] going up, [-1, dim) going down.
    bool ok = s > 0 ? (b >= 0 && b <= full[d] && e >= 0 && e <= full[d])
                    : (b >= -1 && b < full[d] && e >= -1 && e < full[d]);
    if (!ok)
      throw InvalidArgument(op_message(c.name(), "slice [" + std::to_string(b) + ":" + std::to_string(e) + ":" +
                                                     std::to_string(s) + "] is out of range for axis " + std::to_string(d) +
                                                     " of shape " + shape_str(full)));
    int64_t n = s > 0 ? (e - b + s - 1) / s : (b - e + (-s) - 1) / (-s);
    out[d] = std::max<int64_t>(n, 0);
  }
  return out;
}

}  // namespace

EF_REGISTER_OPS(slice) {
  def_op("strided_slice").exported({"strided_slice"}).input("input_", false)
      .required_attr("begin", AttrKind::Ints).required_attr("end", AttrKind::Ints).required_attr("strides", AttrKind::Ints)
      .shape([](const OpCall& c) { return std::vector<TensorMeta>{{slice_shape(c, c.in(0)->shape), c.in(0)->dtype}}; })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        kernels::strided_copy(c.in(0)->raw(), out[0]->raw(), c.in(0)->shape, c.attrs.ints(0), c.attrs.ints(2),
                              out[0]->shape, itemsize(c.in(0)->dtype), false);
      })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("strided_slice_grad", {g.dy()},
                                           {{"shape", g.in(0)->shape}, {"begin", g.attrs.ints(0)},
                                            {"end", g.attrs.ints(1)}, {"strides", g.attrs.ints(2)}})};
      });

  // Zeros of SHAPE with DY written into the window that strided_slice read.
  def_op("strided_slice_grad").input("dy", false).required_attr("shape", AttrKind::Ints)
      .required_attr("begin", AttrKind::Ints).required_attr("end", AttrKind::Ints).required_attr("strides", AttrKind::Ints)
      .shape([](const OpCall& c) {
        const Shape& full = c.attrs.ints(0);
        Attrs window{{c.attrs.values[1], c.attrs.values[2], c.attrs.values[3]}};
        Shape s = slice_shape(OpCall{c.op, c.inputs, window}, full);
        if (s != c.in(0)->shape)
          throw InvalidArgument(op_message(c.name(), "dy has shape " + shape_str(c.in(0)->shape) + ", the window " + shape_str(s)));
        return std::vector<TensorMeta>{{full, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        std::memset(out[0]->raw(), 0, out[0]->nbytes());
        kernels::strided_copy(c.in(0)->raw(), out[0]->raw(), out[0]->shape, c.attrs.ints(1), c.attrs.ints(3),
                              c.in(0)->shape, itemsize(c.in(0)->dtype), true);
      })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("strided_slice", {g.dy()},
                                           {{"begin", g.attrs.ints(1)}, {"end", g.attrs.ints(2)}, {"strides", g.attrs.ints(3)}})};
      });
}

}  // namespace ef::ops
