// A set of tensor ids for the tape's per-op membership tests: open addressing with linear
// probing in one array. std::unordered_set allocated a node per insert and divided per
// lookup, a fifth of the cost of recording an op.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ef::autodiff {

class IdSet {
 public:
  bool contains(uint64_t id) const {
    if (slots_.empty()) return false;
    for (size_t i = home(id);; i = (i + 1) & mask()) {
      if (slots_[i] == id) return true;
      if (slots_[i] == kEmpty) return false;
    }
  }

  // Adds ID (never 0: tensor ids start at 1); true if it was not there.
  bool insert(uint64_t id) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (size_t i = home(id);; i = (i + 1) & mask()) {
      if (slots_[i] == id) return false;
      if (slots_[i] == kEmpty) {
        slots_[i] = id;
        ++size_;
        return true;
      }
    }
  }

 private:
  static constexpr uint64_t kEmpty = 0;
  size_t mask() const { return slots_.size() - 1; }
  // Fibonacci hashing: consecutive ids spread over the table.
  size_t home(uint64_t id) const { return static_cast<size_t>((id * 0x9E3779B97F4A7C15ull) >> shift_); }

  void grow() {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, kEmpty);
    shift_ = 64;
    for (size_t n = slots_.size(); n > 1; n >>= 1) --shift_;
    size_ = 0;
    for (uint64_t id : old)
      if (id != kEmpty) insert(id);
  }

  std::vector<uint64_t> slots_;
  size_t size_ = 0;
  int shift_ = 64;
};

}  // namespace ef::autodiff
