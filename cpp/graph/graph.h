// A traced graph: the op calls a function made, in the order it made them, replayed in C++
// on new arguments without running the function's Python again. tf.function and the
// compiled training step of fit are both this (python/eigenflow/framework/function.py).
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ops/registry.h"

namespace ef::graph {

// Where a node's input (or a graph output) comes from: a slot (an argument, or a value a
// node computed), or a tensor captured when tracing: a Variable, read when the node runs,
// or a constant.
struct Ref {
  int slot = -1;
  TensorPtr captured;
};

// A call back into Python (tf.print) that the graph makes when it reaches it.
using Callback = std::function<void(const std::vector<TensorPtr>&)>;

// An attribute a traced tensor gave (tf.zeros([tf.shape(x)[0], 3]), tf.reshape(x, shape)):
// the graph reads it from that tensor each run. ELEMENT is the position in an int list,
// -1 for the whole value.
struct DynamicAttr {
  int attr;
  int element;
  Ref source;
};

struct Node {
  const ops::OpDef* op = nullptr;  // null for a callback
  ops::Attrs attrs;
  std::vector<DynamicAttr> dynamic_attrs;
  Callback callback;
  std::vector<Ref> inputs;
  std::vector<int> outputs;  // slots
};

class Graph {
 public:
  // ARG_SLOTS: the slot of each argument. Keeps the nodes that lead to OUTPUTS or change
  // state (stateful ops, callbacks), and plans when each slot's tensor is released (right
  // after its last reader).
  Graph(std::vector<int> arg_slots, int num_slots, std::vector<Node> nodes, std::vector<Ref> outputs);
  ~Graph();

  // Runs the nodes in traced order on ARGS (one per argument). Several threads may run one
  // graph at once.
  std::vector<TensorPtr> run(const std::vector<TensorPtr>& args) const;

  int num_args() const { return static_cast<int>(arg_slots_.size()); }
  size_t num_outputs() const { return outputs_.size(); }
  const std::vector<Node>& nodes() const { return nodes_; }
  // The Variables the graph reads or writes, by reference (as op inputs, as the sources of
  // dynamic attributes, or as outputs), each once, in the order the graph first uses them.
  std::vector<TensorPtr> variables() const;
  // Whether a node calls back into Python.
  bool has_callbacks() const;
  // This graph taking VARIABLES (every Variable it uses, as variables() lists them) as
  // arguments after its own instead of capturing them: one graph that models of one
  // architecture share, each running it on its own Variables through a BoundGraph.
  std::shared_ptr<Graph> with_variables_as_arguments(const std::vector<TensorPtr>& variables) const;
  // The Variables such a graph takes after its own arguments: their shapes and dtypes.
  const std::vector<std::pair<Shape, DType>>& variable_arguments() const { return variable_arguments_; }

 private:
  // An input of a node that a slot gives. On the slot's last read the tensor is moved, not
  // copied, into the node's inputs (saving two reference count updates).
  struct SlotInput {
    int position;
    int slot;
    bool last_read;
  };
  // How run() performs one node, planned once.
  struct Step {
    std::vector<SlotInput> slot_inputs;
    std::vector<int> release;  // slots nothing reads later, other than those moved
    size_t first_kept;         // where the node's outputs start in RunState::kept
  };
  // The working memory of one run (defined in graph.cpp).
  struct RunState;
  std::unique_ptr<RunState> take_state() const;
  void give_back(std::unique_ptr<RunState> state) const;

  std::vector<int> arg_slots_;
  std::vector<std::pair<Shape, DType>> variable_arguments_;  // the trailing arguments that are Variables
  int num_slots_;
  std::vector<Node> nodes_;
  std::vector<Ref> outputs_;
  std::vector<Step> steps_;
  size_t num_node_outputs_ = 0;
  // Run states not in use: each run takes one (or makes one) and gives it back after, so runs
  // on several threads never share one, and a state's buffers are reused run after run.
  mutable std::mutex idle_mutex_;
  mutable std::vector<std::unique_ptr<RunState>> idle_;
};

// A graph made by with_variables_as_arguments, bound to one model's Variables: run() takes
// the graph's own arguments and passes those Variables after them.
class BoundGraph {
 public:
  // Checks that VARIABLES are Variables of the shapes and dtypes GRAPH takes.
  BoundGraph(std::shared_ptr<const Graph> graph, std::vector<TensorPtr> variables);
  std::vector<TensorPtr> run(const std::vector<TensorPtr>& args) const;
  const Graph& graph() const { return *graph_; }
  const std::vector<TensorPtr>& variables() const { return variables_; }

 private:
  std::shared_ptr<const Graph> graph_;
  std::vector<TensorPtr> variables_;
};

}  // namespace ef::graph
