#include "graph/graph.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

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

// A run's working memory, reused by later runs: between runs every slot is empty and each
// node's inputs hold only its captured tensors.
struct Graph::RunState {
  std::vector<TensorPtr> slots;
  std::vector<std::vector<TensorPtr>> inputs;  // per node
  std::vector<TensorPtr> outputs;              // the node being run's
  // Per node output: its tensor from an earlier run, which ops::execute_into renews when
  // nothing else holds it any more (a result Python keeps is never written again).
  std::vector<TensorPtr> kept;
};

namespace {
constexpr size_t kMaxIdleStates = 8;  // more runs at once than this make states they drop after
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
  steps_.resize(nodes_.size());
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    Step& step = steps_[i];
    for (size_t k = 0; k < n.inputs.size(); ++k) {
      int s = n.inputs[k].slot;
      if (s < 0) continue;
      // Moved only if no other input or attribute of the node reads the slot too.
      bool once = std::count_if(n.inputs.begin(), n.inputs.end(), [&](const Ref& r) { return r.slot == s; }) == 1 &&
                  std::none_of(n.dynamic_attrs.begin(), n.dynamic_attrs.end(),
                               [&](const DynamicAttr& a) { return a.source.slot == s; });
      step.slot_inputs.push_back({static_cast<int>(k), s, last[s] == static_cast<int>(i) && once});
    }
    step.first_kept = num_node_outputs_;
    num_node_outputs_ += n.outputs.size();
  }
  for (int s = 0; s < num_slots_; ++s) {
    if (last[s] < 0) continue;
    const std::vector<SlotInput>& read = steps_[last[s]].slot_inputs;
    bool moved = std::any_of(read.begin(), read.end(), [&](const SlotInput& in) { return in.slot == s && in.last_read; });
    if (!moved) steps_[last[s]].release.push_back(s);
  }
}

Graph::~Graph() = default;

std::unique_ptr<Graph::RunState> Graph::take_state() const {
  {
    std::lock_guard<std::mutex> lock(idle_mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<RunState> state = std::move(idle_.back());
      idle_.pop_back();
      return state;
    }
  }
  auto state = std::make_unique<RunState>();
  state->slots.resize(num_slots_);
  state->inputs.resize(nodes_.size());
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const std::vector<Ref>& refs = nodes_[i].inputs;
    state->inputs[i].resize(refs.size());
    for (size_t k = 0; k < refs.size(); ++k)
      if (refs[k].slot < 0) state->inputs[i][k] = refs[k].captured;
  }
  state->kept.resize(num_node_outputs_);
  return state;
}

void Graph::give_back(std::unique_ptr<RunState> state) const {
  std::lock_guard<std::mutex> lock(idle_mutex_);
  if (idle_.size() < kMaxIdleStates) idle_.push_back(std::move(state));
}

std::vector<TensorPtr> Graph::run(const std::vector<TensorPtr>& args) const {
  if (args.size() != arg_slots_.size())
    throw InvalidArgument("[graph] expects " + std::to_string(arg_slots_.size()) + " arguments, received " +
                          std::to_string(args.size()));
  // Empties the state, also when an op throws, and gives it back.
  struct Lease {
    const Graph& graph;
    std::unique_ptr<RunState> state;
    bool completed = false;  // then only the slots the graph returns still hold tensors
    ~Lease() {
      for (TensorPtr& t : state->slots) t.reset();
      if (!completed) {
        for (size_t i = 0; i < graph.steps_.size(); ++i)
          for (const SlotInput& in : graph.steps_[i].slot_inputs) state->inputs[i][in.position].reset();
        state->outputs.clear();
      }
      graph.give_back(std::move(state));
    }
  } lease{*this, take_state()};
  RunState& state = *lease.state;
  std::vector<TensorPtr>& slots = state.slots;
  for (size_t i = 0; i < args.size(); ++i) slots[arg_slots_[i]] = args[i];
  // Denormals flushed once for the whole graph rather than per op (see FlushDenormals).
  std::optional<kernels::FlushDenormals> flush(std::in_place);
  for (size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    const Step& step = steps_[i];
    std::vector<TensorPtr>& inputs = state.inputs[i];
    for (const SlotInput& in : step.slot_inputs)
      inputs[in.position] = in.last_read ? std::move(slots[in.slot]) : slots[in.slot];
    if (n.op) {
      ops::KeptOutputs kept{state.kept.data() + step.first_kept, n.outputs.size()};
      if (n.dynamic_attrs.empty()) {
        ops::execute_into(*n.op, inputs, n.attrs, state.outputs, kept);
      } else {
        ops::execute_into(*n.op, inputs, attrs_for_run(n, slots), state.outputs, kept);
      }
      for (size_t k = 0; k < n.outputs.size(); ++k) slots[n.outputs[k]] = std::move(state.outputs[k]);
    } else {
      flush.reset();  // Python callbacks run in the caller's floating-point mode
      n.callback(inputs);
      flush.emplace();
    }
    for (const SlotInput& in : step.slot_inputs) inputs[in.position].reset();
    for (int s : step.release) slots[s].reset();
  }
  std::vector<TensorPtr> result;
  result.reserve(outputs_.size());
  for (const Ref& r : outputs_) {
    const TensorPtr& t = r.slot >= 0 ? slots[r.slot] : r.captured;
    // A Variable comes back as its current value, not as the Variable itself.
    result.push_back(t->is_variable ? snapshot(t) : t);
  }
  lease.completed = true;
  return result;
}

