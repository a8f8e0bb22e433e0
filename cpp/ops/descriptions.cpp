// One-line descriptions of the ops whose registry entries (often made from a shared table,
// as the elementwise families are) carry none; help(tf.exp) shows them after the signature.
#include "ops/descriptions.h"

#include <utility>

#include "ops/registry.h"

namespace ef::ops {
namespace {

const std::pair<const char*, const char*> kDescriptions[] = {
    {"abs", "Elementwise absolute value |x|."},
    {"add", "Elementwise x + y, broadcasting the two shapes."},
    {"add_n", "The elementwise sum of a list of tensors of one shape and dtype."},
    {"avg_pool2d_grad", "The gradient of avg_pool2d with respect to its input (used by the tape)."},
    {"broadcast_to", "input broadcast to shape (NumPy broadcasting rules)."},
    {"cast", "x converted to dtype (floats to integers truncate toward zero; bools are 0 and 1)."},
    {"categorical", "num_samples class indices per row of logits, drawn from softmax(logits)."},
    {"ceil", "Elementwise smallest integer not below x."},
    {"clip_by_value", "t with every element limited to [clip_value_min, clip_value_max]."},
    {"concat", "The tensors of values joined along axis (their other dims must agree)."},
    {"cos", "Elementwise cosine."},
    {"divide", "Elementwise x / y, broadcasting (true division: integers give floats)."},
    {"divide_no_nan", "Elementwise x / y, broadcasting, and 0 where y is 0 even if x is inf or nan (floats)."},
    {"dropout_mask", "The multiplier of a dropout: 0 with probability rate, else 1 / (1 - rate)."},
    {"equal", "Elementwise x == y as bools, broadcasting."},
    {"erf", "Elementwise Gauss error function."},
    {"exp", "Elementwise e ** x."},
    {"expand_dims", "input with a new axis of size 1 inserted at axis."},
    {"expm1", "Elementwise e ** x - 1, accurate near 0."},
    {"eye", "A num_rows x num_columns identity matrix (batched by batch_shape)."},
    {"fill", "A tensor of shape dims with every element value."},
    {"floor", "Elementwise largest integer not above x."},
    {"floordiv", "Elementwise x // y (rounding toward minus infinity), broadcasting."},
    {"floormod", "Elementwise x - floor(x / y) * y (the sign of y), broadcasting."},
    {"gelu_grad", "The gradient of gelu with respect to its input (used by the tape)."},
    {"greater", "Elementwise x > y as bools, broadcasting."},
    {"greater_equal", "Elementwise x >= y as bools, broadcasting."},
    {"identity", "A tensor with the same values as input."},
    {"is_finite", "Elementwise: whether x is neither infinite nor NaN."},
    {"is_inf", "Elementwise: whether x is +inf or -inf."},
    {"is_nan", "Elementwise: whether x is NaN."},
    {"less", "Elementwise x < y as bools, broadcasting."},
    {"less_equal", "Elementwise x <= y as bools, broadcasting."},
    {"linspace", "num values evenly spaced from start to stop, both included."},
    {"log", "Elementwise natural logarithm."},
    {"log1p", "Elementwise log(1 + x), accurate near 0."},
    {"logical_and", "Elementwise x AND y of bools, broadcasting."},
    {"logical_not", "Elementwise NOT x of bools."},
    {"logical_or", "Elementwise x OR y of bools, broadcasting."},
    {"matmul", "The matrix product a @ b over the last two axes (leading axes are batch axes and broadcast)."},
    {"max_pool2d_grad", "The gradient of max_pool2d with respect to its input (used by the tape)."},
    {"max_pool2d_grad_grad", "The gradient of max_pool2d_grad (second-order gradients of max pooling)."},
    {"maximum", "Elementwise max(x, y), broadcasting."},
    {"minimum", "Elementwise min(x, y), broadcasting."},
    {"multiply", "Elementwise x * y, broadcasting."},
    {"multiply_no_nan", "Elementwise x * y, broadcasting, and 0 where y is 0 even if x is inf or nan (floats)."},
    {"negative", "Elementwise -x."},
    {"not_equal", "Elementwise x != y as bools, broadcasting."},
    {"ones", "A tensor of shape filled with ones."},
    {"ones_like", "A tensor of ones with the shape (and dtype, unless given) of input."},
    {"pad", "tensor padded by paddings ([before, after] per axis) in mode CONSTANT, REFLECT or SYMMETRIC."},
    {"pad_grad", "The gradient of pad with respect to its input (used by the tape)."},
    {"pow", "Elementwise x ** y, broadcasting."},
    {"random_normal", "Normal samples of shape with mean and stddev, from the global random stream."},
    {"random_set_seed", "Sets (or clears, with None) the global random seed and restarts the streams."},
    {"random_shuffle", "value with its first axis in a random order."},
    {"random_uniform", "Uniform samples of shape in [minval, maxval), from the global random stream."},
    {"range", "The numbers from start up to (not including) limit by delta."},
    {"rank", "The number of axes of input, as a scalar int32."},
    {"reciprocal", "Elementwise 1 / x."},
    {"reshape", "tensor with the same values in shape (one entry may be -1: inferred)."},
    {"reverse", "tensor with the order of elements reversed along each of axis."},
    {"round", "Elementwise rounding to the nearest integer, halves to even."},
    {"rsqrt", "Elementwise 1 / sqrt(x)."},
    {"shape", "The shape of input as a 1-D int tensor."},
    {"sigmoid", "Elementwise 1 / (1 + e ** -x)."},
    {"sign", "Elementwise -1, 0 or 1 by the sign of x."},
    {"sin", "Elementwise sine."},
    {"size", "The number of elements of input, as a scalar int32."},
    {"slice", "The block of input of size size starting at begin (-1 in size: to the end)."},
    {"softplus", "Elementwise log(1 + e ** x)."},
    {"softsign", "Elementwise x / (1 + |x|)."},
    {"split", "value cut along axis into num_or_size_splits equal parts (or parts of the given sizes)."},
    {"sqrt", "Elementwise square root."},
    {"square", "Elementwise x * x."},
    {"squared_difference", "Elementwise (x - y) ** 2, broadcasting."},
    {"squeeze", "input without the axes of size 1 (only those in axis, when given)."},
    {"stack", "The tensors of values, of one shape, stacked along a new axis."},
    {"stateless_random_normal", "Normal samples of shape determined by the seed pair alone."},
    {"stateless_random_uniform", "Uniform samples of shape in [minval, maxval) determined by the seed pair alone."},
    {"stateless_truncated_normal", "Normal samples within two stddevs of the mean, determined by the seed pair alone."},
    {"stop_gradient", "input, with no gradient flowing back through it."},
    {"strided_slice", "NumPy-style basic slicing (begin, end, strides and the axis masks), as t[...] does."},
    {"strided_slice_grad", "The gradient of strided_slice with respect to its input (used by the tape)."},
    {"subtract", "Elementwise x - y, broadcasting."},
    {"tan", "Elementwise tangent."},
    {"tanh", "Elementwise hyperbolic tangent."},
    {"tile", "input repeated multiples[i] times along each axis i."},
    {"transpose", "a with its axes permuted by perm (reversed when perm is None)."},
    {"truncated_normal", "Normal samples of shape redrawn until within two stddevs of the mean."},
    {"unstack", "The slices of value along axis, as a list."},
    {"where", "Elementwise x where condition is true, else y, broadcasting the three."},
    {"zeros", "A tensor of shape filled with zeros."},
    {"zeros_like", "A tensor of zeros with the shape (and dtype, unless given) of input."},
};

}  // namespace

void describe_undocumented_ops() {
  for (const auto& [name, text] : kDescriptions) {
    OpDef* op = Registry::get().find(name);
    if (op && op->doc.empty()) op->doc = text;
  }
}

}  // namespace ef::ops
