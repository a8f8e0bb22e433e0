// Shape and dtype rules shared by op families: each validates before any kernel runs.
#pragma once
#include <string>

#include "ops/registry.h"

namespace ef::ops {

std::string dtype_list(const OpCall& c);
std::string shape_list(const OpCall& c);

// Throws unless input K has a floating dtype.
void require_float(const OpCall& c, size_t k);
// Throws unless input K is int32 or int64.
void require_int(const OpCall& c, size_t k);
// Throws unless input K is not bool.
void require_numeric(const OpCall& c, size_t k);
// Throws unless inputs FIRST..LAST have one dtype (TensorFlow never mixes them silently).
void require_same_dtype(const OpCall& c, size_t first = 0, size_t last = SIZE_MAX);

// One output of SHAPE and DTYPE. (`return {{shape, dtype}}` copies the shape once more: an
// initializer list is copied from, and shape rules run on every op call.)
std::vector<TensorMeta> one_output(Shape shape, DType dtype);

// Output has the input's shape and dtype (floats only when FLOAT_ONLY).
std::vector<TensorMeta> same_as_input(const OpCall& c, bool float_only);
// Elementwise binary: same dtypes, broadcast shapes; the result dtype is OUT or the input's.
std::vector<TensorMeta> broadcast_binary(const OpCall& c, bool bool_out);

// Gives VAR a buffer of its own before an in-place write: a tape's snapshot (or any other
// tensor) sharing the current one keeps the old values, as assign() does.
void make_writable(Tensor& var, const char* op);

// Normalised, sorted, de-duplicated reduction axes for an Axes attribute (None = all).
std::vector<int64_t> reduction_axes(const OpCall& c, size_t attr, int64_t rank);
Shape reduced_shape(const Shape& in, const std::vector<int64_t>& axes, bool keepdims);

}  // namespace ef::ops
