// Indexing ops: gather, gather_nd, scatter_nd, segment sums, one_hot, embedding_lookup.
// Index values are checked in the shape rules (when the indices hold data), so the kernels
// only ever see indices in range.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

#include "kernels/gather.h"
#include "ops/api.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

int64_t dims_product(const Shape& s, size_t from, size_t to) {
  int64_t n = 1;
  for (size_t d = from; d < to && d < s.size(); ++d) n *= s[d];
  return n;
}

Shape joined(Shape a, const Shape& b, size_t from = 0, size_t to = SIZE_MAX) {
  for (size_t d = from; d < to && d < b.size(); ++d) a.push_back(b[d]);
  return a;
}

// Runs F with a value of the C++ type of an index dtype (int32 or int64, checked before).
template <typename F>
void with_index_type(DType d, F f) {
  if (d == DType::Int32) f(int32_t{});
  else f(int64_t{});
}

int64_t index_at(const Tensor& t, int64_t i) {
  return t.dtype == DType::Int32 ? t.data<int32_t>()[i] : t.data<int64_t>()[i];
}

// "[2, 1]": the position of flat element I in SHAPE, as TensorFlow names a bad index.
std::string position(const Shape& shape, int64_t i) {
  std::vector<int64_t> at(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    at[d] = shape[d] ? i % shape[d] : 0;
    i = shape[d] ? i / shape[d] : 0;
  }
  std::string s = "[";
  for (size_t d = 0; d < at.size(); ++d) s += (d ? ", " : "") + std::to_string(at[d]);
  return s + "]";
}

bool has_data(const Tensor& t) { return t.storage != nullptr; }

// ---- gather ----

struct GatherAxes {
  int64_t axis, batch_dims;
};

// Validates params, indices, AXIS (nullopt: the first non-batch axis) and BATCH_DIMS.
GatherAxes gather_axes(const OpCall& c, std::optional<int64_t> axis_arg, int64_t batch_arg) {
  require_int(c, 1);
  const Shape &p = c.in(0)->shape, &ind = c.in(1)->shape;
  const int64_t rank = c.in(0)->rank(), irank = c.in(1)->rank();
  if (rank == 0) throw InvalidArgument(op_message(c.name(), "params must have rank >= 1, received a scalar"));
  int64_t b = batch_arg < 0 ? batch_arg + irank : batch_arg;
  if (b < 0 || b > irank)
    throw InvalidArgument(op_message(c.name(), "batch_dims must be in [" + std::to_string(-irank) + ", " +
                                                   std::to_string(irank) + "] for indices of shape " + shape_str(ind) +
                                                   ", received " + std::to_string(batch_arg)));
  int64_t axis = axis_arg ? *axis_arg : b;
  if (axis < -rank || axis >= rank)
    throw InvalidArgument(op_message(c.name(), "axis " + std::to_string(axis) + " is out of range for params of shape " +
                                                   shape_str(p)));
  if (axis < 0) axis += rank;
  if (axis < b)
    throw InvalidArgument(op_message(c.name(), "batch_dims (" + std::to_string(b) + ") must be <= axis (" +
                                                   std::to_string(axis) + ")"));
  for (int64_t d = 0; d < b; ++d)
    if (p[d] != ind[d])
      throw InvalidArgument(op_message(c.name(), "the first " + std::to_string(b) +
                                                     " (batch) dimensions of params and indices must match, received shapes " +
                                                     shape_str(p) + " and " + shape_str(ind)));
  return {axis, b};
}

// Throws unless every index lies in [0, limit).
void check_range(const OpCall& c, const Tensor& ind, int64_t limit, const std::string& what) {
  if (!has_data(ind)) return;
  for (int64_t i = 0, n = ind.size(); i < n; ++i) {
    int64_t k = index_at(ind, i);
    if (k < 0 || k >= limit)
      throw InvalidArgument(op_message(c.name(), "indices" + (ind.rank() ? position(ind.shape, i) : std::string()) + " = " +
                                                     std::to_string(k) + " is not in [0, " + std::to_string(limit) +
                                                     ") (" + what + ")"));
  }
}

