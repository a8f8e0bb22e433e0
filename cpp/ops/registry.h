// The op registry. An op is data: its inputs, its attributes, a shape rule that validates
// and infers outputs, a forward kernel call and a gradient written with other ops. The
// bindings, the Python namespace, the tape and the test checker all read this one table.
#pragma once
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "tensor/errors.h"
#include "tensor/tensor.h"

namespace ef::ops {

// An attribute that is a C++ object (the branch graphs of a `cond`); ops read it by casting.
struct OpaqueAttr {
  virtual ~OpaqueAttr() = default;
};

// None, bool, int, float, string, int list, dtype, or an opaque object.
using AttrValue = std::variant<std::monostate, bool, int64_t, double, std::string, std::vector<int64_t>, DType,
                               std::shared_ptr<const OpaqueAttr>>;

// How the bindings read an attribute from Python.
enum class AttrKind {
  Int,       // a Python int (or a one-element int tensor)
  Float,     // a Python float or int
  Bool,
  String,
  Ints,      // an int or a sequence of ints (a shape, a perm); also an int tensor
  Axes,      // None (all axes), an int or a sequence of ints
  DType,     // None or anything tf.as_dtype accepts
  OptInt,    // None or an int
  OptFloat,  // None or a float
};

struct AttrSpec {
  std::string name;
  AttrKind kind;
  AttrValue default_value;
  bool required = false;
};

struct Attrs {
  std::vector<AttrValue> values;
  bool none(size_t k) const { return std::holds_alternative<std::monostate>(values[k]); }
  int64_t i(size_t k) const { return std::get<int64_t>(values[k]); }
  double f(size_t k) const { return std::get<double>(values[k]); }
  bool b(size_t k) const { return std::get<bool>(values[k]); }
  const std::string& s(size_t k) const { return std::get<std::string>(values[k]); }
  const std::vector<int64_t>& ints(size_t k) const {
    return std::get<std::vector<int64_t>>(values[k]);
  }
  DType dtype(size_t k) const { return std::get<DType>(values[k]); }
  template <typename T> const T& opaque(size_t k) const {
    return dynamic_cast<const T&>(*std::get<std::shared_ptr<const OpaqueAttr>>(values[k]));
  }
};

struct InputSpec {
  std::string name;
  // Python literals given here take the dtype of the other inputs that also promote
  // (x + 2 keeps x's dtype); others are converted on their own (int32 for ints).
  bool promotes = true;
};

struct OpDef;

// What a shape rule, a forward kernel and a gradient rule see of one call.
struct OpCall {
  const OpDef& op;
  const std::vector<TensorPtr>& inputs;
  const Attrs& attrs;
  const TensorPtr& in(size_t k) const { return inputs[k]; }
  const char* name() const;
};

struct TensorMeta {
  Shape shape;
  DType dtype;
};

struct GradCall : OpCall {
  const std::vector<TensorPtr>& outputs;
  const std::vector<TensorPtr>& dys;  // one per output, zeros where no gradient arrived
  // Which inputs a gradient is wanted for (null: all). A rule may skip the others (return
  // nullptr), as matmul and conv2d do for a first layer's data input.
  const std::vector<bool>* wanted = nullptr;
  const TensorPtr& out(size_t k) const { return outputs[k]; }
  const TensorPtr& dy(size_t k = 0) const { return dys[k]; }
  bool needs(size_t k) const { return !wanted || (*wanted)[k]; }
};

using ShapeFn = std::function<std::vector<TensorMeta>(const OpCall&)>;
using ForwardFn = std::function<void(const OpCall&, const std::vector<TensorPtr>& outputs)>;
// A forward that makes its outputs itself, for ops whose output shapes depend on values
// (a `cond` returns whichever branch ran); the shape rule then only validates.
using ComputeFn = std::function<std::vector<TensorPtr>(const OpCall&)>;
// Returns one gradient per input (nullptr for none); the engine sums each back to its
// input's pre-broadcast shape.
using GradFn = std::function<std::vector<TensorPtr>(const GradCall&)>;

struct OpDef {
  std::string name;
  std::vector<std::string> exported_as;  // "add", "math.add", "nn.relu"...
  std::vector<InputSpec> inputs;
  bool variadic = false;  // the single input is a list of tensors (concat, stack, add_n)
  std::vector<AttrSpec> attrs;
  ShapeFn shape_fn;
  ForwardFn forward_fn;
  ComputeFn compute_fn;
  GradFn grad_fn;
  bool differentiable = true;  // false: integer/boolean results or stateful (random)
  // Changes state beyond its outputs (a Variable, the random stream): a traced graph runs it
  // even when nothing reads its outputs, and in the order it was traced.
  bool is_stateful = false;
  bool is_view = false;        // output 0 shares input 0's buffer (reshape, squeeze)
  bool returns_list = false;   // Python gets a list even for one output (unstack, split)
  // Symbolic folding (ops/symbolic.cpp): the forward reads only its inputs' shapes (tf.shape),
  // or only moves values without arithmetic (slicing, reshaping), so unknown (-1) entries stay -1.
  bool reads_shape_only = false;
  bool moves_values = false;
  // The values the gradient rule reads: a bit per input (an input list counts as one) and
  // per output. It always has every input's and output's shape and dtype; a tape keeps only
  // these values until backward, so an eager step holds what its gradient needs (an add's
  // inputs, a matmul's output are dropped). Unset: every value (always correct).
  uint64_t grad_input_values = ~uint64_t{0};
  uint64_t grad_output_values = ~uint64_t{0};
  std::string doc;
  // Python parameter order when it interleaves inputs and attributes, as tf.fill(dims,
  // value) does; empty means inputs first, then attributes.
  std::vector<std::string> params;

