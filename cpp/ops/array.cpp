// Ops that create, convert and rearrange tensors without arithmetic.
#include <cstring>

#include "kernels/elementwise.h"
#include "kernels/transpose.h"
#include "ops/api.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

// Resolves one -1 in a reshape target against SIZE elements.
Shape resolve_shape(const OpCall& c, const Shape& target, int64_t size) {
  Shape out = target;
  if (size < 0) return out;  // a symbolic input of unknown size: the -1 stays unknown
  int64_t known = 1, unknown_at = -1;
  for (size_t d = 0; d < out.size(); ++d) {
    if (out[d] == -1) {
      if (unknown_at >= 0) throw InvalidArgument(op_message(c.name(), "only one dimension can be -1, received shape " + shape_str(target)));
      unknown_at = static_cast<int64_t>(d);
    } else if (out[d] < 0) {
      throw InvalidArgument(op_message(c.name(), "dimensions must be >= 0 or -1, received shape " + shape_str(target)));
    } else {
      if (out[d] > 0 && known > INT64_MAX / out[d])
        throw InvalidArgument(op_message(c.name(), "shape " + shape_str(target) + " has too many elements"));
      known *= out[d];
    }
  }
  if (unknown_at >= 0) {
    if (known == 0 || size % known != 0)
      throw InvalidArgument(op_message(c.name(), "cannot reshape a tensor of " + std::to_string(size) +
                                                     " elements into shape " + shape_str(target)));
    out[unknown_at] = size / known;
  } else if (known != size) {
    throw InvalidArgument(op_message(c.name(), "cannot reshape a tensor with " + std::to_string(size) +
                                                   " elements (shape " + shape_str(c.in(0)->shape) + ") into shape " +
                                                   shape_str(target) + " with " + std::to_string(known) + " elements"));
  }
  return out;
}

template <typename From>
void cast_from(const Tensor& x, Tensor& y) {
  const From* src = x.data<From>();
  int64_t n = x.size();
  EF_DISPATCH_ALL(y.dtype, {
    T* dst = y.data<T>();
    for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<T>(src[i]);
  });
}

void fill_like(const OpCall& c, const std::vector<TensorPtr>& out, double v) {
  EF_DISPATCH_ALL(out[0]->dtype, {
    T* p = out[0]->data<T>();
    std::fill(p, p + out[0]->size(), static_cast<T>(v));
  });
  (void)c;
}

// Output 0 is a copy of input 0 (identity, stop_gradient).
void copy_input(const OpCall& c, const std::vector<TensorPtr>& out) {
  if (out[0]->nbytes()) std::memcpy(out[0]->raw(), c.in(0)->raw(), out[0]->nbytes());
}

std::vector<TensorMeta> like_input(const OpCall& c) {
  DType d = c.attrs.none(0) ? c.in(0)->dtype : c.attrs.dtype(0);
  return {{c.in(0)->shape, d}};
}

}  // namespace

