// Optimizer updates as ops: each applies one optimizer step to one Variable and its slot
// Variables in place, with one fused kernel (kernels/optimizer_updates.h). Keras's
// optimizers (python/eigenflow/keras/optimizers/) call them once per variable per step.
// The scalars that change from step to step (learning rate, step number, Nadam's running
// product) are scalar tensor inputs, so a traced training step reads them when it runs
// (a learning-rate Variable, a schedule's output); fixed hyper-parameters are attributes.
// The ops are stateful and return a 0-d int32 zero: their result is the change to their inputs.
#include <cstring>

#include "kernels/optimizer_updates.h"
#include "ops/execute.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

// Input 0 is the variable, 1 the gradient, then one input per entry of WRITTEN (the slots),
// then the scalar inputs. WRITTEN[k] says whether slot k (input k + 2) is written by this
// call; unused slots only need the right shape.
std::vector<TensorMeta> check_update(const OpCall& c, const std::vector<bool>& written) {
  const Tensor& var = *c.in(0);
  const Tensor& grad = *c.in(1);
  for (const TensorPtr& t : c.inputs)
    if (t->symbolic())
      throw InvalidArgument(op_message(c.name(), "updates Variables eagerly and cannot run on symbolic tensors "
                                                 "(a Keras Input or a traced function), received shapes " +
                                                 shape_list(c)));
  if (!var.is_variable)
    throw InvalidArgument(op_message(c.name(), "var must be a Variable (it is updated in place), received a tensor of shape " +
                                                   shape_str(var.shape)));
  if (!is_float(var.dtype))
    throw InvalidArgument(op_message(c.name(), std::string("var must be float32 or float64, received ") +
                                                   dtype_name(var.dtype)));
  if (!is_float(grad.dtype) || grad.shape != var.shape)
    throw InvalidArgument(op_message(c.name(), "grad must be a float tensor of var's shape " + shape_str(var.shape) +
                                                   ", received " + dtype_name(grad.dtype) + " " + shape_str(grad.shape)));
  const size_t first_scalar = 2 + written.size();
  for (size_t k = first_scalar; k < c.inputs.size(); ++k) {
    const Tensor& scalar = *c.in(k);
    if (scalar.size() != 1 || scalar.dtype == DType::Bool)
      throw InvalidArgument(op_message(c.name(), c.op.inputs[k].name + " must be a number (a scalar tensor), received " +
                                                     dtype_name(scalar.dtype) + " " + shape_str(scalar.shape)));
  }
  for (size_t k = 2; k < first_scalar; ++k) {
    const Tensor& slot = *c.in(k);
    const std::string& name = c.op.inputs[k].name;
    if (slot.shape != var.shape || slot.dtype != var.dtype)
      throw InvalidArgument(op_message(c.name(), name + " must have var's shape and dtype (" + shape_str(var.shape) +
                                                     " " + dtype_name(var.dtype) + "), received " + shape_str(slot.shape) +
                                                     " " + dtype_name(slot.dtype)));
    if (!written[k - 2]) continue;
    if (!slot.is_variable)
      throw InvalidArgument(op_message(c.name(), name + " must be a Variable (it is updated in place)"));
    for (size_t j = 0; j < k; ++j)
      if (c.in(j).get() == &slot && (j == 0 || (j >= 2 && written[j - 2])))
        throw InvalidArgument(op_message(c.name(), name + " is the same Variable as " + c.op.inputs[j].name +
                                                       "; each updated input needs its own Variable"));
  }
  return {{Shape{}, DType::Int32}};
}

// Readies a call to write: the written inputs get buffers of their own, the output its
// zero, and the returned gradient is in var's dtype and aliases no written buffer.
TensorPtr begin_update(const OpCall& c, const std::vector<bool>& written, const std::vector<TensorPtr>& outputs) {
  make_writable(*c.in(0), c.name());
  for (size_t k = 0; k < written.size(); ++k)
    if (written[k]) make_writable(*c.in(k + 2), c.name());
  outputs[0]->data<int32_t>()[0] = 0;
  TensorPtr grad = c.in(1);
  if (grad->dtype != c.in(0)->dtype) return call("cast", {grad}, {{"dtype", c.in(0)->dtype}});
  bool aliased = grad->storage == c.in(0)->storage;
  for (size_t k = 0; k < written.size(); ++k) aliased = aliased || (written[k] && grad->storage == c.in(k + 2)->storage);
  return aliased ? copy(grad) : grad;
}

// The value of scalar input K.
double scalar(const OpCall& c, size_t k) { return element_as_double(*c.in(k), 0); }

template <typename T>
T* data_or_null(const OpCall& c, size_t k, bool used) {
  return used ? c.in(k)->data<T>() : nullptr;
}

