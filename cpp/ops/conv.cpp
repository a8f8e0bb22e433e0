// Convolutions, channels last: conv2d, conv1d, convolution (1-D or 2-D by the filters'
// rank), conv2d_transpose, and the two gradient ops conv2d_backprop_input and
// conv2d_backprop_filter, which differentiate each other and conv2d. Every op runs the 2-D
// kernels of kernels/conv.h: a 1-D convolution is a 2-D one of height 1, and leading batch
// axes fold into one.
#include "kernels/conv.h"
#include "kernels/thread_pool.h"
#include "ops/api.h"
#include "ops/conv_rules.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

using kernels::ConvGeometry;

int64_t product(Shape::const_iterator begin, Shape::const_iterator end) {
  int64_t p = 1;
  for (auto it = begin; it != end; ++it) {
    if (*it < 0) return -1;
    p *= *it;
  }
  return p;
}

// --- conv2d, conv1d, convolution -------------------------------------------------------

// A forward convolution with SPATIAL axes (0: the filters' rank minus 2), as 4-D shapes.
struct Conv {
  int spatial;
  Shape x4, f4, y;  // y: the output shape, with the input's own leading axes
  ConvGeometry g;
};

Conv conv_of(const OpCall& c, int spatial) {
  const Shape& x = c.in(0)->shape;
  const Shape& f = c.in(1)->shape;
  const std::string received = "input shape " + shape_str(x) + " and filters shape " + shape_str(f);
  if (spatial == 0) {
    if (f.size() == 5) throw Unimplemented(op_message(c.name(), "3-D convolution is not supported, received " + received));
    if (f.size() != 3 && f.size() != 4)
      throw InvalidArgument(op_message(c.name(), "filters must have rank 3 or 4 (spatial axes, in channels, out channels), received " + received));
    spatial = static_cast<int>(f.size()) - 2;
  }
  const size_t rank = static_cast<size_t>(spatial) + 2;
  if (x.size() < rank)
    throw InvalidArgument(op_message(c.name(), "input must have rank >= " + std::to_string(rank) +
                                                   (spatial == 2 ? " (batch, height, width, channels)" : " (batch, width, channels)") +
                                                   ", received " + received));
  if (f.size() != rank)
    throw InvalidArgument(op_message(c.name(), "filters must have rank " + std::to_string(rank) +
                                                   (spatial == 2 ? " (height, width, in, out)" : " (width, in, out)") +
                                                   ", received " + received));
  if (both_known(x.back(), f[rank - 2]) && x.back() != f[rank - 2])
    throw InvalidArgument(op_message(c.name(), "input depth " + std::to_string(x.back()) + " does not match the filters' input depth " +
                                                   std::to_string(f[rank - 2]) + ", received " + received));
  const size_t lead = x.size() - rank + 1;  // axes folded into the batch
  Conv v{spatial, {product(x.begin(), x.begin() + lead), spatial == 2 ? x[lead] : 1, x[x.size() - 2], x.back()},
         spatial == 2 ? f : Shape{1, f[0], f[1], f[2]}, {}, {}};
  v.g = conv_geometry(c, v.x4, v.f4, kConvAttrs, spatial, received);
  v.y.assign(x.begin(), x.begin() + lead);
  if (spatial == 2) v.y.push_back(v.g.oh);
  v.y.insert(v.y.end(), {v.g.ow, v.f4[3]});
  return v;
}

std::vector<TensorMeta> conv_shape(const OpCall& c, int spatial) {
  require_conv_dtypes(c, true);
  return {{conv_of(c, spatial).y, c.in(0)->dtype}};
}

// The conv kernels' scratch, with a slot for each pool thread that may work on it at once.
struct ConvScratch {
  int64_t slots;
  TensorPtr buffer;
  template <typename T> T* data() const { return buffer->data<T>(); }
};
ConvScratch conv_scratch(const ConvGeometry& g, DType dtype, const char* op) {
  const int64_t slots = kernels::num_threads();
  return {slots, empty({kernels::conv2d_scratch_size(g, slots)}, dtype, op)};
}

