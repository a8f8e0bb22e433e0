#include "kernels/remap.h"

#include <cstring>

namespace ef::kernels {
namespace {

// Calls row(o, base) for each row of the output (all axes but the last): O is the row's
// first output element, BASE the input offset of its outer indices, or -1 if one maps to none.
template <typename F>
void for_each_row(const std::vector<int64_t>& out_shape, const std::vector<int64_t>& in_strides,
                  const AxisMaps& maps, F row) {
  const size_t rank = out_shape.size();
  int64_t total = 1;
  for (int64_t d : out_shape) total *= d;
  if (total == 0) return;
  const int64_t inner = out_shape[rank - 1];
  std::vector<int64_t> index(rank - 1, 0);
  for (int64_t o = 0; o < total; o += inner) {
    int64_t base = 0;
    for (size_t d = 0; d + 1 < rank && base >= 0; ++d) {
      int64_t i = maps[d][index[d]];
      base = i < 0 ? -1 : base + i * in_strides[d];
    }
    row(o, base);
    for (size_t d = rank - 1; d-- > 0;) {
      if (++index[d] < out_shape[d]) break;
      index[d] = 0;
    }
  }
}

std::vector<int64_t> row_major_strides(const std::vector<int64_t>& shape) {
  std::vector<int64_t> strides(shape.size());
  int64_t s = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

template <size_t N>
struct Item {
  unsigned char bytes[N];
};

template <typename T>
void remap_typed(const T* in, const std::vector<int64_t>& in_shape, T* out, const std::vector<int64_t>& out_shape,
                 const AxisMaps& maps, T fill) {
  const std::vector<int64_t>& last = maps.back();
  const int64_t inner = out_shape.back();
  for_each_row(out_shape, row_major_strides(in_shape), maps, [&](int64_t o, int64_t base) {
    T* dst = out + o;
    if (base < 0) {
      for (int64_t i = 0; i < inner; ++i) dst[i] = fill;
      return;
    }
    for (int64_t i = 0; i < inner; ++i) dst[i] = last[i] < 0 ? fill : in[base + last[i]];
  });
}

}  // namespace

void remap(const void* in, const std::vector<int64_t>& in_shape, void* out, const std::vector<int64_t>& out_shape,
           const AxisMaps& maps, size_t item, const void* fill) {
  if (out_shape.empty()) {
    std::memcpy(out, in, item);
    return;
  }
  // Elements are moved as opaque items of their size: one loop serves every dtype.
  switch (item) {
    case 1: {
      Item<1> f;
      std::memcpy(&f, fill, 1);
      remap_typed(static_cast<const Item<1>*>(in), in_shape, static_cast<Item<1>*>(out), out_shape, maps, f);
      break;
    }
    case 4: {
      Item<4> f;
      std::memcpy(&f, fill, 4);
      remap_typed(static_cast<const Item<4>*>(in), in_shape, static_cast<Item<4>*>(out), out_shape, maps, f);
      break;
    }
    default: {
      Item<8> f;
      std::memcpy(&f, fill, 8);
      remap_typed(static_cast<const Item<8>*>(in), in_shape, static_cast<Item<8>*>(out), out_shape, maps, f);
      break;
    }
  }
}

template <typename T>
void remap_add(const T* dy, const std::vector<int64_t>& dy_shape, T* dx, const std::vector<int64_t>& dx_shape,
               const AxisMaps& maps) {
  if (dy_shape.empty()) {
    *dx += *dy;
    return;
  }
  const std::vector<int64_t>& last = maps.back();
  const int64_t inner = dy_shape.back();
  for_each_row(dy_shape, row_major_strides(dx_shape), maps, [&](int64_t o, int64_t base) {
    if (base < 0) return;
    for (int64_t i = 0; i < inner; ++i)
      if (last[i] >= 0) dx[base + last[i]] += dy[o + i];
  });
}

template void remap_add<float>(const float*, const std::vector<int64_t>&, float*, const std::vector<int64_t>&,
                               const AxisMaps&);
template void remap_add<double>(const double*, const std::vector<int64_t>&, double*, const std::vector<int64_t>&,
                                const AxisMaps&);
template void remap_add<int32_t>(const int32_t*, const std::vector<int64_t>&, int32_t*, const std::vector<int64_t>&,
                                 const AxisMaps&);
template void remap_add<int64_t>(const int64_t*, const std::vector<int64_t>&, int64_t*, const std::vector<int64_t>&,
                                 const AxisMaps&);

}  // namespace ef::kernels
