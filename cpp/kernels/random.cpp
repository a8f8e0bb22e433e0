// Philox4x32-10, the seed state and the distributions (see random.h).
#include "kernels/random.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <random>
#include <vector>

#include <Eigen/Core>

namespace ef::kernels {
namespace {

// The round multipliers and the Weyl key increments of Philox4x32 (Salmon et al. 2011).
constexpr uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
constexpr uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;

// The SplitMix64 finalizer: a bijection of 64-bit words that mixes every bit.
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Streams numbered by a call counter (no op seed) have the top bit set, so they never meet
// those numbered by an op seed's call count under the same key.
constexpr uint64_t kCounterStream = uint64_t{1} << 63;
// TensorFlow pairs an op seed given without a global seed with a fixed global seed.
constexpr int64_t kDefaultGlobalSeed = 87654321;

struct SeedState {
  std::mutex mu;
  std::optional<int64_t> global;
  uint64_t op_counter = 0;                  // calls without an op seed since set_seed
  std::map<int64_t, uint64_t> seeded_calls;  // calls per op seed since set_seed
  uint64_t fresh_key = 0;                   // from std::random_device, for unseeded use
  SeedState() {
    std::random_device rd;
    fresh_key = (uint64_t{rd()} << 32) | rd();
  }
};

SeedState& state() {
  static SeedState s;
  return s;
}

uint64_t key_for(int64_t global, uint64_t op_part) {
  return mix64(mix64(static_cast<uint64_t>(global) + 0x9E3779B97F4A7C15ull) ^ op_part);
}

}  // namespace

PhiloxCounter philox4x32_10(PhiloxCounter c, PhiloxKey k) {
  for (int round = 0; round < 10; ++round) {
    if (round) {
      k[0] += kW0;
      k[1] += kW1;
    }
    const uint64_t p0 = uint64_t{kM0} * c[0], p1 = uint64_t{kM1} * c[2];
    c = {static_cast<uint32_t>(p1 >> 32) ^ c[1] ^ k[0], static_cast<uint32_t>(p1),
         static_cast<uint32_t>(p0 >> 32) ^ c[3] ^ k[1], static_cast<uint32_t>(p0)};
  }
  return c;
}

PhiloxStream::PhiloxStream(RandomSeed seed)
    : key_{static_cast<uint32_t>(seed.key), static_cast<uint32_t>(seed.key >> 32)}, stream_(seed.stream) {}

uint32_t PhiloxStream::next32() {
  if (used_ == 4) {
    words_ = philox4x32_10({static_cast<uint32_t>(block_), static_cast<uint32_t>(block_ >> 32),
                            static_cast<uint32_t>(stream_), static_cast<uint32_t>(stream_ >> 32)},
                           key_);
    ++block_;
    used_ = 0;
  }
  return words_[used_++];
}

void set_global_seed(std::optional<int64_t> seed) {
  SeedState& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  s.global = seed;
  s.op_counter = 0;
  s.seeded_calls.clear();
}

RandomSeed next_seed(std::optional<int64_t> op_seed) {
  SeedState& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  if (op_seed) {
    const int64_t global = s.global.value_or(kDefaultGlobalSeed);
    return {key_for(global, static_cast<uint64_t>(*op_seed)), s.seeded_calls[*op_seed]++};
  }
  if (s.global) return {key_for(*s.global, 0), kCounterStream | s.op_counter++};
  return {s.fresh_key, kCounterStream | s.op_counter++};
}

RandomSeed stateless_seed(int64_t s0, int64_t s1) {
  return {mix64(static_cast<uint64_t>(s0) ^ 0x5851F42D4C957F2Dull), static_cast<uint64_t>(s1)};
}

template <typename T>
static double unit(PhiloxStream& g) {
  return std::is_same_v<T, float> ? g.uniform24() : g.uniform53();
}

template <typename T>
void uniform(T* out, int64_t n, double minval, double maxval, PhiloxStream& g) {
  // Rounding can land minval + range * u on maxval itself; keep the interval half-open.
  const T below = std::nextafter(static_cast<T>(maxval), static_cast<T>(minval));
  for (int64_t i = 0; i < n; ++i) {
    const T v = static_cast<T>(minval + (maxval - minval) * unit<T>(g));
    out[i] = (maxval > minval && v >= static_cast<T>(maxval)) ? below : v;
  }
}

template <typename T>
void uniform_int(T* out, int64_t n, int64_t minval, int64_t maxval, PhiloxStream& g) {
  // 64 random bits modulo the range: the bias is below range / 2^64.
  const uint64_t range = static_cast<uint64_t>(maxval) - static_cast<uint64_t>(minval);
  for (int64_t i = 0; i < n; ++i)
    out[i] = static_cast<T>(static_cast<int64_t>(static_cast<uint64_t>(minval) + g.next64() % range));
}

// Box-Muller, vectorised over a chunk: pairs of uniforms (u1, u2), drawn in that order,
// become the standard normals Z[2p], Z[2p+1] = sqrt(-2 log u1) (cos, sin)(2 pi u2).
constexpr int64_t kPairs = 256;

template <typename T>
static void standard_normals(PhiloxStream& g, int64_t pairs, T* z) {
  using Array = Eigen::Array<T, Eigen::Dynamic, 1>;
  constexpr double kTwoPi = 6.283185307179586476925;
  Array u1(pairs), angle(pairs);
  for (int64_t p = 0; p < pairs; ++p) {
    u1[p] = static_cast<T>(1.0 - unit<T>(g));  // in (0, 1]: log stays finite
    angle[p] = static_cast<T>(kTwoPi * unit<T>(g));
  }
  // Contiguous results first: Eigen vectorises log/cos/sin only into contiguous arrays.
  const Array r = (T(-2) * u1.log()).sqrt();
  const Array z0 = r * angle.cos(), z1 = r * angle.sin();
  for (int64_t p = 0; p < pairs; ++p) {
    z[2 * p] = z0[p];
    z[2 * p + 1] = z1[p];
  }
}

template <typename T>
void normal(T* out, int64_t n, double mean, double stddev, PhiloxStream& g) {
  T z[2 * kPairs];
  for (int64_t i = 0; i < n; i += 2 * kPairs) {
    const int64_t m = std::min(2 * kPairs, n - i);
    standard_normals(g, (m + 1) / 2, z);
    for (int64_t k = 0; k < m; ++k) out[i + k] = static_cast<T>(mean + stddev * z[k]);
  }
}

template <typename T>
void truncated_normal(T* out, int64_t n, double mean, double stddev, PhiloxStream& g) {
  T z[2 * kPairs];
  int64_t i = 0;
  while (i < n) {
    // About 95.4% are kept: draw a little more than what is left.
    const int64_t pairs = std::min(kPairs, (n - i) * 11 / 20 + 1);
    standard_normals(g, pairs, z);
    for (int64_t k = 0; k < 2 * pairs && i < n; ++k)
      if (std::abs(z[k]) <= T(2)) out[i++] = static_cast<T>(mean + stddev * z[k]);
  }
}

template <typename T>
void dropout_mask(T* out, int64_t n, double rate, PhiloxStream& g) {
  const T scale = static_cast<T>(1.0 / (1.0 - rate));
  for (int64_t i = 0; i < n; ++i) out[i] = g.next32() * 0x1.0p-32 >= rate ? scale : T(0);
}

void shuffle_rows(const void* in, void* out, int64_t rows, int64_t row_bytes, PhiloxStream& g) {
  const char* src = static_cast<const char*>(in);
  char* dst = static_cast<char*>(out);
  std::vector<int64_t> order(rows);
  for (int64_t i = 0; i < rows; ++i) order[i] = i;
  for (int64_t i = rows - 1; i > 0; --i) std::swap(order[i], order[g.next64() % static_cast<uint64_t>(i + 1)]);
  for (int64_t i = 0; i < rows; ++i) std::memcpy(dst + i * row_bytes, src + order[i] * row_bytes, row_bytes);
}

template <typename T, typename Index>
void categorical(const T* logits, int64_t batch, int64_t classes, int64_t num_samples, Index* out,
                 PhiloxStream& g) {
  std::vector<double> cdf(classes);
  for (int64_t b = 0; b < batch; ++b) {
    const T* row = logits + b * classes;
    double top = -INFINITY;
    for (int64_t j = 0; j < classes; ++j)
      if (std::isfinite(row[j])) top = std::max(top, static_cast<double>(row[j]));
    double total = 0;
    for (int64_t j = 0; j < classes; ++j) {
      if (std::isfinite(row[j])) total += std::exp(row[j] - top);
      cdf[j] = total;
    }
    // The first class whose cumulative weight exceeds u * total; none when total is 0.
    for (int64_t s = 0; s < num_samples; ++s) {
      const double target = g.uniform53() * total;
      out[b * num_samples + s] =
          static_cast<Index>(std::upper_bound(cdf.begin(), cdf.end(), target) - cdf.begin());
    }
  }
}

template void uniform<float>(float*, int64_t, double, double, PhiloxStream&);
template void uniform<double>(double*, int64_t, double, double, PhiloxStream&);
template void uniform_int<int32_t>(int32_t*, int64_t, int64_t, int64_t, PhiloxStream&);
template void uniform_int<int64_t>(int64_t*, int64_t, int64_t, int64_t, PhiloxStream&);
template void normal<float>(float*, int64_t, double, double, PhiloxStream&);
template void normal<double>(double*, int64_t, double, double, PhiloxStream&);
template void truncated_normal<float>(float*, int64_t, double, double, PhiloxStream&);
template void truncated_normal<double>(double*, int64_t, double, double, PhiloxStream&);
template void dropout_mask<float>(float*, int64_t, double, PhiloxStream&);
template void dropout_mask<double>(double*, int64_t, double, PhiloxStream&);
template void categorical<float, int32_t>(const float*, int64_t, int64_t, int64_t, int32_t*, PhiloxStream&);
template void categorical<float, int64_t>(const float*, int64_t, int64_t, int64_t, int64_t*, PhiloxStream&);
template void categorical<double, int32_t>(const double*, int64_t, int64_t, int64_t, int32_t*, PhiloxStream&);
template void categorical<double, int64_t>(const double*, int64_t, int64_t, int64_t, int64_t*, PhiloxStream&);

}  // namespace ef::kernels
