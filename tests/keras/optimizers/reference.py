"""NumPy references of the optimizers' update formulas (Keras 3's), written from the
formulas, one function per optimizer: step(w, g, slots, t, lr, **hyper) returns the new
w and updates the dict SLOTS in place (missing slots start at their initial value)."""
import numpy as np


def _slot(slots, name, w, init=0.0):
    if name not in slots:
        slots[name] = np.full_like(w, init)
    return slots[name]


def sgd(w, g, slots, t, lr, momentum=0.0, nesterov=False):
    if momentum == 0:
        return w - lr * g
    m = _slot(slots, "momentum", w)
    m = m * momentum - g * lr
    slots["momentum"] = m
    return w + (m * momentum - g * lr if nesterov else m)


def adam(w, g, slots, t, lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False):
    m = _slot(slots, "momentum", w) + (g - _slot(slots, "momentum", w)) * (1 - beta_1)
    v = _slot(slots, "velocity", w) + (g * g - _slot(slots, "velocity", w)) * (1 - beta_2)
    slots["momentum"], slots["velocity"] = m, v
    if amsgrad:
        v = np.maximum(_slot(slots, "velocity_hat", w), v)
        slots["velocity_hat"] = v
    alpha = lr * np.sqrt(1 - beta_2 ** t) / (1 - beta_1 ** t)
    return w - alpha * m / (np.sqrt(v) + epsilon)


def adamax(w, g, slots, t, lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = _slot(slots, "momentum", w)
    m = m + (g - m) * (1 - beta_1)
    u = np.maximum(beta_2 * _slot(slots, "norm", w), np.abs(g))
    slots["momentum"], slots["norm"] = m, u
    return w - lr * m / ((1 - beta_1 ** t) * (u + epsilon))


def nadam(w, g, slots, t, lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    # the running product of the momentum schedule lives in slots["u_product"] (a float)
    u_t = beta_1 * (1 - 0.5 * 0.96 ** t)
    u_next = beta_1 * (1 - 0.5 * 0.96 ** (t + 1))
    product = slots.get("u_product", 1.0) * u_t
    slots["u_product"] = product
    m = _slot(slots, "momentum", w)
    v = _slot(slots, "velocity", w)
    m = m + (g - m) * (1 - beta_1)
    v = v + (g * g - v) * (1 - beta_2)
    slots["momentum"], slots["velocity"] = m, v
    m_hat = u_next * m / (1 - product * u_next) + (1 - u_t) * g / (1 - product)
    v_hat = v / (1 - beta_2 ** t)
    return w - lr * m_hat / (np.sqrt(v_hat) + epsilon)


def rmsprop(w, g, slots, t, lr, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False):
    vel = rho * _slot(slots, "velocity", w) + (1 - rho) * g * g
    slots["velocity"] = vel
    if centered:
        avg = rho * _slot(slots, "average_gradient", w) + (1 - rho) * g
        slots["average_gradient"] = avg
        denominator = vel - avg * avg + epsilon
    else:
        denominator = vel + epsilon
    increment = lr * g / np.sqrt(denominator)
    if momentum > 0:
        mom = momentum * _slot(slots, "momentum", w) + increment
        slots["momentum"] = mom
        return w - mom
    return w - increment


def adagrad(w, g, slots, t, lr, initial_accumulator_value=0.1, epsilon=1e-7):
    acc = _slot(slots, "accumulator", w, initial_accumulator_value) + g * g
    slots["accumulator"] = acc
    return w - lr * g / np.sqrt(acc + epsilon)


def adadelta(w, g, slots, t, lr, rho=0.95, epsilon=1e-7):
    acc_g = rho * _slot(slots, "accumulated_grad", w) + (1 - rho) * g * g
    acc_d = _slot(slots, "accumulated_delta_var", w)
    delta = -np.sqrt(acc_d + epsilon) * g / np.sqrt(acc_g + epsilon)
    slots["accumulated_grad"] = acc_g
    slots["accumulated_delta_var"] = rho * acc_d + (1 - rho) * delta * delta
    return w + lr * delta


def weight_decayed(w, lr, weight_decay):
    """Keras's decoupled weight decay, applied before the update."""
    return w - w * weight_decay * lr
