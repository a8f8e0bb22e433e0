#include "ops/symbolic.h"

#include "ops/execute.h"

namespace ef::ops {

std::vector<TensorPtr> execute_symbolic(const OpDef& op, const std::vector<TensorPtr>& inputs,
                                        const Attrs& attrs, const std::vector<TensorMeta>& metas) {
  auto producer = std::make_shared<Producer>(Producer{&op, attrs, inputs, static_cast<int>(metas.size())});
  std::vector<TensorPtr> outputs;
  outputs.reserve(metas.size());
  for (size_t k = 0; k < metas.size(); ++k) {
    TensorPtr t = symbolic(metas[k].shape, metas[k].dtype);
    t->producer = producer;
    t->producer_output = static_cast<int>(k);
    outputs.push_back(std::move(t));
  }
  return outputs;
}

std::vector<TensorPtr> replay(const Producer& p, const std::vector<TensorPtr>& inputs) {
  if (inputs.size() != p.inputs.size())
    throw InvalidArgument(op_message(p.op->name, "replay expects " + std::to_string(p.inputs.size()) +
                                                     " inputs, received " + std::to_string(inputs.size())));
  return execute(*p.op, inputs, p.attrs);
}

}  // namespace ef::ops
