#include "kernels/gather.h"

#include <algorithm>
#include <cstring>

#include "kernels/elementwise.h"

namespace ef::kernels {

template <typename I>
void gather_rows(const void* params, const I* indices, void* out, int64_t batch, int64_t outer,
                 int64_t axis_size, int64_t count, size_t inner_bytes) {
  if (inner_bytes == 0) return;
  const char* src = static_cast<const char*>(params);
  char* dst = static_cast<char*>(out);
  for (int64_t b = 0; b < batch; ++b) {
    const I* idx = indices + b * count;
    for (int64_t o = 0; o < outer; ++o) {
      const char* block = src + ((b * outer + o) * axis_size) * inner_bytes;
      for (int64_t i = 0; i < count; ++i, dst += inner_bytes)
        std::memcpy(dst, block + static_cast<int64_t>(idx[i]) * inner_bytes, inner_bytes);
    }
  }
}

template <typename T, typename I>
void scatter_add_rows(const T* data, const I* ids, T* out, int64_t count, int64_t inner) {
  if (inner == 0) return;
  for (int64_t i = 0; i < count; ++i) {
    if (ids[i] < 0) continue;
    T* row = out + static_cast<int64_t>(ids[i]) * inner;
    if (inner == 1) *row += data[i];
    else Vec<T>(row, inner) += ConstVec<T>(data + i * inner, inner);
  }
}

template <typename T, typename I>
void one_hot(const I* indices, T* out, int64_t prefix, int64_t depth, int64_t suffix, T on, T off) {
  std::fill(out, out + prefix * depth * suffix, off);
  for (int64_t p = 0; p < prefix; ++p) {
    for (int64_t s = 0; s < suffix; ++s) {
      I k = indices[p * suffix + s];
      if (k >= 0 && static_cast<int64_t>(k) < depth) out[(p * depth + static_cast<int64_t>(k)) * suffix + s] = on;
    }
  }
}

#define EF_GATHER_INDEX_(I)                                                                              \
  template void gather_rows<I>(const void*, const I*, void*, int64_t, int64_t, int64_t, int64_t, size_t); \
  template void scatter_add_rows<int32_t, I>(const int32_t*, const I*, int32_t*, int64_t, int64_t);       \
  template void scatter_add_rows<int64_t, I>(const int64_t*, const I*, int64_t*, int64_t, int64_t);       \
  template void scatter_add_rows<float, I>(const float*, const I*, float*, int64_t, int64_t);             \
  template void scatter_add_rows<double, I>(const double*, const I*, double*, int64_t, int64_t);          \
  template void one_hot<bool, I>(const I*, bool*, int64_t, int64_t, int64_t, bool, bool);                 \
  template void one_hot<int32_t, I>(const I*, int32_t*, int64_t, int64_t, int64_t, int32_t, int32_t);     \
  template void one_hot<int64_t, I>(const I*, int64_t*, int64_t, int64_t, int64_t, int64_t, int64_t);     \
  template void one_hot<float, I>(const I*, float*, int64_t, int64_t, int64_t, float, float);             \
  template void one_hot<double, I>(const I*, double*, int64_t, int64_t, int64_t, double, double);
EF_GATHER_INDEX_(int32_t)
EF_GATHER_INDEX_(int64_t)
#undef EF_GATHER_INDEX_

}  // namespace ef::kernels
