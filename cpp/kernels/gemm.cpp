#include "kernels/gemm.h"

#include <dlfcn.h>

#include <Eigen/Core>

#include "kernels/thread_pool.h"

namespace ef::kernels {
namespace {

enum { kRowMajor = 101, kNoTrans = 111, kTrans = 112 };
using Sgemm = void (*)(int, int, int, int, int, int, float, const float*, int, const float*, int, float, float*, int);
using Dgemm = void (*)(int, int, int, int, int, int, double, const double*, int, const double*, int, double, double*, int);
using SetThreads = void (*)(int);

Sgemm g_sgemm = nullptr;
Dgemm g_dgemm = nullptr;
SetThreads g_set_threads = nullptr;

// Below this many multiply-adds a BLAS call's fixed cost outweighs its speed.
constexpr int64_t kSmallProduct = 4096;

// Blocks of C split for threads start at multiples of this many rows (or columns), which
// keeps the BLAS kernels on whole register tiles.
constexpr int64_t kBlockAlign = 16;

template <typename T>
void eigen_gemm(const T* a, const T* b, T* c, int64_t m, int64_t n, int64_t k, bool ta, bool tb, bool acc) {
  using RowMat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using ColMat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
  Eigen::Map<RowMat> C(c, m, n);
  // A row-major (k, m) buffer read column-major is A^T's layout, so transposes are free.
  auto run = [&](const auto& A, const auto& B) {
    if (acc) C.noalias() += A * B;
    else C.noalias() = A * B;
  };
  if (!ta && !tb) run(Eigen::Map<const RowMat>(a, m, k), Eigen::Map<const RowMat>(b, k, n));
  else if (ta && !tb) run(Eigen::Map<const ColMat>(a, m, k), Eigen::Map<const RowMat>(b, k, n));
  else if (!ta && tb) run(Eigen::Map<const RowMat>(a, m, k), Eigen::Map<const ColMat>(b, k, n));
  else run(Eigen::Map<const ColMat>(a, m, k), Eigen::Map<const ColMat>(b, k, n));
}

// One single-threaded BLAS call: C[m, n] (row stride LDC) = op(A) op(B) (+ C).
template <typename T>
void blas_gemm(const T* a, int lda, const T* b, int ldb, T* c, int ldc, int64_t m, int64_t n, int64_t k, bool ta,
               bool tb, bool acc) {
  const int transa = ta ? kTrans : kNoTrans, transb = tb ? kTrans : kNoTrans;
  if constexpr (std::is_same_v<T, float>)
    g_sgemm(kRowMajor, transa, transb, int(m), int(n), int(k), 1.0f, a, lda, b, ldb, acc ? 1.0f : 0.0f, c, ldc);
  else
    g_dgemm(kRowMajor, transa, transb, int(m), int(n), int(k), 1.0, a, lda, b, ldb, acc ? 1.0 : 0.0, c, ldc);
}

// Splits C into blocks of rows (or of columns when it is wider than tall), one BLAS call
// per block on the process's threads. A block of rows of C reads the same rows of op(A)
// (rows of A, or columns of a transposed A); a block of columns, those columns of op(B).
template <typename T>
void parallel_blas_gemm(const T* a, const T* b, T* c, int64_t m, int64_t n, int64_t k, bool ta, bool tb, bool acc) {
  const int lda = static_cast<int>(ta ? m : k), ldb = static_cast<int>(tb ? k : n), ldc = static_cast<int>(n);
  const bool by_rows = m >= n;
  const int64_t extent = by_rows ? m : n;
  const int64_t blocks = (extent + kBlockAlign - 1) / kBlockAlign;
  parallel_for(blocks, m * n * k, [&](int64_t b0, int64_t b1) {
    const int64_t lo = b0 * kBlockAlign, hi = std::min(extent, b1 * kBlockAlign);
    if (by_rows)
      blas_gemm(ta ? a + lo : a + lo * lda, lda, b, ldb, c + lo * ldc, ldc, hi - lo, n, k, ta, tb, acc);
    else
      blas_gemm(a, lda, tb ? b + lo * ldb : b + lo, ldb, c + lo, ldc, m, hi - lo, k, ta, tb, acc);
  }, kGemmWorkPerThread);
}

}  // namespace

template <typename T>
void gemm(const T* a, const T* b, T* c, int64_t m, int64_t n, int64_t k, bool ta, bool tb, bool acc) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (!acc) std::fill(c, c + m * n, T(0));
    return;
  }
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    const bool loaded = std::is_same_v<T, float> ? g_sgemm != nullptr : g_dgemm != nullptr;
    if (loaded && m * n * k >= kSmallProduct) {
      parallel_blas_gemm(a, b, c, m, n, k, ta, tb, acc);
      return;
    }
  }
  eigen_gemm(a, b, c, m, n, k, ta, tb, acc);
}

template void gemm<float>(const float*, const float*, float*, int64_t, int64_t, int64_t, bool, bool, bool);
template void gemm<double>(const double*, const double*, double*, int64_t, int64_t, int64_t, bool, bool, bool);
template void gemm<int32_t>(const int32_t*, const int32_t*, int32_t*, int64_t, int64_t, int64_t, bool, bool, bool);
template void gemm<int64_t>(const int64_t*, const int64_t*, int64_t*, int64_t, int64_t, int64_t, bool, bool, bool);

std::string load_blas(const std::string& path, const std::string& prefix) {
  void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib) return dlerror();
  auto s = reinterpret_cast<Sgemm>(dlsym(lib, (prefix + "cblas_sgemm").c_str()));
  auto d = reinterpret_cast<Dgemm>(dlsym(lib, (prefix + "cblas_dgemm").c_str()));
  if (!s || !d) return "no cblas_sgemm/cblas_dgemm in " + path;
  g_sgemm = s;
  g_dgemm = d;
  g_set_threads = reinterpret_cast<SetThreads>(dlsym(lib, (prefix + "openblas_set_num_threads").c_str()));
  // Our pool splits products across threads; OpenBLAS's own pool would fight it.
  if (g_set_threads) g_set_threads(1);
  return "";
}

std::string gemm_backend() { return g_sgemm ? "openblas" : "eigen"; }

void set_blas_threads(int n) { set_num_threads(n); }

}  // namespace ef::kernels
