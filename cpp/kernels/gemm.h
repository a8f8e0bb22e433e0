// General matrix multiply on row-major buffers. Floats go to OpenBLAS when the Python
// package has loaded it (scipy-openblas32), single-threaded, with large products split
// across the process's thread pool; otherwise (and for small products) to Eigen's own.
#pragma once
#include <cstdint>
#include <string>

namespace ef::kernels {

// Products of at least this many multiply-adds per thread are split across threads.
constexpr int64_t kGemmWorkPerThread = int64_t{1} << 18;

// C[m, n] = op(A) op(B) (+ C when ACCUMULATE), op = transpose when the flag is set.
// A is (m, k) or, transposed, (k, m); likewise B.
template <typename T>
void gemm(const T* a, const T* b, T* c, int64_t m, int64_t n, int64_t k, bool trans_a, bool trans_b,
          bool accumulate = false);

// Loads a CBLAS library from PATH (symbols prefixed PREFIX); returns an empty string on
// success, otherwise why not (then Eigen is used).
std::string load_blas(const std::string& path, const std::string& prefix);
// Which product runs floats: "openblas" or "eigen".
std::string gemm_backend();
// The threads products (and other kernels) use: the process's pool (thread_pool.h).
void set_blas_threads(int n);

}  // namespace ef::kernels
