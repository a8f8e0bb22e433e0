// Fused recurrent cells: lstm_cell and gru_cell, the nonlinear part of one LSTM or GRU
// step (the matmuls stay with matmul), and their gradients lstm_cell_grad, gru_cell_grad.
// One op in place of the ten or so elementwise ops of a step, forward and backward. Keras's
// LSTM and GRU layers use them when their activations are the default tanh and sigmoid.
// The gradients of the gradient ops are written with ops, so higher orders still work.
#include "kernels/rnn.h"
#include "ops/api.h"
#include "ops/rules.h"

namespace ef::ops {
namespace {

using Grads = std::vector<TensorPtr>;

// Checks the inputs of a cell op: the first WIDE are (n, GATES * u), the others (n, u).
// Returns {n, u}; either may be -1 (symbolic).
Shape cell_dims(const OpCall& c, int64_t gates, size_t wide) {
  const std::string received = "received shapes " + shape_list(c);
  for (size_t k = 0; k < c.inputs.size(); ++k) {
    require_float(c, k);
    if (c.in(k)->rank() != 2)
      throw InvalidArgument(op_message(c.name(), "inputs must be 2-D (batch, units), " + received));
  }
  require_same_dtype(c);
  int64_t n = -1, u = c.in(wide)->shape[1];
  for (size_t k = 0; k < c.inputs.size() && u < 0; ++k)
    if (k < wide && c.in(k)->shape[1] >= 0) u = c.in(k)->shape[1] / gates;
  bool ok = true;
  for (size_t k = 0; k < c.inputs.size(); ++k) {
    const Shape& s = c.in(k)->shape;
    const int64_t width = k < wide ? gates * u : u;
    ok = ok && (s[1] < 0 || s[1] == width);
    if (n < 0) n = s[0];
    ok = ok && (s[0] < 0 || s[0] == n);
  }
  if (!ok)
    throw InvalidArgument(op_message(c.name(), "the gate inputs must be (batch, " + std::to_string(gates) +
                                                   " * units) and the states (batch, units), " + received));
  return {n, u};
}

Shape wide_shape(const Shape& d, int64_t gates) { return {d[0], d[1] < 0 ? -1 : gates * d[1]}; }

TensorPtr one_minus(const TensorPtr& x) { return sub(scalar_like(x, 1), x); }
TensorPtr times(const TensorPtr& x, double v) { return mul(x, scalar_like(x, v)); }

// X cut into PARTS equal blocks along axis 1.
Grads split(const TensorPtr& x, int parts) {
  return call_all("split", {x, full({}, DType::Int32, parts)}, {{"axis", int64_t{1}}});
}
TensorPtr join(const Grads& parts) { return call("concat", parts, {{"axis", int64_t{1}}}); }

// The gates of z: sigmoid(z_i), sigmoid(z_f), tanh(z_c), sigmoid(z_o).
Grads gates(const TensorPtr& z) {
  Grads zs = split(z, 4);
  return {call("sigmoid", {zs[0]}), call("sigmoid", {zs[1]}), call("tanh", {zs[2]}), call("sigmoid", {zs[3]})};
}

// The gradient of lstm_cell_grad(z, c_prev, dh, dc) -> (dz, dc_prev) for upstream gradients
// (gz, gcp), written with ops so that higher orders keep working. With the gates i, f, g, o,
// their slopes si, sf, so (s(1 - s)) and sg (1 - g^2), tc = tanh(c), st = 1 - tc^2:
//   D = dc + dh o st (the gradient reaching c), A = gz_i g si + gz_f cp sf + gz_g i sg + gcp f,
//   L = sum(gz_o dh tc so + D A) is what the op's outputs contribute, and
//   d/d(dh) = gz_o so tc + o st A,  d/d(dc) = A,
//   dL/do = gz_o dh tc (1 - 2o) + A dh st,  dL/dtc = gz_o dh so - 2 A dh o tc,  dL/dc = dL/dtc st,
//   dL/di = D (gz_i g (1 - 2i) + gz_g sg) + dL/dc g,  dL/df = D (gz_f cp (1 - 2f) + gcp) + dL/dc cp,
//   dL/dg = D (gz_i si - 2 gz_g i g) + dL/dc i,  dL/dcp = D gz_f sf + dL/dc f,
// and each gate's pre-activation gets its gate's gradient times its slope.
Grads lstm_cell_grad_gradient(const GradCall& gc) {
  const TensorPtr &cp = gc.in(1), &dh = gc.in(2), &dc = gc.in(3);
  Grads gt = gates(gc.in(0));
  const TensorPtr &i = gt[0], &f = gt[1], &g = gt[2], &o = gt[3];
  Grads gz = split(gc.dy(0), 4);
  const TensorPtr& gcp = gc.dy(1);
  TensorPtr si = mul(i, one_minus(i)), sf = mul(f, one_minus(f)), so = mul(o, one_minus(o));
  TensorPtr sg = one_minus(square(g));
  TensorPtr tc = call("tanh", {add(mul(f, cp), mul(i, g))});
  TensorPtr st = one_minus(square(tc));
  TensorPtr d = add(dc, mul(dh, mul(o, st)));
  TensorPtr a = add(add(mul(gz[0], mul(g, si)), mul(gz[1], mul(cp, sf))), add(mul(gz[2], mul(i, sg)), mul(gcp, f)));
  TensorPtr gzo_dh = mul(gz[3], dh);
  TensorPtr p_o = add(mul(gzo_dh, mul(tc, one_minus(times(o, 2)))), mul(a, mul(dh, st)));
  TensorPtr p_tc = sub(mul(gzo_dh, so), times(mul(a, mul(dh, mul(o, tc))), 2));
  TensorPtr p_c = mul(p_tc, st);
  TensorPtr p_i = add(mul(d, add(mul(gz[0], mul(g, one_minus(times(i, 2)))), mul(gz[2], sg))), mul(p_c, g));
  TensorPtr p_f = add(mul(d, add(mul(gz[1], mul(cp, one_minus(times(f, 2)))), gcp)), mul(p_c, cp));
  TensorPtr p_g = add(mul(d, sub(mul(gz[0], si), times(mul(gz[2], mul(i, g)), 2))), mul(p_c, i));
  TensorPtr p_cp = add(mul(d, mul(gz[1], sf)), mul(p_c, f));
  TensorPtr grad_z = join({mul(p_i, si), mul(p_f, sf), mul(p_g, sg), mul(p_o, so)});
  TensorPtr grad_dh = add(mul(gz[3], mul(so, tc)), mul(o, mul(st, a)));
  return {grad_z, p_cp, grad_dh, a};
}

// The gradient of gru_cell_grad(x_proj, h_proj, h, e) -> (dx_proj, dh_proj, dh), e the
// gradient of h_new, for upstream gradients (gx, gp, gdh). With z, r, hh the gates, sz, sr
// their slopes s(1 - s), sh = 1 - hh^2, p_h the candidate's block of h_proj and
// a_h = e (1 - z) sh (the gradient of the candidate's pre-activation):
//   Gz = gx_z + gp_z, Gr = gx_r + gp_r, K = Gr p_h sr + gx_h + gp_h r, and
//   L = sum(Gz e (h - hh) sz + K a_h + gdh e z) is what the op's outputs contribute;
//   d/de = Gz (h - hh) sz + K (1 - z) sh + gdh z,  d/dh = Gz e sz,
//   dL/dz = Gz e (h - hh)(1 - 2z) - K e sh + gdh e,  dL/dhh = -Gz e sz - 2 K e (1 - z) hh,
//   dL/dr = a_h (Gr p_h (1 - 2r) + gp_h) + A_h p_h,  dL/dp_h = a_h Gr sr + A_h r,
// where A_z = dL/dz sz, A_r = dL/dr sr, A_h = dL/dhh sh are the pre-activations' gradients.
Grads gru_cell_grad_gradient(const GradCall& gc) {
  const TensorPtr &h = gc.in(2), &e = gc.in(3), &gdh = gc.dy(2);
  Grads x = split(gc.in(0), 3), p = split(gc.in(1), 3), gx = split(gc.dy(0), 3), gp = split(gc.dy(1), 3);
  TensorPtr z = call("sigmoid", {add(x[0], p[0])}), r = call("sigmoid", {add(x[1], p[1])});
  TensorPtr hh = call("tanh", {add(x[2], mul(r, p[2]))});
  TensorPtr sz = mul(z, one_minus(z)), sr = mul(r, one_minus(r)), sh = one_minus(square(hh));
  TensorPtr a_h = mul(e, mul(one_minus(z), sh));
  TensorPtr gz = add(gx[0], gp[0]), gr = add(gx[1], gp[1]);
  TensorPtr k = add(add(mul(gr, mul(p[2], sr)), gx[2]), mul(gp[2], r));
  TensorPtr h_minus_hh = sub(h, hh);
  TensorPtr grad_e = add(add(mul(gz, mul(h_minus_hh, sz)), mul(k, mul(one_minus(z), sh))), mul(gdh, z));
  TensorPtr grad_h = mul(gz, mul(e, sz));
  TensorPtr l_z = add(sub(mul(mul(gz, e), mul(h_minus_hh, one_minus(times(z, 2)))), mul(k, mul(e, sh))), mul(gdh, e));
  TensorPtr l_hh = sub(neg(mul(gz, mul(e, sz))), times(mul(k, mul(e, mul(one_minus(z), hh))), 2));
  TensorPtr big_a_z = mul(l_z, sz), big_a_h = mul(l_hh, sh);
  TensorPtr l_r = add(mul(a_h, add(mul(gr, mul(p[2], one_minus(times(r, 2)))), gp[2])), mul(big_a_h, p[2]));
  TensorPtr big_a_r = mul(l_r, sr);
  TensorPtr p_ph = add(mul(a_h, mul(gr, sr)), mul(big_a_h, r));
  return {join({big_a_z, big_a_r, big_a_h}), join({big_a_z, big_a_r, p_ph}), grad_h, grad_e};
}

}  // namespace

EF_REGISTER_OPS(rnn) {
  def_op("lstm_cell").input("z").input("c_prev")
      .describe("One LSTM step after its matmuls: z (batch, 4 * units) = x W + h U + b with gates i, f, c, o, "
                "and c_prev (batch, units) give [h, c] with c = sigmoid(z_f) c_prev + sigmoid(z_i) tanh(z_c) "
                "and h = sigmoid(z_o) tanh(c).")
      .shape([](const OpCall& c) {
        Shape d = cell_dims(c, 4, 1);
        return std::vector<TensorMeta>{{d, c.in(0)->dtype}, {d, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const int64_t n = c.in(1)->shape[0], u = c.in(1)->shape[1];
        EF_DISPATCH_FLOAT(c.in(0)->dtype, kernels::lstm_cell(c.in(0)->data<T>(), c.in(1)->data<T>(),
                                                             out[0]->data<T>(), out[1]->data<T>(), n, u));
      })
      .gradient_reads({0, 1}, {})
      .gradient([](const GradCall& g) {
        return call_all("lstm_cell_grad", {g.in(0), g.in(1), g.dy(0), g.dy(1)});
      });

  def_op("lstm_cell_grad").input("z").input("c_prev").input("dh").input("dc")
      .describe("The gradient of lstm_cell: [dz, dc_prev] from its inputs z, c_prev and the gradients dh, dc "
                "of its outputs.")
      .shape([](const OpCall& c) {
        Shape d = cell_dims(c, 4, 1);
        return std::vector<TensorMeta>{{wide_shape(d, 4), c.in(0)->dtype}, {d, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const int64_t n = c.in(1)->shape[0], u = c.in(1)->shape[1];
        EF_DISPATCH_FLOAT(c.in(0)->dtype,
                          kernels::lstm_cell_grad(c.in(0)->data<T>(), c.in(1)->data<T>(), c.in(2)->data<T>(),
                                                  c.in(3)->data<T>(), out[0]->data<T>(), out[1]->data<T>(), n, u));
      })
      .gradient(lstm_cell_grad_gradient);

  def_op("gru_cell").input("x_proj").input("h_proj").input("h")
      .describe("One GRU step (reset_after) after its matmuls: x_proj = x W + b_in and h_proj = h U + b_rec "
                "(batch, 3 * units), gates z, r, h, and h (batch, units) give h_new = z h + (1 - z) "
                "tanh(x_h + r h_h), with z = sigmoid(x_z + h_z), r = sigmoid(x_r + h_r).")
      .shape([](const OpCall& c) {
        Shape d = cell_dims(c, 3, 2);
        return std::vector<TensorMeta>{{d, c.in(0)->dtype}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const int64_t n = c.in(2)->shape[0], u = c.in(2)->shape[1];
        EF_DISPATCH_FLOAT(c.in(0)->dtype, kernels::gru_cell(c.in(0)->data<T>(), c.in(1)->data<T>(),
                                                            c.in(2)->data<T>(), out[0]->data<T>(), n, u));
      })
      .gradient_reads({0, 1, 2}, {})
      .gradient([](const GradCall& g) {
        return call_all("gru_cell_grad", {g.in(0), g.in(1), g.in(2), g.dy(0)});
      });

  def_op("gru_cell_grad").input("x_proj").input("h_proj").input("h").input("dh_new")
      .describe("The gradient of gru_cell: [dx_proj, dh_proj, dh] from its inputs and the gradient dh_new of "
                "its output.")
      .shape([](const OpCall& c) {
        Shape d = cell_dims(c, 3, 2);
        const DType t = c.in(0)->dtype;
        return std::vector<TensorMeta>{{wide_shape(d, 3), t}, {wide_shape(d, 3), t}, {d, t}};
      })
      .forward([](const OpCall& c, const std::vector<TensorPtr>& out) {
        const int64_t n = c.in(2)->shape[0], u = c.in(2)->shape[1];
        EF_DISPATCH_FLOAT(c.in(0)->dtype,
                          kernels::gru_cell_grad(c.in(0)->data<T>(), c.in(1)->data<T>(), c.in(2)->data<T>(),
                                                 c.in(3)->data<T>(), out[0]->data<T>(), out[1]->data<T>(),
                                                 out[2]->data<T>(), n, u));
      })
      .gradient(gru_cell_grad_gradient);
}

}  // namespace ef::ops
