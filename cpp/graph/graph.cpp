#include "graph/graph.h"

#include <algorithm>
#include <optional>

#include "kernels/thread_pool.h"
#include "ops/execute.h"

namespace ef::graph {
namespace {

bool changes_state(const Node& n) { return !n.op || n.op->is_stateful; }

// The nodes OUTPUTS depend on, and every node that changes state, in their order.
std::vector<Node> live_nodes(std::vector<Node> nodes, const std::vector<Ref>& outputs, int num_slots) {
  std::vector<bool> needed(num_slots, false);
  for (const Ref& r : outputs)
    if (r.slot >= 0) needed[r.slot] = true;
  std::vector<bool> live(nodes.size(), false);
  for (size_t i = nodes.size(); i-- > 0;) {
    const Node& n = nodes[i];
    live[i] = changes_state(n) || std::any_of(n.outputs.begin(), n.outputs.end(), [&](int s) { return needed[s]; });
    if (!live[i]) continue;
    for (const Ref& r : n.inputs)
      if (r.slot >= 0) needed[r.slot] = true;
    for (const DynamicAttr& a : n.dynamic_attrs)
      if (a.source.slot >= 0) needed[a.source.slot] = true;
  }
  std::vector<Node> kept;
  for (size_t i = 0; i < nodes.size(); ++i)
    if (live[i]) kept.push_back(std::move(nodes[i]));
  return kept;
}

// The attributes of N for this run, with those that traced tensors gave read from SLOTS.
ops::Attrs attrs_for_run(const Node& n, const std::vector<TensorPtr>& slots) {
  ops::Attrs attrs = n.attrs;
  for (const DynamicAttr& d : n.dynamic_attrs) {
    const Tensor& t = *(d.source.slot >= 0 ? slots[d.source.slot] : d.source.captured);
    ops::AttrValue& value = attrs.values[d.attr];
    if (auto* list = std::get_if<std::vector<int64_t>>(&value)) {
      if (d.element >= 0) {
        (*list)[d.element] = static_cast<int64_t>(element_as_double(t, 0));
      } else {
        list->resize(t.size());
        for (int64_t i = 0; i < t.size(); ++i) (*list)[i] = static_cast<int64_t>(element_as_double(t, i));
      }
    } else if (std::holds_alternative<int64_t>(value)) {
      value = static_cast<int64_t>(element_as_double(t, 0));
    } else if (std::holds_alternative<double>(value)) {
      value = element_as_double(t, 0);
    } else if (std::holds_alternative<bool>(value)) {
      value = element_as_double(t, 0) != 0;
    }
  }
  return attrs;
}

}  // namespace

Graph::Graph(std::vector<int> arg_slots, int num_slots, std::vector<Node> nodes, std::vector<Ref> outputs)
    : arg_slots_(std::move(arg_slots)), num_slots_(num_slots), outputs_(std::move(outputs)) {
  nodes_ = live_nodes(std::move(nodes), outputs_, num_slots_);
  // Each slot is released after the last node that reads it (or, if none does, after the
  // node that wrote it), unless the graph returns it. Arguments count as written before node 0.
  std::vector<int> last(num_slots_, -1);
  for (size_t i = 0; i < nodes_.size(); ++i) {
    for (int s : nodes_[i].outputs) last[s] = static_cast<int>(i);
    for (const Ref& r : nodes_[i].inputs)
      if (r.slot >= 0) last[r.slot] = static_cast<int>(i);
    for (const DynamicAttr& a : nodes_[i].dynamic_attrs)
      if (a.source.slot >= 0) last[a.source.slot] = static_cast<int>(i);
  }
  for (const Ref& r : outputs_)
    if (r.slot >= 0) last[r.slot] = -2;
  release_after_.assign(nodes_.size(), {});
  for (int s = 0; s < num_slots_; ++s)
    if (last[s] >= 0) release_after_[last[s]].push_back(s);
}

std::vector<TensorPtr> Graph::run(const std::vector<TensorPtr>& args) const {
  if (args.size() != arg_slots_.size())
    throw InvalidArgument("[graph] expects " + std::to_string(arg_slots_.size()) + " arguments, received " +
                          std::to_string(args.size()));
  std::vector<TensorPtr> slots(num_slots_);
  for (size_t i = 0; i < args.size(); ++i) slots[arg_slots_[i]] = args[i];
  std::vector<TensorPtr> inputs;
  // Denormals flushed once for the whole graph rather than per op (see FlushDenormals).
  std::optional<kernels::FlushDenormals> flush(std::in_place);
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    inputs.clear();
    for (const Ref& r : n.inputs) inputs.push_back(r.slot >= 0 ? slots[r.slot] : r.captured);
    if (n.op) {
      std::vector<TensorPtr> out = n.dynamic_attrs.empty() ? ops::execute(*n.op, inputs, n.attrs)
                                                           : ops::execute(*n.op, inputs, attrs_for_run(n, slots));
      for (size_t k = 0; k < n.outputs.size(); ++k) slots[n.outputs[k]] = std::move(out[k]);
    } else {
      flush.reset();  // Python callbacks run in the caller's floating-point mode
      n.callback(inputs);
      flush.emplace();
    }
    for (int s : release_after_[i]) slots[s].reset();
  }
  std::vector<TensorPtr> result;
  result.reserve(outputs_.size());
  for (const Ref& r : outputs_) {
    const TensorPtr& t = r.slot >= 0 ? slots[r.slot] : r.captured;
    // A Variable comes back as its current value, not as the Variable itself.
    result.push_back(t->is_variable ? snapshot(t) : t);
  }
  return result;
}

std::vector<TensorPtr> Graph::variables() const {
  std::vector<TensorPtr> found;
  for (const Node& n : nodes_)
    for (const Ref& r : n.inputs)
      if (r.captured && r.captured->is_variable &&
          std::none_of(found.begin(), found.end(), [&](const TensorPtr& v) { return v == r.captured; }))
        found.push_back(r.captured);
  return found;
}

}  // namespace ef::graph
