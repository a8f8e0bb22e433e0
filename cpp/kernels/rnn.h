// Fused recurrent cells on row-major buffers: a batch of gate pre-activations in, the new
// states out, in one pass. Row r of every buffer is batch entry r; each gate is a
// contiguous block of `units` columns, in Keras's order.
#pragma once
#include <cstdint>

namespace ef::kernels {

// LSTM with sigmoid gates and tanh, gates i, f, c, o: z (n, 4u), c_prev (n, u) -> h, c (n, u).
//   c = sigmoid(z_f) c_prev + sigmoid(z_i) tanh(z_c),  h = sigmoid(z_o) tanh(c).
template <typename T>
void lstm_cell(const T* z, const T* c_prev, T* h, T* c, int64_t n, int64_t units);

// The gradient of lstm_cell: dz (n, 4u) and dc_prev (n, u) from dh and dc (n, u). The
// gates are recomputed from z, which costs less than storing them.
template <typename T>
void lstm_cell_grad(const T* z, const T* c_prev, const T* dh, const T* dc, T* dz, T* dc_prev, int64_t n,
                    int64_t units);

// GRU with reset_after (cuDNN's form), gates z, r, h: x_proj = x W + b_in and h_proj =
// h U + b_rec (n, 3u), h (n, u) -> h_new (n, u).
//   z = sigmoid(x_z + h_z), r = sigmoid(x_r + h_r), hh = tanh(x_h + r h_h),
//   h_new = z h + (1 - z) hh.
template <typename T>
void gru_cell(const T* x_proj, const T* h_proj, const T* h, T* h_new, int64_t n, int64_t units);

// The gradient of gru_cell: dx_proj, dh_proj (n, 3u) and dh (n, u) from dh_new (n, u).
template <typename T>
void gru_cell_grad(const T* x_proj, const T* h_proj, const T* h, const T* dh_new, T* dx_proj, T* dh_proj, T* dh,
                   int64_t n, int64_t units);

}  // namespace ef::kernels
