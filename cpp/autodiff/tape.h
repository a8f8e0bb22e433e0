// The gradient tape. While a tape is active, every differentiable op whose inputs it
// watches is recorded; gradient() walks those records backwards, calling each op's
// gradient rule (itself made of ops, so an outer tape records it: second order).
#pragma once
#include <vector>

#include "autodiff/id_set.h"
#include "ops/registry.h"

namespace ef::autodiff {

struct TapeEntry {
  const ops::OpDef* op = nullptr;
  ops::Attrs attrs;
  std::vector<TensorPtr> inputs;  // Variables kept as snapshots of the values read
  std::vector<TensorPtr> outputs;
};

class Tape {
 public:
  Tape(bool persistent, bool watch_accessed_variables)
      : persistent_(persistent), watch_accessed_(watch_accessed_variables) {}
  ~Tape() { recycle_entries(); }
  Tape(const Tape&) = delete;
  Tape& operator=(const Tape&) = delete;

  void watch(const TensorPtr& t);
  bool watching(uint64_t id) const { return watched_.contains(id); }
  const std::vector<TensorPtr>& watched_variables() const { return watched_variables_; }

  // Makes this tape record (push) or stop recording (pop) on the current thread.
  void push();
  void pop();
  bool paused = false;

  // Gradients of the sum of TARGETS (weighted by OUTPUT_GRADIENTS where given) with respect
  // to SOURCES; nullptr (or zeros when UNCONNECTED_ZERO) for a source no target depends on.
  std::vector<TensorPtr> gradient(const std::vector<TensorPtr>& targets, const std::vector<TensorPtr>& sources,
                                  const std::vector<TensorPtr>& output_gradients, bool unconnected_zero,
                                  bool keep_for_reuse = false);
  void record(const ops::OpDef& op, const ops::Attrs& attrs, const std::vector<TensorPtr>& inputs,
              const std::vector<TensorPtr>& outputs);
  // Ends a non-persistent tape's single use (after jacobian's several passes).
  void release();

 private:
  // Hands the entry array to the next tape on this thread (see tape.cpp).
  void recycle_entries();

  bool persistent_;
  bool watch_accessed_;
  bool used_ = false;
  IdSet watched_;
  std::vector<TensorPtr> watched_variables_;
  // The first recorded_ entries are this tape's records; those after them are emptied
  // entries of earlier tapes, kept so that recording reuses their vectors' memory.
  std::vector<TapeEntry> entries_;
  size_t recorded_ = 0;
};

// Installs the recording hook into the op dispatcher (once, at module load).
void install();
// The size (bytes) up to which a tape keeps a value its op's gradient does not read.
void set_keep_values_up_to(size_t nbytes);
size_t keep_values_up_to();
// Whether any tape is recording on this thread (cheap: one thread-local read).
bool recording();

// Hides every tape of this thread for a scope, so that a fresh tape pushed inside it is the
// only one recording (tracing a branch or a gradient as a graph of its own).
class TapeIsolation {
 public:
  TapeIsolation();
  ~TapeIsolation();

 private:
  std::vector<Tape*> saved_;
  int saved_pause_;
};

// Suspends every tape on this thread for a scope (tf.GradientTape.stop_recording uses
// the tape's own `paused`; this one is for gradient computation itself).
struct PauseAll {
  PauseAll();
  ~PauseAll();
};

}  // namespace ef::autodiff
