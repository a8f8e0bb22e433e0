// Fused optimizer updates: one pass over a variable, its gradient and its slots, writing
// the variable and the slots in place. Scalars arrive in double and are rounded to the
// variable's type once, as Keras casts them. Pure functions over buffers (float, double).
#pragma once
#include <cstdint>

namespace ef::kernels {

// Every update first applies decoupled weight decay when weight_decay != 0:
// var -= var * weight_decay * learning_rate.

struct SgdParams {
  double learning_rate = 0.01, momentum = 0.0, weight_decay = 0.0;
  bool nesterov = false;
};
// momentum == 0: var -= lr * g. Otherwise m = momentum * m - lr * g, then var += m, or
// with nesterov var += momentum * m - lr * g. M is untouched (may be null) when momentum == 0.
template <typename T>
void apply_sgd(T* var, const T* grad, T* m, int64_t n, const SgdParams& p);

enum class AdamVariant { Adam, Adamax, Nadam };

struct AdamParams {
  double learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-7, weight_decay = 0.0;
  double step = 1;         // t, counted from 1
  double u_product = 1.0;  // Nadam: prod over s <= t of beta_1 * (1 - 0.5 * 0.96^s)
  bool amsgrad = false;    // Adam only: V_HAT keeps the running maximum of V
  AdamVariant variant = AdamVariant::Adam;
};
// Adam:   m += (g - m)(1 - b1); v += (g^2 - v)(1 - b2);
//         var -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)
// Adamax: m as Adam; v = max(b2 v, |g|) (the infinity norm); var -= lr m / ((1 - b1^t)(v + eps))
// Nadam:  m, v as Adam; var -= lr m_hat / (sqrt(v / (1 - b2^t)) + eps) with
//         m_hat = u_{t+1} m / (1 - u_product u_{t+1}) + (1 - u_t) g / (1 - u_product)
template <typename T>
void apply_adam(T* var, const T* grad, T* m, T* v, T* v_hat, int64_t n, const AdamParams& p);

struct RmspropParams {
  double learning_rate = 0.001, rho = 0.9, momentum = 0.0, epsilon = 1e-7, weight_decay = 0.0;
  bool centered = false;
};
// velocity = rho velocity + (1 - rho) g^2; centered: avg = rho avg + (1 - rho) g and the
// denominator is velocity - avg^2 + eps, else velocity + eps; inc = lr g / sqrt(denominator);
// momentum > 0: mom = momentum mom + inc, var -= mom; else var -= inc.
template <typename T>
void apply_rmsprop(T* var, const T* grad, T* velocity, T* mom, T* avg, int64_t n, const RmspropParams& p);

struct AdagradParams {
  double learning_rate = 0.001, epsilon = 1e-7, weight_decay = 0.0;
};
// acc += g^2; var -= lr g / sqrt(acc + eps)
template <typename T>
void apply_adagrad(T* var, const T* grad, T* acc, int64_t n, const AdagradParams& p);

struct AdadeltaParams {
  double learning_rate = 0.001, rho = 0.95, epsilon = 1e-7, weight_decay = 0.0;
};
// acc_g = rho acc_g + (1 - rho) g^2; delta = -sqrt(acc_d + eps) g / sqrt(acc_g + eps);
// acc_d = rho acc_d + (1 - rho) delta^2; var += lr delta
template <typename T>
void apply_adadelta(T* var, const T* grad, T* acc_grad, T* acc_delta, int64_t n, const AdadeltaParams& p);

}  // namespace ef::kernels