template <typename T>
void run_conv2d(const Tensor& x, const Tensor& w, Tensor& y, const ConvGeometry& g, const char* op) {
  ConvScratch scratch = conv_scratch(g, x.dtype, op);
  kernels::conv2d(x.data<T>(), w.data<T>(), y.data<T>(), scratch.data<T>(), scratch.slots, g);
}

void conv_forward(const OpCall& c, const std::vector<TensorPtr>& out, int spatial) {
  ConvGeometry g = conv_of(c, spatial).g;
  switch (c.in(0)->dtype) {
    case DType::Int32: return run_conv2d<int32_t>(*c.in(0), *c.in(1), *out[0], g, c.name());
    case DType::Float32: return run_conv2d<float>(*c.in(0), *c.in(1), *out[0], g, c.name());
    case DType::Float64: return run_conv2d<double>(*c.in(0), *c.in(1), *out[0], g, c.name());
    default: break;
  }
}

TensorPtr reshaped(const TensorPtr& t, const Shape& s) { return t->shape == s ? t : reshape(t, s); }

TensorPtr backprop_input(const Shape& sizes, const TensorPtr& w, const TensorPtr& dy, const Window2d& win) {
  return call("conv2d_backprop_input", {w, dy},
              {{"input_sizes", sizes}, {"strides", win.strides}, {"padding", win.padding}, {"dilations", win.dilations}});
}

TensorPtr backprop_filter(const TensorPtr& x, const Shape& sizes, const TensorPtr& dy, const Window2d& win) {
  return call("conv2d_backprop_filter", {x, dy},
              {{"filter_sizes", sizes}, {"strides", win.strides}, {"padding", win.padding}, {"dilations", win.dilations}});
}

TensorPtr conv2d(const TensorPtr& x, const TensorPtr& w, const Window2d& win) {
  return call("conv2d", {x, w}, {{"strides", win.strides}, {"padding", win.padding}, {"dilations", win.dilations}});
}

// dx = conv2d_backprop_input(dy, w), dw = conv2d_backprop_filter(x, dy), on 4-D views.
std::vector<TensorPtr> conv_gradient(const GradCall& gc, int spatial) {
  Conv v = conv_of(gc, spatial);
  const ConvGeometry& g = v.g;
  Window2d win = window_of(gc, g, kConvAttrs);
  TensorPtr x = reshaped(gc.in(0), v.x4), w = reshaped(gc.in(1), v.f4);
  TensorPtr dy = reshaped(gc.dy(), {g.n, g.oh, g.ow, g.c_out});
  // The input gradient of a first layer (its input is data) is never wanted: skip it.
  return {gc.needs(0) ? reshaped(backprop_input(v.x4, w, dy, win), gc.in(0)->shape) : nullptr,
          gc.needs(1) ? reshaped(backprop_filter(x, v.f4, dy, win), gc.in(1)->shape) : nullptr};
}

// --- conv2d_backprop_input / conv2d_transpose, conv2d_backprop_filter -------------------

// Checks that DY is what convolving an input of shape X4 with filters of shape F4 gives.
ConvGeometry check_out_backprop(const OpCall& c, const Shape& x4, const Shape& f4, const Shape& dy,
                                const std::string& received) {
  ConvGeometry g = conv_geometry(c, x4, f4, kSizedAttrs, 2, received);
  const Shape want{x4[0], g.oh, g.ow, f4[3]};
  for (size_t d = 0; d < 4; ++d)
    if (both_known(dy[d], want[d]) && dy[d] != want[d])
      throw InvalidArgument(op_message(c.name(), "the gradient of the output must have shape " + shape_str(want) +
                                                     " (a convolution of an input of shape " + shape_str(x4) +
                                                     " with filters of shape " + shape_str(f4) + "), received " + received));
  return g;
}

// conv2d_backprop_input (filters at 0, out_backprop at 1) and conv2d_transpose (input at 0,
// filters at 1): the input's gradient, of shape input_sizes / output_shape.
struct Transposed {
  Shape x4;
  ConvGeometry g;
};