std::vector<TensorMeta> gather_meta(const OpCall& c, GatherAxes g) {
  const Shape &p = c.in(0)->shape, &ind = c.in(1)->shape;
  check_range(c, *c.in(1), p[g.axis], "axis " + std::to_string(g.axis) + " of params shape " + shape_str(p));
  Shape out(p.begin(), p.begin() + g.axis);
  out = joined(joined(out, ind, g.batch_dims), p, g.axis + 1);
  return {{out, c.in(0)->dtype}};
}

void run_gather(const Tensor& params, const Tensor& ind, Tensor& out, GatherAxes g) {
  const Shape& p = params.shape;
  const size_t a = g.axis, b = g.batch_dims;
  const size_t inner_bytes = dims_product(p, a + 1, p.size()) * itemsize(params.dtype);
  with_index_type(ind.dtype, [&](auto tag) {
    using I = decltype(tag);
    kernels::gather_rows(params.raw(), ind.data<I>(), out.raw(), dims_product(p, 0, b), dims_product(p, b, a), p[a],
                         dims_product(ind.shape, b, ind.shape.size()), inner_bytes);
  });
}

// d params of gather: the slices of DY added back at their indices, with
// unsorted_segment_sum over (batch * count) rows; batch k's ids shift by k * axis_size.
TensorPtr gather_grad(const TensorPtr& dy, const TensorPtr& indices, const Shape& p, GatherAxes g) {
  const size_t a = g.axis, b = g.batch_dims;
  const int64_t batch = dims_product(p, 0, b), outer = dims_product(p, b, a), axis_size = p[a];
  const int64_t inner = dims_product(p, a + 1, p.size()), count = dims_product(indices->shape, b, indices->shape.size());
  TensorPtr ids = reshape(indices, {batch * count});
  if (batch > 1) {
    TensorPtr shifted = empty({batch * count}, DType::Int64, "gather");
    for (int64_t i = 0; i < batch * count; ++i)
      shifted->data<int64_t>()[i] = index_at(*ids, i) + (i / count) * axis_size;
    ids = shifted;
  }
  TensorPtr rows = outer == 1 ? reshape(dy, {batch * count, inner})
                              : reshape(transpose(reshape(dy, {batch, outer, count, inner}), {0, 2, 1, 3}),
                                        {batch * count, outer, inner});
  TensorPtr sums = call("unsorted_segment_sum", {rows, ids}, {{"num_segments", batch * axis_size}});
  if (outer != 1) sums = transpose(reshape(sums, {batch, axis_size, outer, inner}), {0, 2, 1, 3});
  return reshape(sums, p);
}

// ---- segment sums ----

// SEGMENT_IDS' shape must start DATA's; the result is (num_segments,) + the rest of DATA.
Shape segment_shape(const OpCall& c, int64_t num_segments) {
  require_numeric(c, 0);
  require_int(c, 1);
  const Shape &d = c.in(0)->shape, &s = c.in(1)->shape;
  if (s.size() > d.size() || !std::equal(s.begin(), s.end(), d.begin()))
    throw InvalidArgument(op_message(c.name(), "segment_ids shape " + shape_str(s) + " must be a prefix of data shape " +
                                                   shape_str(d)));
  return joined({num_segments}, d, s.size());
}

void run_segment_sum(const Tensor& data, const Tensor& ids, Tensor& out) {
  std::memset(out.raw(), 0, out.nbytes());
  const int64_t count = ids.size(), inner = ids.size() ? data.size() / count : 0;
  EF_DISPATCH_NUMERIC(data.dtype, with_index_type(ids.dtype, [&](auto tag) {
    using I = decltype(tag);
    kernels::scatter_add_rows(data.data<T>(), ids.data<I>(), out.data<T>(), count, inner);
  }));
}