EF_REGISTER_OPS(array) {
  def_op("cast").value_moving().exported({"cast", "dtypes.cast"}).input("x", false).required_attr("dtype", AttrKind::DType)
      .shape([](const OpCall& c) { return std::vector<TensorMeta>{{c.in(0)->shape, c.attrs.dtype(0)}}; })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        EF_DISPATCH_ALL(c.in(0)->dtype, cast_from<T>(*c.in(0), *out[0]));
      })
      // Only float-to-float casts carry a gradient; the engine drops it for int inputs.
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        if (!is_float(g.in(0)->dtype) || !is_float(g.out(0)->dtype)) return std::vector<TensorPtr>{nullptr};
        return std::vector<TensorPtr>{cast(g.dy(), g.in(0)->dtype)};
      });

  def_op("reshape").value_moving().exported({"reshape"}).input("tensor", false).required_attr("shape", AttrKind::Ints).view()
      .shape([](const OpCall& c) {
        return std::vector<TensorMeta>{{resolve_shape(c, c.attrs.ints(0), c.in(0)->size()), c.in(0)->dtype}};
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{reshape(g.dy(), g.in(0)->shape)}; });

  def_op("identity").value_moving().exported({"identity"}).input("input", false)
      .shape([](const OpCall& c) { return same_as_input(c, false); })
      .forward(copy_input)
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{g.dy()}; });

  // The value of its input, through which no gradient flows.
  def_op("stop_gradient").exported({"stop_gradient"}).input("input", false)
      .shape([](const OpCall& c) { return same_as_input(c, false); })
      .forward(copy_input)
      .not_differentiable();

  // fill(dims, value): a tensor of shape DIMS holding the scalar VALUE.
  def_op("fill").exported({"fill"}).required_attr("dims", AttrKind::Ints).input("value", false)
      .signature({"dims", "value"})
      .shape([](const OpCall& c) {
        if (c.in(0)->rank() != 0)
          throw InvalidArgument(op_message(c.name(), "value must be a scalar, received shape " + shape_str(c.in(0)->shape)));
        for (int64_t d : c.attrs.ints(0))
          if (d < 0) throw InvalidArgument(op_message(c.name(), "dims must be non-negative, received " + shape_str(c.attrs.ints(0))));
        return std::vector<TensorMeta>{{c.attrs.ints(0), c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        EF_DISPATCH_ALL(out[0]->dtype, {
          T v = *c.in(0)->data<T>();
          T* p = out[0]->data<T>();
          std::fill(p, p + out[0]->size(), v);
        });
      })
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{reduce_sum(g.dy(), all_axes(g.dy()->rank()), false)}; });

  def_op("zeros_like").exported({"zeros_like"}).input("input", false).attr("dtype", AttrKind::DType)
      .shape(like_input)
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { fill_like(c, out, 0); })
      .not_differentiable();

  def_op("ones_like").exported({"ones_like"}).input("input", false).attr("dtype", AttrKind::DType)
      .shape(like_input)
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { fill_like(c, out, 1); })
      .not_differentiable();

  def_op("broadcast_to").exported({"broadcast_to"}).input("input", false).required_attr("shape", AttrKind::Ints)
      .shape([](const OpCall& c) {
        const Shape& target = c.attrs.ints(0);
        for (int64_t d : target)
          if (d < 0) throw InvalidArgument(op_message(c.name(), "shape dimensions must be >= 0, received " + shape_str(target)));
        Shape out = broadcast_shapes(c.in(0)->shape, target, c.name());
        if (out != target)
          throw InvalidArgument(op_message(c.name(), "cannot broadcast shape " + shape_str(c.in(0)->shape) +
                                                         " to " + shape_str(target)));
        return std::vector<TensorMeta>{{out, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Tensor& x = *c.in(0);
        EF_DISPATCH_ALL(x.dtype, kernels::binary(x.data<T>(), x.shape, x.data<T>(), Shape{}, out[0]->data<T>(),
                                                 out[0]->shape, [](const auto& a, const auto&) { return a; }));
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{g.dy()}; });

  def_op("transpose").exported({"transpose", "linalg.transpose"}).input("a", false).attr("perm", AttrKind::Ints)
      .shape([](const OpCall& c) {
        const Shape& in = c.in(0)->shape;
        Shape out(in.size());
        std::vector<int64_t> perm = c.attrs.none(0) ? std::vector<int64_t>{} : c.attrs.ints(0);
        if (c.attrs.none(0))
          for (size_t d = 0; d < in.size(); ++d) perm.push_back(static_cast<int64_t>(in.size() - 1 - d));
        std::vector<bool> used(in.size(), false);
        if (perm.size() != in.size())
          throw InvalidArgument(op_message(c.name(), "perm must have one entry per axis of a tensor of shape " +
                                                         shape_str(in) + ", received " + shape_str(perm)));
        for (size_t d = 0; d < perm.size(); ++d) {
          int64_t p = perm[d] < 0 ? perm[d] + static_cast<int64_t>(in.size()) : perm[d];
          if (p < 0 || p >= static_cast<int64_t>(in.size()) || used[p])
            throw InvalidArgument(op_message(c.name(), "perm " + shape_str(perm) + " is not a permutation of the axes of shape " + shape_str(in)));
          used[p] = true;
          out[d] = in[p];
        }
        return std::vector<TensorMeta>{{out, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Shape& in = c.in(0)->shape;
        std::vector<int64_t> perm;
        for (size_t d = 0; d < in.size(); ++d) {
          int64_t p = c.attrs.none(0) ? static_cast<int64_t>(in.size() - 1 - d) : c.attrs.ints(0)[d];
          perm.push_back(p < 0 ? p + static_cast<int64_t>(in.size()) : p);
        }
        kernels::transpose(c.in(0)->raw(), out[0]->raw(), in, perm, itemsize(c.in(0)->dtype));
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        const int64_t rank = g.in(0)->rank();
        std::vector<int64_t> inverse(rank);
        for (int64_t d = 0; d < rank; ++d) {
          int64_t p = g.attrs.none(0) ? rank - 1 - d : g.attrs.ints(0)[d];
          inverse[p < 0 ? p + rank : p] = d;
        }
        return std::vector<TensorPtr>{transpose(g.dy(), inverse)};
      });

  // where(condition, x, y): x where condition holds, else y, all three broadcast.
  def_op("where").exported({"where", "where_v2"}).input("condition", false).input("x").input("y")
      .shape([](const OpCall& c) {
        if (c.in(0)->dtype != DType::Bool)
          throw InvalidArgument(op_message(c.name(), "condition must be bool, received " + std::string(dtype_name(c.in(0)->dtype))));
        require_same_dtype(c, 1, 2);
        Shape s = broadcast_shapes(c.in(1)->shape, c.in(2)->shape, c.name());
        s = broadcast_shapes(c.in(0)->shape, s, c.name());
        return std::vector<TensorMeta>{{s, c.in(1)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        // Broadcast all three to the output first; then one select pass.
        const Shape& s = out[0]->shape;
        TensorPtr cond = c.in(0)->shape == s ? c.in(0) : broadcast_to(c.in(0), s);
        TensorPtr x = c.in(1)->shape == s ? c.in(1) : broadcast_to(c.in(1), s);
        TensorPtr y = c.in(2)->shape == s ? c.in(2) : broadcast_to(c.in(2), s);
        const bool* m = cond->data<bool>();
        EF_DISPATCH_ALL(out[0]->dtype, {
          const T* a = x->data<T>();
          const T* b = y->data<T>();
          T* o = out[0]->data<T>();
          // Both values are read unconditionally, so the loop is a vector select, not a branch.
          for (int64_t i = 0, n = out[0]->size(); i < n; ++i) {
            const T av = a[i], bv = b[i];
            o[i] = m[i] ? av : bv;
          }
        });
      })
      .gradient_reads({0}, {})
      .gradient([](const GradCall& g) {
        TensorPtr zero = zeros_like(g.dy());
        return std::vector<TensorPtr>{nullptr, g.needs(1) ? call("where", {g.in(0), g.dy(), zero}) : nullptr,
                                      g.needs(2) ? call("where", {g.in(0), zero, g.dy()}) : nullptr};
      });
}

}  // namespace ef::ops
