#include "kernels/permutation.h"

#include <new>

namespace ef::kernels {

LazyPermutation::LazyPermutation(int64_t n, RandomSeed seed)
    : n_(n), slots_(static_cast<int64_t*>(std::calloc(static_cast<size_t>(n > 0 ? n : 1), sizeof(int64_t)))),
      rng_(seed) {
  if (!slots_) throw std::bad_alloc();
}

void LazyPermutation::read(int64_t start, int64_t stop, int64_t* out) {
  // Position i takes a uniform pick among the values not yet placed, which sit in [i, n).
  for (; drawn_ < stop && drawn_ < n_ - 1; ++drawn_) {
    const int64_t j = drawn_ + static_cast<int64_t>(rng_.next64() % static_cast<uint64_t>(n_ - drawn_));
    const int64_t picked = at(j);
    slots_[j] = at(drawn_) + 1;
    slots_[drawn_] = picked + 1;
  }
  for (int64_t i = start; i < stop; ++i) out[i - start] = at(i);
}

}  // namespace ef::kernels
