#include "ops/execute.h"

#include <algorithm>
#include <utility>

#include "kernels/thread_pool.h"
#include "ops/symbolic.h"

namespace ef::ops {

static RecordHook g_record_hook = nullptr;

namespace {
// What an op call needs of its thread, in one place so that a call looks it up once: in a
// shared library each read of a thread_local is a call (__tls_get_addr), which GCC repeats
// rather than keep the address.
struct ThreadState {
  // Ops that a forward kernel runs internally (a broadcast inside `where`) are part of that
  // kernel, so only calls made at depth 0 are recorded.
  int forward_depth = 0;
  std::vector<VariableAccessLog*> access_logs;
  std::vector<OpObserver*> observers;
};

[[gnu::noinline]] ThreadState& this_thread() {
  static thread_local ThreadState state;
  return state;
}

// Holds DEPTH one higher for a scope.
struct ForwardScope {
  explicit ForwardScope(int& depth) : depth_(depth) { ++depth_; }
  ~ForwardScope() { --depth_; }
  int& depth_;
};
}  // namespace

void VariableAccessLog::open() { this_thread().access_logs.push_back(this); }
void VariableAccessLog::close() {
  std::vector<VariableAccessLog*>& logs = this_thread().access_logs;
  auto it = std::find(logs.begin(), logs.end(), this);
  if (it != logs.end()) logs.erase(it);
}

void OpObserver::open() { this_thread().observers.push_back(this); }
void OpObserver::close() {
  std::vector<OpObserver*>& observers = this_thread().observers;
  auto it = std::find(observers.begin(), observers.end(), this);
  if (it != observers.end()) observers.erase(it);
}
const std::vector<OpObserver*>& open_observers() { return this_thread().observers; }

static void log_variable_reads(const std::vector<VariableAccessLog*>& logs, const std::vector<TensorPtr>& inputs) {
  for (const TensorPtr& t : inputs) {
    if (!t->is_variable) continue;
    for (VariableAccessLog* log : logs) {
      auto& seen = log->variables;
      if (std::none_of(seen.begin(), seen.end(), [&](const TensorPtr& v) { return v.get() == t.get(); }))
        seen.push_back(t);
    }
  }
}

void set_record_hook(RecordHook hook) { g_record_hook = hook; }

void execute_into(const OpDef& op, const std::vector<TensorPtr>& inputs, const Attrs& attrs,
                  std::vector<TensorPtr>& outputs, KeptOutputs kept) {
  ThreadState& thread = this_thread();
  int& depth = thread.forward_depth;
  OpCall call{op, inputs, attrs};
  if (depth == 0 && !thread.access_logs.empty()) log_variable_reads(thread.access_logs, inputs);
  std::vector<TensorMeta> metas = op.shape_fn(call);
  outputs.clear();
  for (const TensorPtr& t : inputs) {
    if (!t->symbolic()) continue;
    if (auto folded = fold_symbolic(op, inputs, attrs, metas)) {
      outputs = std::move(*folded);
    } else {
      outputs = execute_symbolic(op, inputs, attrs, metas);
    }
    return;
  }
  outputs.reserve(metas.size());
  if (op.is_view) {
    outputs.push_back(view(inputs[0], metas[0].shape));
  } else if (op.compute_fn) {
    ForwardScope scope(depth);
    outputs = op.compute_fn(call);
  } else {
    for (size_t k = 0; k < metas.size(); ++k) {
      TensorMeta& m = metas[k];
      outputs.push_back(k < kept.count ? empty_reusing(kept.tensors[k], std::move(m.shape), m.dtype, op.name.c_str())
                                       : empty(std::move(m.shape), m.dtype, op.name.c_str()));
    }
    ForwardScope scope(depth);
    kernels::FlushDenormals flush;
    if (op.forward_fn) op.forward_fn(call, outputs);
  }
  if (depth == 0) {
    if (g_record_hook && op.differentiable) g_record_hook(op, attrs, inputs, outputs);
    for (OpObserver* o : thread.observers) o->observe(op, attrs, inputs, outputs);
  }
}

std::vector<TensorPtr> execute(const OpDef& op, const std::vector<TensorPtr>& inputs,
                               const Attrs& attrs) {
  std::vector<TensorPtr> outputs;
  execute_into(op, inputs, attrs, outputs);
  return outputs;
}

Attrs make_attrs(const OpDef& op, NamedAttrs given) {
  Attrs attrs;
  attrs.values.reserve(op.attrs.size());
  for (const AttrSpec& spec : op.attrs) attrs.values.push_back(spec.default_value);
  std::vector<bool> seen(op.attrs.size(), false);
  for (const auto& [name, value] : given) {
    int k = op.attr_index(name);
    if (k < 0) throw InvalidArgument(op_message(op.name, std::string("unknown attribute '") + name + "'"));
    attrs.values[k] = value;
    seen[k] = true;
  }
  for (size_t k = 0; k < op.attrs.size(); ++k) {
    if (op.attrs[k].required && !seen[k])
      throw InvalidArgument(op_message(op.name, "missing required argument '" + op.attrs[k].name + "'"));
  }
  return attrs;
}

std::vector<TensorPtr> call_all(const char* name, const std::vector<TensorPtr>& inputs,
                                NamedAttrs attrs) {
  const OpDef& op = Registry::get().at(name);
  return execute(op, inputs, make_attrs(op, attrs));
}

TensorPtr call(const char* name, const std::vector<TensorPtr>& inputs, NamedAttrs attrs) {
  return call_all(name, inputs, attrs)[0];
}

}  // namespace ef::ops
