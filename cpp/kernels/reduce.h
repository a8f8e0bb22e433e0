// Reductions, arg-reductions and scans over the middle axis of an (outer, n, inner) view;
// ops move any set of axes into that form first. The hot loops are Eigen expressions over
// contiguous runs: no loop computes an index per element.
#pragma once
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace ef::kernels {

enum class Reduction { Sum, Mean, Max, Min, Prod, Any, All, LogSumExp };

namespace reduce_detail {

template <typename T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
template <typename T>
using Row = Eigen::Matrix<T, 1, Eigen::Dynamic>;
template <typename T>
using Col = Eigen::Matrix<T, Eigen::Dynamic, 1>;

// Which (reduction, type) pairs exist: Any/All take bool only, LogSumExp floats only.
template <Reduction R, typename T>
constexpr bool supported() {
  if constexpr (R == Reduction::Any || R == Reduction::All) return std::is_same_v<T, bool>;
  else if constexpr (R == Reduction::LogSumExp) return std::is_floating_point_v<T>;
  else return !std::is_same_v<T, bool>;
}

// The result over no elements: NumPy's identities (the mean is NaN, 0 for integers),
// and TensorFlow's -inf / +inf for max / min (integers: the extreme values).
template <Reduction R, typename T>
T empty_value() {
  constexpr bool fp = std::is_floating_point_v<T>;
  using L = std::numeric_limits<T>;
  switch (R) {
    case Reduction::Sum: return T(0);
    case Reduction::Prod: return T(1);
    case Reduction::Mean: return fp ? L::quiet_NaN() : T(0);
    case Reduction::Max: return fp ? -L::infinity() : L::lowest();
    case Reduction::Min: return fp ? L::infinity() : L::max();
    case Reduction::Any: return T(false);
    case Reduction::All: return T(true);
    case Reduction::LogSumExp: return -L::infinity();
  }
  return T(0);
}

// Floating max/min that propagate NaN, as NumPy and TensorFlow do (Eigen's default may not).
template <typename T>
using MaxOp = std::conditional_t<std::is_floating_point_v<T>, Eigen::internal::scalar_max_op<T, T, Eigen::PropagateNaN>,
                                 Eigen::internal::scalar_max_op<T, T>>;
template <typename T>
using MinOp = std::conditional_t<std::is_floating_point_v<T>, Eigen::internal::scalar_min_op<T, T, Eigen::PropagateNaN>,
                                 Eigen::internal::scalar_min_op<T, T>>;

// log(sum(exp(x))) is computed as top + log(sum(exp(x - top))) with top the largest value,
// or 0 if that is not finite (so all -inf gives -inf and +inf gives +inf).
template <typename T>
T finite_or_zero(T v) { return std::isfinite(v) ? v : T(0); }

// OUT = reduction R of P, a vectorwise view (m.colwise() or m.rowwise()) of N values each.
template <Reduction R, typename T, typename P, typename Out>
void reduce_each(const P& p, Out out, int64_t n) {
  if constexpr (R == Reduction::Sum) out = p.sum();
  else if constexpr (R == Reduction::Mean) out = p.sum() / static_cast<T>(n);  // integers truncate, as in TF
  else if constexpr (R == Reduction::Prod) out = p.prod();
  else if constexpr (R == Reduction::Max) out = p.redux(MaxOp<T>());
  else if constexpr (R == Reduction::Min) out = p.redux(MinOp<T>());
  else if constexpr (R == Reduction::Any) out = p.any();
  else if constexpr (R == Reduction::All) out = p.all();
}

// A sum of N contiguous floats whose rounding error grows with log(n), not n: halves summed
// recursively down to blocks that Eigen sums vectorised (as NumPy's pairwise sum).
template <typename T>
T pairwise_sum(const T* x, int64_t n) {
  constexpr int64_t kBlock = 1024;
  if (n <= kBlock) return Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>(x, n).sum();
  const int64_t half = (n / 2 + kBlock - 1) / kBlock * kBlock;
  return pairwise_sum(x, half) + pairwise_sum(x + half, n - half);
}

// Each column of M (n contiguous values) into OUT: reductions over the last axes.
template <Reduction R, typename T, typename M, typename Out>
void reduce_columns(const M& m, Out out) {
  constexpr bool float_sum = std::is_floating_point_v<T> && (R == Reduction::Sum || R == Reduction::Mean);
  if constexpr (float_sum) {
    // A mean divides the sum (as TensorFlow does), so it equals reduce_sum(x) / n bit for bit.
    const T n = static_cast<T>(m.rows());
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      const T sum = pairwise_sum(m.col(j).data(), m.rows());
      out(j) = R == Reduction::Mean ? sum / n : sum;
    }
  } else if constexpr (R != Reduction::LogSumExp) {
    reduce_each<R, T>(m.colwise(), out, m.rows());
  } else {
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      T top = finite_or_zero(m.col(j).redux(MaxOp<T>()));
      out(j) = std::log((m.col(j).array() - top).exp().sum()) + top;
    }
  }
}