  // Builder methods so an op reads as one statement.
  OpDef& exported(std::vector<std::string> names) { exported_as = std::move(names); return *this; }
  OpDef& input(std::string n, bool promotes = true) { inputs.push_back({std::move(n), promotes}); return *this; }
  OpDef& inputs_list(std::string n) { inputs.push_back({std::move(n), true}); variadic = true; return *this; }
  OpDef& attr(std::string n, AttrKind k, AttrValue def = {}) { attrs.push_back({std::move(n), k, std::move(def), false}); return *this; }
  OpDef& required_attr(std::string n, AttrKind k) { attrs.push_back({std::move(n), k, {}, true}); return *this; }
  OpDef& shape(ShapeFn f) { shape_fn = std::move(f); return *this; }
  OpDef& forward(ForwardFn f) { forward_fn = std::move(f); return *this; }
  OpDef& compute(ComputeFn f) { compute_fn = std::move(f); return *this; }
  OpDef& gradient(GradFn f) { grad_fn = std::move(f); return *this; }
  // The gradient rule reads the values of these inputs and outputs only (see grad_input_values).
  OpDef& gradient_reads(std::initializer_list<int> input_indices, std::initializer_list<int> output_indices) {
    grad_input_values = index_bits(input_indices);
    grad_output_values = index_bits(output_indices);
    return *this;
  }
  bool grad_reads_input(size_t k) const { return variadic ? grad_input_values & 1 : bit(grad_input_values, k); }
  bool grad_reads_output(size_t k) const { return bit(grad_output_values, k); }
  OpDef& not_differentiable() { differentiable = false; return *this; }
  OpDef& stateful() { is_stateful = true; differentiable = false; return *this; }
  OpDef& view() { is_view = true; return *this; }
  OpDef& list_output() { returns_list = true; return *this; }
  OpDef& shape_only() { reads_shape_only = true; return *this; }
  OpDef& value_moving() { moves_values = true; return *this; }
  OpDef& describe(std::string d) { doc = std::move(d); return *this; }
  OpDef& signature(std::vector<std::string> names) { params = std::move(names); return *this; }

  int attr_index(const std::string& attr_name) const;

 private:
  static uint64_t index_bits(std::initializer_list<int> indices) {
    uint64_t bits = 0;
    for (int k : indices) bits |= uint64_t{1} << k;
    return bits;
  }
  static bool bit(uint64_t bits, size_t k) { return k >= 64 || (bits >> k & 1); }
};

class Registry {
 public:
  static Registry& get();
  OpDef& def(const std::string& name);
  const OpDef* find(const std::string& name) const;
  OpDef* find(const std::string& name) { return const_cast<OpDef*>(std::as_const(*this).find(name)); }
  const OpDef& at(const std::string& name) const;
  const std::vector<std::unique_ptr<OpDef>>& all() const { return ops_; }

 private:
  std::vector<std::unique_ptr<OpDef>> ops_;
  std::unordered_map<std::string, OpDef*> by_name_;
};

inline OpDef& def_op(const std::string& name) { return Registry::get().def(name); }

// Registers a family of ops at load time: EF_REGISTER_OPS(unary) { def_op("exp")...; }
#define EF_REGISTER_OPS(family)                                      \
  static void ef_register_##family();                                \
  static const bool ef_registered_##family = (ef_register_##family(), true); \
  static void ef_register_##family()

}  // namespace ef::ops
