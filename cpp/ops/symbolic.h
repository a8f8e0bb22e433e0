// Symbolic execution: an op applied to a symbolic tensor (a Keras Input, say) runs only its
// shape rule and records the call, so the same call can be replayed on real tensors.
#pragma once
#include <optional>

#include "ops/registry.h"

namespace ef {

struct Producer {
  const ops::OpDef* op;
  ops::Attrs attrs;
  std::vector<TensorPtr> inputs;  // symbolic ones, and captured real ones (Variables)
  int num_outputs;
};

namespace ops {

// The outputs of OP on INPUTS (some symbolic): symbolic tensors that remember the call.
std::vector<TensorPtr> execute_symbolic(const OpDef& op, const std::vector<TensorPtr>& inputs,
                                        const Attrs& attrs, const std::vector<TensorMeta>& metas);
// For a call with symbolic inputs: the outputs computed now when the op reads only shapes
// or moves known values (tf.shape(x)[1] of a Keras Input is a constant); none otherwise.
// Outputs that still hold unknown (-1) values are symbolic tensors that remember them.
std::optional<std::vector<TensorPtr>> fold_symbolic(const OpDef& op, const std::vector<TensorPtr>& inputs,
                                                    const Attrs& attrs, const std::vector<TensorMeta>& metas);
// Runs a recorded call again on INPUTS (one per recorded input).
std::vector<TensorPtr> replay(const Producer& p, const std::vector<TensorPtr>& inputs);

}  // namespace ops
}  // namespace ef
