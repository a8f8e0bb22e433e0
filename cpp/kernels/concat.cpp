#include "kernels/concat.h"

#include <cstring>

namespace ef::kernels {

void concat(const std::vector<const void*>& in, const std::vector<size_t>& block, int64_t outer, void* out) {
  char* dst = static_cast<char*>(out);
  for (int64_t r = 0; r < outer; ++r) {
    for (size_t k = 0; k < in.size(); ++k) {
      if (!block[k]) continue;
      std::memcpy(dst, static_cast<const char*>(in[k]) + r * block[k], block[k]);
      dst += block[k];
    }
  }
}

void split(const void* in, const std::vector<size_t>& block, int64_t outer, const std::vector<void*>& out) {
  const char* src = static_cast<const char*>(in);
  for (int64_t r = 0; r < outer; ++r) {
    for (size_t k = 0; k < out.size(); ++k) {
      if (!block[k]) continue;
      std::memcpy(static_cast<char*>(out[k]) + r * block[k], src, block[k]);
      src += block[k];
    }
  }
}

}  // namespace ef::kernels
