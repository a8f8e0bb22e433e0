// Pooling, channels last: max_pool2d / avg_pool2d, their 1-D forms, max_pool / avg_pool
// (1-D or 2-D by the input's rank), and the gradient ops max_pool2d_grad (with its own
// gradient max_pool2d_grad_grad) and avg_pool2d_grad. A 1-D pool is a 2-D one of height 1.
#include <algorithm>
#include <cctype>

#include "kernels/conv.h"
#include "kernels/pool.h"
#include "ops/api.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

using kernels::PoolGeometry;

std::string list_str(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

// Attribute positions: ksize at FIRST, then strides, padding, data_format.
struct Window {
  int64_t k[2], s[2];
  bool same;
};

Window window_of(const OpCall& c, size_t first, int spatial) {
  Window win{};
  for (size_t a = 0; a < 2; ++a) {
    const size_t k = first + a;
    if (!kernels::window_pair(c.attrs.ints(k), spatial, a == 0 ? win.k : win.s))
      throw InvalidArgument(op_message(c.name(), c.op.attrs[k].name + " must be an int or a list of " +
                                                     (spatial == 2 ? "1, 2 or 4" : "1 or 3") +
                                                     " ints >= 1 (1 on the batch and channel axes), received " +
                                                     list_str(c.attrs.ints(k))));
  }
  std::string p = c.attrs.s(first + 2);
  std::transform(p.begin(), p.end(), p.begin(), [](unsigned char ch) { return std::toupper(ch); });
  if (p != "SAME" && p != "VALID")
    throw InvalidArgument(op_message(c.name(), "padding must be 'SAME' or 'VALID', received '" + c.attrs.s(first + 2) + "'"));
  win.same = p == "SAME";
  const size_t fmt = first + 3;
  if (!c.attrs.none(fmt)) {
    const std::string& f = c.attrs.s(fmt);
    const char* want = spatial == 2 ? "NHWC" : "NWC";
    if (f == (spatial == 2 ? "NCHW" : "NCW"))
      throw Unimplemented(op_message(c.name(), "only the channels-last layout (NHWC, NWC) is supported on CPU, received data_format='" + f + "'"));
    if (f != want)
      throw InvalidArgument(op_message(c.name(), std::string("data_format must be '") + want + "', received '" + f + "'"));
  }
  return win;
}

// The pooling of an input of 4-D shape X4 (sizes may be -1, symbolic).
PoolGeometry geometry(const OpCall& c, const Shape& x4, const Window& win, const std::string& received) {
  PoolGeometry g{x4[0], x4[1], x4[2], x4[3], win.k[0], win.k[1], -1, -1, win.s[0], win.s[1], 0, 0};
  if (!kernels::window_axis(g.h, g.kh, g.stride_h, 1, win.same, g.oh, g.pad_top) ||
      !kernels::window_axis(g.w, g.kw, g.stride_w, 1, win.same, g.ow, g.pad_left))
    throw InvalidArgument(op_message(c.name(), "with VALID padding the window " + list_str({g.kh, g.kw}) +
                                                   " must fit in the input, received " + received));
  return g;
}

// --- forward pools ---------------------------------------------------------------------

// A pool over SPATIAL axes (0: the input's rank minus 2): attributes (ksize, strides,
// padding, data_format).
struct Pool {
  Shape x4, y;
  PoolGeometry g;
  Window win;
};

Pool pool_of(const OpCall& c, int spatial) {
  const Shape& x = c.in(0)->shape;
  const std::string received = "input shape " + shape_str(x);
  if (spatial == 0) {
    if (x.size() == 5) throw Unimplemented(op_message(c.name(), "3-D pooling is not supported, received " + received));
    spatial = static_cast<int>(x.size()) - 2;
  }
  if (spatial < 1 || x.size() != static_cast<size_t>(spatial) + 2)
    throw InvalidArgument(op_message(c.name(), std::string("input must be ") +
                                                   (spatial == 2 ? "4-D (batch, height, width, channels)"
                                                                 : spatial == 1 ? "3-D (batch, width, channels)"
                                                                                : "3-D or 4-D (batch, spatial axes, channels)") +
                                                   ", received " + received));
  Pool p;
  p.win = window_of(c, 0, spatial);
  p.x4 = spatial == 2 ? x : Shape{x[0], 1, x[1], x[2]};
  p.g = geometry(c, p.x4, p.win, received);
  p.y = spatial == 2 ? Shape{x[0], p.g.oh, p.g.ow, x[3]} : Shape{x[0], p.g.ow, x[2]};
  return p;
}

std::vector<TensorMeta> pool_shape(const OpCall& c, int spatial, bool max) {
  if (max) require_numeric(c, 0);
  else require_float(c, 0);
  return {{pool_of(c, spatial).y, c.in(0)->dtype}};
}

void pool_forward(const OpCall& c, const std::vector<TensorPtr>& out, int spatial, bool max) {
  PoolGeometry g = pool_of(c, spatial).g;
  const Tensor& x = *c.in(0);
  if (!max) {
    EF_DISPATCH_FLOAT(x.dtype, kernels::avg_pool2d(x.data<T>(), out[0]->data<T>(), g));
  } else {
    EF_DISPATCH_NUMERIC(x.dtype, kernels::max_pool2d(x.data<T>(), out[0]->data<T>(), g));
  }
}

TensorPtr reshaped(const TensorPtr& t, const Shape& s) { return t->shape == s ? t : reshape(t, s); }

// The attributes of the 4-D gradient ops.
struct GradAttrs {
  std::vector<int64_t> ksize, strides;
  std::string padding;
};

GradAttrs grad_attrs(const Window& win) {
  return {{win.k[0], win.k[1]}, {win.s[0], win.s[1]}, win.same ? "SAME" : "VALID"};
}

TensorPtr max_grad_op(const char* name, const TensorPtr& x, const TensorPtr& g, const GradAttrs& a) {
  return call(name, {x, g}, {{"ksize", a.ksize}, {"strides", a.strides}, {"padding", a.padding}});
}

std::vector<TensorPtr> pool_gradient(const GradCall& gc, int spatial, bool max) {
  Pool p = pool_of(gc, spatial);
  GradAttrs a = grad_attrs(p.win);
  TensorPtr dy = reshaped(gc.dy(), {p.g.n, p.g.oh, p.g.ow, p.g.c});
  TensorPtr dx = max ? max_grad_op("max_pool2d_grad", reshaped(gc.in(0), p.x4), dy, a)
                     : call("avg_pool2d_grad", {dy},
                            {{"orig_input_shape", p.x4}, {"ksize", a.ksize}, {"strides", a.strides}, {"padding", a.padding}});
  return {reshaped(dx, gc.in(0)->shape)};
}

// --- gradient ops (4-D): attributes (ksize, strides, padding, data_format), after the
// input shape for avg_pool2d_grad ---------------------------------------------------------

// Checks that a gradient input has the shape WANT.
void require_shape(const OpCall& c, size_t k, const Shape& want, const std::string& received) {
  const Shape& got = c.in(k)->shape;
  bool ok = got.size() == want.size();
  for (size_t d = 0; ok && d < got.size(); ++d) ok = got[d] < 0 || want[d] < 0 || got[d] == want[d];
  if (!ok)
    throw InvalidArgument(op_message(c.name(), "'" + c.op.inputs[k].name + "' must have shape " + shape_str(want) +
                                                   ", received " + received));
}

// max_pool2d_grad(orig_input, grad): grad has the pooled shape; max_pool2d_grad_grad
// (orig_input, grad): grad has the input's shape.
PoolGeometry max_grad_geometry(const OpCall& c, bool grad_grad) {
  const Shape& x = c.in(0)->shape;
  const std::string received = "orig_input shape " + shape_str(x) + " and grad shape " + shape_str(c.in(1)->shape);
  if (x.size() != 4) throw InvalidArgument(op_message(c.name(), "orig_input must be 4-D, received " + received));
  require_float(c, 0);
  require_same_dtype(c);
  PoolGeometry g = geometry(c, x, window_of(c, 0, 2), received);
  require_shape(c, 1, grad_grad ? x : Shape{g.n, g.oh, g.ow, g.c}, received);
  return g;
}

void max_grad_forward(const OpCall& c, const std::vector<TensorPtr>& out, bool grad_grad) {
  PoolGeometry g = max_grad_geometry(c, grad_grad);
  EF_DISPATCH_FLOAT(out[0]->dtype, {
    if (grad_grad) kernels::max_pool2d_grad_grad(c.in(0)->data<T>(), c.in(1)->data<T>(), out[0]->data<T>(), g);
    else kernels::max_pool2d_grad(c.in(0)->data<T>(), c.in(1)->data<T>(), out[0]->data<T>(), g);
  });
}

// The input shape of avg_pool2d_grad, whose batch may be -1 (symbolic: taken from grad's).
Shape avg_grad_input_shape(const OpCall& c) {
  Shape x = c.attrs.ints(0);
  bool ok = x.size() == 4 && c.in(0)->rank() == 4;
  for (size_t d = 0; ok && d < 4; ++d) ok = x[d] >= (d == 0 ? -1 : 0);
  if (!ok)
    throw InvalidArgument(op_message(c.name(), "orig_input_shape must list 4 sizes >= 0 and grad must be 4-D, received orig_input_shape " +
                                                   list_str(x) + " and grad shape " + shape_str(c.in(0)->shape)));
  if (x[0] < 0) x[0] = c.in(0)->shape[0];
  return x;
}

PoolGeometry avg_grad_geometry(const OpCall& c) {
  const Shape x = avg_grad_input_shape(c);
  const std::string received = "orig_input_shape " + list_str(c.attrs.ints(0)) + " and grad shape " + shape_str(c.in(0)->shape);
  require_float(c, 0);
  PoolGeometry g = geometry(c, x, window_of(c, 1, 2), received);
  require_shape(c, 0, {g.n, g.oh, g.ow, g.c}, received);
  return g;
}

OpDef& def_pool(const char* name, const char* data_format) {
  return def_op(name).input("input").required_attr("ksize", AttrKind::Ints).required_attr("strides", AttrKind::Ints)
      .required_attr("padding", AttrKind::String)
      .attr("data_format", AttrKind::String, data_format ? AttrValue{std::string(data_format)} : AttrValue{});
}

template <bool Max>
void def_pools(const char* name2d, const char* name1d, const char* name_any) {
  const char* kind = Max ? "Max" : "Average";
  const std::pair<const char*, int> forms[] = {{name2d, 2}, {name1d, 1}, {name_any, 0}};
  for (auto [name, spatial] : forms) {
    const char* format = spatial == 2 ? "NHWC" : spatial == 1 ? "NWC" : nullptr;
    def_pool(name, format).exported({std::string("nn.") + name})
        .shape([spatial = spatial](const OpCall& c) { return pool_shape(c, spatial, Max); })
        .forward([spatial = spatial](const OpCall& c, const std::vector<TensorPtr>& out) { pool_forward(c, out, spatial, Max); })
        .gradient([spatial = spatial](const GradCall& g) { return pool_gradient(g, spatial, Max); })
        .gradient_reads({0}, {})  // max pooling's gradient reads the input, average pooling's nothing
        .describe(std::string(kind) + (spatial == 2 ? " pooling of an NHWC input."
                                       : spatial == 1 ? " pooling of an NWC input."
                                                      : " pooling of a 3-D (NWC) or 4-D (NHWC) input."));
  }
}

}  // namespace

