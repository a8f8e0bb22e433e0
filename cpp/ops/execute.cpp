#include "ops/execute.h"

#include <algorithm>
#include <utility>

#include "kernels/thread_pool.h"
#include "ops/symbolic.h"

namespace ef::ops {

static RecordHook g_record_hook = nullptr;
// Ops that a forward kernel runs internally (a broadcast inside `where`) are part of that
// kernel, so only calls made at depth 0 are recorded.
static thread_local int t_forward_depth = 0;

static thread_local std::vector<VariableAccessLog*> t_access_logs;

void VariableAccessLog::open() { t_access_logs.push_back(this); }
void VariableAccessLog::close() {
  auto it = std::find(t_access_logs.begin(), t_access_logs.end(), this);
  if (it != t_access_logs.end()) t_access_logs.erase(it);
}

static thread_local std::vector<OpObserver*> t_observers;

void OpObserver::open() { t_observers.push_back(this); }
void OpObserver::close() {
  auto it = std::find(t_observers.begin(), t_observers.end(), this);
  if (it != t_observers.end()) t_observers.erase(it);
}
const std::vector<OpObserver*>& open_observers() { return t_observers; }

static void log_variable_reads(const std::vector<TensorPtr>& inputs) {
  for (const TensorPtr& t : inputs) {
    if (!t->is_variable) continue;
    for (VariableAccessLog* log : t_access_logs) {
      auto& seen = log->variables;
      if (std::none_of(seen.begin(), seen.end(), [&](const TensorPtr& v) { return v.get() == t.get(); }))
        seen.push_back(t);
    }
  }
}

namespace {
// Holds DEPTH (this thread's t_forward_depth) one higher for a scope.
struct ForwardScope {
  explicit ForwardScope(int& depth) : depth_(depth) { ++depth_; }
  ~ForwardScope() { --depth_; }
  int& depth_;
};
}  // namespace

void set_record_hook(RecordHook hook) { g_record_hook = hook; }

void execute_into(const OpDef& op, const std::vector<TensorPtr>& inputs, const Attrs& attrs,
                  std::vector<TensorPtr>& outputs, KeptOutputs kept) {
  int& depth = t_forward_depth;
  OpCall call{op, inputs, attrs};
  if (depth == 0 && !t_access_logs.empty()) log_variable_reads(inputs);
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
    for (OpObserver* o : t_observers) o->observe(op, attrs, inputs, outputs);
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
