// Shapes are vectors of dimensions; -1 marks a dimension unknown until run time (a
// symbolic batch axis). Helpers here validate and print them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ef {

using Shape = std::vector<int64_t>;
constexpr int64_t kUnknownDim = -1;

// Number of elements; -1 if any dimension is unknown.
int64_t num_elements(const Shape& shape);
// "(2, 3)" or "(None, 3)" or "()", as TensorFlow prints shapes.
std::string shape_str(const Shape& shape);
// Row-major strides in elements.
std::vector<int64_t> contiguous_strides(const Shape& shape);
// Maps a possibly negative axis into [0, rank), throwing InvalidArgument naming OP otherwise.
int64_t normalize_axis(int64_t axis, int64_t rank, const char* op);
// NumPy broadcasting of two shapes; throws InvalidArgument naming OP if incompatible.
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op);

}  // namespace ef
