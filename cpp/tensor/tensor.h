// A Tensor is a view: storage + byte offset + shape + dtype, always row-major contiguous.
// Tensors are immutable and shared through TensorPtr, except Variables, whose buffer is
// replaced or overwritten by assign. Every tensor has an id the gradient tape tracks it by;
// a Variable keeps one id for life, so every read of it accumulates into one gradient.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>

#include "tensor/dtype.h"
#include "tensor/shape.h"
#include "tensor/storage.h"

namespace ef {

struct Tensor;
using TensorPtr = std::shared_ptr<Tensor>;
// The op call that made a symbolic tensor (defined by the ops level, ops/symbolic.h).
struct Producer;

uint64_t next_tensor_id();

struct Tensor {
  StoragePtr storage;  // null for a symbolic tensor
  size_t offset = 0;   // in bytes
  Shape shape;
  DType dtype = DType::Float32;
  uint64_t id = next_tensor_id();
  bool is_variable = false;
  bool trainable = false;
  // Symbolic tensors (no storage; -1 for unknown dims) remember the op that made them,
  // so a functional model can run the same ops again on real values.
  std::shared_ptr<Producer> producer;
  int producer_output = 0;
  // What is known of a symbolic integer tensor's values (-1 where unknown): tf.shape of a
  // Keras Input is (-1, 6, 5), so tf.shape(x)[1] folds to the constant 6.
  std::shared_ptr<const std::vector<int64_t>> known_values;

  Tensor() = default;
  Tensor(StoragePtr s, Shape sh, DType dt, size_t off = 0)
      : storage(std::move(s)), offset(off), shape(std::move(sh)), dtype(dt) {}

  bool symbolic() const { return !storage; }
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  int64_t size() const { return num_elements(shape); }
  size_t nbytes() const { return static_cast<size_t>(size()) * itemsize(dtype); }
  void* raw() const { return static_cast<char*>(storage->data) + offset; }
  template <typename T> T* data() const { return static_cast<T*>(raw()); }
};

// A symbolic tensor: a shape (with -1 for unknown dims) and a dtype, no values.
TensorPtr symbolic(const Shape& shape, DType dtype);
// A new uninitialised tensor.
TensorPtr empty(Shape shape, DType dtype, const char* op = "allocate");
// empty() for a caller that keeps what it makes from one call to the next (a traced graph,
// each of its nodes' outputs): when nothing but KEPT holds KEPT's tensor, nor that tensor's
// buffer, and the buffer has exactly the bytes needed, that tensor is renewed (a new id,
// SHAPE and DTYPE; its values are left, as empty's are undefined) rather than a new one
// allocated. KEPT then refers to the result, unless it is larger than kMaxKeptBytes (the
// allocation costs little next to the work on so many values, and kept memory stays small).
constexpr size_t kMaxKeptBytes = size_t{64} << 10;
TensorPtr empty_reusing(TensorPtr& kept, Shape shape, DType dtype, const char* op = "allocate");
// A tensor filled with VALUE (converted to DTYPE).
TensorPtr full(const Shape& shape, DType dtype, double value);
// A new tensor sharing T's buffer with another shape of the same size (T must not be a
// Variable, whose buffer may be overwritten).
TensorPtr view(const TensorPtr& t, const Shape& shape);
// A deep copy.
TensorPtr copy(const TensorPtr& t);
// The same buffer and id as a Variable, frozen: assign replaces the Variable's buffer
// rather than overwrite one that a snapshot still holds.
TensorPtr snapshot(const TensorPtr& variable);
// Reads element I as a double (for scalars and small index tensors).
double element_as_double(const Tensor& t, int64_t i);

}  // namespace ef
