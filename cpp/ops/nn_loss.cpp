// softmax, log_softmax and the cross-entropy losses on logits. Each kernel works row-wise
// along one axis of an (outer, n, inner) view, so no axis is ever moved, and subtracts the
// row's maximum before exp: logits of any magnitude give finite results.
#include <Eigen/Core>
#include <cmath>
#include <string>

#include "ops/api.h"
#include "ops/elementwise_forward.h"
#include "ops/rules.h"

namespace ef::ops {

namespace {

// A tensor seen as (outer, n, inner) around one axis of length n.
struct Rows {
  int64_t outer = 1, n = 1, inner = 1;
};

Rows rows_around(const Shape& shape, int64_t axis) {
  Rows r;
  for (int64_t d = 0; d < static_cast<int64_t>(shape.size()); ++d) {
    if (d < axis) r.outer *= shape[d];
    else if (d == axis) r.n = shape[d];
    else r.inner *= shape[d];
  }
  return r;
}

template <typename T>
using Block = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic>;  // column-major (inner, n)
template <typename T>
using Column = Eigen::Array<T, Eigen::Dynamic, 1>;

// y = softmax(x) or log_softmax(x) along the middle axis.
template <typename T>
void softmax_rows(const T* x, T* y, Rows r, bool log) {
  if (r.n == 0 || r.inner == 0) return;
  for (int64_t o = 0; o < r.outer; ++o) {
    const int64_t at = o * r.n * r.inner;
    if (r.inner == 1) {  // the common case: one contiguous row
      Eigen::Map<const Column<T>> a(x + at, r.n);
      Eigen::Map<Column<T>> b(y + at, r.n);
      b = a - a.maxCoeff();
      if (log) b -= std::log(b.exp().sum());
      else { b = b.exp(); b /= b.sum(); }
      continue;
    }
    // Column k holds x[o, k, :], so each of the INNER rows is one softmax.
    Eigen::Map<const Block<T>> a(x + at, r.inner, r.n);
    Eigen::Map<Block<T>> b(y + at, r.inner, r.n);
    Column<T> m = a.rowwise().maxCoeff();
    b = a.colwise() - m;
    if (log) {
      Column<T> lse = b.exp().rowwise().sum().log();
      b.colwise() -= lse;
    } else {
      b = b.exp();
      Column<T> s = b.rowwise().sum();
      b.colwise() /= s;
    }
  }
}

// loss = -sum(labels * log_softmax(logits)) along the middle axis; LOSS has outer * inner.
template <typename T>
void xent_rows(const T* labels, const T* logits, T* loss, Rows r) {
  for (int64_t o = 0; o < r.outer; ++o) {
    const int64_t at = o * r.n * r.inner;
    Eigen::Map<Column<T>> out(loss + o * r.inner, r.inner);
    if (r.n == 0 || r.inner == 0) { out.setZero(); continue; }
    // -log_softmax = lse - (x - m), kept in that order so large logits do not cancel.
    if (r.inner == 1) {
      Eigen::Map<const Column<T>> x(logits + at, r.n), z(labels + at, r.n);
      const T m = x.maxCoeff();
      const T lse = std::log((x - m).exp().sum());
      out[0] = (z * (lse - (x - m))).sum();
      continue;
    }
    Eigen::Map<const Block<T>> x(logits + at, r.inner, r.n);
    Eigen::Map<const Block<T>> z(labels + at, r.inner, r.n);
    Column<T> m = x.rowwise().maxCoeff();
    Column<T> lse = (x.colwise() - m).exp().rowwise().sum().log();
    out = (z * ((-(x.colwise() - m)).colwise() + lse)).rowwise().sum();
  }
}

// loss[o] = logsumexp(logits[o, :]) - logits[o, label[o]], for labels already checked.
template <typename T, typename L>
void sparse_xent_rows(const L* labels, const T* logits, T* loss, int64_t rows, int64_t classes) {
  for (int64_t o = 0; o < rows; ++o) {
    Eigen::Map<const Column<T>> x(logits + o * classes, classes);
    T m = x.maxCoeff();
    loss[o] = std::log((x - m).exp().sum()) - (x[labels[o]] - m);
  }
}

// The softmax axis: attribute K, None meaning the last axis.
int64_t softmax_axis(const OpCall& c, size_t k, int64_t rank) {
  return normalize_axis(c.attrs.none(k) ? -1 : c.attrs.i(k), rank, c.name());
}

void require_logits_rank(const OpCall& c, size_t k) {
  if (c.in(k)->rank() < 1)
    throw InvalidArgument(op_message(c.name(), "logits must have at least one dimension, received shape " +
                                                   shape_str(c.in(k)->shape)));
}

std::vector<TensorMeta> softmax_shape(const OpCall& c) {
  require_float(c, 0);
  require_logits_rank(c, 0);
  softmax_axis(c, 0, c.in(0)->rank());
  return same_as_input(c, true);
}

ForwardFn softmax_forward(bool log) {
  return [log](const OpCall& c, const std::vector<TensorPtr>& out) {
    const Tensor& x = *c.in(0);
    Rows r = rows_around(x.shape, softmax_axis(c, 0, x.rank()));
    EF_DISPATCH_FLOAT(x.dtype, softmax_rows(x.data<T>(), out[0]->data<T>(), r, log));
  };
}

// Labels and logits of one float dtype and one shape.
void require_matching(const OpCall& c) {
  require_float(c, 1);
  require_same_dtype(c);
  if (c.in(0)->shape != c.in(1)->shape)
    throw InvalidArgument(op_message(c.name(), "labels and logits must have the same shape, received " +
                                                   shape_list(c)));
}

// Sparse labels must name a class: checked here, on values, before the kernel reads logits.
template <typename L>
void check_labels(const OpCall& c, const L* labels, int64_t rows, int64_t classes) {
  for (int64_t o = 0; o < rows; ++o) {
    if (labels[o] < 0 || labels[o] >= classes)
      throw InvalidArgument(op_message(c.name(), "received a label value of " + std::to_string(labels[o]) +
                                                     " which is outside the valid range of [0, " +
                                                     std::to_string(classes) + ") for logits with " +
                                                     std::to_string(classes) + " classes"));
  }
}

}  // namespace

EF_REGISTER_OPS(nn_loss) {
  // d/dx = y (dy - sum(dy y)) along the axis.
  def_op("softmax").exported({"nn.softmax", "math.softmax"})
      .describe("exp(logits) / sum(exp(logits)) along axis (None: the last axis), computed stably.")
      .input("logits").attr("axis", AttrKind::OptInt)
      .shape(softmax_shape)
      .forward(softmax_forward(false))
      .gradient_reads({}, {0})
      .gradient([](const GradCall& g) {
        const TensorPtr& y = g.out(0);
        std::vector<int64_t> axis{softmax_axis(g, 0, y->rank())};
        return std::vector<TensorPtr>{mul(y, sub(g.dy(), reduce_sum(mul(g.dy(), y), axis, true)))};
      });

  // d/dx = dy - softmax(x) sum(dy) along the axis, with softmax(x) = exp(y).
  def_op("log_softmax").exported({"nn.log_softmax", "math.log_softmax"})
      .describe("logits - log(sum(exp(logits))) along axis (None: the last axis), computed stably.")
      .input("logits")
      .attr("axis", AttrKind::OptInt)
      .shape(softmax_shape)
      .forward(softmax_forward(true))
      .gradient_reads({}, {0})
      .gradient([](const GradCall& g) {
        std::vector<int64_t> axis{softmax_axis(g, 0, g.out(0)->rank())};
        TensorPtr p = call("exp", {g.out(0)});
        return std::vector<TensorPtr>{sub(g.dy(), mul(p, reduce_sum(g.dy(), axis, true)))};
      });

  // max(x, 0) - x z + log(1 + exp(-|x|)): never overflows. d/dx = sigmoid(x) - z, d/dz = -x.
  def_op("sigmoid_cross_entropy_with_logits").exported({"nn.sigmoid_cross_entropy_with_logits"})
      
      .describe("Elementwise binary cross entropy of labels against sigmoid(logits): max(x, 0) - x * z + "
                "log(1 + exp(-|x|)). labels and logits have one shape.")
      .input("labels").input("logits")
      .shape([](const OpCall& c) {
        require_matching(c);
        return std::vector<TensorMeta>{{c.in(1)->shape, c.in(1)->dtype}};
      })
      .forward(binary_forward<Types::Float, false>([](const auto& z, const auto& x) {
        using T = typename std::decay_t<decltype(x)>::Scalar;
        return x.max(T(0)) - x * z + (-x.abs()).exp().log1p();
      }))
      .gradient([](const GradCall& g) {
        const TensorPtr& z = g.in(0);
        const TensorPtr& x = g.in(1);
        return std::vector<TensorPtr>{g.needs(0) ? neg(mul(g.dy(), x)) : nullptr,  // labels are data: none
                                      g.needs(1) ? mul(g.dy(), sub(call("sigmoid", {x}), z)) : nullptr};
      });

  // -sum(labels * log_softmax(logits)) along the axis. d/dlogits = softmax sum(labels) -
  // labels (softmax - labels for labels that sum to 1); d/dlabels = -log_softmax.
  def_op("softmax_cross_entropy_with_logits").exported({"nn.softmax_cross_entropy_with_logits"})
      
      .describe("-sum(labels * log_softmax(logits)) along axis; labels and logits have one shape, the "
                "loss drops axis.")
      .input("labels").input("logits").attr("axis", AttrKind::Int, int64_t{-1})
      .shape([](const OpCall& c) {
        require_matching(c);
        require_logits_rank(c, 1);
        int64_t axis = normalize_axis(c.attrs.i(0), c.in(1)->rank(), c.name());
        return std::vector<TensorMeta>{{reduced_shape(c.in(1)->shape, {axis}, false), c.in(1)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Tensor& x = *c.in(1);
        Rows r = rows_around(x.shape, normalize_axis(c.attrs.i(0), x.rank(), c.name()));
        EF_DISPATCH_FLOAT(x.dtype, xent_rows(c.in(0)->data<T>(), x.data<T>(), out[0]->data<T>(), r));
      })
      .gradient([](const GradCall& g) {
        const TensorPtr& z = g.in(0);
        const TensorPtr& x = g.in(1);
        const int64_t axis = normalize_axis(g.attrs.i(0), x->rank(), g.name());
        TensorPtr dy = restore_reduced_axes(g.dy(), x->shape, {axis});
        TensorPtr dx, dz;
        if (g.needs(1)) {
          TensorPtr p = call("softmax", {x}, {{"axis", axis}});
          dx = mul(dy, sub(mul(p, reduce_sum(z, {axis}, true)), z));
        }
        if (g.needs(0)) dz = neg(mul(dy, call("log_softmax", {x}, {{"axis", axis}})));  // labels are data: none
        return std::vector<TensorPtr>{dz, dx};
      });

  // Labels are class indices over the last axis of logits. d/dlogits = softmax - one_hot.
  def_op("sparse_softmax_cross_entropy_with_logits").exported({"nn.sparse_softmax_cross_entropy_with_logits"})
      
      .describe("Cross entropy of integer class labels (shape logits.shape[:-1], values in [0, classes)) "
                "against softmax(logits).")
      .input("labels", false).input("logits")
      .shape([](const OpCall& c) {
        require_int(c, 0);
        require_float(c, 1);
        require_logits_rank(c, 1);
        const Shape& logits = c.in(1)->shape;
        Shape batch(logits.begin(), logits.end() - 1);
        if (c.in(0)->shape != batch)
          throw InvalidArgument(op_message(c.name(), "labels must have the shape of logits without its last axis, " +
                                                         shape_str(batch) + ", received labels " +
                                                         shape_str(c.in(0)->shape) + " and logits " +
                                                         shape_str(logits)));
        return std::vector<TensorMeta>{{batch, c.in(1)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Tensor& labels = *c.in(0);
        const Tensor& x = *c.in(1);
        const int64_t rows = labels.size(), classes = x.shape.back();
        auto run = [&](const auto* l) {
          check_labels(c, l, rows, classes);
          EF_DISPATCH_FLOAT(x.dtype, sparse_xent_rows(l, x.data<T>(), out[0]->data<T>(), rows, classes));
        };
        if (labels.dtype == DType::Int32) run(labels.data<int32_t>());
        else run(labels.data<int64_t>());
      })
      .gradient([](const GradCall& g) {
        const TensorPtr& x = g.in(1);
        Shape kept = x->shape;
        kept.back() = 1;
        TensorPtr dy = reshape(g.dy(), kept);
        TensorPtr p = call("softmax", {x});
        TensorPtr hot = call("one_hot", {g.in(0)}, {{"depth", x->shape.back()}, {"dtype", x->dtype}});
        return std::vector<TensorPtr>{nullptr, mul(dy, sub(p, hot))};
      });
}

}  // namespace ef::ops
