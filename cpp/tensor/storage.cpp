#include "tensor/storage.h"

#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "tensor/errors.h"

namespace ef {
namespace {

constexpr size_t kAlignment = 64;
constexpr size_t kLargeStep = size_t{1} << 20;        // above 1 MiB, sizes round to whole MiB
constexpr size_t kCacheLimit = size_t{512} << 20;     // bytes kept for reuse at most

// Freed buffers kept by rounded size, so the next tensor of that size skips malloc and,
// for big ones, the page faults of fresh memory (a training step frees and re-makes the
// same shapes every batch).
class BufferCache {
 public:
  static BufferCache& get() {
    static BufferCache* cache = new BufferCache();  // never destroyed: storages may outlive statics
    return *cache;
  }

  static size_t rounded(size_t nbytes) {
    if (nbytes <= kAlignment) return kAlignment;
    if (nbytes >= kLargeStep) return (nbytes + kLargeStep - 1) / kLargeStep * kLargeStep;
    size_t r = kAlignment;
    while (r < nbytes) r <<= 1;
    return r;
  }

  void* take(size_t size) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = free_.find(size);
      if (it != free_.end() && !it->second.empty()) {
        void* p = it->second.back();
        it->second.pop_back();
        cached_ -= size;
        return p;
      }
    }
    void* p = std::aligned_alloc(kAlignment, size);
    if (!p) {  // memory may be held by the cache: release it and try once more
      clear();
      p = std::aligned_alloc(kAlignment, size);
    }
    return p;
  }

  void give(void* p, size_t size) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cached_ + size <= kCacheLimit) {
        free_[size].push_back(p);
        cached_ += size;
        return;
      }
    }
    std::free(p);
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [size, list] : free_)
      for (void* p : list) std::free(p);
    free_.clear();
    cached_ = 0;
  }

  size_t cached() {
    std::lock_guard<std::mutex> lock(mutex_);
    return cached_;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<size_t, std::vector<void*>> free_;
  size_t cached_ = 0;
};

}  // namespace

Storage::~Storage() { BufferCache::get().give(data, BufferCache::rounded(nbytes)); }

StoragePtr allocate_storage(size_t nbytes, const char* op) {
  constexpr size_t kMax = size_t{1} << 62;
  void* p = nbytes > kMax ? nullptr : BufferCache::get().take(BufferCache::rounded(nbytes));
  if (!p) {
    throw ResourceExhausted(op_message(op, "cannot allocate " + std::to_string(nbytes) +
                                               " bytes: out of memory"));
  }
  return std::make_shared<Storage>(p, nbytes);
}

void release_cached_buffers() { BufferCache::get().clear(); }
size_t cached_buffer_bytes() { return BufferCache::get().cached(); }

}  // namespace ef
