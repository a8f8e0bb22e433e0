// Reductions over the middle axis of an (outer, n, inner) view; ops move any set of axes
// into that form first.
#pragma once
#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <limits>

namespace ef::kernels {

enum class Reduction { Sum, Mean, Max, Min, Prod, Any, All };

// y[o, i] = reduce over r of x[o, r, i].
template <typename T>
void reduce(const T* x, T* y, int64_t outer, int64_t n, int64_t inner, Reduction how) {
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
  using Col = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  for (int64_t o = 0; o < outer; ++o) {
    const T* xs = x + o * n * inner;
    T* ys = y + o * inner;
    if (inner == 1) {  // one contiguous run of n values
      Eigen::Map<const Col> v(xs, n);
      switch (how) {
        case Reduction::Sum: ys[0] = v.sum(); break;
        case Reduction::Mean: ys[0] = n ? static_cast<T>(v.sum() / static_cast<T>(n)) : T(NAN); break;
        case Reduction::Max: ys[0] = n ? v.maxCoeff() : std::numeric_limits<T>::lowest(); break;
        case Reduction::Min: ys[0] = n ? v.minCoeff() : std::numeric_limits<T>::max(); break;
        case Reduction::Prod: ys[0] = v.prod(); break;
        case Reduction::Any: ys[0] = v.array().template cast<bool>().any(); break;
        case Reduction::All: ys[0] = v.array().template cast<bool>().all(); break;
      }
      continue;
    }
    Eigen::Map<const Mat> m(xs, inner, n);  // column r holds x[o, r, :]
    Eigen::Map<Col> out(ys, inner);
    switch (how) {
      case Reduction::Sum: out = m.rowwise().sum(); break;
      case Reduction::Mean: out = n ? Col(m.rowwise().sum() / static_cast<T>(n)) : Col::Constant(inner, T(NAN)); break;
      case Reduction::Max: out = n ? Col(m.rowwise().maxCoeff()) : Col::Constant(inner, std::numeric_limits<T>::lowest()); break;
      case Reduction::Min: out = n ? Col(m.rowwise().minCoeff()) : Col::Constant(inner, std::numeric_limits<T>::max()); break;
      case Reduction::Prod: out = m.rowwise().prod(); break;
      case Reduction::Any: out = m.array().template cast<bool>().rowwise().any().template cast<T>(); break;
      case Reduction::All: out = m.array().template cast<bool>().rowwise().all().template cast<T>(); break;
    }
  }
}

}  // namespace ef::kernels
