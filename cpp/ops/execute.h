// Running an op: validate with its shape rule, allocate outputs, run the kernel, and let
// the tape record the call. C++ callers (gradient rules, layers) use call().
#pragma once
#include <initializer_list>
#include <utility>

#include "ops/registry.h"

namespace ef::ops {

// Called after every eager op; the autodiff level installs it to record onto active tapes.
using RecordHook = void (*)(const OpDef&, const Attrs&, const std::vector<TensorPtr>& inputs,
                            const std::vector<TensorPtr>& outputs);
void set_record_hook(RecordHook hook);

// Records every Variable an op reads (eagerly or symbolically) while a log is open on this
// thread: Keras uses it to find Variables a layer's computation captures (a Lambda's
// closure, a regularizer's factor) so they are trained with the layer.
struct VariableAccessLog {
  std::vector<TensorPtr> variables;
  void open();
  void close();
};

// Sees every eager op call made at depth 0 on this thread while it is open (after the call
// ran): the graph level opens one per function being traced.
struct OpObserver {
  virtual void observe(const OpDef& op, const Attrs& attrs, const std::vector<TensorPtr>& inputs,
                       const std::vector<TensorPtr>& outputs) = 0;
  void open();
  void close();

 protected:
  ~OpObserver() = default;
};
// The observers open on this thread, outermost first.
const std::vector<OpObserver*>& open_observers();

std::vector<TensorPtr> execute(const OpDef& op, const std::vector<TensorPtr>& inputs,
                               const Attrs& attrs);

// Tensors that a caller running the same op call again and again (a traced graph's node)
// keeps between calls, one per output, null at first.
struct KeptOutputs {
  TensorPtr* tensors = nullptr;
  size_t count = 0;
};

// execute() for such a caller: the results go to OUTPUTS (its capacity reused), and an
// output the op allocates takes over its kept tensor when that has a buffer of the right
// size and nothing else holds the tensor or its buffer (empty_reusing), saving the
// allocations; the kept tensor is then the result (or nothing, for one too big to keep).
void execute_into(const OpDef& op, const std::vector<TensorPtr>& inputs, const Attrs& attrs,
                  std::vector<TensorPtr>& outputs, KeptOutputs kept = {});

using NamedAttrs = std::initializer_list<std::pair<const char*, AttrValue>>;

// Attributes by name over the op's defaults; throws on an unknown name or a missing
// required attribute.
Attrs make_attrs(const OpDef& op, NamedAttrs given);

// Runs op NAME and returns its first output.
TensorPtr call(const char* name, const std::vector<TensorPtr>& inputs, NamedAttrs attrs = {});
std::vector<TensorPtr> call_all(const char* name, const std::vector<TensorPtr>& inputs,
                                NamedAttrs attrs = {});

}  // namespace ef::ops
