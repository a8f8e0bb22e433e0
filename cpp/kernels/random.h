// Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel random numbers:
// as easy as 1, 2, 3", SC 2011), the distributions built on it, and the global seed state
// that tf.random.set_seed drives. The same (key, stream) gives the same numbers on every
// run and machine.
#pragma once
#include <array>
#include <cstdint>
#include <optional>

namespace ef::kernels {

using PhiloxCounter = std::array<uint32_t, 4>;
using PhiloxKey = std::array<uint32_t, 2>;

// One Philox4x32-10 block: 10 rounds over COUNTER under KEY.
PhiloxCounter philox4x32_10(PhiloxCounter counter, PhiloxKey key);

// Where one random op call draws from: a 64-bit key and a 64-bit stream number.
struct RandomSeed {
  uint64_t key = 0;
  uint64_t stream = 0;
};

// The 32-bit words of one (key, stream): block b is Philox of the counter
// {b_lo, b_hi, stream_lo, stream_hi}, read word by word.
class PhiloxStream {
 public:
  explicit PhiloxStream(RandomSeed seed);
  uint32_t next32();
  uint64_t next64() {
    uint64_t hi = next32();
    return (hi << 32) | next32();
  }
  // Uniform in [0, 1) with 24 (float) or 53 (double) random bits.
  double uniform24() { return (next32() >> 8) * 0x1.0p-24; }
  double uniform53() { return (next64() >> 11) * 0x1.0p-53; }

 private:
  PhiloxKey key_;
  uint64_t stream_;
  uint64_t block_ = 0;
  PhiloxCounter words_{};
  int used_ = 4;
};

// Global seed state. Seeds follow TensorFlow's rules: with a global seed, ops without an
// op seed take the next value of a counter that set_seed resets; an op seed alone is paired
// with a fixed default global seed (deterministic); neither gives a key drawn once per
// process from std::random_device. Each (global seed, op seed) pair counts its calls, so
// repeated calls differ and set_seed replays them. Thread-safe.
void set_global_seed(std::optional<int64_t> seed);
RandomSeed next_seed(std::optional<int64_t> op_seed);
// The seed of the stateless ops: a pure function of the two seed words.
RandomSeed stateless_seed(int64_t s0, int64_t s1);

// Distributions; each fills N values in order from G. Floats: float or double.
template <typename T>
void uniform(T* out, int64_t n, double minval, double maxval, PhiloxStream& g);
// Integers (int32_t, int64_t) in [minval, maxval), maxval > minval.
template <typename T>
void uniform_int(T* out, int64_t n, int64_t minval, int64_t maxval, PhiloxStream& g);
template <typename T>
void normal(T* out, int64_t n, double mean, double stddev, PhiloxStream& g);
// Normal values more than 2 standard deviations from the mean are drawn again.
template <typename T>
void truncated_normal(T* out, int64_t n, double mean, double stddev, PhiloxStream& g);
// 0 with probability RATE, else 1 / (1 - RATE).
template <typename T>
void dropout_mask(T* out, int64_t n, double rate, PhiloxStream& g);
// A uniform random permutation (Fisher-Yates) of ROWS rows of ROW_BYTES bytes.
void shuffle_rows(const void* in, void* out, int64_t rows, int64_t row_bytes, PhiloxStream& g);
// NUM_SAMPLES class indices per row of a [batch, classes] logits matrix, drawn from
// softmax(row). Non-finite logits have probability 0; a row with none finite gives CLASSES.
template <typename T, typename Index>
void categorical(const T* logits, int64_t batch, int64_t classes, int64_t num_samples, Index* out,
                 PhiloxStream& g);

}  // namespace ef::kernels
