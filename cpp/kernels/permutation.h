// A random permutation of [0, n) drawn as it is read: reading the first k positions costs
// k steps of a forward Fisher-Yates shuffle, so the first batch of an epoch does not wait
// for the order of all of its rows (0.7 ms for 60,000 rows, when a step takes 0.1 ms).
#pragma once
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>

#include "kernels/random.h"

namespace ef::kernels {

class LazyPermutation {
 public:
  LazyPermutation(int64_t n, RandomSeed seed);
  int64_t size() const { return n_; }
  // Writes positions [start, stop) of the permutation to OUT (0 <= start <= stop <= size).
  void read(int64_t start, int64_t stop, int64_t* out);

 private:
  // Reads that end within the first kSparseDraws positions keep the moved values in a small
  // hash table: even setting up an array of n (a memset of 480 KB for 60,000 rows) costs
  // more than an epoch's first step. Later reads move them to the array.
  static constexpr int64_t kSparseDraws = 256;
  static constexpr size_t kTableSize = 1024;  // a power of two, over twice the 2 * kSparseDraws entries

  int64_t at(int64_t i) const;
  void set(int64_t i, int64_t value);
  void move_to_array();

  struct Moved {
    int64_t position = -1;  // -1: an empty slot
    int64_t value = 0;
  };
  struct Free {
    void operator()(int64_t* p) const { std::free(p); }
  };
  int64_t n_;
  std::array<Moved, kTableSize> table_{};  // the sparse phase: positions whose value is not their own
  // The dense phase: value + 1 at each position, 0 for "still its own", so it starts as
  // untouched zero pages (calloc) for large n rather than n writes.
  std::unique_ptr<int64_t[], Free> slots_;
  int64_t drawn_ = 0;  // positions below it are final
  PhiloxStream rng_;
};

}  // namespace ef::kernels
