// Joining tensors along an axis and cutting one apart: both reduce to copying contiguous
// blocks, because in row-major order an axis splits each tensor into OUTER rows.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ef::kernels {

// Row r of OUT is row r of IN[0] (BLOCK[0] bytes), then row r of IN[1], and so on.
void concat(const std::vector<const void*>& in, const std::vector<size_t>& block, int64_t outer, void* out);
// The inverse: row r of IN is cut into blocks of BLOCK[k] bytes, block k going to OUT[k].
void split(const void* in, const std::vector<size_t>& block, int64_t outer, const std::vector<void*>& out);

}  // namespace ef::kernels
