// im2col + GEMM convolution on NHWC buffers. Row r of the im2col matrix is output pixel r
// (image, y, x); its kh * kw * c_in columns are the input patch in the filters' own
// (ky, kx, c) order, so the filters are already the (patch, c_out) matrix of the product.
// Rows are taken in chunks that fit a fixed scratch budget, across image boundaries, so
// small images batch into one large GEMM.
#include "kernels/conv.h"

#include <algorithm>
#include <vector>

#include "kernels/gemm.h"
#include "kernels/thread_pool.h"

namespace ef::kernels {
namespace {

// Rows per chunk: about 1 MB of float32 patches, so the GEMM reads the chunk im2col has
// just written from L2 / L3 rather than memory, but at least kMinChunkRows so each GEMM
// call stays large enough to run at full speed. (16 MB chunks measured ~30% slower on the
// 3x3x32 -> 64 layer of a small CNN, and cost a fresh 16 MB scratch per call.)
constexpr int64_t kChunkElements = int64_t{1} << 18;
constexpr int64_t kMinChunkRows = 512;

// Short runs (the channels of one pixel) copy faster in a loop than through memcpy.
template <typename T>
inline void copy_run(const T* __restrict src, T* __restrict dst, int64_t len) {
  if (len > 16) std::copy_n(src, len, dst);
  else for (int64_t i = 0; i < len; ++i) dst[i] = src[i];
}

// d += s. Blocks of 8 have a known trip count, which -O2 vectorises.
template <typename T>
inline void add_run(const T* __restrict s, T* __restrict d, int64_t len) {
  int64_t i = 0;
  for (; i + 8 <= len; i += 8)
    for (int64_t j = 0; j < 8; ++j) d[i + j] += s[i + j];
  for (; i < len; ++i) d[i] += s[i];
}

// The input is already the im2col matrix: a 1x1 stride-1 convolution, or a filter as large
// as the unpadded image (one output pixel per image).
bool input_is_patch_matrix(const ConvGeometry& g) {
  if (g.pad_top != 0 || g.pad_left != 0) return false;
  if (g.kh == 1 && g.kw == 1 && g.oh == g.h && g.ow == g.w) return true;
  return g.oh == 1 && g.ow == 1 && g.kh == g.h && g.kw == g.w && (g.dilation_h == 1 || g.kh == 1) &&
         (g.dilation_w == 1 || g.kw == 1);
}

int64_t chunk_rows(const ConvGeometry& g) {
  const int64_t rows = std::max(kChunkElements / std::max<int64_t>(g.patch(), 1), kMinChunkRows);
  return std::clamp<int64_t>(rows, 1, std::max<int64_t>(g.rows(), 1));
}

// Walks output pixels R0..R1 and, for each, each filter row ky whose input row is inside
// the image: VISIT(patch_offset, input_offset_of_row, x0) where x0 is the input column
// of kx = 0. Rows outside the image are reported to SKIP(patch_offset).
template <typename Visit, typename Skip>
void for_each_patch_row(const ConvGeometry& g, int64_t r0, int64_t r1, Visit visit, Skip skip) {
  const int64_t pixels = g.oh * g.ow, row_span = g.kw * g.c_in;
  int64_t n = r0 / pixels, oy = (r0 % pixels) / g.ow, ox = r0 % g.ow;
  for (int64_t r = r0; r < r1; ++r) {
    const int64_t y0 = oy * g.stride_h - g.pad_top, x0 = ox * g.stride_w - g.pad_left;
    int64_t at = (r - r0) * g.patch();
    for (int64_t ky = 0; ky < g.kh; ++ky, at += row_span) {
      const int64_t iy = y0 + ky * g.dilation_h;
      if (iy < 0 || iy >= g.h) skip(at);
      else visit(at, ((n * g.h + iy) * g.w) * g.c_in, x0);
    }
    if (++ox == g.ow) {
      ox = 0;
      if (++oy == g.oh) { oy = 0; ++n; }
    }
  }
}

// col[r - r0] = patch of output pixel r, zeros where the window leaves the image.
template <typename T>
void im2col(const T* x, T* col, const ConvGeometry& g, int64_t r0, int64_t r1) {
  const int64_t c = g.c_in, row_span = g.kw * c, last = (g.kw - 1) * g.dilation_w;
  for_each_patch_row(g, r0, r1,
      [&](int64_t at, int64_t src_row, int64_t x0) {
        T* dst = col + at;
        const T* src = x + src_row;
        if (g.dilation_w == 1 && x0 >= 0 && x0 + last < g.w) {  // one contiguous run
          copy_run(src + x0 * c, dst, row_span);
          return;
        }
        for (int64_t kx = 0; kx < g.kw; ++kx) {
          const int64_t ix = x0 + kx * g.dilation_w;
          if (ix < 0 || ix >= g.w) std::fill_n(dst + kx * c, c, T(0));
          else copy_run(src + ix * c, dst + kx * c, c);
        }
      },
      [&](int64_t at) { std::fill_n(col + at, row_span, T(0)); });
}

// The adjoint of im2col: x += each patch of col added back where it came from.
template <typename T>
void col2im(const T* col, T* x, const ConvGeometry& g, int64_t r0, int64_t r1) {
  const int64_t c = g.c_in, row_span = g.kw * c, last = (g.kw - 1) * g.dilation_w;
  for_each_patch_row(g, r0, r1,
      [&](int64_t at, int64_t dst_row, int64_t x0) {
        const T* src = col + at;
        T* dst = x + dst_row;
        if (g.dilation_w == 1 && x0 >= 0 && x0 + last < g.w) {
          add_run(src, dst + x0 * c, row_span);
          return;
        }
        for (int64_t kx = 0; kx < g.kw; ++kx) {
          const int64_t ix = x0 + kx * g.dilation_w;
          if (ix >= 0 && ix < g.w) add_run(src + kx * c, dst + ix * c, c);
        }
      },
      [](int64_t) {});
}

// im2col of rows R0..R1 split across threads (each writes its own rows of COL).
template <typename T>
void im2col_parallel(const T* x, T* col, const ConvGeometry& g, int64_t r0, int64_t r1) {
  const int64_t k = g.patch();
  parallel_for(r1 - r0, (r1 - r0) * k, [&](int64_t b, int64_t e) { im2col(x, col + b * k, g, r0 + b, r0 + e); });
}

// col2im of rows R0..R1 split by image: patches of different images never overlap.
template <typename T>
void col2im_parallel(const T* col, T* x, const ConvGeometry& g, int64_t r0, int64_t r1) {
  const int64_t pixels = g.oh * g.ow, n0 = r0 / pixels, n1 = (r1 + pixels - 1) / pixels, k = g.patch();
  parallel_for(n1 - n0, (r1 - r0) * k, [&](int64_t b, int64_t e) {
    const int64_t lo = std::max(r0, (n0 + b) * pixels), hi = std::min(r1, (n0 + e) * pixels);
    col2im(col + (lo - r0) * k, x, g, lo, hi);
  });
}

}  // namespace


bool window_axis(int64_t in, int64_t k, int64_t stride, int64_t dilation, bool same, int64_t& out,
                 int64_t& pad_before) {
  const int64_t span = (k - 1) * dilation + 1;
  pad_before = 0;
  if (in < 0) {
    out = -1;
    return true;
  }
  if (same) {
    out = in == 0 ? 0 : (in - 1) / stride + 1;
    pad_before = std::max<int64_t>((out - 1) * stride + span - in, 0) / 2;
    return true;
  }
  if (in < span) return false;
  out = (in - span) / stride + 1;
  return true;
}

bool window_pair(const std::vector<int64_t>& v, int spatial, int64_t out[2]) {
  const size_t n = v.size(), s = static_cast<size_t>(spatial);
  if (n == 1) {
    out[0] = spatial == 2 ? v[0] : 1;
    out[1] = v[0];
  } else if (n == s) {
    out[0] = spatial == 2 ? v[0] : 1;
    out[1] = v[n - 1];
  } else if (n == s + 2 && v.front() == 1 && v.back() == 1) {
    out[0] = spatial == 2 ? v[1] : 1;
    out[1] = v[n - 2];
  } else {
    return false;
  }
  // The bound keeps every offset computed from these values far from int64 overflow.
  constexpr int64_t kMax = int64_t{1} << 31;
  return out[0] >= 1 && out[1] >= 1 && out[0] < kMax && out[1] < kMax;
}

int64_t conv2d_scratch_size(const ConvGeometry& g, int64_t slots) {
  if (input_is_patch_matrix(g) || g.rows() == 0) return 0;
  return std::max<int64_t>(slots, 1) * chunk_rows(g) * g.patch();
}

namespace {

// With at least two images per slot, each slot (thread) takes whole images and runs im2col
// and GEMM on its own chunks single-threaded: two 1-thread GEMMs of a chunk (910 x 288 x 64
// for a 3x3x32 -> 64 layer) run at 85 GFLOP/s each, where one GEMM split in two ran at 64
// together. Images share no patch, so col2im needs no locks. Otherwise the chunks run one
// after the other, each split across the threads inside im2col, GEMM and col2im.
bool split_by_images(const ConvGeometry& g, int64_t slots) { return slots > 1 && g.n >= 2 * slots; }

// BODY(slot, r0, r1) for every chunk of rows, with SLOT's scratch free for it.
template <typename Body>
void for_each_chunk(const ConvGeometry& g, int64_t slots, const Body& body) {
  const int64_t rows = g.rows(), chunk = chunk_rows(g);
  if (!split_by_images(g, slots)) {
    for (int64_t r0 = 0; r0 < rows; r0 += chunk) body(0, r0, std::min(rows, r0 + chunk));
    return;
  }
  const int64_t pixels = g.oh * g.ow;
  parallel_for(slots, rows * g.patch(), [&](int64_t s0, int64_t s1) {
    for (int64_t s = s0; s < s1; ++s) {
      const int64_t first = g.n * s / slots * pixels, last = g.n * (s + 1) / slots * pixels;
      for (int64_t r0 = first; r0 < last; r0 += chunk) body(s, r0, std::min(last, r0 + chunk));
    }
  }, 1);
}

}  // namespace

template <typename T>
void conv2d(const T* x, const T* w, T* y, T* scratch, int64_t slots, const ConvGeometry& g) {
  const int64_t rows = g.rows(), k = g.patch(), slot_size = chunk_rows(g) * k;
  if (input_is_patch_matrix(g)) return gemm(x, w, y, rows, g.c_out, k, false, false);
  for_each_chunk(g, slots, [&](int64_t s, int64_t r0, int64_t r1) {
    T* col = scratch + s * slot_size;
    im2col_parallel(x, col, g, r0, r1);
    gemm(col, w, y + r0 * g.c_out, r1 - r0, g.c_out, k, false, false);
  });
}

// d(patches) = dy w^T, then each patch is added back into dx.
template <typename T>
void conv2d_backprop_input(const T* w, const T* dy, T* dx, T* scratch, int64_t slots, const ConvGeometry& g) {
  const int64_t rows = g.rows(), k = g.patch(), slot_size = chunk_rows(g) * k;
  if (input_is_patch_matrix(g)) return gemm(dy, w, dx, rows, k, g.c_out, false, true);
  const int64_t size = g.n * g.h * g.w * g.c_in;
  parallel_for(size, size, [&](int64_t b, int64_t e) { std::fill(dx + b, dx + e, T(0)); });
  for_each_chunk(g, slots, [&](int64_t s, int64_t r0, int64_t r1) {
    T* col = scratch + s * slot_size;
    gemm(dy + r0 * g.c_out, w, col, r1 - r0, k, g.c_out, false, true);
    col2im_parallel(col, dx, g, r0, r1);
  });
}

// dw = patches^T dy, summed over chunks of rows; with several slots, each sums its own
// partial product and the partials are added at the end.
template <typename T>
void conv2d_backprop_filter(const T* x, const T* dy, T* dw, T* scratch, int64_t slots, const ConvGeometry& g) {
  const int64_t rows = g.rows(), k = g.patch(), slot_size = chunk_rows(g) * k, size = k * g.c_out;
  if (input_is_patch_matrix(g) || rows == 0) return gemm(x, dy, dw, k, g.c_out, rows, true, false);
  const int64_t used = split_by_images(g, slots) ? slots : 1;
  std::vector<T> partials(static_cast<size_t>((used - 1) * size));
  std::vector<char> started(static_cast<size_t>(used), 0);
  for_each_chunk(g, slots, [&](int64_t s, int64_t r0, int64_t r1) {
    T* col = scratch + s * slot_size;
    T* sum = s == 0 ? dw : partials.data() + (s - 1) * size;
    im2col_parallel(x, col, g, r0, r1);
    gemm(col, dy + r0 * g.c_out, sum, k, g.c_out, r1 - r0, true, false, started[s] != 0);
    started[s] = 1;
  });
  for (int64_t s = 1; s < used; ++s) add_run(partials.data() + (s - 1) * size, dw, size);
}

template void conv2d<int32_t>(const int32_t*, const int32_t*, int32_t*, int32_t*, int64_t, const ConvGeometry&);
template void conv2d<float>(const float*, const float*, float*, float*, int64_t, const ConvGeometry&);
template void conv2d<double>(const double*, const double*, double*, double*, int64_t, const ConvGeometry&);
template void conv2d_backprop_input<float>(const float*, const float*, float*, float*, int64_t,
                                           const ConvGeometry&);
template void conv2d_backprop_input<double>(const double*, const double*, double*, double*, int64_t,
                                            const ConvGeometry&);
template void conv2d_backprop_filter<float>(const float*, const float*, float*, float*, int64_t,
                                            const ConvGeometry&);
template void conv2d_backprop_filter<double>(const double*, const double*, double*, double*, int64_t,
                                             const ConvGeometry&);

}  // namespace ef::kernels
