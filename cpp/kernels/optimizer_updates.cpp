#include "kernels/optimizer_updates.h"

#include <algorithm>
#include <cmath>

#include "kernels/elementwise.h"

namespace ef::kernels {
namespace {

// The update runs over blocks small enough that a variable's block, its gradient's and its
// slots' stay in L1 between the statements: one pass over memory, Eigen-vectorised math.
constexpr int64_t kBlock = 1024;

template <typename F>
void for_blocks(int64_t n, F f) {
  for (int64_t off = 0; off < n; off += kBlock) f(off, std::min(kBlock, n - off));
}

template <typename T>
void decay_weights(Vec<T>& w, double weight_decay, double lr) {
  if (weight_decay != 0.0) w -= w * static_cast<T>(weight_decay) * static_cast<T>(lr);
}

}  // namespace

template <typename T>
void apply_sgd(T* var, const T* grad, T* m, int64_t n, const SgdParams& p) {
  const T lr = static_cast<T>(p.learning_rate), mom = static_cast<T>(p.momentum);
  for_blocks(n, [&](int64_t off, int64_t len) {
    Vec<T> w(var + off, len);
    ConstVec<T> g(grad + off, len);
    decay_weights(w, p.weight_decay, p.learning_rate);
    if (p.momentum == 0.0) {
      w -= g * lr;
      return;
    }
    Vec<T> mv(m + off, len);
    mv = mv * mom - g * lr;
    if (p.nesterov) w += mv * mom - g * lr;
    else w += mv;
  });
}

template <typename T>
void apply_adam(T* var, const T* grad, T* m, T* v, T* v_hat, int64_t n, const AdamParams& p) {
  const double t = p.step;
  const T lr = static_cast<T>(p.learning_rate), b1 = static_cast<T>(p.beta_1), b2 = static_cast<T>(p.beta_2);
  const T eps = static_cast<T>(p.epsilon);
  const T one_minus_b1 = T(1) - b1, one_minus_b2 = T(1) - b2;
  // Step-dependent scalars, once per call.
  const T b1_power = std::pow(b1, static_cast<T>(t)), b2_power = std::pow(b2, static_cast<T>(t));
  const T alpha = lr * std::sqrt(T(1) - b2_power) / (T(1) - b1_power);
  const T adamax_scale = lr / (T(1) - b1_power);
  // Nadam's momentum schedule.
  const T u_t = b1 * (T(1) - T(0.5) * std::pow(T(0.96), static_cast<T>(t)));
  const T u_next = b1 * (T(1) - T(0.5) * std::pow(T(0.96), static_cast<T>(t + 1)));
  const T u_product = static_cast<T>(p.u_product), u_product_next = u_product * u_next;
  const T m_coef = u_next / (T(1) - u_product_next), g_coef = (T(1) - u_t) / (T(1) - u_product);
  const T v_coef = T(1) / (T(1) - b2_power);
  for_blocks(n, [&](int64_t off, int64_t len) {
    Vec<T> w(var + off, len), mv(m + off, len), vv(v + off, len);
    ConstVec<T> g(grad + off, len);
    decay_weights(w, p.weight_decay, p.learning_rate);
    mv += (g - mv) * one_minus_b1;
    switch (p.variant) {
      case AdamVariant::Adam:
        vv += (g.square() - vv) * one_minus_b2;
        if (p.amsgrad) {
          Vec<T> vh(v_hat + off, len);
          vh = vh.max(vv);
          w -= mv * alpha / (vh.sqrt() + eps);
        } else {
          w -= mv * alpha / (vv.sqrt() + eps);
        }
        break;
      case AdamVariant::Adamax:
        vv = (vv * b2).max(g.abs());
        w -= mv * adamax_scale / (vv + eps);
        break;
      case AdamVariant::Nadam:
        vv += (g.square() - vv) * one_minus_b2;
        w -= (mv * m_coef + g * g_coef) * lr / ((vv * v_coef).sqrt() + eps);
        break;
    }
  });
}

template <typename T>
void apply_rmsprop(T* var, const T* grad, T* velocity, T* mom, T* avg, int64_t n, const RmspropParams& p) {
  const T lr = static_cast<T>(p.learning_rate), rho = static_cast<T>(p.rho), eps = static_cast<T>(p.epsilon);
  const T momentum = static_cast<T>(p.momentum), one_minus_rho = T(1) - rho;
  for_blocks(n, [&](int64_t off, int64_t len) {
    Vec<T> w(var + off, len), vel(velocity + off, len);
    ConstVec<T> g(grad + off, len);
    decay_weights(w, p.weight_decay, p.learning_rate);
    vel = vel * rho + g.square() * one_minus_rho;
    auto step = [&](const auto& increment) {
      if (p.momentum > 0) {
        Vec<T> mv(mom + off, len);
        mv = mv * momentum + increment;
        w -= mv;
      } else {
        w -= increment;
      }
    };
    if (p.centered) {
      Vec<T> a(avg + off, len);
      a = a * rho + g * one_minus_rho;
      step(g * lr / (vel - a.square() + eps).sqrt());
    } else {
      step(g * lr / (vel + eps).sqrt());
    }
  });
}

template <typename T>
void apply_adagrad(T* var, const T* grad, T* acc, int64_t n, const AdagradParams& p) {
  const T lr = static_cast<T>(p.learning_rate), eps = static_cast<T>(p.epsilon);
  for_blocks(n, [&](int64_t off, int64_t len) {
    Vec<T> w(var + off, len), a(acc + off, len);
    ConstVec<T> g(grad + off, len);
    decay_weights(w, p.weight_decay, p.learning_rate);
    a += g.square();
    w -= g * lr / (a + eps).sqrt();
  });
}

template <typename T>
void apply_adadelta(T* var, const T* grad, T* acc_grad, T* acc_delta, int64_t n, const AdadeltaParams& p) {
  const T lr = static_cast<T>(p.learning_rate), rho = static_cast<T>(p.rho), eps = static_cast<T>(p.epsilon);
  const T one_minus_rho = T(1) - rho;
  Eigen::Array<T, Eigen::Dynamic, 1> delta(std::min(kBlock, n));
  for_blocks(n, [&](int64_t off, int64_t len) {
    Vec<T> w(var + off, len), ag(acc_grad + off, len), ad(acc_delta + off, len);
    ConstVec<T> g(grad + off, len);
    auto d = delta.head(len);
    decay_weights(w, p.weight_decay, p.learning_rate);
    ag = ag * rho + g.square() * one_minus_rho;
    d = -((ad + eps).sqrt() * g) / (ag + eps).sqrt();
    ad = ad * rho + d.square() * one_minus_rho;
    w += d * lr;
  });
}

#define EF_INSTANTIATE_(T)                                                                                  \
  template void apply_sgd<T>(T*, const T*, T*, int64_t, const SgdParams&);                                  \
  template void apply_adam<T>(T*, const T*, T*, T*, T*, int64_t, const AdamParams&);                        \
  template void apply_rmsprop<T>(T*, const T*, T*, T*, T*, int64_t, const RmspropParams&);                  \
  template void apply_adagrad<T>(T*, const T*, T*, int64_t, const AdagradParams&);                          \
  template void apply_adadelta<T>(T*, const T*, T*, T*, int64_t, const AdadeltaParams&);
EF_INSTANTIATE_(float)
EF_INSTANTIATE_(double)
#undef EF_INSTANTIATE_

}  // namespace ef::kernels