// OUT[i] = reduction over r < n of X[r * ROW + i * STEP], folding one row after another into
// OUT: with STEP 1 (Eigen::InnerStride<1>) memory is read once and in order, where Eigen's
// rowwise() would walk it in strides.
template <Reduction R, typename T, typename Step>
void reduce_rows(const T* x, T* y, int64_t n, int64_t inner, int64_t row, Step step) {
  using A = Eigen::Array<T, Eigen::Dynamic, 1>;
  Eigen::Map<A> out(y, inner);
  auto at = [&](int64_t r) { return Eigen::Map<const A, 0, Step>(x + r * row, inner, step); };
  out = at(0);
  if constexpr (R == Reduction::LogSumExp) {
    for (int64_t r = 1; r < n; ++r) out = out.binaryExpr(at(r), MaxOp<T>());
    out = out.unaryExpr([](T v) { return finite_or_zero(v); });
    A sum = A::Zero(inner);  // the one temporary: sum of exp(x - top) per index
    for (int64_t r = 0; r < n; ++r) sum += (at(r) - out).exp();
    out += sum.log();
    return;
  }
  for (int64_t r = 1; r < n; ++r) {
    if constexpr (R == Reduction::Sum || R == Reduction::Mean) out += at(r);
    else if constexpr (R == Reduction::Prod) out *= at(r);
    else if constexpr (R == Reduction::Max) out = out.binaryExpr(at(r), MaxOp<T>());
    else if constexpr (R == Reduction::Min) out = out.binaryExpr(at(r), MinOp<T>());
    else if constexpr (R == Reduction::Any) out = out || at(r);
    else if constexpr (R == Reduction::All) out = out && at(r);
  }
  if constexpr (R == Reduction::Mean) out /= static_cast<T>(n);
}

// Short runs: below this many values per output, the last axis is reduced by folding strided
// rows (not one short column at a time); below this many outputs per row, the other axes
// go through Eigen's rowwise(), which then reads memory in order.
constexpr int64_t kShort = 16;

template <Reduction R, typename T>
void reduce_as(const T* x, T* y, int64_t outer, int64_t n, int64_t inner) {
  if constexpr (supported<R, T>()) {
    if (n == 0) {
      std::fill(y, y + outer * inner, empty_value<R, T>());
    } else if (inner == 1 && n < kShort) {
      reduce_rows<R, T>(x, y, n, outer, 1, Eigen::InnerStride<>(n));
    } else if (inner == 1) {
      reduce_columns<R, T>(Eigen::Map<const Mat<T>>(x, n, outer), Eigen::Map<Row<T>>(y, outer));
    } else {
      for (int64_t o = 0; o < outer; ++o) {
        const T* xs = x + o * n * inner;
        T* ys = y + o * inner;
        if constexpr (R != Reduction::LogSumExp) {
          if (inner < kShort) {
            reduce_each<R, T>(Eigen::Map<const Mat<T>>(xs, inner, n).rowwise(), Eigen::Map<Col<T>>(ys, inner), n);
            continue;
          }
        }
        reduce_rows<R, T>(xs, ys, n, inner, inner, Eigen::InnerStride<1>());
      }
    }
  }
}

}  // namespace reduce_detail