Transposed transposed_of(const OpCall& c, size_t filters, size_t dy) {
  const Shape& f = c.in(filters)->shape;
  const Shape& y = c.in(dy)->shape;
  const std::string received = "'" + c.op.inputs[dy].name + "' shape " + shape_str(y) + ", filters shape " + shape_str(f);
  Shape x4 = sizes_attr(c, received);
  require_rank4(c, filters, received);
  require_rank4(c, dy, received);
  if (x4[0] < 0) x4[0] = y[0];  // a symbolic batch, resolved by the gradient's batch
  if (both_known(x4[3], f[2]) && x4[3] != f[2])
    throw InvalidArgument(op_message(c.name(), c.op.attrs[0].name + " has depth " + std::to_string(x4[3]) +
                                                   " but the filters' depth (axis 2) is " + std::to_string(f[2]) +
                                                   ", received " + c.op.attrs[0].name + " " + list_str(c.attrs.ints(0)) +
                                                   ", " + received));
  ConvGeometry g = check_out_backprop(c, x4, f, y, received);
  return {x4, g};
}

template <typename T>
void run_backprop_input(const Tensor& w, const Tensor& dy, Tensor& dx, const ConvGeometry& g, const char* op) {
  ConvScratch scratch = conv_scratch(g, dx.dtype, op);
  kernels::conv2d_backprop_input(w.data<T>(), dy.data<T>(), dx.data<T>(), scratch.data<T>(), scratch.slots, g);
}

void transposed_forward(const OpCall& c, const std::vector<TensorPtr>& out, size_t filters, size_t dy) {
  ConvGeometry g = transposed_of(c, filters, dy).g;
  EF_DISPATCH_FLOAT(out[0]->dtype, run_backprop_input<T>(*c.in(filters), *c.in(dy), *out[0], g, c.name()));
}

// A transposed convolution is linear in both inputs: its gradient for the filters is
// conv2d_backprop_filter(G, dy), for dy the convolution conv2d(G, filters).
std::vector<TensorPtr> transposed_gradient(const GradCall& gc, size_t filters, size_t dy) {
  Transposed t = transposed_of(gc, filters, dy);
  Window2d win = window_of(gc, t.g, kSizedAttrs);
  TensorPtr dw = backprop_filter(gc.dy(), gc.in(filters)->shape, gc.in(dy), win);
  TensorPtr ddy = conv2d(gc.dy(), gc.in(filters), win);
  std::vector<TensorPtr> grads(2);
  grads[filters] = dw;
  grads[dy] = ddy;
  return grads;
}

ConvGeometry filter_geometry(const OpCall& c) {
  const Shape& x = c.in(0)->shape;
  const Shape& y = c.in(1)->shape;
  const std::string received = "input shape " + shape_str(x) + ", out_backprop shape " + shape_str(y);
  Shape f4 = sizes_attr(c, received);
  require_rank4(c, 0, received);
  require_rank4(c, 1, received);
  for (int64_t d : f4)
    if (d < 0) throw InvalidArgument(op_message(c.name(), "filter_sizes must be known, received " + list_str(f4)));
  if (both_known(x[3], f4[2]) && x[3] != f4[2])
    throw InvalidArgument(op_message(c.name(), "input depth " + std::to_string(x[3]) + " does not match filter_sizes " +
                                                   list_str(f4) + ", received " + received));
  return check_out_backprop(c, x, f4, y, received);
}

template <typename T>
void run_backprop_filter(const Tensor& x, const Tensor& dy, Tensor& dw, const ConvGeometry& g, const char* op) {
  ConvScratch scratch = conv_scratch(g, dw.dtype, op);
  kernels::conv2d_backprop_filter(x.data<T>(), dy.data<T>(), dw.data<T>(), scratch.data<T>(), scratch.slots, g);
}

OpDef& def_sized(const char* name, const char* sizes_name, const char* default_padding) {
  OpDef& op = def_op(name);
  op.required_attr(sizes_name, AttrKind::Ints).required_attr("strides", AttrKind::Ints);
  if (default_padding) op.attr("padding", AttrKind::String, std::string(default_padding));
  else op.required_attr("padding", AttrKind::String);
  op.attr("data_format", AttrKind::String, std::string("NHWC")).attr("dilations", AttrKind::Ints);
  return op;
}