// ---- apply_sgd ------------------------------------------------------------------------
// inputs: 3 learning_rate; attrs: 0 momentum, 1 nesterov, 2 weight_decay
std::vector<bool> sgd_written(const OpCall& c) { return {c.attrs.f(0) != 0.0}; }

void sgd_forward(const OpCall& c, const std::vector<TensorPtr>& out) {
  const std::vector<bool> written = sgd_written(c);
  const TensorPtr grad = begin_update(c, written, out);
  kernels::SgdParams params{scalar(c, 3), c.attrs.f(0), c.attrs.f(2), c.attrs.b(1)};
  EF_DISPATCH_FLOAT(c.in(0)->dtype, kernels::apply_sgd<T>(c.in(0)->data<T>(), grad->data<T>(),
                                                          data_or_null<T>(c, 2, written[0]), c.in(0)->size(), params));
}

// ---- apply_adam -----------------------------------------------------------------------
// inputs: 5 learning_rate, 6 step (counted from 1), 7 u_product (Nadam's running product
// of its momentum schedule; unused otherwise); attrs: 0 beta_1, 1 beta_2, 2 epsilon,
// 3 weight_decay, 4 amsgrad, 5 variant
kernels::AdamVariant adam_variant(const OpCall& c) {
  const std::string& v = c.attrs.s(5);
  if (v == "adam") return kernels::AdamVariant::Adam;
  if (v == "adamax") return kernels::AdamVariant::Adamax;
  if (v == "nadam") return kernels::AdamVariant::Nadam;
  throw InvalidArgument(op_message(c.name(), "variant must be 'adam', 'adamax' or 'nadam', received '" + v + "'"));
}

std::vector<bool> adam_written(const OpCall& c) {
  const bool amsgrad = c.attrs.b(4);
  if (amsgrad && adam_variant(c) != kernels::AdamVariant::Adam)
    throw InvalidArgument(op_message(c.name(), "amsgrad applies to variant 'adam' only, received variant '" +
                                                   c.attrs.s(5) + "'"));
  return {true, true, amsgrad};
}

// The values of the scalar inputs are known only when the op runs (a traced step reads them
// then), so they are checked in the forward, before anything is written.
void check_adam_scalars(const OpCall& c) {
  if (scalar(c, 6) < 1)
    throw InvalidArgument(op_message(c.name(), "step counts from 1, received step=" + std::to_string(scalar(c, 6))));
  if (adam_variant(c) == kernels::AdamVariant::Nadam && !(scalar(c, 7) < 1.0))
    throw InvalidArgument(op_message(c.name(), "nadam needs u_product < 1 (the running product of its momentum "
                                               "schedule), received u_product=" + std::to_string(scalar(c, 7))));
}

void adam_forward(const OpCall& c, const std::vector<TensorPtr>& out) {
  const std::vector<bool> written = adam_written(c);
  check_adam_scalars(c);
  const TensorPtr grad = begin_update(c, written, out);
  kernels::AdamParams params;
  params.learning_rate = scalar(c, 5);
  params.beta_1 = c.attrs.f(0);
  params.beta_2 = c.attrs.f(1);
  params.epsilon = c.attrs.f(2);
  params.step = scalar(c, 6);
  params.weight_decay = c.attrs.f(3);
  params.amsgrad = c.attrs.b(4);
  params.variant = adam_variant(c);
  params.u_product = scalar(c, 7);
  EF_DISPATCH_FLOAT(c.in(0)->dtype,
                    kernels::apply_adam<T>(c.in(0)->data<T>(), grad->data<T>(), c.in(2)->data<T>(),
                                           c.in(3)->data<T>(), data_or_null<T>(c, 4, written[2]), c.in(0)->size(),
                                           params));
}

// ---- apply_rmsprop --------------------------------------------------------------------
// inputs: 5 learning_rate; attrs: 0 rho, 1 momentum, 2 epsilon, 3 centered, 4 weight_decay
std::vector<bool> rmsprop_written(const OpCall& c) { return {true, c.attrs.f(1) > 0, c.attrs.b(3)}; }

void rmsprop_forward(const OpCall& c, const std::vector<TensorPtr>& out) {
  const std::vector<bool> written = rmsprop_written(c);
  const TensorPtr grad = begin_update(c, written, out);
  kernels::RmspropParams params{scalar(c, 5), c.attrs.f(0), c.attrs.f(1), c.attrs.f(2), c.attrs.f(4), c.attrs.b(3)};
  EF_DISPATCH_FLOAT(c.in(0)->dtype,
                    kernels::apply_rmsprop<T>(c.in(0)->data<T>(), grad->data<T>(), c.in(2)->data<T>(),
                                              data_or_null<T>(c, 3, written[1]), data_or_null<T>(c, 4, written[2]),
                                              c.in(0)->size(), params));
}

