#include "kernels/gemm.h"

#include <dlfcn.h>

#include <Eigen/Core>

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

}  // namespace

template <typename T>
void gemm(const T* a, const T* b, T* c, int64_t m, int64_t n, int64_t k, bool ta, bool tb, bool acc) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    if (!acc) std::fill(c, c + m * n, T(0));
    return;
  }
  const bool big = m * n * k >= kSmallProduct;
  int lda = static_cast<int>(ta ? m : k), ldb = static_cast<int>(tb ? k : n);
  if constexpr (std::is_same_v<T, float>) {
    if (g_sgemm && big) {
      g_sgemm(kRowMajor, ta ? kTrans : kNoTrans, tb ? kTrans : kNoTrans, int(m), int(n), int(k), 1.0f, a, lda, b,
              ldb, acc ? 1.0f : 0.0f, c, int(n));
      return;
    }
  } else if constexpr (std::is_same_v<T, double>) {
    if (g_dgemm && big) {
      g_dgemm(kRowMajor, ta ? kTrans : kNoTrans, tb ? kTrans : kNoTrans, int(m), int(n), int(k), 1.0, a, lda, b,
              ldb, acc ? 1.0 : 0.0, c, int(n));
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
  return "";
}

std::string gemm_backend() { return g_sgemm ? "openblas" : "eigen"; }

void set_blas_threads(int n) {
  if (g_set_threads) g_set_threads(n);
  Eigen::setNbThreads(n);
}

}  // namespace ef::kernels
