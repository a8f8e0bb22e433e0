#include "tensor/storage.h"

#include <array>
#include <atomic>
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
      std::vector<void*>& list = list_for(size);
      if (!list.empty()) {
        void* p = list.back();
        list.pop_back();
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
        list_for(size).push_back(p);
        cached_ += size;
        return;
      }
    }
    std::free(p);
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::vector<void*>& list : small_) {
      for (void* p : list) std::free(p);
      list.clear();
    }
    for (auto& [size, list] : large_)
      for (void* p : list) std::free(p);
    large_.clear();
    cached_ = 0;
  }

  size_t cached() {
    std::lock_guard<std::mutex> lock(mutex_);
    return cached_;
  }

 private:
  // The free buffers of SIZE (a rounded size): below 1 MiB sizes are powers of two from 64
  // bytes, one list each, found without hashing; whole MiBs are kept by size.
  std::vector<void*>& list_for(size_t size) {
    if (size < kLargeStep) return small_[__builtin_ctzll(size) - __builtin_ctzll(kAlignment)];
    return large_[size];
  }

  std::mutex mutex_;
  std::array<std::vector<void*>, 14> small_;  // 64 B .. 512 KiB
  std::unordered_map<size_t, std::vector<void*>> large_;
  size_t cached_ = 0;
};

// Bytes held by live storages (at their rounded size), and the most held at once since the
// last reset: what tf.config.experimental.get_memory_info reports.
std::atomic<size_t> g_live_bytes{0};
std::atomic<size_t> g_peak_bytes{0};

void note_allocated(size_t size) {
  size_t live = g_live_bytes.fetch_add(size, std::memory_order_relaxed) + size;
  size_t peak = g_peak_bytes.load(std::memory_order_relaxed);
  while (live > peak && !g_peak_bytes.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
  }
}

}  // namespace

Storage::~Storage() {
  size_t size = BufferCache::rounded(nbytes);
  g_live_bytes.fetch_sub(size, std::memory_order_relaxed);
  BufferCache::get().give(data, size);
}

StoragePtr allocate_storage(size_t nbytes, const char* op) {
  constexpr size_t kMax = size_t{1} << 62;
  const size_t size = nbytes > kMax ? 0 : BufferCache::rounded(nbytes);
  void* p = nbytes > kMax ? nullptr : BufferCache::get().take(size);
  if (!p) {
    throw ResourceExhausted(op_message(op, "cannot allocate " + std::to_string(nbytes) +
                                               " bytes: out of memory"));
  }
  StoragePtr storage = std::make_shared<Storage>(p, nbytes);
  note_allocated(size);
  return storage;
}

void release_cached_buffers() { BufferCache::get().clear(); }
size_t cached_buffer_bytes() { return BufferCache::get().cached(); }
size_t live_tensor_bytes() { return g_live_bytes.load(std::memory_order_relaxed); }
size_t peak_tensor_bytes() { return g_peak_bytes.load(std::memory_order_relaxed); }
void reset_peak_tensor_bytes() { g_peak_bytes.store(live_tensor_bytes(), std::memory_order_relaxed); }

}  // namespace ef
