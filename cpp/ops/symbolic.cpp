#include "ops/symbolic.h"

#include <cstring>

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

// A concrete tensor holding the known values of symbolic T.
static TensorPtr from_known(const TensorPtr& t) {
  TensorPtr c = empty(t->shape, t->dtype, "fold");
  const auto& v = *t->known_values;
  EF_DISPATCH_ALL(t->dtype, {
    T* p = c->data<T>();
    for (size_t i = 0; i < v.size(); ++i) p[i] = static_cast<T>(v[i]);
  });
  return c;
}

std::optional<std::vector<TensorPtr>> fold_symbolic(const OpDef& op, const std::vector<TensorPtr>& inputs,
                                                    const Attrs& attrs, const std::vector<TensorMeta>& metas) {
  if (!op.reads_shape_only && !op.moves_values) return std::nullopt;
  for (const TensorMeta& m : metas)
    if (num_elements(m.shape) < 0 || !is_int(m.dtype)) return std::nullopt;
  std::vector<TensorPtr> values = inputs;
  for (TensorPtr& t : values) {
    if (!t->symbolic()) continue;
    if (op.reads_shape_only) continue;  // its forward never reads the data
    if (!t->known_values || num_elements(t->shape) < 0) return std::nullopt;
    t = from_known(t);
  }
  std::vector<TensorPtr> outputs;
  for (const TensorMeta& m : metas) outputs.push_back(empty(m.shape, m.dtype, op.name.c_str()));
  if (op.is_view) std::memcpy(outputs[0]->raw(), values[0]->raw(), outputs[0]->nbytes());
  else op.forward_fn(OpCall{op, values, attrs}, outputs);
  std::shared_ptr<Producer> producer;
  for (size_t k = 0; k < outputs.size(); ++k) {
    TensorPtr& out = outputs[k];
    std::vector<int64_t> known(out->size());
    bool unknown = false;
    for (int64_t i = 0; i < out->size(); ++i) {
      known[i] = static_cast<int64_t>(element_as_double(*out, i));
      unknown = unknown || known[i] < 0;
    }
    if (!unknown) continue;  // fully known: a constant of the graph
    if (!producer) producer = std::make_shared<Producer>(Producer{&op, attrs, inputs, static_cast<int>(outputs.size())});
    TensorPtr sym = symbolic(out->shape, out->dtype);
    sym->producer = producer;
    sym->producer_output = static_cast<int>(k);
    sym->known_values = std::make_shared<const std::vector<int64_t>>(std::move(known));
    out = sym;
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