std::vector<TensorPtr> Graph::variables() const {
  std::vector<TensorPtr> found;
  auto note = [&](const Ref& r) {
    if (r.captured && r.captured->is_variable && std::find(found.begin(), found.end(), r.captured) == found.end())
      found.push_back(r.captured);
  };
  for (const Node& n : nodes_) {
    for (const Ref& r : n.inputs) note(r);
    for (const DynamicAttr& a : n.dynamic_attrs) note(a.source);
  }
  for (const Ref& r : outputs_) note(r);
  return found;
}

bool Graph::has_callbacks() const {
  return std::any_of(nodes_.begin(), nodes_.end(), [](const Node& n) { return !n.op; });
}

std::shared_ptr<Graph> Graph::with_variables_as_arguments(const std::vector<TensorPtr>& variables) const {
  std::unordered_map<const Tensor*, int> slot_of;
  std::vector<int> arg_slots = arg_slots_;
  int num_slots = num_slots_;
  for (const TensorPtr& v : variables) {
    if (!v->is_variable || slot_of.count(v.get()))
      throw InvalidArgument("[graph] with_variables_as_arguments: expects distinct Variables");
    slot_of[v.get()] = num_slots;
    arg_slots.push_back(num_slots++);
  }
  auto as_argument = [&](Ref& r) {
    if (!r.captured || !r.captured->is_variable) return;
    auto found = slot_of.find(r.captured.get());
    if (found == slot_of.end())
      throw InvalidArgument(std::string("[graph] with_variables_as_arguments: the graph uses a Variable (") +
                            dtype_name(r.captured->dtype) + shape_str(r.captured->shape) + ") not among those given");
    r = Ref{found->second, nullptr};
  };
  std::vector<Node> nodes = nodes_;
  for (Node& n : nodes) {
    for (Ref& r : n.inputs) as_argument(r);
    for (DynamicAttr& a : n.dynamic_attrs) as_argument(a.source);
  }
  std::vector<Ref> outputs = outputs_;
  for (Ref& r : outputs) as_argument(r);
  auto graph = std::make_shared<Graph>(std::move(arg_slots), num_slots, std::move(nodes), std::move(outputs));
  graph->variable_arguments_ = variable_arguments_;
  for (const TensorPtr& v : variables) graph->variable_arguments_.emplace_back(v->shape, v->dtype);
  return graph;
}

BoundGraph::BoundGraph(std::shared_ptr<const Graph> graph, std::vector<TensorPtr> variables)
    : graph_(std::move(graph)), variables_(std::move(variables)) {
  const auto& expected = graph_->variable_arguments();
  if (variables_.size() != expected.size())
    throw InvalidArgument("[graph] bind: the graph takes " + std::to_string(expected.size()) + " Variables, received " +
                          std::to_string(variables_.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    const Tensor& v = *variables_[i];
    if (!v.is_variable || v.shape != expected[i].first || v.dtype != expected[i].second)
      throw InvalidArgument("[graph] bind: Variable " + std::to_string(i) + " must be " +
                            dtype_name(expected[i].second) + shape_str(expected[i].first) + ", received " +
                            (v.is_variable ? "a Variable " : "a tensor ") + dtype_name(v.dtype) + shape_str(v.shape));
  }
}

std::vector<TensorPtr> BoundGraph::run(const std::vector<TensorPtr>& args) const {
  std::vector<TensorPtr> all;
  all.reserve(args.size() + variables_.size());
  all.insert(all.end(), args.begin(), args.end());
  all.insert(all.end(), variables_.begin(), variables_.end());
  return graph_->run(all);
}

}  // namespace ef::graph
