#include "tensor/tensor.h"

#include <cstring>
#include <utility>

#include "tensor/errors.h"

namespace ef {

uint64_t next_tensor_id() {
  static std::atomic<uint64_t> counter{1};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

TensorPtr symbolic(const Shape& shape, DType dtype) {
  auto t = std::make_shared<Tensor>();
  t->shape = shape;
  t->dtype = dtype;
  return t;
}

TensorPtr empty(Shape shape, DType dtype, const char* op) {
  int64_t n = num_elements(shape);
  size_t item = itemsize(dtype);
  if (n < 0 || (n > 0 && static_cast<uint64_t>(n) > (uint64_t{1} << 62) / item)) {
    throw ResourceExhausted(op_message(op, "cannot allocate a tensor of shape " +
                                               shape_str(shape) + ": out of memory"));
  }
  return std::make_shared<Tensor>(allocate_storage(static_cast<size_t>(n) * item, op), std::move(shape),
                                  dtype);
}

TensorPtr empty_reusing(TensorPtr& kept, Shape shape, DType dtype, const char* op) {
  if (kept && kept.use_count() == 1 && !kept->is_variable && kept->storage && kept->storage.use_count() == 1) {
    int64_t n = num_elements(shape);
    if (n >= 0 && kept->storage->nbytes == static_cast<size_t>(n) * itemsize(dtype)) {
      // Whoever held the tensor last let go with a release decrement: their reads of the
      // old values happen before the new ones are written.
      std::atomic_thread_fence(std::memory_order_acquire);
      // A new tensor on the same buffer: a new id, and every other field as a new tensor's.
      *kept = Tensor(std::move(kept->storage), std::move(shape), dtype);
      return kept;
    }
  }
  TensorPtr t = empty(std::move(shape), dtype, op);
  if (t->nbytes() <= kMaxKeptBytes) {
    kept = t;
  } else {
    kept.reset();
  }
  return t;
}

TensorPtr full(const Shape& shape, DType dtype, double value) {
  TensorPtr t = empty(shape, dtype, "fill");
  int64_t n = t->size();
  EF_DISPATCH_ALL(dtype, {
    T* p = t->data<T>();
    T v = static_cast<T>(value);
    for (int64_t i = 0; i < n; ++i) p[i] = v;
  });
  return t;
}

TensorPtr view(const TensorPtr& t, const Shape& shape) {
  if (t->is_variable) {
    TensorPtr c = copy(t);
    c->shape = shape;
    return c;
  }
  return std::make_shared<Tensor>(t->storage, shape, t->dtype, t->offset);
}

TensorPtr copy(const TensorPtr& t) {
  TensorPtr c = empty(t->shape, t->dtype, "copy");
  if (t->nbytes()) std::memcpy(c->raw(), t->raw(), t->nbytes());
  return c;
}

TensorPtr snapshot(const TensorPtr& variable) {
  auto s = std::make_shared<Tensor>(variable->storage, variable->shape, variable->dtype,
                                    variable->offset);
  s->id = variable->id;
  return s;
}

double element_as_double(const Tensor& t, int64_t i) {
  double v = 0;
  EF_DISPATCH_ALL(t.dtype, v = static_cast<double>(t.data<T>()[i]));
  return v;
}

}  // namespace ef
