#include "tensor/storage.h"

#include <array>
#include <atomic>
#include <cstdlib>
#include <deque>
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
      List& list = list_for(size);
      if (!list.empty()) {  // the most recently cached: the likeliest still in the CPU's caches
        void* p = list.back().data;
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

  // A full cache makes room by freeing the buffers cached longest ago: those left by an
  // earlier phase (an eager first step, a trace) must not keep out the buffers a traced step
  // frees and needs again, which would otherwise be fresh memory, page faults and all, on
  // every step.
  void give(void* p, size_t size) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (size <= kCacheLimit) {
        while (cached_ + size > kCacheLimit) evict_oldest();
        list_for(size).push_back({p, ++clock_});
        cached_ += size;
        return;
      }
    }
    std::free(p);
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (List& list : small_) free_all(list);
    for (auto& [size, list] : large_) free_all(list);
    large_.clear();
    cached_ = 0;
  }

  size_t cached() {
    std::lock_guard<std::mutex> lock(mutex_);
    return cached_;
  }

 private:
  struct Cached {
    void* data;
    uint64_t cached_at;  // clock_ when it came back
  };
  // A size's free buffers, in the order they came back.
  using List = std::deque<Cached>;

  // The list of SIZE (a rounded size): below 1 MiB sizes are powers of two from 64 bytes, one
  // list each, found without hashing; whole MiBs are kept by size.
  List& list_for(size_t size) {
    if (size < kLargeStep) return small_[small_index(size)];
    return large_[size];
  }
  static size_t small_index(size_t size) { return __builtin_ctzll(size) - __builtin_ctzll(kAlignment); }

  static void free_all(List& list) {
    for (const Cached& c : list) std::free(c.data);
    list.clear();
  }

  // Frees the buffer cached longest ago, the front of one of the lists (the cache is not
  // empty: the caller needs room).
  void evict_oldest() {
    List* oldest = nullptr;
    size_t oldest_size = 0;
    auto consider = [&](List& list, size_t size) {
      if (!list.empty() && (!oldest || list.front().cached_at < oldest->front().cached_at)) {
        oldest = &list;
        oldest_size = size;
      }
    };
    for (size_t i = 0; i < small_.size(); ++i) consider(small_[i], kAlignment << i);
    for (auto& [size, list] : large_) consider(list, size);
    std::free(oldest->front().data);
    oldest->pop_front();
    cached_ -= oldest_size;
  }

  std::mutex mutex_;
  std::array<List, 14> small_;  // 64 B .. 512 KiB
  std::unordered_map<size_t, List> large_;
  size_t cached_ = 0;
  uint64_t clock_ = 0;
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
