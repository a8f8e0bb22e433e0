#include "tensor/storage.h"

#include <cstdlib>
#include <string>

#include "tensor/errors.h"

namespace ef {

constexpr size_t kAlignment = 64;

Storage::~Storage() { std::free(data); }

StoragePtr allocate_storage(size_t nbytes, const char* op) {
  size_t rounded = (nbytes + kAlignment - 1) / kAlignment * kAlignment;
  if (rounded == 0) rounded = kAlignment;
  void* p = rounded < nbytes ? nullptr : std::aligned_alloc(kAlignment, rounded);
  if (!p) {
    throw ResourceExhausted(op_message(op, "cannot allocate " + std::to_string(nbytes) +
                                               " bytes: out of memory"));
  }
  return std::make_shared<Storage>(p, nbytes);
}

}  // namespace ef
