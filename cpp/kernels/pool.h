// Max and average pooling on NHWC buffers, with their gradients. Inner loops run over
// channels, which are contiguous, so they vectorise. A 1-D pool is the 2-D one with height 1.
#pragma once
#include <cstdint>

namespace ef::kernels {

// Input (n, h, w, c), window (kh, kw), output (n, oh, ow, c); padded cells are not part of
// any window (never the max, not counted in the average).
struct PoolGeometry {
  int64_t n, h, w, c;
  int64_t kh, kw;
  int64_t oh, ow;
  int64_t stride_h, stride_w;
  int64_t pad_top, pad_left;
};

template <typename T>
void max_pool2d(const T* x, T* y, const PoolGeometry& g);
// dx = dy routed to the first maximum of each window (summed where windows overlap).
template <typename T>
void max_pool2d_grad(const T* x, const T* dy, T* dx, const PoolGeometry& g);
// y = ddx read at the first maximum of each window: the adjoint of max_pool2d_grad.
template <typename T>
void max_pool2d_grad_grad(const T* x, const T* ddx, T* y, const PoolGeometry& g);

// Mean over the cells of each window that lie inside the input.
template <typename T>
void avg_pool2d(const T* x, T* y, const PoolGeometry& g);
// dx = each dy spread evenly over the cells its window averaged.
template <typename T>
void avg_pool2d_grad(const T* dy, T* dx, const PoolGeometry& g);

}  // namespace ef::kernels
