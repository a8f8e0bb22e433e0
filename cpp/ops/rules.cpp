#include "ops/rules.h"

#include <algorithm>
#include <cstring>

namespace ef::ops {

std::string dtype_list(const OpCall& c) {
  std::string s;
  for (size_t i = 0; i < c.inputs.size(); ++i) s += (i ? ", " : "") + std::string(dtype_name(c.inputs[i]->dtype));
  return s;
}

std::string shape_list(const OpCall& c) {
  std::string s;
  for (size_t i = 0; i < c.inputs.size(); ++i) s += (i ? " and " : "") + shape_str(c.inputs[i]->shape);
  return s;
}

static std::string input_label(const OpCall& c, size_t k) {
  if (c.op.variadic || k >= c.op.inputs.size()) return "input " + std::to_string(k);
  return "'" + c.op.inputs[k].name + "'";
}

void require_float(const OpCall& c, size_t k) {
  if (!is_float(c.in(k)->dtype))
    throw InvalidArgument(op_message(c.name(), input_label(c, k) + " must be float32 or float64, received " +
                                                   dtype_name(c.in(k)->dtype)));
}

void require_int(const OpCall& c, size_t k) {
  if (!is_int(c.in(k)->dtype))
    throw InvalidArgument(op_message(c.name(), input_label(c, k) + " must be int32 or int64, received " +
                                                   dtype_name(c.in(k)->dtype)));
}

void require_numeric(const OpCall& c, size_t k) {
  if (c.in(k)->dtype == DType::Bool)
    throw InvalidArgument(op_message(c.name(), input_label(c, k) + " must be numeric, received bool"));
}

void require_same_dtype(const OpCall& c, size_t first, size_t last) {
  last = std::min(last, c.inputs.size() - 1);
  for (size_t k = first + 1; k <= last; ++k) {
    if (c.in(k)->dtype != c.in(first)->dtype)
      throw InvalidArgument(op_message(c.name(), "inputs must have the same dtype, received " + dtype_list(c) +
                                                     " (use tf.cast)"));
  }
}

std::vector<TensorMeta> one_output(Shape shape, DType dtype) {
  std::vector<TensorMeta> metas(1);
  metas[0].shape = std::move(shape);
  metas[0].dtype = dtype;
  return metas;
}

std::vector<TensorMeta> same_as_input(const OpCall& c, bool float_only) {
  if (float_only) require_float(c, 0);
  return one_output(c.in(0)->shape, c.in(0)->dtype);
}

std::vector<TensorMeta> broadcast_binary(const OpCall& c, bool bool_out) {
  require_same_dtype(c);
  return one_output(broadcast_shapes(c.in(0)->shape, c.in(1)->shape, c.name()),
                    bool_out ? DType::Bool : c.in(0)->dtype);
}

void make_writable(Tensor& var, const char* op) {
  if (var.storage.use_count() == 1 && var.offset == 0) return;
  StoragePtr fresh = allocate_storage(var.nbytes(), op);
  if (var.nbytes()) std::memcpy(fresh->data, var.raw(), var.nbytes());
  var.storage = std::move(fresh);
  var.offset = 0;
}

std::vector<int64_t> reduction_axes(const OpCall& c, size_t attr, int64_t rank) {
  std::vector<int64_t> axes;
  axes.reserve(std::max<int64_t>(rank, 1));
  if (c.attrs.none(attr)) {
    for (int64_t a = 0; a < rank; ++a) axes.push_back(a);
    return axes;
  }
  for (int64_t a : c.attrs.ints(attr)) axes.push_back(normalize_axis(a, std::max<int64_t>(rank, 1), c.name()));
  if (rank == 0) axes.clear();
  std::sort(axes.begin(), axes.end());
  auto repeated = std::adjacent_find(axes.begin(), axes.end());
  if (repeated != axes.end())  // TensorFlow refuses [0, 0] or [1, -1] on a matrix too
    throw InvalidArgument(op_message(c.name(), "axis " + std::to_string(*repeated) + " is given twice, received axis " +
                                                   shape_str(c.attrs.ints(attr))));
  return axes;
}

Shape reduced_shape(const Shape& in, const std::vector<int64_t>& axes, bool keepdims) {
  Shape out;
  out.reserve(in.size());
  for (int64_t d = 0; d < static_cast<int64_t>(in.size()); ++d) {
    bool reduced = std::binary_search(axes.begin(), axes.end(), d);
    if (!reduced) out.push_back(in[d]);
    else if (keepdims) out.push_back(1);
  }
  return out;
}

}  // namespace ef::ops
