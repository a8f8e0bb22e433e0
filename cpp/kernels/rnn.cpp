#include "kernels/rnn.h"

#include <vector>

#include <Eigen/Core>

#include "kernels/thread_pool.h"

namespace ef::kernels {
namespace {

template <typename T>
using Row = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using ConstRow = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using Array = Eigen::Array<T, Eigen::Dynamic, 1>;

// 1 / (1 + e^-x), as the sigmoid op computes it (Eigen's logistic() is less accurate in float).
// An expression, evaluated where it is assigned: into a row's scratch, without a new array.
template <typename E>
auto sigmoid(const Eigen::ArrayBase<E>& x) {
  using T = typename E::Scalar;
  return ((-x).exp() + T(1)).inverse();
}

// A cell's row costs a few exponentials per unit: counted as this many elements of plain
// arithmetic when deciding whether a batch is worth the pool's threads.
constexpr int64_t kCellCostPerUnit = 128;

// Runs ROW(r, scratch) for every row r of N, the rows shared among the pool's threads.
// SCRATCH holds SLOTS arrays of UNITS values that a row overwrites: made once per thread's
// share of the rows, not once per row.
template <typename T, typename F>
void for_each_row(int64_t n, int64_t units, int slots, const F& row) {
  parallel_for(n, n * units * kCellCostPerUnit, [&](int64_t first, int64_t last) {
    std::vector<Array<T>> scratch(slots, Array<T>(units));
    for (int64_t r = first; r < last; ++r) row(r, scratch);
  });
}

}  // namespace

template <typename T>
void lstm_cell(const T* z, const T* c_prev, T* h, T* c, int64_t n, int64_t units) {
  const int64_t u = units;
  for_each_row<T>(n, u, 3, [&](int64_t r, std::vector<Array<T>>& gates) {
    Array<T>&i = gates[0], &f = gates[1], &o = gates[2];
    const T* zr = z + r * 4 * u;
    i = sigmoid(ConstRow<T>(zr, u));
    f = sigmoid(ConstRow<T>(zr + u, u));
    o = sigmoid(ConstRow<T>(zr + 3 * u, u));
    Row<T> cr(c + r * u, u);
    cr = f * ConstRow<T>(c_prev + r * u, u) + i * ConstRow<T>(zr + 2 * u, u).tanh();
    Row<T>(h + r * u, u) = o * cr.tanh();
  });
}

template <typename T>
void lstm_cell_grad(const T* z, const T* c_prev, const T* dh, const T* dc, T* dz, T* dc_prev, int64_t n,
                    int64_t units) {
  const int64_t u = units;
  for_each_row<T>(n, u, 6, [&](int64_t r, std::vector<Array<T>>& s) {
    Array<T>&i = s[0], &f = s[1], &g = s[2], &o = s[3], &tc = s[4], &dct = s[5];
    const T* zr = z + r * 4 * u;
    i = sigmoid(ConstRow<T>(zr, u));
    f = sigmoid(ConstRow<T>(zr + u, u));
    g = ConstRow<T>(zr + 2 * u, u).tanh();
    o = sigmoid(ConstRow<T>(zr + 3 * u, u));
    const ConstRow<T> cp(c_prev + r * u, u), dhr(dh + r * u, u);
    tc = (f * cp + i * g).tanh();
    // The whole gradient reaching c: its own plus the one through h = o tanh(c).
    dct = ConstRow<T>(dc + r * u, u) + dhr * o * (T(1) - tc.square());
    T* dzr = dz + r * 4 * u;
    Row<T>(dzr, u) = dct * g * i * (T(1) - i);
    Row<T>(dzr + u, u) = dct * cp * f * (T(1) - f);
    Row<T>(dzr + 2 * u, u) = dct * i * (T(1) - g.square());
    Row<T>(dzr + 3 * u, u) = dhr * tc * o * (T(1) - o);
    Row<T>(dc_prev + r * u, u) = dct * f;
  });
}

template <typename T>
void gru_cell(const T* x_proj, const T* h_proj, const T* h, T* h_new, int64_t n, int64_t units) {
  const int64_t u = units;
  for_each_row<T>(n, u, 3, [&](int64_t r, std::vector<Array<T>>& s) {
    Array<T>&z = s[0], &reset = s[1], &hh = s[2];
    const T* xr = x_proj + r * 3 * u;
    const T* hr = h_proj + r * 3 * u;
    z = sigmoid(ConstRow<T>(xr, u) + ConstRow<T>(hr, u));
    reset = sigmoid(ConstRow<T>(xr + u, u) + ConstRow<T>(hr + u, u));
    hh = (ConstRow<T>(xr + 2 * u, u) + reset * ConstRow<T>(hr + 2 * u, u)).tanh();
    Row<T>(h_new + r * u, u) = z * ConstRow<T>(h + r * u, u) + (T(1) - z) * hh;
  });
}

template <typename T>
void gru_cell_grad(const T* x_proj, const T* h_proj, const T* h, const T* dh_new, T* dx_proj, T* dh_proj, T* dh,
                   int64_t n, int64_t units) {
  const int64_t u = units;
  for_each_row<T>(n, u, 6, [&](int64_t r, std::vector<Array<T>>& s) {
    Array<T>&z = s[0], &reset = s[1], &hh = s[2], &a_h = s[3], &a_z = s[4], &a_r = s[5];
    const T* xr = x_proj + r * 3 * u;
    const T* hr = h_proj + r * 3 * u;
    const ConstRow<T> h_h(hr + 2 * u, u), e(dh_new + r * u, u);
    z = sigmoid(ConstRow<T>(xr, u) + ConstRow<T>(hr, u));
    reset = sigmoid(ConstRow<T>(xr + u, u) + ConstRow<T>(hr + u, u));
    hh = (ConstRow<T>(xr + 2 * u, u) + reset * h_h).tanh();
    // Gradients of the three pre-activations.
    a_h = e * (T(1) - z) * (T(1) - hh.square());
    a_z = e * (ConstRow<T>(h + r * u, u) - hh) * z * (T(1) - z);
    a_r = a_h * h_h * reset * (T(1) - reset);
    T* dx = dx_proj + r * 3 * u;
    T* dhp = dh_proj + r * 3 * u;
    Row<T>(dx, u) = a_z;
    Row<T>(dhp, u) = a_z;
    Row<T>(dx + u, u) = a_r;
    Row<T>(dhp + u, u) = a_r;
    Row<T>(dx + 2 * u, u) = a_h;
    Row<T>(dhp + 2 * u, u) = a_h * reset;
    Row<T>(dh + r * u, u) = e * z;
  });
}

#define EF_INSTANTIATE_RNN(T)                                                                    \
  template void lstm_cell<T>(const T*, const T*, T*, T*, int64_t, int64_t);                     \
  template void lstm_cell_grad<T>(const T*, const T*, const T*, const T*, T*, T*, int64_t, int64_t);   \
  template void gru_cell<T>(const T*, const T*, const T*, T*, int64_t, int64_t);                     \
  template void gru_cell_grad<T>(const T*, const T*, const T*, const T*, T*, T*, T*, int64_t, int64_t);
EF_INSTANTIATE_RNN(float)
EF_INSTANTIATE_RNN(double)
#undef EF_INSTANTIATE_RNN

}  // namespace ef::kernels