OpDef& def_forward(const char* name, const char* strides_name, const char* data_format, bool strides_required) {
  OpDef& op = def_op(name).input("input").input("filters");
  if (strides_required) op.required_attr(strides_name, AttrKind::Ints).required_attr("padding", AttrKind::String);
  else op.attr(strides_name, AttrKind::Ints).attr("padding", AttrKind::String, std::string("VALID"));
  op.attr("data_format", AttrKind::String, data_format ? AttrValue{std::string(data_format)} : AttrValue{})
      .attr("dilations", AttrKind::Ints).gradient_reads({0, 1}, {});  // conv_gradient reads input and filters
  return op;
}

}  // namespace

EF_REGISTER_OPS(conv) {
  def_forward("conv2d", "strides", "NHWC", true).exported({"nn.conv2d"})
      .shape([](const OpCall& c) { return conv_shape(c, 2); })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { conv_forward(c, out, 2); })
      .gradient([](const GradCall& g) { return conv_gradient(g, 2); })
      .describe("2-D convolution of an NHWC input with (height, width, in, out) filters.");

  def_forward("conv1d", "stride", "NWC", true).exported({"nn.conv1d"})
      .shape([](const OpCall& c) { return conv_shape(c, 1); })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { conv_forward(c, out, 1); })
      .gradient([](const GradCall& g) { return conv_gradient(g, 1); })
      .describe("1-D convolution of an NWC input with (width, in, out) filters.");

  def_forward("convolution", "strides", nullptr, false).exported({"nn.convolution"})
      .shape([](const OpCall& c) { return conv_shape(c, 0); })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { conv_forward(c, out, 0); })
      .gradient([](const GradCall& g) { return conv_gradient(g, 0); })
      .describe("1-D or 2-D convolution, by the filters' rank (channels last).");

  def_sized("conv2d_backprop_input", "input_sizes", nullptr).input("filters").input("out_backprop")
      .signature({"input_sizes", "filters", "out_backprop", "strides", "padding", "data_format", "dilations"})
      .shape([](const OpCall& c) {
        require_conv_dtypes(c, false);
        return std::vector<TensorMeta>{{transposed_of(c, 0, 1).x4, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { transposed_forward(c, out, 0, 1); })
      .gradient([](const GradCall& g) { return transposed_gradient(g, 0, 1); })
      .describe("The gradient of conv2d with respect to its input.");

  def_sized("conv2d_transpose", "output_shape", "SAME").input("input").input("filters").exported({"nn.conv2d_transpose"})
      .signature({"input", "filters", "output_shape", "strides", "padding", "data_format", "dilations"})
      .shape([](const OpCall& c) {
        require_conv_dtypes(c, false);
        return std::vector<TensorMeta>{{transposed_of(c, 1, 0).x4, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) { transposed_forward(c, out, 1, 0); })
      .gradient([](const GradCall& g) { return transposed_gradient(g, 1, 0); })
      .describe("Transposed 2-D convolution: filters are (height, width, output channels, input channels).");

  def_sized("conv2d_backprop_filter", "filter_sizes", nullptr).input("input").input("out_backprop")
      .signature({"input", "filter_sizes", "out_backprop", "strides", "padding", "data_format", "dilations"})
      .shape([](const OpCall& c) {
        require_conv_dtypes(c, false);
        filter_geometry(c);
        return std::vector<TensorMeta>{{c.attrs.ints(0), c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        ConvGeometry g = filter_geometry(c);
        EF_DISPATCH_FLOAT(out[0]->dtype, run_backprop_filter<T>(*c.in(0), *c.in(1), *out[0], g, c.name()));
      })
      // dw is linear in x and dy: for x the gradient is the transposed convolution of dy
      // with G, for dy the convolution of x with G.
      .gradient([](const GradCall& gc) {
        ConvGeometry g = filter_geometry(gc);
        Window2d win = window_of(gc, g, kSizedAttrs);
        return std::vector<TensorPtr>{backprop_input(gc.in(0)->shape, gc.dy(), gc.in(1), win),
                                      conv2d(gc.in(0), gc.dy(), win)};
      })
      .describe("The gradient of conv2d with respect to its filters.");
}

}  // namespace ef::ops
