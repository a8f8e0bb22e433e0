#include "kernels/thread_pool.h"

#include <xmmintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ef::kernels {
namespace {

constexpr unsigned int kFlushBits = 0x8040;  // MXCSR flush-to-zero and denormals-are-zero

// Set on pool threads, and on a caller while its parallel_for runs: a nested one runs inline.
thread_local bool t_in_parallel = false;

// A training step's parallel ops come microseconds apart, and a wake-up through a condition
// variable takes tens of microseconds on a busy machine: threads poll this long for what they
// wait for before they sleep.
constexpr auto kSpin = std::chrono::microseconds(50);

// Polls DONE (with pause instructions) until it holds or kSpin has passed; returns it.
template <typename F>
bool spin_until(F done) {
  const auto deadline = std::chrono::steady_clock::now() + kSpin;
  for (int i = 1;; ++i) {
    if (done()) return true;
    _mm_pause();
    if (i % 64 == 0 && std::chrono::steady_clock::now() > deadline) return false;
  }
}

int default_threads() {
  if (const char* env = std::getenv("EIGENFLOW_NUM_THREADS")) {
    int n = std::atoi(env);
    if (n > 0) return n;
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

// One job at a time: parts are claimed from a counter by the workers and the caller.
class Pool {
 public:
  explicit Pool(int threads) { resize(threads); }
  ~Pool() { stop_workers(); }

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  void resize(int threads) {
    stop_workers();
    stopping_ = false;
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }

  void run(int64_t parts, const std::function<void(int64_t)>& part) {
    std::unique_lock<std::mutex> lock(mutex_);
    job_ = &part;
    parts_ = parts;
    next_.store(0);
    unfinished_ = parts;
    error_ = nullptr;
    ++generation_;
    lock.unlock();
    wake_.notify_all();
    claim_parts();
    spin_until([this] { return unfinished_.load() == 0; });
    lock.lock();
    done_.wait(lock, [this] { return unfinished_ == 0; });
    job_ = nullptr;
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // Runs parts of the job until none is left; returns whether it ran any.
  bool claim_parts() {
    bool ran = false;
    for (int64_t p; (p = next_.fetch_add(1)) < parts_; ran = true) {
      try {
        (*job_)(p);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (--unfinished_ == 0) done_.notify_one();
    }
    return ran;
  }

  void work() {
    t_in_parallel = true;
    FlushDenormals flush;
    uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return stopping_ || (job_ && generation_ != seen); });
      if (stopping_) return;
      seen = generation_;
      lock.unlock();
      // Only a worker the job used polls for the next one: on a machine with many cores, a
      // job of two parts leaves the others asleep.
      if (claim_parts()) spin_until([&] { return generation_.load() != seen || stopping_.load(); });
      lock.lock();
    }
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& t : workers_) t.join();
    workers_.clear();
  }

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int64_t)>* job_ = nullptr;
  int64_t parts_ = 0;
  std::atomic<int64_t> next_{0};
  // Changed under mutex_ (for the condition variables), read without it while spinning.
  std::atomic<int64_t> unfinished_{0};
  std::atomic<uint64_t> generation_{0};
  std::atomic<bool> stopping_{false};
  std::exception_ptr error_;
};

std::mutex g_pool_mutex;  // one parallel_for at a time uses the pool; others run inline

Pool& pool() {
  static Pool* p = new Pool(default_threads());  // never destroyed: threads outlive static teardown
  return *p;
}

}  // namespace

int num_threads() { return pool().threads(); }

void set_num_threads(int n) {
  std::lock_guard<std::mutex> lock(g_pool_mutex);
  pool().resize(std::max(1, n));
}

void parallel_for(int64_t n, int64_t work, const std::function<void(int64_t, int64_t)>& fn,
                  int64_t work_per_thread) {
  if (n <= 0) return;
  const int64_t wanted = std::min<int64_t>({num_threads(), n, std::max<int64_t>(1, work / work_per_thread)});
  std::unique_lock<std::mutex> lock(g_pool_mutex, std::defer_lock);
  if (wanted <= 1 || t_in_parallel || !lock.try_lock()) {
    fn(0, n);
    return;
  }
  t_in_parallel = true;
  struct Reset {
    ~Reset() { t_in_parallel = false; }
  } reset;
  pool().run(wanted, [&](int64_t t) { fn(n * t / wanted, n * (t + 1) / wanted); });
}

// Writing the control register stalls the pipeline, and every op runs in one of these, a graph's
// ops inside the graph's own: the mode is written only when it changes.
FlushDenormals::FlushDenormals() : saved_(_mm_getcsr()) {
  if ((saved_ & kFlushBits) != kFlushBits) _mm_setcsr(saved_ | kFlushBits);
}
FlushDenormals::~FlushDenormals() {
  if ((saved_ & kFlushBits) != kFlushBits) _mm_setcsr(saved_);
}

}  // namespace ef::kernels
