// Reference-counted, 64-byte aligned byte buffers that tensors view.
#pragma once
#include <cstddef>
#include <memory>

namespace ef {

struct Storage {
  void* data = nullptr;
  size_t nbytes = 0;
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  Storage(void* d, size_t n) : data(d), nbytes(n) {}
  ~Storage();
};

using StoragePtr = std::shared_ptr<Storage>;

// Allocates NBYTES aligned to 64 bytes (uninitialised); throws ResourceExhausted naming OP
// when memory cannot hold it.
StoragePtr allocate_storage(size_t nbytes, const char* op = "allocate");

// Freed buffers are cached for reuse (up to 512 MiB); these empty the cache and report it.
void release_cached_buffers();
size_t cached_buffer_bytes();

// Bytes of tensor buffers in use now, and the most in use at once since the last reset (which
// starts the peak again from what is in use).
size_t live_tensor_bytes();
size_t peak_tensor_bytes();
void reset_peak_tensor_bytes();

}  // namespace ef