// ---- apply_adagrad / apply_adadelta ---------------------------------------------------
// inputs: 3 learning_rate; attrs: 0 epsilon, 1 weight_decay
void adagrad_forward(const OpCall& c, const std::vector<TensorPtr>& out) {
  const TensorPtr grad = begin_update(c, {true}, out);
  kernels::AdagradParams params{scalar(c, 3), c.attrs.f(0), c.attrs.f(1)};
  EF_DISPATCH_FLOAT(c.in(0)->dtype, kernels::apply_adagrad<T>(c.in(0)->data<T>(), grad->data<T>(),
                                                              c.in(2)->data<T>(), c.in(0)->size(), params));
}

// inputs: 4 learning_rate; attrs: 0 rho, 1 epsilon, 2 weight_decay
void adadelta_forward(const OpCall& c, const std::vector<TensorPtr>& out) {
  const TensorPtr grad = begin_update(c, {true, true}, out);
  kernels::AdadeltaParams params{scalar(c, 4), c.attrs.f(0), c.attrs.f(1), c.attrs.f(2)};
  EF_DISPATCH_FLOAT(c.in(0)->dtype,
                    kernels::apply_adadelta<T>(c.in(0)->data<T>(), grad->data<T>(), c.in(2)->data<T>(),
                                               c.in(3)->data<T>(), c.in(0)->size(), params));
}

}  // namespace

EF_REGISTER_OPS(optimizer_updates) {
  def_op("apply_sgd").exported({})
      .input("var").input("grad").input("mom").input("learning_rate")
      .attr("momentum", AttrKind::Float, 0.0)
      .attr("nesterov", AttrKind::Bool, false).attr("weight_decay", AttrKind::Float, 0.0)
      .shape([](const OpCall& c) { return check_update(c, sgd_written(c)); })
      .forward(sgd_forward)
      .stateful()
      .describe("One SGD step on Variable var in place (mom: the momentum Variable, unused when momentum is 0).");

  def_op("apply_adam").exported({})
      .input("var").input("grad").input("m").input("v").input("v_hat")
      .input("learning_rate").input("step").input("u_product")
      .attr("beta_1", AttrKind::Float, 0.9)
      .attr("beta_2", AttrKind::Float, 0.999).attr("epsilon", AttrKind::Float, 1e-7)
      .attr("weight_decay", AttrKind::Float, 0.0)
      .attr("amsgrad", AttrKind::Bool, false).attr("variant", AttrKind::String, std::string("adam"))
      .shape([](const OpCall& c) { return check_update(c, adam_written(c)); })
      .forward(adam_forward)
      .stateful()
      .describe("One Adam-family step (variant 'adam', 'adamax' or 'nadam') on Variable var and its moment "
                "Variables m, v (and v_hat with amsgrad) in place; step counts from 1.");

  def_op("apply_rmsprop").exported({})
      .input("var").input("grad").input("velocity").input("mom").input("average_gradient")
      .input("learning_rate").attr("rho", AttrKind::Float, 0.9)
      .attr("momentum", AttrKind::Float, 0.0).attr("epsilon", AttrKind::Float, 1e-7)
      .attr("centered", AttrKind::Bool, false).attr("weight_decay", AttrKind::Float, 0.0)
      .shape([](const OpCall& c) { return check_update(c, rmsprop_written(c)); })
      .forward(rmsprop_forward)
      .stateful()
      .describe("One RMSprop step on Variable var in place (mom used when momentum > 0, average_gradient when "
                "centered).");

  def_op("apply_adagrad").exported({})
      .input("var").input("grad").input("accumulator").input("learning_rate")
      .attr("epsilon", AttrKind::Float, 1e-7)
      .attr("weight_decay", AttrKind::Float, 0.0)
      .shape([](const OpCall& c) { return check_update(c, {true}); })
      .forward(adagrad_forward)
      .stateful()
      .describe("One Adagrad step on Variable var and its accumulator in place.");

  def_op("apply_adadelta").exported({})
      .input("var").input("grad").input("accumulated_grad").input("accumulated_delta_var")
      .input("learning_rate").attr("rho", AttrKind::Float, 0.95)
      .attr("epsilon", AttrKind::Float, 1e-7).attr("weight_decay", AttrKind::Float, 0.0)
      .shape([](const OpCall& c) { return check_update(c, {true, true}); })
      .forward(adadelta_forward)
      .stateful()
      .describe("One Adadelta step on Variable var and its two accumulators in place.");
}

}  // namespace ef::ops
