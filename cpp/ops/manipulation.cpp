// Shape ops: adding and removing axes, joining and cutting tensors, padding, tiling,
// reversing, slicing; the tensors made from a shape alone (zeros, ones, eye, range,
// linspace); shape queries; add_n.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <sstream>

#include "kernels/concat.h"
#include "kernels/elementwise.h"
#include "kernels/remap.h"
#include "kernels/slice.h"
#include "ops/api.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

// Tensors above this many elements are refused before they are allocated.
constexpr int64_t kMaxElements = int64_t{1} << 60;

[[noreturn]] void fail(const OpCall& c, const std::string& what) { throw InvalidArgument(op_message(c.name(), what)); }

std::string ints_str(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

// A number as Python prints it: 5, 0.25, inf.
std::string num_str(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// AXIS in [-rank, rank) (or [-rank - 1, rank] with EXTRA for an axis being inserted).
int64_t axis_of(const OpCall& c, int64_t axis, int64_t rank, bool extra = false) {
  int64_t n = rank + (extra ? 1 : 0);
  if (axis < -n || axis >= n)
    fail(c, "axis " + std::to_string(axis) + " is out of range [" + std::to_string(-n) + ", " + std::to_string(n) +
                ") for a tensor of rank " + std::to_string(rank));
  return axis < 0 ? axis + n : axis;
}

// D * M where D may be unknown (-1).
int64_t dim_times(int64_t d, int64_t m) { return d < 0 ? (m == 0 ? 0 : -1) : d * m; }

// Refuses shapes with negative dimensions (unless UNKNOWN_OK) or too many elements.
void check_shape(const OpCall& c, const Shape& s, bool unknown_ok = false) {
  int64_t n = 1;
  for (int64_t d : s) {
    if (d < 0 && !(unknown_ok && d == kUnknownDim)) fail(c, "dimensions must be non-negative, received shape " + ints_str(s));
    if (d > 0 && n > kMaxElements / d) fail(c, "shape " + ints_str(s) + " has too many elements");
    if (d > 0) n *= d;
  }
}

// The values of a small integer tensor (sizes, paddings).
std::vector<int64_t> int_values(const OpCall& c, size_t k) {
  const Tensor& t = *c.in(k);
  const std::string& name = c.op.inputs[k].name;
  if (!is_int(t.dtype)) fail(c, "'" + name + "' must be int32 or int64, received " + dtype_name(t.dtype));
  if (t.symbolic()) fail(c, "'" + name + "' must be known: received a symbolic tensor");
  std::vector<int64_t> v(t.size());
  for (int64_t i = 0; i < t.size(); ++i)
    v[i] = t.dtype == DType::Int32 ? t.data<int32_t>()[i] : t.data<int64_t>()[i];
  return v;
}

// An int64 tensor of SHAPE holding VALUES, to pass sizes and paddings to ops in gradients.
TensorPtr int_tensor(const Shape& shape, const std::vector<int64_t>& values) {
  TensorPtr t = empty(shape, DType::Int64, "int_tensor");
  std::copy(values.begin(), values.end(), t->data<int64_t>());
  return t;
}

// Product of the dims before AXIS and of those after it.
int64_t outer_of(const Shape& s, int64_t axis) {
  int64_t n = 1;
  for (int64_t d = 0; d < axis; ++d) n *= s[d];
  return n;
}
int64_t inner_of(const Shape& s, int64_t axis) {
  int64_t n = 1;
  for (size_t d = axis + 1; d < s.size(); ++d) n *= s[d];
  return n;
}

// The one shape all inputs share; a symbolic input's unknown dims take the known ones.
Shape common_shape(const OpCall& c) {
  Shape s = c.in(0)->shape;
  for (const TensorPtr& t : c.inputs) {
    bool ok = t->shape.size() == s.size();
    for (size_t d = 0; ok && d < s.size(); ++d) {
      ok = t->shape[d] == s[d] || t->shape[d] < 0 || s[d] < 0;
      if (s[d] < 0) s[d] = t->shape[d];
    }
    if (!ok) fail(c, "all inputs must have one shape, received " + shape_list(c));
  }
  return s;
}

// Copies IN into OUT along AXIS, input k filling a block of DIMS[k] along it (concat, stack).
void join(const std::vector<TensorPtr>& in, const std::vector<int64_t>& dims, const Shape& out_shape, int64_t axis,
          const Tensor& out) {
  const size_t item = itemsize(out.dtype);
  const int64_t inner = inner_of(out_shape, axis);
  std::vector<const void*> src;
  std::vector<size_t> block;
  for (size_t k = 0; k < in.size(); ++k) {
    src.push_back(in[k]->raw());
    block.push_back(static_cast<size_t>(dims[k] * inner) * item);
  }
  kernels::concat(src, block, outer_of(out_shape, axis), out.raw());
}

// The inverse of join: IN cut along AXIS into OUT (split, unstack).
void cut(const Tensor& in, int64_t axis, const std::vector<int64_t>& dims, const std::vector<TensorPtr>& out) {
  const size_t item = itemsize(in.dtype);
  const int64_t inner = inner_of(in.shape, axis);
  std::vector<void*> dst;
  std::vector<size_t> block;
  for (size_t k = 0; k < out.size(); ++k) {
    dst.push_back(out[k]->raw());
    block.push_back(static_cast<size_t>(dims[k] * inner) * item);
  }
  kernels::split(in.raw(), block, outer_of(in.shape, axis), dst);
}

// The sizes split cuts along its axis: N equal parts (a scalar) or a list with at most one -1.
std::vector<int64_t> split_sizes(const OpCall& c) {
  const Shape& s = c.in(0)->shape;
  if (s.empty()) fail(c, "cannot split a scalar");
  const int64_t axis = axis_of(c, c.attrs.i(0), static_cast<int64_t>(s.size()));
  const int64_t dim = s[axis];
  const std::vector<int64_t> v = int_values(c, 1);
  std::vector<int64_t> sizes;
  if (c.in(1)->rank() == 0) {
    if (v[0] < 1) fail(c, "num_or_size_splits must be >= 1, received " + std::to_string(v[0]));
    if (dim >= 0 && dim % v[0] != 0)
      fail(c, "axis " + std::to_string(axis) + " of shape " + shape_str(s) + " does not split evenly into " +
                  std::to_string(v[0]) + " parts");
    sizes.assign(v[0], dim < 0 ? -1 : dim / v[0]);
  } else {
    if (c.in(1)->rank() != 1 || v.empty()) fail(c, "num_or_size_splits must be an int or a non-empty list of sizes, received shape " + shape_str(c.in(1)->shape));
    int64_t known = 0, unknown = -1;
    for (size_t k = 0; k < v.size(); ++k) {
      if (v[k] == -1 && unknown < 0) unknown = static_cast<int64_t>(k);
      else if (v[k] < 0) fail(c, "sizes must be >= 0 with at most one -1, received " + ints_str(v));
      else known += v[k];
    }
    sizes = v;
    if (dim >= 0) {
      if (unknown >= 0 ? known > dim : known != dim)
        fail(c, "sizes " + ints_str(v) + " do not add up to " + std::to_string(dim) + ", axis " + std::to_string(axis) +
                    " of shape " + shape_str(s));
      if (unknown >= 0) sizes[unknown] = dim - known;
    }
  }
  if (!c.attrs.none(1) && c.attrs.i(1) != static_cast<int64_t>(sizes.size()))
    fail(c, "num=" + std::to_string(c.attrs.i(1)) + " differs from the " + std::to_string(sizes.size()) + " parts requested");
  return sizes;
}

// Pad modes, upper-cased as TensorFlow accepts them in any case.
std::string pad_mode(const OpCall& c, size_t attr) {
  std::string m = c.attrs.s(attr);
  for (char& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (m != "CONSTANT" && m != "REFLECT" && m != "SYMMETRIC")
    fail(c, "mode must be 'CONSTANT', 'REFLECT' or 'SYMMETRIC', received '" + c.attrs.s(attr) + "'");
  return m;
}

// Input 1 as [rank, 2] (before, after) paddings for a tensor of shape S, checked for MODE.
std::vector<int64_t> paddings_for(const OpCall& c, const Shape& s, const std::string& mode) {
  const std::vector<int64_t> p = int_values(c, 1);
  const int64_t rank = static_cast<int64_t>(s.size());
  if (c.in(1)->shape != Shape{rank, 2})
    fail(c, "paddings must have shape (" + std::to_string(rank) + ", 2) for a tensor of shape " + shape_str(s) +
                ", received " + shape_str(c.in(1)->shape));
  const int64_t reach = mode == "REFLECT" ? 1 : 0;  // reflect leaves out the edge, symmetric repeats it
  for (int64_t d = 0; d < rank; ++d) {
    for (int64_t side = 0; side < 2; ++side) {
      int64_t v = p[2 * d + side];
      if (v < 0) fail(c, "paddings must be non-negative, received " + ints_str(p));
      if (mode != "CONSTANT" && s[d] >= 0 && v > s[d] - reach)
        fail(c, mode + " paddings must be at most " + (reach ? "dimension - 1" : "the dimension") + ", received " +
                    ints_str(p) + " for shape " + shape_str(s));
    }
  }
  return p;
}

// Per-axis maps from the padded tensor back into the input of shape S (-1: constant).
kernels::AxisMaps pad_maps(const Shape& s, const std::vector<int64_t>& p, const std::string& mode) {
  kernels::AxisMaps maps(s.size());
  for (size_t d = 0; d < s.size(); ++d) {
    const int64_t n = s[d], before = p[2 * d], total = n + before + p[2 * d + 1];
    for (int64_t o = 0; o < total; ++o) {
      int64_t i = o - before;
      if (i < 0 || i >= n) {
        if (mode == "CONSTANT") i = -1;
        else if (mode == "REFLECT") i = i < 0 ? -i : 2 * (n - 1) - i;
        else i = i < 0 ? -i - 1 : 2 * n - 1 - i;
      }
      maps[d].push_back(i);
    }
  }
  return maps;
}

Shape padded_shape(const Shape& s, const std::vector<int64_t>& p) {
  Shape out = s;
  for (size_t d = 0; d < s.size(); ++d)
    if (s[d] >= 0) out[d] = s[d] + p[2 * d] + p[2 * d + 1];
  return out;
}

// Normalised, distinct axes of attribute K for a tensor of RANK.
std::vector<int64_t> distinct_axes(const OpCall& c, size_t k, int64_t rank) {
  std::vector<int64_t> axes;
  for (int64_t a : c.attrs.ints(k)) {
    int64_t n = axis_of(c, a, rank);
    if (std::find(axes.begin(), axes.end(), n) != axes.end()) fail(c, "axis " + std::to_string(a) + " is given twice");
    axes.push_back(n);
  }
  return axes;
}

// A number attribute: a double today; an int64 if the bindings keep Python ints apart.
double number(const Attrs& a, size_t k) {
  return std::holds_alternative<int64_t>(a.values[k]) ? static_cast<double>(a.i(k)) : a.f(k);
}
bool integral(const Attrs& a, size_t k) {
  return std::holds_alternative<int64_t>(a.values[k]) || a.f(k) == std::floor(a.f(k));
}

// range(start, limit, delta) resolved to (start, limit, delta, dtype): one argument counts up from 0.
struct RangeSpec {
  double start, limit, delta;
  DType dtype;
  int64_t size;
};

RangeSpec range_spec(const OpCall& c) {
  const Tensor& s = *c.in(0);
  if (s.rank() != 0) fail(c, "start must be a scalar, received shape " + shape_str(s.shape));
  if (s.dtype == DType::Bool) fail(c, "start must be a number, received bool");
  if (s.symbolic()) fail(c, "start must be known: received a symbolic tensor");
  double first = element_as_double(s, 0);
  RangeSpec r{0, first, number(c.attrs, 1), s.dtype, 0};
  if (!c.attrs.none(0)) r = {first, number(c.attrs, 0), r.delta, s.dtype, 0};
  if (!c.attrs.none(2)) {
    r.dtype = c.attrs.dtype(2);
    if (r.dtype == DType::Bool) fail(c, "dtype must be numeric, received bool");
  } else if (is_int(s.dtype) && (!integral(c.attrs, 1) || (!c.attrs.none(0) && !integral(c.attrs, 0)))) {
    r.dtype = DType::Float32;  // any float argument makes the range float, as in TensorFlow
  }
  if (is_int(r.dtype)) r = {std::trunc(r.start), std::trunc(r.limit), std::trunc(r.delta), r.dtype, 0};
  if (!std::isfinite(r.start) || !std::isfinite(r.limit) || !std::isfinite(r.delta))
    fail(c, "start, limit and delta must be finite, received " + num_str(r.start) + ", " + num_str(r.limit) + ", " +
                num_str(r.delta));
  if (r.delta == 0) fail(c, "delta must not be zero");
  if ((r.delta > 0 && r.start > r.limit) || (r.delta < 0 && r.start < r.limit))
    fail(c, "start " + num_str(r.start) + " cannot reach limit " + num_str(r.limit) + " with delta " + num_str(r.delta));
  double n = std::ceil(std::abs((r.limit - r.start) / r.delta));
  if (n > static_cast<double>(kMaxElements)) fail(c, "the range has too many elements");
  r.size = static_cast<int64_t>(n);
  return r;
}

}  // namespace

EF_REGISTER_OPS(manipulation) {
  // expand_dims(input, axis): a new axis of size 1 at AXIS, in [-rank - 1, rank].
  def_op("expand_dims").value_moving().exported({"expand_dims"}).input("input", false).required_attr("axis", AttrKind::Int).view()
      .shape([](const OpCall& c) {
        Shape s = c.in(0)->shape;
        s.insert(s.begin() + axis_of(c, c.attrs.i(0), c.in(0)->rank(), true), 1);
        return std::vector<TensorMeta>{{s, c.in(0)->dtype}};
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{reshape(g.dy(), g.in(0)->shape)}; });

  // squeeze(input, axis=None): drops the given axes of size 1, or all of them.
  def_op("squeeze").value_moving().exported({"squeeze"}).input("input", false).attr("axis", AttrKind::Axes).view()
      .shape([](const OpCall& c) {
        const Shape& in = c.in(0)->shape;
        std::vector<bool> drop(in.size(), c.attrs.none(0));
        if (c.attrs.none(0)) {
          for (size_t d = 0; d < in.size(); ++d) drop[d] = in[d] == 1;
        } else {
          for (int64_t a : distinct_axes(c, 0, c.in(0)->rank())) {
            if (in[a] != 1 && in[a] != kUnknownDim)
              fail(c, "cannot squeeze axis " + std::to_string(a) + " of size " + std::to_string(in[a]) +
                          ", received shape " + shape_str(in));
            drop[a] = true;
          }
        }
        Shape out;
        for (size_t d = 0; d < in.size(); ++d)
          if (!drop[d]) out.push_back(in[d]);
        return std::vector<TensorMeta>{{out, c.in(0)->dtype}};
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{reshape(g.dy(), g.in(0)->shape)}; });

  // concat(values, axis): shapes agree except along AXIS.
  def_op("concat").value_moving().exported({"concat"}).inputs_list("values").required_attr("axis", AttrKind::Int)
      .shape([](const OpCall& c) {
        if (c.inputs.empty()) fail(c, "values must hold at least one tensor");
        require_same_dtype(c);
        const Shape& first = c.in(0)->shape;
        if (first.empty()) fail(c, "cannot concatenate scalars (use tf.stack), received shapes " + shape_list(c));
        const int64_t axis = axis_of(c, c.attrs.i(0), c.in(0)->rank());
        Shape out = first;
        for (size_t k = 1; k < c.inputs.size(); ++k) {
          const Shape& s = c.in(k)->shape;
          bool ok = s.size() == first.size();
          for (size_t d = 0; ok && d < s.size(); ++d)
            ok = static_cast<int64_t>(d) == axis || s[d] == out[d] || s[d] < 0 || out[d] < 0;
          if (!ok) fail(c, "shapes must agree except along axis " + std::to_string(axis) + ", received " + shape_list(c));
          for (size_t d = 0; d < s.size(); ++d)
            if (static_cast<int64_t>(d) != axis && out[d] < 0) out[d] = s[d];
          out[axis] = out[axis] < 0 || s[axis] < 0 ? kUnknownDim : out[axis] + s[axis];
        }
        return std::vector<TensorMeta>{{out, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const int64_t axis = axis_of(c, c.attrs.i(0), c.in(0)->rank());
        std::vector<int64_t> dims;
        for (const TensorPtr& t : c.inputs) dims.push_back(t->shape[axis]);
        join(c.inputs, dims, out[0]->shape, axis, *out[0]);
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        const int64_t axis = axis_of(g, g.attrs.i(0), g.in(0)->rank());
        std::vector<int64_t> sizes;
        for (const TensorPtr& t : g.inputs) sizes.push_back(t->shape[axis]);
        TensorPtr splits = int_tensor({static_cast<int64_t>(sizes.size())}, sizes);
        return call_all("split", {g.dy(), splits}, {{"axis", axis}});
      });

  // stack(values, axis=0): tensors of one shape joined along a new axis.
  def_op("stack").value_moving().exported({"stack"}).inputs_list("values").attr("axis", AttrKind::Int, int64_t{0})
      .shape([](const OpCall& c) {
        if (c.inputs.empty()) fail(c, "values must hold at least one tensor");
        require_same_dtype(c);
        Shape s = common_shape(c);
        s.insert(s.begin() + axis_of(c, c.attrs.i(0), c.in(0)->rank(), true), static_cast<int64_t>(c.inputs.size()));
        return std::vector<TensorMeta>{{s, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const int64_t axis = axis_of(c, c.attrs.i(0), c.in(0)->rank(), true);
        join(c.inputs, std::vector<int64_t>(c.inputs.size(), 1), out[0]->shape, axis, *out[0]);
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        return call_all("unstack", {g.dy()}, {{"num", static_cast<int64_t>(g.inputs.size())}, {"axis", g.attrs.i(0)}});
      });

  // unstack(value, num=None, axis=0): the slices along AXIS, one output each.
  def_op("unstack").value_moving().exported({"unstack"}).list_output().input("value", false).attr("num", AttrKind::OptInt).attr("axis", AttrKind::Int, int64_t{0})
      .shape([](const OpCall& c) {
        Shape s = c.in(0)->shape;
        if (s.empty()) fail(c, "cannot unstack a scalar");
        const int64_t axis = axis_of(c, c.attrs.i(1), c.in(0)->rank());
        int64_t n = s[axis];
        if (!c.attrs.none(0)) {
          if (c.attrs.i(0) < 0) fail(c, "num must be non-negative, received " + std::to_string(c.attrs.i(0)));
          if (n >= 0 && c.attrs.i(0) != n)
            fail(c, "num=" + std::to_string(c.attrs.i(0)) + " differs from axis " + std::to_string(axis) + " of shape " + shape_str(s));
          n = c.attrs.i(0);
        }
        if (n < 0) fail(c, "num must be given when axis " + std::to_string(axis) + " is unknown, received shape " + shape_str(s));
        s.erase(s.begin() + axis);
        return std::vector<TensorMeta>(n, TensorMeta{s, c.in(0)->dtype});
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const int64_t axis = axis_of(c, c.attrs.i(1), c.in(0)->rank());
        cut(*c.in(0), axis, std::vector<int64_t>(out.size(), 1), out);
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>{call("stack", g.dys, {{"axis", g.attrs.i(1)}})}; });

  // split(value, num_or_size_splits, axis=0, num=None): N equal parts or parts of given sizes.
  // The sizes are a tensor input so that an int (N parts) and a one-element list differ.
  def_op("split").exported({"split"}).list_output().input("value", false).input("num_or_size_splits", false)
      .attr("axis", AttrKind::Int, int64_t{0}).attr("num", AttrKind::OptInt)
      .shape([](const OpCall& c) {
        std::vector<TensorMeta> metas;
        const std::vector<int64_t> sizes = split_sizes(c);
        const int64_t axis = axis_of(c, c.attrs.i(0), c.in(0)->rank());
        for (int64_t n : sizes) {
          Shape s = c.in(0)->shape;
          s[axis] = n;
          metas.push_back({s, c.in(0)->dtype});
        }
        return metas;
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        cut(*c.in(0), axis_of(c, c.attrs.i(0), c.in(0)->rank()), split_sizes(c), out);
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("concat", g.dys, {{"axis", g.attrs.i(0)}}), nullptr};
      });

  // tile(input, multiples): the input repeated MULTIPLES[d] times along each axis d.
  def_op("tile").exported({"tile"}).input("input", false).required_attr("multiples", AttrKind::Ints)
      .shape([](const OpCall& c) {
        const Shape& in = c.in(0)->shape;
        const std::vector<int64_t>& m = c.attrs.ints(0);
        if (m.size() != in.size())
          fail(c, "multiples must have one entry per axis of shape " + shape_str(in) + ", received " + ints_str(m));
        Shape out(in.size());
        for (size_t d = 0; d < in.size(); ++d) {
          if (m[d] < 0) fail(c, "multiples must be non-negative, received " + ints_str(m));
          if (in[d] > 0 && m[d] > kMaxElements / in[d]) fail(c, "multiples " + ints_str(m) + " make too many elements");
          out[d] = dim_times(in[d], m[d]);
        }
        check_shape(c, out, true);
        return std::vector<TensorMeta>{{out, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Shape& in = c.in(0)->shape;
        kernels::AxisMaps maps(in.size());
        for (size_t d = 0; d < in.size(); ++d)
          for (int64_t o = 0; o < out[0]->shape[d]; ++o) maps[d].push_back(o % in[d]);
        const int64_t zero = 0;
        kernels::remap(c.in(0)->raw(), in, out[0]->raw(), out[0]->shape, maps, itemsize(c.in(0)->dtype), &zero);
      })
      // The output viewed as (m0, d0, m1, d1, ...) holds m_k copies along each axis: sum them.
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        const Shape& in = g.in(0)->shape;
        const std::vector<int64_t>& m = g.attrs.ints(0);
        if (in.empty()) return std::vector<TensorPtr>{g.dy()};
        Shape pairs;
        std::vector<int64_t> copies;
        for (size_t d = 0; d < in.size(); ++d) {
          copies.push_back(static_cast<int64_t>(pairs.size()));
          pairs.push_back(m[d]);
          pairs.push_back(in[d]);
        }
        return std::vector<TensorPtr>{reduce_sum(reshape(g.dy(), pairs), copies, false)};
      });

  // pad(tensor, paddings, mode, constant_values): PADDINGS[d] = (before, after) on axis d.
  def_op("pad").exported({"pad"}).input("tensor", false).input("paddings", false)
      .attr("mode", AttrKind::String, std::string("CONSTANT")).attr("constant_values", AttrKind::Float, 0.0)
      .shape([](const OpCall& c) {
        const Shape& in = c.in(0)->shape;
        Shape out = padded_shape(in, paddings_for(c, in, pad_mode(c, 0)));
        check_shape(c, out, true);
        return std::vector<TensorMeta>{{out, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const std::string mode = pad_mode(c, 0);
        const Shape& in = c.in(0)->shape;
        kernels::AxisMaps maps = pad_maps(in, paddings_for(c, in, mode), mode);
        EF_DISPATCH_ALL(c.in(0)->dtype, {
          const T fill = static_cast<T>(c.attrs.f(1));
          kernels::remap(c.in(0)->raw(), in, out[0]->raw(), out[0]->shape, maps, sizeof(T), &fill);
        });
      })
      .gradient_reads({1}, {})
      .gradient([](const GradCall& g) {
        const std::string mode = pad_mode(g, 0);
        if (mode != "CONSTANT") return std::vector<TensorPtr>{call("pad_grad", {g.dy(), g.in(1)}, {{"mode", mode}}), nullptr};
        const std::vector<int64_t> p = int_values(g, 1);
        std::vector<int64_t> begin;
        for (size_t d = 0; d < p.size() / 2; ++d) begin.push_back(p[2 * d]);
        return std::vector<TensorPtr>{call("slice", {g.dy()}, {{"begin", begin}, {"size", g.in(0)->shape}}), nullptr};
      });

  // The adjoint of pad: each padded element's gradient is added to the input element it copied.
  def_op("pad_grad").input("dy", false).input("paddings", false).required_attr("mode", AttrKind::String)
      .shape([](const OpCall& c) {
        require_numeric(c, 0);
        const Shape& dy = c.in(0)->shape;
        const std::vector<int64_t> p = int_values(c, 1);
        if (c.in(1)->shape != Shape{c.in(0)->rank(), 2})
          fail(c, "paddings must have shape (" + std::to_string(dy.size()) + ", 2), received " + shape_str(c.in(1)->shape));
        Shape in = dy;
        for (size_t d = 0; d < dy.size(); ++d) {
          if (dy[d] >= 0) in[d] = dy[d] - p[2 * d] - p[2 * d + 1];
          if (dy[d] >= 0 && (in[d] < 0 || p[2 * d] < 0 || p[2 * d + 1] < 0))
            fail(c, "paddings " + ints_str(p) + " do not fit dy of shape " + shape_str(dy));
        }
        paddings_for(c, in, pad_mode(c, 0));
        return std::vector<TensorMeta>{{in, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const std::string mode = pad_mode(c, 0);
        kernels::AxisMaps maps = pad_maps(out[0]->shape, int_values(c, 1), mode);
        std::memset(out[0]->raw(), 0, out[0]->nbytes());
        EF_DISPATCH_NUMERIC(c.in(0)->dtype, kernels::remap_add(c.in(0)->data<T>(), c.in(0)->shape, out[0]->data<T>(),
                                                                out[0]->shape, maps));
      })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("pad", {g.dy(), g.in(1)}, {{"mode", pad_mode(g, 0)}}), nullptr};
      });

  // slice(input_, begin, size): SIZE[d] elements from BEGIN[d] on each axis; -1 runs to the end.
  def_op("slice").value_moving().exported({"slice"}).input("input_", false).required_attr("begin", AttrKind::Ints)
      .required_attr("size", AttrKind::Ints)
      .shape([](const OpCall& c) {
        const Shape& in = c.in(0)->shape;
        const std::vector<int64_t>&begin = c.attrs.ints(0), &size = c.attrs.ints(1);
        if (begin.size() != in.size() || size.size() != in.size())
          fail(c, "begin and size need one entry per axis of shape " + shape_str(in) + ", received begin " +
                      ints_str(begin) + " and size " + ints_str(size));
        Shape out(in.size());
        for (size_t d = 0; d < in.size(); ++d) {
          const int64_t dim = in[d] < 0 ? INT64_MAX : in[d];
          bool ok = begin[d] >= 0 && begin[d] <= dim && size[d] >= -1 && (size[d] == -1 || size[d] <= dim - begin[d]);
          if (!ok)
            fail(c, "begin " + ints_str(begin) + " and size " + ints_str(size) + " are out of range for shape " + shape_str(in));
          out[d] = size[d] >= 0 ? size[d] : (in[d] < 0 ? kUnknownDim : in[d] - begin[d]);
        }
        return std::vector<TensorMeta>{{out, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        kernels::strided_copy(c.in(0)->raw(), out[0]->raw(), c.in(0)->shape, c.attrs.ints(0),
                              std::vector<int64_t>(c.in(0)->rank(), 1), out[0]->shape, itemsize(c.in(0)->dtype), false);
      })
      // The gradient is dy padded with zeros back to the input's shape.
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) {
        const Shape& in = g.in(0)->shape;
        const std::vector<int64_t>& begin = g.attrs.ints(0);
        std::vector<int64_t> p;
        for (size_t d = 0; d < in.size(); ++d) {
          p.push_back(begin[d]);
          p.push_back(in[d] - begin[d] - g.dy()->shape[d]);
        }
        TensorPtr paddings = int_tensor({static_cast<int64_t>(in.size()), 2}, p);
        return std::vector<TensorPtr>{call("pad", {g.dy(), paddings}, {{"mode", std::string("CONSTANT")}})};
      });

  // reverse(tensor, axis): the order of elements reversed along each axis listed.
  def_op("reverse").exported({"reverse"}).input("tensor", false).required_attr("axis", AttrKind::Ints)
      .shape([](const OpCall& c) {
        distinct_axes(c, 0, c.in(0)->rank());
        return same_as_input(c, false);
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Shape& in = c.in(0)->shape;
        const std::vector<int64_t> axes = distinct_axes(c, 0, c.in(0)->rank());
        kernels::AxisMaps maps(in.size());
        for (size_t d = 0; d < in.size(); ++d) {
          bool flip = std::find(axes.begin(), axes.end(), static_cast<int64_t>(d)) != axes.end();
          for (int64_t o = 0; o < in[d]; ++o) maps[d].push_back(flip ? in[d] - 1 - o : o);
        }
        const int64_t zero = 0;
        kernels::remap(c.in(0)->raw(), in, out[0]->raw(), in, maps, itemsize(c.in(0)->dtype), &zero);
      })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("reverse", {g.dy()}, {{"axis", g.attrs.ints(0)}})};
      });

  // shape(input, out_type=int32): the dimensions of INPUT as a 1-D tensor.
  def_op("shape").shape_only().exported({"shape"}).input("input", false).attr("out_type", AttrKind::DType, DType::Int32)
      .shape([](const OpCall& c) {
        DType d = c.attrs.none(0) ? DType::Int32 : c.attrs.dtype(0);
        if (!is_int(d)) fail(c, std::string("out_type must be int32 or int64, received ") + dtype_name(d));
        return std::vector<TensorMeta>{{{c.in(0)->rank()}, d}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Shape& s = c.in(0)->shape;
        EF_DISPATCH_NUMERIC(out[0]->dtype, std::copy(s.begin(), s.end(), out[0]->data<T>()));
      })
      .not_differentiable();

  // size(input, out_type=int32): the number of elements, a scalar.
  def_op("size").exported({"size"}).input("input", false).attr("out_type", AttrKind::DType, DType::Int32)
      .shape([](const OpCall& c) {
        DType d = c.attrs.none(0) ? DType::Int32 : c.attrs.dtype(0);
        if (!is_int(d)) fail(c, std::string("out_type must be int32 or int64, received ") + dtype_name(d));
        if (d == DType::Int32 && c.in(0)->size() > INT32_MAX)
          fail(c, "a size of " + std::to_string(c.in(0)->size()) + " does not fit out_type int32");
        return std::vector<TensorMeta>{{{}, d}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        EF_DISPATCH_NUMERIC(out[0]->dtype, *out[0]->data<T>() = static_cast<T>(c.in(0)->size()));
      })
      .not_differentiable();

  // rank(input): the number of axes, an int32 scalar.
  def_op("rank").shape_only().exported({"rank"}).input("input", false)
      .shape([](const OpCall&) { return std::vector<TensorMeta>{{{}, DType::Int32}}; })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        *out[0]->data<int32_t>() = static_cast<int32_t>(c.in(0)->rank());
      })
      .not_differentiable();

  for (const char* name : {"zeros", "ones"}) {
    const double value = name[0] == 'o' ? 1 : 0;
    def_op(name).exported({name}).required_attr("shape", AttrKind::Ints).attr("dtype", AttrKind::DType, DType::Float32)
        .shape([](const OpCall& c) {
          if (c.attrs.none(0)) fail(c, "shape must be a list of ints, received None");
          check_shape(c, c.attrs.ints(0));
          return std::vector<TensorMeta>{{c.attrs.ints(0), c.attrs.none(1) ? DType::Float32 : c.attrs.dtype(1)}};
        })
        .forward([value](const OpCall&, const std::vector<TensorPtr>& out) {
          EF_DISPATCH_ALL(out[0]->dtype, std::fill_n(out[0]->data<T>(), out[0]->size(), static_cast<T>(value)));
        })
        .not_differentiable();
  }

  // range(start, limit=None, delta=1, dtype=None): start, start + delta, ... up to limit
  // (excluded); range(n) counts 0..n-1. START is a tensor so its dtype (int or float) is
  // known; a non-integral LIMIT or DELTA also makes the result float32.
  def_op("range").exported({"range"}).input("start", false).attr("limit", AttrKind::OptFloat)
      .attr("delta", AttrKind::Float, 1.0).attr("dtype", AttrKind::DType)
      .shape([](const OpCall& c) {
        RangeSpec r = range_spec(c);
        return std::vector<TensorMeta>{{{r.size}, r.dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        RangeSpec r = range_spec(c);
        EF_DISPATCH_NUMERIC(out[0]->dtype, {
          T* p = out[0]->data<T>();
          if constexpr (std::is_integral_v<T>) {
            const int64_t start = static_cast<int64_t>(r.start), delta = static_cast<int64_t>(r.delta);
            for (int64_t i = 0; i < r.size; ++i) p[i] = static_cast<T>(start + i * delta);
          } else {
            for (int64_t i = 0; i < r.size; ++i) p[i] = static_cast<T>(r.start + static_cast<double>(i) * r.delta);
          }
        });
      })
      .not_differentiable();

  // linspace(start, stop, num, axis=0): NUM evenly spaced values from START to STOP
  // inclusive, inserted as a new axis AXIS; START and STOP broadcast.
  def_op("linspace").exported({"linspace", "lin_space"}).input("start").input("stop")
      .required_attr("num", AttrKind::Int).attr("axis", AttrKind::Int, int64_t{0})
      .shape([](const OpCall& c) {
        require_same_dtype(c);
        require_float(c, 0);
        if (c.attrs.i(0) < 1) fail(c, "num must be >= 1, received " + std::to_string(c.attrs.i(0)));
        Shape s = broadcast_shapes(c.in(0)->shape, c.in(1)->shape, c.name());
        s.insert(s.begin() + axis_of(c, c.attrs.i(1), static_cast<int64_t>(s.size()), true), c.attrs.i(0));
        check_shape(c, s, true);
        return std::vector<TensorMeta>{{s, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const Shape& s = out[0]->shape;
        const int64_t axis = axis_of(c, c.attrs.i(1), static_cast<int64_t>(s.size()) - 1, true), num = s[axis];
        Shape flat = s;
        flat.erase(flat.begin() + axis);
        TensorPtr a = c.in(0)->shape == flat ? c.in(0) : broadcast_to(c.in(0), flat);
        TensorPtr b = c.in(1)->shape == flat ? c.in(1) : broadcast_to(c.in(1), flat);
        const int64_t outer = outer_of(s, axis), inner = inner_of(s, axis);
        EF_DISPATCH_FLOAT(out[0]->dtype, {
          const T *lo = a->data<T>(), *hi = b->data<T>();
          const T steps = static_cast<T>(std::max<int64_t>(num - 1, 1));
          T* p = out[0]->data<T>();
          for (int64_t o = 0; o < outer; ++o)
            for (int64_t k = 0; k < num; ++k)
              for (int64_t i = 0; i < inner; ++i) {
                const int64_t j = o * inner + i;
                // The last value is STOP exactly, as NumPy's is.
                const bool last = k == num - 1 && num > 1;
                p[(o * num + k) * inner + i] = last ? hi[j] : lo[j] + (hi[j] - lo[j]) * static_cast<T>(k) / steps;
              }
        });
      })
      // out_k = start + (stop - start) w_k with w_k = k / (num - 1): dstart = sum dy (1 - w), dstop = sum dy w.
      .gradient([](const GradCall& g) {
        const Shape& s = g.out(0)->shape;
        const int64_t axis = axis_of(g, g.attrs.i(1), static_cast<int64_t>(s.size()) - 1, true), num = s[axis];
        Shape ws(s.size(), 1);
        ws[axis] = num;
        TensorPtr w = full(ws, g.dy()->dtype, 0);
        EF_DISPATCH_FLOAT(w->dtype, {
          for (int64_t k = 0; k < num; ++k) w->data<T>()[k] = num > 1 ? static_cast<T>(k) / static_cast<T>(num - 1) : T(0);
        });
        TensorPtr dstop = mul(g.dy(), w);
        TensorPtr dstart = sub(g.dy(), dstop);
        return std::vector<TensorPtr>{reduce_sum(dstart, {axis}, false), reduce_sum(dstop, {axis}, false)};
      });

  // eye(num_rows, num_columns=None, batch_shape=None, dtype=float32): identity matrices.
  def_op("eye").exported({"eye", "linalg.eye"}).required_attr("num_rows", AttrKind::Int)
      .attr("num_columns", AttrKind::OptInt).attr("batch_shape", AttrKind::Ints).attr("dtype", AttrKind::DType, DType::Float32)
      .shape([](const OpCall& c) {
        Shape s = c.attrs.none(2) ? Shape{} : c.attrs.ints(2);
        s.push_back(c.attrs.i(0));
        s.push_back(c.attrs.none(1) ? c.attrs.i(0) : c.attrs.i(1));
        check_shape(c, s);
        return std::vector<TensorMeta>{{s, c.attrs.none(3) ? DType::Float32 : c.attrs.dtype(3)}};
      })
      .forward([](const OpCall&, const std::vector<TensorPtr>& out) {
        const Shape& s = out[0]->shape;
        const int64_t rows = s[s.size() - 2], cols = s.back(), n = std::min(rows, cols);
        const int64_t batch = rows > 0 && cols > 0 ? out[0]->size() / (rows * cols) : 0;
        EF_DISPATCH_ALL(out[0]->dtype, {
          T* p = out[0]->data<T>();
          std::fill_n(p, out[0]->size(), T(0));
          for (int64_t b = 0; b < batch; ++b)
            for (int64_t i = 0; i < n; ++i) p[b * rows * cols + i * cols + i] = T(1);
        });
      })
      .not_differentiable();

  // add_n(inputs): the sum of tensors of one shape and dtype.
  def_op("add_n").exported({"add_n", "math.add_n"}).inputs_list("inputs")
      .shape([](const OpCall& c) {
        if (c.inputs.empty()) fail(c, "inputs must hold at least one tensor");
        require_same_dtype(c);
        require_numeric(c, 0);
        Shape s = common_shape(c);
        return std::vector<TensorMeta>{{s, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const int64_t n = out[0]->size();
        EF_DISPATCH_NUMERIC(out[0]->dtype, {
          kernels::Vec<T> y(out[0]->data<T>(), n);
          y = kernels::ConstVec<T>(c.in(0)->data<T>(), n);
          for (size_t k = 1; k < c.inputs.size(); ++k) y += kernels::ConstVec<T>(c.in(k)->data<T>(), n);
        });
      })
      .gradient_reads({}, {})
      .gradient([](const GradCall& g) { return std::vector<TensorPtr>(g.inputs.size(), g.dy()); });
}

}  // namespace ef::ops
