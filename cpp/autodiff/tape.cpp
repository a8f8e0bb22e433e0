#include "autodiff/tape.h"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <unordered_map>

#include "ops/api.h"
#include "ops/execute.h"

namespace ef::autodiff {
namespace {

thread_local std::vector<Tape*> t_active;
// The entries of the last tape that ended on this thread, emptied, for the next one: a
// training step's tape would otherwise allocate and free the same memory every step (the
// entry array, and each entry's input and output vectors).
thread_local std::vector<TapeEntry> t_spare_entries;
thread_local int t_pause_all = 0;
// Values up to this size are kept even when the gradient rule does not read them: replacing
// one by a shape-only stand-in costs more than the memory it frees (an allocation per tensor,
// about 15% of `a + b` under a tape). The op tests set it to 0, so that every rule runs with
// exactly the values it declares.
std::atomic<size_t> g_keep_values_up_to{16 << 10};

void record_hook(const ops::OpDef& op, const ops::Attrs& attrs, const std::vector<TensorPtr>& inputs,
                 const std::vector<TensorPtr>& outputs) {
  if (t_active.empty() || t_pause_all) return;
  for (Tape* tape : t_active)
    if (!tape->paused) tape->record(op, attrs, inputs, outputs);
}

// What a tape keeps of a tensor whose value the gradient rule does not read: its id, shape
// and dtype, without the buffer (which may then be freed long before backward runs).
TensorPtr shape_only(const TensorPtr& t) {
  auto kept = std::make_shared<Tensor>(nullptr, t->shape, t->dtype);
  kept->id = t->id;
  return kept;
}

// Whether a tape keeps T's value although the gradient rule does not read it.
bool small(const Tensor& t) { return t.nbytes() <= g_keep_values_up_to.load(std::memory_order_relaxed); }

}  // namespace

void install() { ops::set_record_hook(record_hook); }
void set_keep_values_up_to(size_t nbytes) { g_keep_values_up_to.store(nbytes, std::memory_order_relaxed); }
size_t keep_values_up_to() { return g_keep_values_up_to.load(std::memory_order_relaxed); }
bool recording() { return !t_active.empty() && !t_pause_all; }

TapeIsolation::TapeIsolation() : saved_(std::move(t_active)), saved_pause_(t_pause_all) {
  t_active.clear();
  t_pause_all = 0;
}

TapeIsolation::~TapeIsolation() {
  t_active = std::move(saved_);
  t_pause_all = saved_pause_;
}

PauseAll::PauseAll() { ++t_pause_all; }
PauseAll::~PauseAll() { --t_pause_all; }

void Tape::push() { t_active.push_back(this); }

void Tape::pop() {
  auto it = std::find(t_active.rbegin(), t_active.rend(), this);
  if (it != t_active.rend()) t_active.erase(std::next(it).base());
}

void Tape::watch(const TensorPtr& t) {
  if (!is_float(t->dtype)) return;  // TensorFlow ignores integer sources too
  if (watched_.insert(t->id) && t->is_variable) watched_variables_.push_back(t);
}

void Tape::record(const ops::OpDef& op, const ops::Attrs& attrs, const std::vector<TensorPtr>& inputs,
                  const std::vector<TensorPtr>& outputs) {
  bool any = false;
  for (const TensorPtr& t : inputs) {
    if (watch_accessed_ && t->is_variable && t->trainable && is_float(t->dtype)) watch(t);
    any = any || watched_.contains(t->id);
  }
  if (!any) return;
  if (entries_.capacity() == 0) {
    entries_.swap(t_spare_entries);
    if (entries_.capacity() == 0) entries_.reserve(64);  // a step's worth without regrowing
  }
  if (recorded_ == entries_.size()) entries_.emplace_back();
  TapeEntry& e = entries_[recorded_];  // an emptied entry: its vectors keep their memory
  e.inputs.clear();  // (left filled only by a record that threw)
  e.op = &op;
  e.attrs = attrs;
  // Values the gradient rule reads (a Variable's frozen as it was read), and small ones; of
  // the others, only the shape.
  for (size_t k = 0; k < inputs.size(); ++k) {
    const TensorPtr& t = inputs[k];
    if (op.grad_reads_input(k) || small(*t)) e.inputs.push_back(t->is_variable ? snapshot(t) : t);
    else e.inputs.push_back(shape_only(t));
  }
  e.outputs.assign(outputs.begin(), outputs.end());
  for (size_t k = 0; k < outputs.size(); ++k) {
    if (!op.grad_reads_output(k) && !small(*outputs[k])) e.outputs[k] = shape_only(outputs[k]);
    if (is_float(outputs[k]->dtype)) watched_.insert(outputs[k]->id);
  }
  ++recorded_;
}

void Tape::release() {
  if (!persistent_) {
    used_ = true;
    recycle_entries();
  }
}

void Tape::recycle_entries() {
  for (size_t i = 0; i < recorded_; ++i) {  // drop the tensors, keep the vectors' memory
    entries_[i].inputs.clear();
    entries_[i].outputs.clear();
    entries_[i].attrs.values.clear();
  }
  recorded_ = 0;
  if (entries_.size() > t_spare_entries.size()) t_spare_entries.swap(entries_);
  std::vector<TapeEntry>().swap(entries_);
}

std::vector<TensorPtr> Tape::gradient(const std::vector<TensorPtr>& targets, const std::vector<TensorPtr>& sources,
                                      const std::vector<TensorPtr>& output_gradients, bool unconnected_zero,
                                      bool keep_for_reuse) {
  if (used_)
    throw std::runtime_error(
        "A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians); "
        "create it with GradientTape(persistent=True) to call gradient() more than once");
  // This tape must not record its own backward pass; outer tapes do (second order).
  bool was_paused = paused;
  paused = true;
  struct Restore {
    Tape* t;
    bool p;
    ~Restore() { t->paused = p; }
  } restore{this, was_paused};

  // Ids that depend on some source: only gradients flowing into them are computed. A source
  // the tape never watched (a constant not passed to watch()) gets none, as in TensorFlow.
  IdSet reaches;
  for (const TensorPtr& s : sources)
    if (is_float(s->dtype) && watched_.contains(s->id)) reaches.insert(s->id);
  std::vector<bool> useful(recorded_, false);
  for (size_t i = 0; i < recorded_; ++i) {
    for (const TensorPtr& t : entries_[i].inputs)
      if (reaches.contains(t->id)) { useful[i] = true; break; }
    if (useful[i])
      for (const TensorPtr& t : entries_[i].outputs) reaches.insert(t->id);
  }

  std::unordered_map<uint64_t, TensorPtr> grads;
  auto accumulate = [&](uint64_t id, const TensorPtr& g) {
    auto [it, fresh] = grads.emplace(id, g);
    if (!fresh) it->second = ops::add(it->second, g);
  };
  for (size_t i = 0; i < targets.size(); ++i) {
    const TensorPtr& t = targets[i];
    if (!is_float(t->dtype) || !reaches.contains(t->id)) continue;
    // An eager target's seed is a fresh tensor of ones, made without running an op.
    TensorPtr seed = i < output_gradients.size() && output_gradients[i] ? output_gradients[i]
                     : t->symbolic()                                     ? ops::ones_like(t)
                                                                         : full(t->shape, t->dtype, 1.0);
    accumulate(t->id, seed);
  }

  for (size_t i = recorded_; i-- > 0;) {
    if (!useful[i]) continue;
    TapeEntry& e = entries_[i];
    bool any = false;
    std::vector<TensorPtr> dys(e.outputs.size());
    for (size_t k = 0; k < e.outputs.size(); ++k) {
      auto it = grads.find(e.outputs[k]->id);
      if (it != grads.end()) { dys[k] = it->second; any = true; }
    }
    if (!any) continue;
    if (!e.op->grad_fn)
      throw InvalidArgument(op_message(e.op->name, "has no gradient rule"));
    for (size_t k = 0; k < dys.size(); ++k) {
      if (dys[k]) continue;
      const TensorPtr& out = e.outputs[k];
      dys[k] = out->symbolic() ? full(out->shape, out->dtype, 0.0) : ops::zeros_like(out);  // symbolic: shape only
    }
    std::vector<bool> wanted(e.inputs.size());
    for (size_t k = 0; k < e.inputs.size(); ++k)
      wanted[k] = is_float(e.inputs[k]->dtype) && reaches.contains(e.inputs[k]->id);
    ops::GradCall call{{*e.op, e.inputs, e.attrs}, e.outputs, dys, &wanted};
    std::vector<TensorPtr> gin = e.op->grad_fn(call);
    for (const TensorPtr& g : gin)
      if (g && g->symbolic())  // it computed with a shape-only input or output
        throw std::logic_error(op_message(e.op->name, "gradient rule reads a value its gradient_reads() leaves out"));
    for (size_t k = 0; k < e.inputs.size() && k < gin.size(); ++k) {
      const TensorPtr& in = e.inputs[k];
      if (!gin[k] || !is_float(in->dtype) || !reaches.contains(in->id)) continue;
      TensorPtr g = ops::sum_to_shape(gin[k], in->shape);
      if (g->dtype != in->dtype) g = ops::cast(g, in->dtype);
      accumulate(in->id, g);
    }
    // Outputs' gradients are complete once their producer ran (ids are unique per op).
    for (const TensorPtr& t : e.outputs) {
      bool is_source = std::any_of(sources.begin(), sources.end(), [&](const TensorPtr& s) { return s->id == t->id; });
      if (!is_source) grads.erase(t->id);
    }
  }

  std::vector<TensorPtr> result;
  result.reserve(sources.size());
  for (const TensorPtr& s : sources) {
    auto it = grads.find(s->id);
    if (it != grads.end() && is_float(s->dtype)) result.push_back(it->second);
    else if (unconnected_zero && is_float(s->dtype)) result.push_back(ops::zeros_like(s));
    else result.push_back(nullptr);
  }
  if (!keep_for_reuse) release();
  return result;
}

}  // namespace ef::autodiff