// d data of a segment sum: dy gathered at each id; rows with a negative (dropped) id get 0.
TensorPtr segment_grad(const TensorPtr& dy, const TensorPtr& ids) {
  const int64_t n = ids->size();
  bool dropped = false;
  for (int64_t i = 0; i < n && !dropped; ++i) dropped = index_at(*ids, i) < 0;
  if (!dropped) return call("gather", {dy, ids});
  TensorPtr clamped = empty(ids->shape, DType::Int64, "unsorted_segment_sum");
  Shape mask_shape = ids->shape;
  mask_shape.resize(ids->shape.size() + dy->rank() - 1, 1);
  TensorPtr mask = empty(mask_shape, dy->dtype, "unsorted_segment_sum");
  for (int64_t i = 0; i < n; ++i) {
    int64_t k = index_at(*ids, i);
    clamped->data<int64_t>()[i] = k < 0 ? 0 : k;
    EF_DISPATCH_NUMERIC(dy->dtype, mask->data<T>()[i] = k < 0 ? T(0) : T(1));
  }
  return mul(call("gather", {dy, clamped}), mask);
}

// ---- gather_nd / scatter_nd ----

// Flat row numbers, in FULL viewed as (rows, slice), of the index tuples along INDICES' last
// axis; the first B axes of INDICES and FULL are batch axes. Throws on a tuple out of range.
std::vector<int64_t> nd_rows(const OpCall& c, const Tensor& ind, const Shape& full, size_t b) {
  const int64_t k = ind.shape.back(), tuples = k ? ind.size() / k : dims_product(ind.shape, 0, ind.shape.size() - 1);
  const int64_t per_batch = tuples / std::max<int64_t>(dims_product(full, 0, b), 1);
  const int64_t block = dims_product(full, b, b + k);  // rows in one batch entry
  std::vector<int64_t> rows(tuples);
  for (int64_t t = 0; t < tuples; ++t) {
    int64_t row = 0;
    for (int64_t j = 0; j < k; ++j) {
      int64_t v = index_at(ind, t * k + j), dim = full[b + j];
      if (v < 0 || v >= dim) {
        std::string tuple = "[";
        for (int64_t q = 0; q < k; ++q) tuple += (q ? ", " : "") + std::to_string(index_at(ind, t * k + q));
        Shape prefix(ind.shape.begin(), ind.shape.end() - 1);
        throw InvalidArgument(op_message(c.name(), "indices" + position(prefix, t) + " = " + tuple +
                                                       "] does not index into shape " + shape_str(full)));
      }
      row = row * dim + v;
    }
    rows[t] = (per_batch ? t / per_batch : 0) * block + row;
  }
  return rows;
}

// gather_nd's result shape; B normalised batch_dims.
std::vector<TensorMeta> gather_nd_meta(const OpCall& c, size_t& b) {
  require_int(c, 1);
  const Shape &p = c.in(0)->shape, &ind = c.in(1)->shape;
  if (ind.empty()) throw InvalidArgument(op_message(c.name(), "indices must have rank >= 1, received a scalar"));
  const int64_t batch_arg = c.attrs.i(0);
  if (batch_arg < 0 || batch_arg >= static_cast<int64_t>(ind.size()) || batch_arg > static_cast<int64_t>(p.size()))
    throw InvalidArgument(op_message(c.name(), "batch_dims must be in [0, " + std::to_string(std::min(ind.size() - 1, p.size())) +
                                                   "] for params of shape " + shape_str(p) + " and indices of shape " +
                                                   shape_str(ind) + ", received " + std::to_string(batch_arg)));
  b = static_cast<size_t>(batch_arg);
  for (size_t d = 0; d < b; ++d)
    if (p[d] != ind[d])
      throw InvalidArgument(op_message(c.name(), "the batch dimensions of params and indices must match, received shapes " +
                                                     shape_str(p) + " and " + shape_str(ind)));
  const int64_t k = ind.back();
  if (k > static_cast<int64_t>(p.size() - b))
    throw InvalidArgument(op_message(c.name(), "index tuples of length " + std::to_string(k) + " do not fit params of shape " +
                                                   shape_str(p) + " with batch_dims " + std::to_string(b)));
  if (has_data(*c.in(1))) nd_rows(c, *c.in(1), p, b);
  return {{joined(Shape(ind.begin(), ind.end() - 1), p, b + k), c.in(0)->dtype}};
}