// y[o, i] = reduce over r of x[o, r, i]. HOW must suit T (the op's shape rule checks).
template <typename T>
void reduce(const T* x, T* y, int64_t outer, int64_t n, int64_t inner, Reduction how) {
  using namespace reduce_detail;
  switch (how) {
    case Reduction::Sum: return reduce_as<Reduction::Sum>(x, y, outer, n, inner);
    case Reduction::Mean: return reduce_as<Reduction::Mean>(x, y, outer, n, inner);
    case Reduction::Max: return reduce_as<Reduction::Max>(x, y, outer, n, inner);
    case Reduction::Min: return reduce_as<Reduction::Min>(x, y, outer, n, inner);
    case Reduction::Prod: return reduce_as<Reduction::Prod>(x, y, outer, n, inner);
    case Reduction::Any: return reduce_as<Reduction::Any>(x, y, outer, n, inner);
    case Reduction::All: return reduce_as<Reduction::All>(x, y, outer, n, inner);
    case Reduction::LogSumExp: return reduce_as<Reduction::LogSumExp>(x, y, outer, n, inner);
  }
}

// The first index of the largest (smallest when MIN) of N contiguous values; a NaN counts as
// the extreme value, as in NumPy. Two passes: a vectorised extreme, then a search for it.
template <bool MIN, typename T>
int64_t arg_extreme(const T* x, int64_t n) {
  const T* at;
  if constexpr (std::is_same_v<T, bool>) {
    at = std::find(x, x + n, !MIN);
  } else {
    Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> v(x, n);
    T top = MIN ? v.redux(reduce_detail::MinOp<T>()) : v.redux(reduce_detail::MaxOp<T>());
    if constexpr (std::is_floating_point_v<T>)
      if (std::isnan(top)) return std::find_if(x, x + n, [](T e) { return std::isnan(e); }) - x;
    at = std::find(x, x + n, top);
  }
  return at == x + n ? 0 : at - x;
}

// idx[o, i] = the first r at which x[o, r, i] is largest (smallest when MIN), NaN counting as
// the extreme. BEST holds INNER values of scratch; n must be > 0.
template <bool MIN, typename T, typename I>
void arg_reduce(const T* x, I* idx, T* best, int64_t outer, int64_t n, int64_t inner) {
  auto better = [](T v, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(b)) return false;
      if (std::isnan(v)) return true;
    }
    return MIN ? v < b : v > b;
  };
  for (int64_t o = 0; o < outer; ++o) {
    const T* xs = x + o * n * inner;
    I* is = idx + o * inner;
    if (inner == 1) {
      is[0] = static_cast<I>(arg_extreme<MIN>(xs, n));
      continue;
    }
    std::copy(xs, xs + inner, best);
    std::fill(is, is + inner, I(0));
    for (int64_t r = 1; r < n; ++r) {  // one pass over each row, contiguous in i
      const T* row = xs + r * inner;
      for (int64_t i = 0; i < inner; ++i)
        if (better(row[i], best[i])) { best[i] = row[i]; is[i] = static_cast<I>(r); }
    }
  }
}

// y[o, r, i] = sum of x[o, s, i] over s <= r (s < r when EXCLUSIVE); over s >= r (s > r)
// when REVERSE.
template <typename T>
void cumsum(const T* x, T* y, int64_t outer, int64_t n, int64_t inner, bool exclusive, bool reverse) {
  using RowMap = Eigen::Map<Eigen::Array<T, 1, Eigen::Dynamic>>;
  using ConstRowMap = Eigen::Map<const Eigen::Array<T, 1, Eigen::Dynamic>>;
  if (n == 0 || inner == 0) return;
  const int64_t step = reverse ? -1 : 1;
  for (int64_t o = 0; o < outer; ++o) {
    const T* xs = x + o * n * inner;
    T* ys = y + o * n * inner;
    int64_t r = reverse ? n - 1 : 0;
    if (inner == 1) {
      T acc = 0;
      for (int64_t k = 0; k < n; ++k, r += step) {
        if (exclusive) { ys[r] = acc; acc += xs[r]; }
        else { acc += xs[r]; ys[r] = acc; }
      }
      continue;
    }
    // Row by row: y[r] = y[previous] + x[r] (x[previous] when exclusive).
    RowMap first(ys + r * inner, inner);
    if (exclusive) first.setZero();
    else first = ConstRowMap(xs + r * inner, inner);
    for (int64_t k = 1; k < n; ++k) {
      const int64_t prev = r;
      r += step;
      ConstRowMap added(xs + (exclusive ? prev : r) * inner, inner);
      RowMap(ys + r * inner, inner) = ConstRowMap(ys + prev * inner, inner) + added;
    }
  }
}

}  // namespace ef::kernels
