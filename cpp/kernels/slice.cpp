#include "kernels/slice.h"

#include <cstring>

namespace ef::kernels {

void strided_copy(const void* src, void* dst, const std::vector<int64_t>& full_shape,
                  const std::vector<int64_t>& begin, const std::vector<int64_t>& step,
                  const std::vector<int64_t>& out_shape, size_t item, bool scatter) {
  const size_t rank = full_shape.size();
  int64_t total = 1;
  for (int64_t d : out_shape) total *= d;
  if (total == 0) return;
  if (rank == 0) {
    std::memcpy(dst, src, item);
    return;
  }
  std::vector<int64_t> strides(rank);
  int64_t s = 1;
  for (size_t d = rank; d-- > 0;) {
    strides[d] = s;
    s *= full_shape[d];
  }
  int64_t base = 0;
  for (size_t d = 0; d < rank; ++d) base += begin[d] * strides[d];
  const int64_t inner = out_shape[rank - 1], inner_step = step[rank - 1];
  const char* in = static_cast<const char*>(src);
  char* out = static_cast<char*>(dst);
  std::vector<int64_t> index(rank, 0);
  int64_t offset = base;  // element offset into the full tensor
  for (int64_t o = 0; o < total; o += inner) {
    if (inner_step == 1) {
      if (scatter) std::memcpy(out + offset * item, in + o * item, inner * item);
      else std::memcpy(out + o * item, in + offset * item, inner * item);
    } else {
      for (int64_t i = 0; i < inner; ++i) {
        int64_t full = (offset + i * inner_step) * item, dense = (o + i) * item;
        if (scatter) std::memcpy(out + full, in + dense, item);
        else std::memcpy(out + dense, in + full, item);
      }
    }
    for (size_t d = rank - 1; d-- > 0;) {
      offset += step[d] * strides[d];
      if (++index[d] < out_shape[d]) break;
      offset -= step[d] * strides[d] * out_shape[d];
      index[d] = 0;
    }
  }
}

}  // namespace ef::kernels
