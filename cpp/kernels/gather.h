// Indexing kernels: copy rows out by index (gather), add rows back by index (the scatter-add
// behind segment sums and the gradients of gathers), and one-hot encoding. Indices are
// validated by the op before any of these runs.
#pragma once
#include <cstddef>
#include <cstdint>

namespace ef::kernels {

// PARAMS is (batch, outer, axis_size, inner) and INDICES (batch, count); writes
// out[b, o, i] = params[b, o, indices[b, i]], a memcpy of INNER_BYTES per row.
template <typename I>
void gather_rows(const void* params, const I* indices, void* out, int64_t batch, int64_t outer,
                 int64_t axis_size, int64_t count, size_t inner_bytes);

// out[ids[i]] += data[i] for COUNT rows of INNER elements; rows whose id is negative are
// dropped. OUT must be initialised (zeros for a scatter into zeros).
template <typename T, typename I>
void scatter_add_rows(const T* data, const I* ids, T* out, int64_t count, int64_t inner);

// OUT is (prefix, depth, suffix) and INDICES (prefix, suffix): ON where the index equals the
// depth position, OFF elsewhere (an index outside [0, depth) gives a row of OFF).
template <typename T, typename I>
void one_hot(const I* indices, T* out, int64_t prefix, int64_t depth, int64_t suffix, T on, T off);

}  // namespace ef::kernels
