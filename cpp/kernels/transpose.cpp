#include "kernels/transpose.h"

#include <cstring>

namespace ef::kernels {

namespace {
template <typename T>
void permute(const T* in, T* out, const std::vector<int64_t>& out_shape, const std::vector<int64_t>& src_strides) {
  const size_t rank = out_shape.size();
  int64_t total = 1;
  for (int64_t d : out_shape) total *= d;
  if (total == 0) return;
  const int64_t inner = out_shape[rank - 1], inner_stride = src_strides[rank - 1];
  std::vector<int64_t> index(rank, 0);
  int64_t src = 0;
  for (int64_t o = 0; o < total; o += inner) {
    for (int64_t i = 0; i < inner; ++i) out[o + i] = in[src + i * inner_stride];
    for (size_t d = rank - 1; d-- > 0;) {
      src += src_strides[d];
      if (++index[d] < out_shape[d]) break;
      src -= src_strides[d] * out_shape[d];
      index[d] = 0;
    }
  }
}
}  // namespace

void transpose(const void* in, void* out, const std::vector<int64_t>& in_shape, const std::vector<int64_t>& perm,
               size_t item) {
  const size_t rank = in_shape.size();
  if (rank == 0) {
    std::memcpy(out, in, item);
    return;
  }
  std::vector<int64_t> in_strides(rank), out_shape(rank), src_strides(rank);
  int64_t s = 1;
  for (size_t d = rank; d-- > 0;) {
    in_strides[d] = s;
    s *= in_shape[d];
  }
  for (size_t d = 0; d < rank; ++d) {
    out_shape[d] = in_shape[perm[d]];
    src_strides[d] = in_strides[perm[d]];
  }
  switch (item) {
    case 1: permute(static_cast<const uint8_t*>(in), static_cast<uint8_t*>(out), out_shape, src_strides); break;
    case 4: permute(static_cast<const uint32_t*>(in), static_cast<uint32_t*>(out), out_shape, src_strides); break;
    default: permute(static_cast<const uint64_t*>(in), static_cast<uint64_t*>(out), out_shape, src_strides); break;
  }
}

}  // namespace ef::kernels
