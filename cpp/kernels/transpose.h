// Copying a tensor into a permuted axis order.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ef::kernels {

// out[j...] = in[i...] where out axis d is in axis perm[d]; ITEM is the element size in bytes.
void transpose(const void* in, void* out, const std::vector<int64_t>& in_shape,
               const std::vector<int64_t>& perm, size_t item);

}  // namespace ef::kernels
