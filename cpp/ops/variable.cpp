// Writing a Variable is an op, so a traced function replays its assignments
// (Variable.assign, BatchNormalization's moving statistics, a metric's totals) in order.
#include <cstring>

#include "kernels/elementwise.h"
#include "ops/elementwise_forward.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

// Input 0 must be a Variable, input 1 a tensor with a value.
void check_target_and_value(const OpCall& c) {
  if (!c.in(0)->is_variable) throw InvalidArgument(op_message(c.name(), "only a Variable can be assigned to"));
  const Tensor& value = *c.in(1);
  if (value.symbolic())
    throw InvalidArgument(op_message(c.name(), "a symbolic tensor of shape " + shape_str(value.shape) +
                                                   " (a Keras Input or a layer output on one) has no value to assign"));
}

void check_assign(const OpCall& c) {
  check_target_and_value(c);
  const Tensor& var = *c.in(0);
  const Tensor& value = *c.in(1);
  if (value.dtype != var.dtype)
    throw InvalidArgument(op_message(c.name(), std::string("dtype mismatch: the variable is ") + dtype_name(var.dtype) +
                                                   ", the value " + dtype_name(value.dtype)));
  if (value.shape != var.shape)
    throw InvalidArgument(op_message(c.name(), "shape mismatch: the variable has shape " + shape_str(var.shape) +
                                                   ", the value " + shape_str(value.shape)));
}

// variable OP= value, VALUE broadcast to the variable's shape, in place: a metric's running
// totals and an optimizer's step count take one op each, not an add and an assign.
template <typename F>
void def_update(const char* name, const char* sign, F f) {
  def_op(name).exported({}).input("variable", false).input("value", false)
      .shape([](const OpCall& c) {
        check_target_and_value(c);
        const Tensor& var = *c.in(0);
        const Tensor& value = *c.in(1);
        require_numeric(c, 0);
        require_same_dtype(c);
        if (broadcast_shapes(var.shape, value.shape, c.name()) != var.shape)
          throw InvalidArgument(op_message(c.name(), "a value of shape " + shape_str(value.shape) +
                                                         " does not broadcast to the variable's shape " +
                                                         shape_str(var.shape)));
        return std::vector<TensorMeta>{{Shape{}, DType::Int32}};
      })
      .forward([f](const OpCall& c, const std::vector<TensorPtr>& out) {
        Tensor& var = *c.in(0);
        const Tensor& value = *c.in(1);
        make_writable(var, c.name());
        EF_DISPATCH_NUMERIC(var.dtype, kernels::binary(var.data<T>(), var.shape, value.data<T>(), value.shape,
                                                       var.data<T>(), var.shape, f));
        out[0]->data<int32_t>()[0] = 0;
      })
      .stateful()
      .describe(std::string("Variable variable ") + sign + " value (broadcast to its shape), in place.");
}

}  // namespace

EF_REGISTER_OPS(variable) {
  def_update("assign_add", "+=", [](const auto& a, const auto& b) { return a + b; });
  def_update("assign_sub", "-=", [](const auto& a, const auto& b) { return a - b; });

  // The buffer is overwritten only if nothing else shares it; otherwise (a snapshot on a
  // tape, a NumPy view) the Variable gets a fresh buffer. Returns a 0-d int32 zero.
  def_op("assign").exported({}).input("variable", false).input("value", false)
      .shape([](const OpCall& c) {
        check_assign(c);
        return std::vector<TensorMeta>{{Shape{}, DType::Int32}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        Tensor& var = *c.in(0);
        const Tensor& value = *c.in(1);
        if (var.storage.use_count() > 1 || var.offset != 0) {
          var.storage = allocate_storage(var.nbytes(), "assign");
          var.offset = 0;
        }
        if (var.nbytes() && var.raw() != value.raw()) std::memmove(var.raw(), value.raw(), var.nbytes());
        out[0]->data<int32_t>()[0] = 0;
      })
      .stateful()
      .describe("Writes value into Variable variable (same shape and dtype).");
}

}  // namespace ef::ops
