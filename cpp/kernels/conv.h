// 2-D convolution on NHWC buffers as im2col + GEMM, and the sliding-window arithmetic
// that convolution and pooling share. A 1-D convolution is the 2-D one with height 1.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace ef::kernels {

// Output size and leading padding of one spatial axis (TensorFlow's rule). SAME: out =
// ceil(in / stride), padding split evenly with the odd one after; VALID: no padding, out =
// ceil((in - span + 1) / stride) where span = (k - 1) * dilation + 1. Unknown sizes (-1)
// stay unknown. Returns false when VALID leaves no room for the window (in < span).
bool window_axis(int64_t in, int64_t k, int64_t stride, int64_t dilation, bool same, int64_t& out,
                 int64_t& pad_before);

// Reads a window attribute (strides, ksize, dilations) as TensorFlow accepts it: one int,
// one per spatial axis, or one per axis with 1 for batch and channels. SPATIAL is 1 or 2;
// the result is (height, width), height 1 for 1-D. Returns false on any other form or a
// value outside [1, 2^31).
bool window_pair(const std::vector<int64_t>& v, int spatial, int64_t out[2]);


// One convolution: input (n, h, w, c_in), filters (kh, kw, c_in, c_out), output
// (n, oh, ow, c_out), with strides, dilations and leading paddings per spatial axis.
struct ConvGeometry {
  int64_t n, h, w, c_in;
  int64_t kh, kw, c_out;
  int64_t oh, ow;
  int64_t stride_h, stride_w, dilation_h, dilation_w;
  int64_t pad_top, pad_left;

  int64_t patch() const { return kh * kw * c_in; }  // columns of the im2col matrix
  int64_t rows() const { return n * oh * ow; }      // rows of the im2col matrix
};

// Elements of scratch the three kernels below need when SLOTS threads may work on them at
// once (0 when the input itself is the im2col matrix, as for a 1x1 stride-1 convolution);
// the caller allocates it and passes the same SLOTS (kernels::num_threads()).
int64_t conv2d_scratch_size(const ConvGeometry& g, int64_t slots);

// y = conv2d(x, w).
template <typename T>
void conv2d(const T* x, const T* w, T* y, T* scratch, int64_t slots, const ConvGeometry& g);
// dx = gradient of conv2d with respect to x, from dy (the transposed convolution).
template <typename T>
void conv2d_backprop_input(const T* w, const T* dy, T* dx, T* scratch, int64_t slots, const ConvGeometry& g);
// dw = gradient of conv2d with respect to w, from x and dy.
template <typename T>
void conv2d_backprop_filter(const T* x, const T* dy, T* dw, T* scratch, int64_t slots, const ConvGeometry& g);

}  // namespace ef::kernels
