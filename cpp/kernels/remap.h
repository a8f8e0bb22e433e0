// Copies where each output axis reads the input through its own index map: padding
// (constant, reflect, symmetric), tiling and reversal are all one such copy.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ef::kernels {

// maps[d][o]: the input index that output index o of axis d reads, or -1 for none.
using AxisMaps = std::vector<std::vector<int64_t>>;

// out[o0, o1, ...] = in[maps[0][o0], maps[1][o1], ...], or the ITEM bytes at FILL where an
// entry is -1. Every entry that is not -1 must lie inside IN_SHAPE.
void remap(const void* in, const std::vector<int64_t>& in_shape, void* out, const std::vector<int64_t>& out_shape,
           const AxisMaps& maps, size_t item, const void* fill);

// The adjoint, for gradients: dx[maps[0][o0], ...] += dy[o0, ...], skipping -1 entries.
// DX (of DX_SHAPE) must start zeroed. T is float, double, int32_t or int64_t.
template <typename T>
void remap_add(const T* dy, const std::vector<int64_t>& dy_shape, T* dx, const std::vector<int64_t>& dx_shape,
               const AxisMaps& maps);

}  // namespace ef::kernels