EF_REGISTER_OPS(pool) {
  def_pools<true>("max_pool2d", "max_pool1d", "max_pool");
  def_pools<false>("avg_pool2d", "avg_pool1d", "avg_pool");

  // Routes each gradient to the first maximum of its window. Its gradient for grad reads G
  // at those maxima (max_pool2d_grad_grad); none flows to orig_input (piecewise constant).
  def_op("max_pool2d_grad").input("orig_input").input("grad").required_attr("ksize", AttrKind::Ints)
      .required_attr("strides", AttrKind::Ints).required_attr("padding", AttrKind::String)
      .attr("data_format", AttrKind::String, std::string("NHWC"))
      .shape([](const OpCall& c) { max_grad_geometry(c, false); return std::vector<TensorMeta>{{c.in(0)->shape, c.in(0)->dtype}}; })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { max_grad_forward(c, out, false); })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{nullptr, call("max_pool2d_grad_grad", {g.in(0), g.dy()},
                                                    {{"ksize", g.attrs.ints(0)}, {"strides", g.attrs.ints(1)}, {"padding", g.attrs.s(2)}})};
      });

  // The adjoint of max_pool2d_grad in grad, whose own gradient is max_pool2d_grad again.
  def_op("max_pool2d_grad_grad").input("orig_input").input("grad").required_attr("ksize", AttrKind::Ints)
      .required_attr("strides", AttrKind::Ints).required_attr("padding", AttrKind::String)
      .attr("data_format", AttrKind::String, std::string("NHWC"))
      .shape([](const OpCall& c) {
        PoolGeometry g = max_grad_geometry(c, true);
        return std::vector<TensorMeta>{{{g.n, g.oh, g.ow, g.c}, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { max_grad_forward(c, out, true); })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{nullptr, call("max_pool2d_grad", {g.in(0), g.dy()},
                                                    {{"ksize", g.attrs.ints(0)}, {"strides", g.attrs.ints(1)}, {"padding", g.attrs.s(2)}})};
      });

  // avg_pool2d is linear, so its gradient op's gradient is avg_pool2d itself.
  def_op("avg_pool2d_grad").required_attr("orig_input_shape", AttrKind::Ints).input("grad")
      .required_attr("ksize", AttrKind::Ints).required_attr("strides", AttrKind::Ints)
      .required_attr("padding", AttrKind::String).attr("data_format", AttrKind::String, std::string("NHWC"))
      .signature({"orig_input_shape", "grad", "ksize", "strides", "padding", "data_format"})
      .shape([](const OpCall& c) {
        avg_grad_geometry(c);
        return std::vector<TensorMeta>{{avg_grad_input_shape(c), c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        PoolGeometry g = avg_grad_geometry(c);
        EF_DISPATCH_FLOAT(out[0]->dtype, kernels::avg_pool2d_grad(c.in(0)->data<T>(), out[0]->data<T>(), g));
      })
      .gradient([](const GradCall& g) {
        return std::vector<TensorPtr>{call("avg_pool2d", {g.dy()},
                                           {{"ksize", g.attrs.ints(1)}, {"strides", g.attrs.ints(2)}, {"padding", g.attrs.s(3)}})};
      });
}

}  // namespace ef::ops
