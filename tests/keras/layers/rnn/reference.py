"""NumPy references of the recurrent cells, gate by gate, in float64."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def simple_rnn_step(x, states, kernel, recurrent_kernel, bias):
    h = np.tanh(x @ kernel + bias + states[0] @ recurrent_kernel)
    return h, [h]


def lstm_step(x, states, kernel, recurrent_kernel, bias):
    h, c = states
    u = h.shape[-1]
    z = x @ kernel + h @ recurrent_kernel + bias
    i = sigmoid(z[:, :u])
    f = sigmoid(z[:, u:2 * u])
    g = np.tanh(z[:, 2 * u:3 * u])
    o = sigmoid(z[:, 3 * u:])
    c = f * c + i * g
    h = o * np.tanh(c)
    return h, [h, c]


def gru_step(x, states, kernel, recurrent_kernel, bias, reset_after=True):
    h = states[0]
    u = h.shape[-1]
    if reset_after:
        xz = x @ kernel + bias[0]
        hz = h @ recurrent_kernel + bias[1]
        z = sigmoid(xz[:, :u] + hz[:, :u])
        r = sigmoid(xz[:, u:2 * u] + hz[:, u:2 * u])
        candidate = np.tanh(xz[:, 2 * u:] + r * hz[:, 2 * u:])
    else:
        xz = x @ kernel + bias
        z = sigmoid(xz[:, :u] + h @ recurrent_kernel[:, :u])
        r = sigmoid(xz[:, u:2 * u] + h @ recurrent_kernel[:, u:2 * u])
        candidate = np.tanh(xz[:, 2 * u:] + (r * h) @ recurrent_kernel[:, 2 * u:])
    h = z * h + (1 - z) * candidate
    return h, [h]


def run(step, x, states, weights, go_backwards=False, mask=None, **kwargs):
    """Runs STEP over x (batch, time, features); returns (outputs (batch, time, units), states)."""
    x = np.asarray(x, np.float64)
    weights = [np.asarray(w, np.float64) for w in weights]
    states = [np.asarray(s, np.float64) for s in states]
    outputs, output = [], np.zeros_like(states[0])
    order = range(x.shape[1] - 1, -1, -1) if go_backwards else range(x.shape[1])
    for t in order:
        new_output, new_states = step(x[:, t], states, *weights, **kwargs)
        if mask is not None:
            keep = mask[:, t:t + 1]
            new_output = np.where(keep, new_output, output)
            new_states = [np.where(keep, n, s) for n, s in zip(new_states, states)]
        output, states = new_output, new_states
        outputs.append(output)
    return np.stack(outputs, axis=1), states


def random_weights(rng, features, units, gates, bias_shape=None):
    return [rng.normal(scale=0.5, size=(features, gates * units)),
            rng.normal(scale=0.5, size=(units, gates * units)),
            rng.normal(scale=0.5, size=bias_shape or (gates * units,))]
