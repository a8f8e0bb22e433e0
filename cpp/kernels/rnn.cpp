#include "kernels/rnn.h"

#include <Eigen/Core>

namespace ef::kernels {
namespace {

template <typename T>
using Row = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using ConstRow = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using Array = Eigen::Array<T, Eigen::Dynamic, 1>;

// 1 / (1 + e^-x), as the sigmoid op computes it (Eigen's logistic() is less accurate in float).
template <typename E>
Array<typename E::Scalar> sigmoid(const Eigen::ArrayBase<E>& x) {
  using T = typename E::Scalar;
  return ((-x).exp() + T(1)).inverse();
}

}  // namespace

template <typename T>
void lstm_cell(const T* z, const T* c_prev, T* h, T* c, int64_t n, int64_t units) {
  const int64_t u = units;
  for (int64_t r = 0; r < n; ++r) {
    const T* zr = z + r * 4 * u;
    const Array<T> i = sigmoid(ConstRow<T>(zr, u));
    const Array<T> f = sigmoid(ConstRow<T>(zr + u, u));
    const Array<T> o = sigmoid(ConstRow<T>(zr + 3 * u, u));
    Row<T> cr(c + r * u, u);
    cr = f * ConstRow<T>(c_prev + r * u, u) + i * ConstRow<T>(zr + 2 * u, u).tanh();
    Row<T>(h + r * u, u) = o * cr.tanh();
  }
}

template <typename T>
void lstm_cell_grad(const T* z, const T* c_prev, const T* dh, const T* dc, T* dz, T* dc_prev, int64_t n,
                    int64_t units) {
  const int64_t u = units;
  for (int64_t r = 0; r < n; ++r) {
    const T* zr = z + r * 4 * u;
    const Array<T> i = sigmoid(ConstRow<T>(zr, u));
    const Array<T> f = sigmoid(ConstRow<T>(zr + u, u));
    const Array<T> g = ConstRow<T>(zr + 2 * u, u).tanh();
    const Array<T> o = sigmoid(ConstRow<T>(zr + 3 * u, u));
    const ConstRow<T> cp(c_prev + r * u, u), dhr(dh + r * u, u);
    const Array<T> tc = (f * cp + i * g).tanh();
    // The whole gradient reaching c: its own plus the one through h = o tanh(c).
    const Array<T> dct = ConstRow<T>(dc + r * u, u) + dhr * o * (T(1) - tc.square());
    T* dzr = dz + r * 4 * u;
    Row<T>(dzr, u) = dct * g * i * (T(1) - i);
    Row<T>(dzr + u, u) = dct * cp * f * (T(1) - f);
    Row<T>(dzr + 2 * u, u) = dct * i * (T(1) - g.square());
    Row<T>(dzr + 3 * u, u) = dhr * tc * o * (T(1) - o);
    Row<T>(dc_prev + r * u, u) = dct * f;
  }
}

template <typename T>
void gru_cell(const T* x_proj, const T* h_proj, const T* h, T* h_new, int64_t n, int64_t units) {
  const int64_t u = units;
  for (int64_t r = 0; r < n; ++r) {
    const T* xr = x_proj + r * 3 * u;
    const T* hr = h_proj + r * 3 * u;
    const Array<T> z = sigmoid(ConstRow<T>(xr, u) + ConstRow<T>(hr, u));
    const Array<T> reset = sigmoid(ConstRow<T>(xr + u, u) + ConstRow<T>(hr + u, u));
    const Array<T> hh = (ConstRow<T>(xr + 2 * u, u) + reset * ConstRow<T>(hr + 2 * u, u)).tanh();
    Row<T>(h_new + r * u, u) = z * ConstRow<T>(h + r * u, u) + (T(1) - z) * hh;
  }
}

template <typename T>
void gru_cell_grad(const T* x_proj, const T* h_proj, const T* h, const T* dh_new, T* dx_proj, T* dh_proj, T* dh,
                   int64_t n, int64_t units) {
  const int64_t u = units;
  for (int64_t r = 0; r < n; ++r) {
    const T* xr = x_proj + r * 3 * u;
    const T* hr = h_proj + r * 3 * u;
    const ConstRow<T> h_h(hr + 2 * u, u), e(dh_new + r * u, u);
    const Array<T> z = sigmoid(ConstRow<T>(xr, u) + ConstRow<T>(hr, u));
    const Array<T> reset = sigmoid(ConstRow<T>(xr + u, u) + ConstRow<T>(hr + u, u));
    const Array<T> hh = (ConstRow<T>(xr + 2 * u, u) + reset * h_h).tanh();
    // Gradients of the three pre-activations.
    const Array<T> a_h = e * (T(1) - z) * (T(1) - hh.square());
    const Array<T> a_z = e * (ConstRow<T>(h + r * u, u) - hh) * z * (T(1) - z);
    const Array<T> a_r = a_h * h_h * reset * (T(1) - reset);
    T* dx = dx_proj + r * 3 * u;
    T* dhp = dh_proj + r * 3 * u;
    Row<T>(dx, u) = a_z;
    Row<T>(dhp, u) = a_z;
    Row<T>(dx + u, u) = a_r;
    Row<T>(dhp + u, u) = a_r;
    Row<T>(dx + 2 * u, u) = a_h;
    Row<T>(dhp + 2 * u, u) = a_h * reset;
    Row<T>(dh + r * u, u) = e * z;
  }
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
