#include "kernels/permutation.h"

#include <new>

namespace ef::kernels {
namespace {

// Fibonacci hashing: the product's high bits, masked to SIZE (a power of two up to 2^32).
size_t table_home(int64_t position, size_t size) {
  return static_cast<size_t>((static_cast<uint64_t>(position) * 0x9E3779B97F4A7C15ull) >> 32) & (size - 1);
}

}  // namespace

LazyPermutation::LazyPermutation(int64_t n, RandomSeed seed) : n_(n), rng_(seed) {}

int64_t LazyPermutation::at(int64_t i) const {
  if (slots_) return slots_[i] ? slots_[i] - 1 : i;
  for (size_t k = table_home(i, kTableSize);; k = (k + 1) & (kTableSize - 1)) {
    if (table_[k].position == i) return table_[k].value;
    if (table_[k].position < 0) return i;
  }
}

void LazyPermutation::set(int64_t i, int64_t value) {
  if (slots_) {
    slots_[i] = value + 1;
    return;
  }
  size_t k = table_home(i, kTableSize);
  while (table_[k].position >= 0 && table_[k].position != i) k = (k + 1) & (kTableSize - 1);
  table_[k] = Moved{i, value};
}

void LazyPermutation::move_to_array() {
  slots_.reset(static_cast<int64_t*>(std::calloc(static_cast<size_t>(n_ > 0 ? n_ : 1), sizeof(int64_t))));
  if (!slots_) throw std::bad_alloc();
  for (const Moved& m : table_)
    if (m.position >= 0) slots_[m.position] = m.value + 1;
}

void LazyPermutation::read(int64_t start, int64_t stop, int64_t* out) {
  if (!slots_ && stop > kSparseDraws) move_to_array();
  // Position i takes a uniform pick among the values not yet placed, which sit in [i, n).
  for (; drawn_ < stop && drawn_ < n_ - 1; ++drawn_) {
    const int64_t j = drawn_ + static_cast<int64_t>(rng_.next64() % static_cast<uint64_t>(n_ - drawn_));
    const int64_t picked = at(j);
    set(j, at(drawn_));
    set(drawn_, picked);
  }
  for (int64_t i = start; i < stop; ++i) out[i - start] = at(i);
}

}  // namespace ef::kernels
