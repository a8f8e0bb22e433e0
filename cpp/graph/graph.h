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
  // The Variables the graph reads or writes, by reference.
  std::vector<TensorPtr> variables() const;

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

}  // namespace ef::graph