// ---- one_hot ----

// attrs: depth 0, on_value 1, off_value 2, axis 3, dtype 4.
int64_t one_hot_axis(const OpCall& c) {
  const int64_t rank = c.in(0)->rank();
  if (c.attrs.none(3) || c.attrs.i(3) == -1) return rank;
  int64_t axis = c.attrs.i(3);
  if (axis < 0 || axis > rank)
    throw InvalidArgument(op_message(c.name(), "axis must be -1 or in [0, " + std::to_string(rank) + "] for indices of shape " +
                                                   shape_str(c.in(0)->shape) + ", received " + std::to_string(axis)));
  return axis;
}

double one_hot_value(const OpCall& c, size_t attr, double def, DType dtype) {
  double v = c.attrs.none(attr) ? def : c.attrs.f(attr);
  const double limit = dtype == DType::Int32 ? 2147483648.0 : 9223372036854775808.0;  // 2^31, 2^63
  const bool fits = v >= -limit && v < limit;
  if (is_int(dtype) && (v != std::floor(v) || !fits))
    throw InvalidArgument(op_message(c.name(), std::string(attr == 1 ? "on_value" : "off_value") + " " + std::to_string(v) +
                                                   " cannot be represented as " + dtype_name(dtype)));
  return v;
}

// ---- embedding_lookup with max_norm ----

// Rows of ROWS (ids shape + embedding shape) rescaled to l2 norm at most MAX_NORM.
template <typename T>
void clip_rows(T* rows, int64_t count, int64_t inner, double max_norm) {
  for (int64_t r = 0; r < count; ++r) {
    T* row = rows + r * inner;
    double sq = 0;
    for (int64_t j = 0; j < inner; ++j) sq += static_cast<double>(row[j]) * row[j];
    double norm = std::sqrt(sq);
    if (norm > max_norm)
      for (int64_t j = 0; j < inner; ++j) row[j] = static_cast<T>(row[j] * (max_norm / norm));
  }
}

// d rows of y = r * m / max(|r|, m), per row: g where |r| <= m, else
// (m / |r|) (g - r (r . g) / |r|^2).
TensorPtr clip_grad(const TensorPtr& r, const TensorPtr& g, int64_t ids_rank, double m) {
  std::vector<int64_t> axes;
  for (int64_t d = ids_rank; d < r->rank(); ++d) axes.push_back(d);
  auto row_sum = [&](const TensorPtr& t) { return axes.empty() ? t : reduce_sum(t, axes, true); };
  TensorPtr sq = row_sum(square(r));
  TensorPtr clipped = call("greater", {sq, scalar_like(sq, m * m)});
  TensorPtr safe_sq = call("where", {clipped, sq, ones_like(sq)});
  TensorPtr norm = call("pow", {safe_sq, scalar_like(sq, 0.5)});
  TensorPtr dot = row_sum(mul(r, g));
  TensorPtr along = div(mul(r, dot), safe_sq);
  TensorPtr g_clipped = mul(div(scalar_like(norm, m), norm), sub(g, along));
  return call("where", {clipped, g_clipped, g});
}

}  // namespace

