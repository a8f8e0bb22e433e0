// Strided windows of a row-major tensor: read one out (slice) or write one back (the
// gradient of a slice scatters into zeros).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ef::kernels {

// Copies in[begin + i * step] (per axis) into the dense out of shape OUT_SHAPE; with
// SCATTER the copy runs the other way, from the dense buffer into the strided window.
void strided_copy(const void* src, void* dst, const std::vector<int64_t>& full_shape,
                  const std::vector<int64_t>& begin, const std::vector<int64_t>& step,
                  const std::vector<int64_t>& out_shape, size_t item, bool scatter);

}  // namespace ef::kernels
