// Matrix products.
#include "kernels/gemm.h"
#include "kernels/thread_pool.h"
#include "ops/api.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

struct MatmulDims {
  int64_t m, n, k;
  Shape batch;  // broadcast batch shape
};

MatmulDims matmul_dims(const OpCall& c) {
  const Shape& a = c.in(0)->shape;
  const Shape& b = c.in(1)->shape;
  if (a.size() < 2 || b.size() < 2)
    throw InvalidArgument(op_message(c.name(), "inputs must have rank >= 2, received shapes " + shape_list(c)));
  const bool ta = c.attrs.b(0), tb = c.attrs.b(1);
  int64_t m = a[a.size() - (ta ? 1 : 2)], ka = a[a.size() - (ta ? 2 : 1)];
  int64_t kb = b[b.size() - (tb ? 1 : 2)], n = b[b.size() - (tb ? 2 : 1)];
  if (ka != kb && ka >= 0 && kb >= 0)
    throw InvalidArgument(op_message(c.name(), "inner dimensions differ: received shapes " + shape_list(c) +
                                                   (ta || tb ? std::string(" (transpose_a=") + (ta ? "True" : "False") +
                                                                   ", transpose_b=" + (tb ? "True" : "False") + ")"
                                                             : std::string())));
  Shape ba(a.begin(), a.end() - 2), bb(b.begin(), b.end() - 2);
  return {m, n, ka, broadcast_shapes(ba, bb, c.name())};
}

// Offset (in matrices) of batch index I of an operand whose batch shape is OWN,
// broadcast against BATCH.
int64_t batch_offset(int64_t i, const Shape& batch, const Shape& own) {
  int64_t offset = 0, stride = 1;
  for (size_t d = batch.size(); d-- > 0;) {
    int64_t idx = i % batch[d];
    i /= batch[d];
    size_t od = d + own.size() - batch.size();
    if (d + own.size() >= batch.size() && own[od] != 1) offset += idx * stride;
    if (d + own.size() >= batch.size()) stride *= own[od];
  }
  return offset;
}

template <typename T>
void matmul_forward(const OpCall& c, Tensor& out) {
  const Tensor& a = *c.in(0);
  const Tensor& b = *c.in(1);
  const bool ta = c.attrs.b(0), tb = c.attrs.b(1);
  MatmulDims d = matmul_dims(c);
  const Shape a_batch(a.shape.begin(), a.shape.end() - 2), b_batch(b.shape.begin(), b.shape.end() - 2);
  int64_t batches = num_elements(d.batch);
  // (..., m, k) @ (k, n): one product over all rows at once.
  if (b.rank() == 2 && !ta) {
    kernels::gemm(a.data<T>(), b.data<T>(), out.data<T>(), batches * d.m, d.n, d.k, false, tb);
    return;
  }
  auto products = [&](int64_t first, int64_t last) {
    for (int64_t i = first; i < last; ++i) {
      const T* pa = a.data<T>() + batch_offset(i, d.batch, a_batch) * d.m * d.k;
      const T* pb = b.data<T>() + batch_offset(i, d.batch, b_batch) * d.k * d.n;
      kernels::gemm(pa, pb, out.data<T>() + i * d.m * d.n, d.m, d.n, d.k, ta, tb);
    }
  };
  // A large product is split across threads inside gemm; many small ones (attention's
  // scores, one per batch item and head) are shared out whole among the threads instead.
  const int64_t product = d.m * d.n * d.k;
  if (product >= kernels::kGemmWorkPerThread) products(0, batches);
  else kernels::parallel_for(batches, batches * product, products, kernels::kGemmWorkPerThread);
}

}  // namespace

EF_REGISTER_OPS(linalg) {
  def_op("matmul").exported({"matmul", "linalg.matmul"}).input("a").input("b")
      .attr("transpose_a", AttrKind::Bool, false).attr("transpose_b", AttrKind::Bool, false)
      .shape([](const OpCall& c) {
        require_numeric(c, 0);
        require_same_dtype(c);
        MatmulDims d = matmul_dims(c);
        Shape out;
        out.reserve(d.batch.size() + 2);
        out.insert(out.end(), d.batch.begin(), d.batch.end());
        out.push_back(d.m);
        out.push_back(d.n);
        return one_output(std::move(out), c.in(0)->dtype);
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        EF_DISPATCH_NUMERIC(c.in(0)->dtype, matmul_forward<T>(c, *out[0]));
      })
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) {
        const TensorPtr &a = g.in(0), &b = g.in(1), &dy = g.dy();
        const bool ta = g.attrs.b(0), tb = g.attrs.b(1);
        TensorPtr da, db;
        const bool want_a = g.needs(0), want_b = g.needs(1);  // a first layer's data needs none
        if (!ta && !tb) {
          if (want_a) da = matmul(dy, b, false, true);
          if (want_b) db = matmul(a, dy, true, false);
        } else if (ta && !tb) {
          if (want_a) da = matmul(b, dy, false, true);
          if (want_b) db = matmul(a, dy, false, false);
        } else if (!ta && tb) {
          if (want_a) da = matmul(dy, b, false, false);
          if (want_b) db = matmul(dy, a, true, false);
        } else {
          if (want_a) da = matmul(b, dy, true, true);
          if (want_b) db = matmul(dy, a, true, true);
        }
        return std::vector<TensorPtr>{da, db};
      });
}

}  // namespace ef::ops