EF_REGISTER_OPS(gather) {
  // attrs: validate_indices 0 (ignored, as in TF2), axis 1, batch_dims 2.
  def_op("gather").value_moving().exported({"gather"}).input("params").input("indices", false)
      .attr("validate_indices", AttrKind::Bool).attr("axis", AttrKind::OptInt).attr("batch_dims", AttrKind::Int, int64_t{0})
      .describe("Slices of params along axis at the given indices.")
      .shape([](const OpCall& c) {
        auto axis = c.attrs.none(1) ? std::nullopt : std::optional<int64_t>(c.attrs.i(1));
        return gather_meta(c, gather_axes(c, axis, c.attrs.i(2)));
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        auto axis = c.attrs.none(1) ? std::nullopt : std::optional<int64_t>(c.attrs.i(1));
        run_gather(*c.in(0), *c.in(1), *out[0], gather_axes(c, axis, c.attrs.i(2)));
      })
      .gradient_reads({1}, {})
      .gradient([](const GradCall& g) {
        auto axis = g.attrs.none(1) ? std::nullopt : std::optional<int64_t>(g.attrs.i(1));
        return std::vector<TensorPtr>{gather_grad(g.dy(), g.in(1), g.in(0)->shape, gather_axes(g, axis, g.attrs.i(2))),
                                      nullptr};
      });

  // tf.nn.embedding_lookup(params, ids, max_norm): gather along axis 0, each looked-up
  // embedding optionally rescaled to l2 norm <= max_norm.
  def_op("embedding_lookup").exported({"nn.embedding_lookup"}).input("params").input("ids", false)
      .attr("max_norm", AttrKind::OptFloat)
      .describe("Rows of params at ids (a gather along axis 0), optionally clipped to l2 norm max_norm.")
      .shape([](const OpCall& c) {
        if (!c.attrs.none(0)) {
          require_float(c, 0);
          if (!(c.attrs.f(0) > 0))
            throw InvalidArgument(op_message(c.name(), "max_norm must be positive, received " + std::to_string(c.attrs.f(0))));
        }
        return gather_meta(c, gather_axes(c, 0, 0));
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        run_gather(*c.in(0), *c.in(1), *out[0], {0, 0});
        if (c.attrs.none(0)) return;
        const int64_t inner = dims_product(c.in(0)->shape, 1, c.in(0)->shape.size());
        EF_DISPATCH_FLOAT(out[0]->dtype, clip_rows(out[0]->data<T>(), c.in(1)->size(), inner, c.attrs.f(0)));
      })
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) {
        TensorPtr dy = g.dy();
        if (!g.attrs.none(0)) dy = clip_grad(call("gather", {g.in(0), g.in(1)}), dy, g.in(1)->rank(), g.attrs.f(0));
        return std::vector<TensorPtr>{gather_grad(dy, g.in(1), g.in(0)->shape, {0, 0}), nullptr};
      });

  // out[segment_ids[i...]] += data[i...]; negative ids are dropped.
  def_op("unsorted_segment_sum").exported({"math.unsorted_segment_sum"}).input("data").input("segment_ids", false)
      .required_attr("num_segments", AttrKind::Int)
      .describe("Sums of the slices of data that share a segment id, for num_segments segments.")
      .shape([](const OpCall& c) {
        const int64_t n = c.attrs.i(0);
        if (n < 0) throw InvalidArgument(op_message(c.name(), "num_segments must be >= 0, received " + std::to_string(n)));
        Shape out = segment_shape(c, n);
        const Tensor& ids = *c.in(1);
        for (int64_t i = 0; has_data(ids) && i < ids.size(); ++i)
          if (index_at(ids, i) >= n)
            throw InvalidArgument(op_message(c.name(), "segment_ids" + (ids.rank() ? position(ids.shape, i) : std::string()) +
                                                           " = " + std::to_string(index_at(ids, i)) + " is out of range [0, " +
                                                           std::to_string(n) + ")"));
        return std::vector<TensorMeta>{{out, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { run_segment_sum(*c.in(0), *c.in(1), *out[0]); })
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{segment_grad(g.dy(), g.in(1)), nullptr}; });

  // Sorted segment ids (a vector, one per row of data); max id + 1 segments.
  def_op("segment_sum").exported({"math.segment_sum"}).input("data").input("segment_ids", false)
      .describe("Sums of the rows of data that share a (sorted, non-negative) segment id.")
      .shape([](const OpCall& c) {
        const Tensor& ids = *c.in(1);
        if (ids.rank() != 1 || c.in(0)->rank() < 1 || ids.shape[0] != c.in(0)->shape[0])
          throw InvalidArgument(op_message(c.name(), "segment_ids must be a vector as long as the first axis of data, "
                                                         "received shapes " + shape_list(c)));
        int64_t n = has_data(ids) ? 0 : kUnknownDim;
        for (int64_t i = 0; has_data(ids) && i < ids.size(); ++i) {
          int64_t k = index_at(ids, i);
          if (k < 0 || (i && k < index_at(ids, i - 1)))
            throw InvalidArgument(op_message(c.name(), "segment_ids must be sorted and non-negative, received segment_ids[" +
                                                           std::to_string(i) + "] = " + std::to_string(k)));
          n = k + 1;
        }
        return std::vector<TensorMeta>{{segment_shape(c, n), c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { run_segment_sum(*c.in(0), *c.in(1), *out[0]); })
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{call("gather", {g.dy(), g.in(1)}), nullptr}; });

  def_op("gather_nd").exported({"gather_nd"}).input("params").input("indices", false)
      .attr("batch_dims", AttrKind::Int, int64_t{0})
      .describe("Slices of params at the index tuples along the last axis of indices.")
      .shape([](const OpCall& c) {
        size_t b;
        return gather_nd_meta(c, b);
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Tensor &params = *c.in(0), &ind = *c.in(1);
        const size_t b = c.attrs.i(0), k = ind.shape.back();
        std::vector<int64_t> rows = nd_rows(c, ind, params.shape, b);
        const int64_t total_rows = dims_product(params.shape, 0, b + k);
        const size_t slice_bytes = dims_product(params.shape, b + k, params.shape.size()) * itemsize(params.dtype);
        kernels::gather_rows(params.raw(), rows.data(), out[0]->raw(), 1, 1, total_rows,
                             static_cast<int64_t>(rows.size()), slice_bytes);
      })
      .gradient([](const GradCall& g) {
        const TensorPtr& ind = g.in(1);
        const Shape& p = g.in(0)->shape;
        const int64_t b = g.attrs.i(0);
        if (b == 0) return std::vector<TensorPtr>{call("scatter_nd", {ind, g.dy()}, {{"shape", p}}), nullptr};
        // Batched: prepend each tuple's batch coordinates and scatter over all of params.
        const int64_t k = ind->shape.back(), tuples = dims_product(ind->shape, 0, ind->shape.size() - 1);
        const int64_t per_batch = tuples / std::max<int64_t>(dims_product(p, 0, b), 1);
        TensorPtr full = empty({tuples, b + k}, DType::Int64, "gather_nd");
        int64_t* f = full->data<int64_t>();
        for (int64_t t = 0; t < tuples; ++t) {
          int64_t batch = per_batch ? t / per_batch : 0;
          for (int64_t d = b; d-- > 0; batch /= p[d]) f[t * (b + k) + d] = batch % p[d];
          for (int64_t j = 0; j < k; ++j) f[t * (b + k) + b + j] = index_at(*ind, t * k + j);
        }
        TensorPtr updates = reshape(g.dy(), joined({tuples}, p, b + k));
        return std::vector<TensorPtr>{call("scatter_nd", {full, updates}, {{"shape", p}}), nullptr};
      });

  // Zeros of SHAPE with UPDATES added at the index tuples (repeated tuples add up).
  def_op("scatter_nd").exported({"scatter_nd"}).input("indices", false).input("updates").required_attr("shape", AttrKind::Ints)
      .describe("A tensor of the given shape holding the sums of updates at the index tuples, zeros elsewhere.")
      .shape([](const OpCall& c) {
        require_int(c, 0);
        require_numeric(c, 1);
        if (c.attrs.none(0)) throw InvalidArgument(op_message(c.name(), "shape must be a list of ints, received None"));
        const Shape &ind = c.in(0)->shape, &full = c.attrs.ints(0);
        for (int64_t d : full)
          if (d < 0) throw InvalidArgument(op_message(c.name(), "shape must be non-negative, received " + shape_str(full)));
        if (ind.empty()) throw InvalidArgument(op_message(c.name(), "indices must have rank >= 1, received a scalar"));
        const int64_t k = ind.back();
        if (k > static_cast<int64_t>(full.size()))
          throw InvalidArgument(op_message(c.name(), "index tuples of length " + std::to_string(k) + " do not fit shape " +
                                                         shape_str(full)));
        Shape want = joined(Shape(ind.begin(), ind.end() - 1), full, k);
        if (c.in(1)->shape != want)
          throw InvalidArgument(op_message(c.name(), "updates must have shape " + shape_str(want) + " for indices of shape " +
                                                         shape_str(ind) + " and shape " + shape_str(full) + ", received " +
                                                         shape_str(c.in(1)->shape)));
        if (has_data(*c.in(0))) nd_rows(c, *c.in(0), full, 0);
        return std::vector<TensorMeta>{{full, c.in(1)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Tensor& updates = *c.in(1);
        std::vector<int64_t> rows = nd_rows(c, *c.in(0), out[0]->shape, 0);
        std::memset(out[0]->raw(), 0, out[0]->nbytes());
        const int64_t slice = rows.empty() ? 0 : updates.size() / static_cast<int64_t>(rows.size());
        EF_DISPATCH_NUMERIC(updates.dtype, kernels::scatter_add_rows(updates.data<T>(), rows.data(), out[0]->data<T>(),
                                                                     static_cast<int64_t>(rows.size()), slice));
      })
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{nullptr, call("gather_nd", {g.dy(), g.in(0)})}; });

  // attrs: depth 0, on_value 1, off_value 2, axis 3, dtype 4.
  def_op("one_hot").exported({"one_hot"}).input("indices", false).required_attr("depth", AttrKind::Int)
      .attr("on_value", AttrKind::OptFloat).attr("off_value", AttrKind::OptFloat).attr("axis", AttrKind::OptInt)
      .attr("dtype", AttrKind::DType)
      .signature({"indices", "depth", "on_value", "off_value", "axis", "dtype"})
      .describe("on_value where the depth position equals the index, off_value elsewhere, along a new axis of "
                "length depth.")
      .shape([](const OpCall& c) {
        require_int(c, 0);
        const int64_t depth = c.attrs.i(0);
        if (depth < 0) throw InvalidArgument(op_message(c.name(), "depth must be non-negative, received " + std::to_string(depth)));
        const DType dtype = c.attrs.none(4) ? DType::Float32 : c.attrs.dtype(4);
        one_hot_value(c, 1, 1, dtype);
        one_hot_value(c, 2, 0, dtype);
        Shape out = c.in(0)->shape;
        out.insert(out.begin() + one_hot_axis(c), depth);
        return std::vector<TensorMeta>{{out, dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Tensor& ind = *c.in(0);
        const int64_t axis = one_hot_axis(c), depth = c.attrs.i(0);
        const int64_t prefix = dims_product(ind.shape, 0, axis), suffix = dims_product(ind.shape, axis, ind.shape.size());
        const double on = one_hot_value(c, 1, 1, out[0]->dtype), off = one_hot_value(c, 2, 0, out[0]->dtype);
        EF_DISPATCH_ALL(out[0]->dtype, with_index_type(ind.dtype, [&](auto tag) {
          using I = decltype(tag);
          kernels::one_hot(ind.data<I>(), out[0]->data<T>(), prefix, depth, suffix, static_cast<T>(on), static_cast<T>(off));
        }));
      })
      .not_differentiable();
}

}  // namespace ef::ops
