"""fit throughput side by side: eigenflow against PyTorch (and TensorFlow if installed).

Workloads (DESIGN.md's table): an MLP 784-512-512-10 and a small CNN (Conv 32, Conv 64, MaxPool,
Dense 10 on 28x28x1) at batch 128, and a tiny Dense model at batch 32 (steps/s). Run with the OpenBLAS overrides unset:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_fit.py
"""
import importlib.util
import time

import numpy as np

N_MLP, N_CNN, N_TINY = 8192, 2048, 4096


def eigenflow_mlp(x, y, epochs=2):
    import eigenflow as tf
    model = tf.keras.Sequential([tf.keras.Input(shape=(784,)), tf.keras.layers.Dense(512, activation="relu"),
                                 tf.keras.layers.Dense(512, activation="relu"), tf.keras.layers.Dense(10)])
    model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x[:256], y[:256], batch_size=128, epochs=1, verbose=0)  # warm up
    start = time.perf_counter()
    model.fit(x, y, batch_size=128, epochs=epochs, verbose=0)
    return epochs * len(x) / (time.perf_counter() - start)


def eigenflow_tiny(x, y, epochs=2):
    import eigenflow as tf
    model = tf.keras.Sequential([tf.keras.Input(shape=(10,)), tf.keras.layers.Dense(16, activation="relu"),
                                 tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x[:64], y[:64], batch_size=32, epochs=1, verbose=0)
    start = time.perf_counter()
    model.fit(x, y, batch_size=32, epochs=epochs, verbose=0)
    return epochs * len(x) / 32 / (time.perf_counter() - start)


def eigenflow_cnn(x, y, epochs=1):
    import eigenflow as tf
    layers = tf.keras.layers
    model = tf.keras.Sequential([tf.keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, 3, activation="relu"),
                                 layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(),
                                 layers.Flatten(), layers.Dense(10)])
    model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x[:256], y[:256], batch_size=128, epochs=1, verbose=0)
    start = time.perf_counter()
    model.fit(x, y, batch_size=128, epochs=epochs, verbose=0)
    return epochs * len(x) / (time.perf_counter() - start)


def torch_cnn(x, y, epochs=1):
    import torch
    torch.set_num_threads(2)
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 32, 3), torch.nn.ReLU(), torch.nn.Conv2d(32, 64, 3),
                                torch.nn.ReLU(), torch.nn.MaxPool2d(2), torch.nn.Flatten(),
                                torch.nn.Linear(64 * 12 * 12, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    xt = torch.from_numpy(x.transpose(0, 3, 1, 2).copy())
    yt = torch.from_numpy(y.astype("int64"))
    loss_fn = torch.nn.CrossEntropyLoss()
    start = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt), 128):
            idx = perm[i:i + 128]
            opt.zero_grad()
            loss_fn(model(xt[idx]), yt[idx]).backward()
            opt.step()
    return epochs * len(x) / (time.perf_counter() - start)


def torch_mlp(x, y, epochs=2):
    import torch
    torch.set_num_threads(2)
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 512),
                                torch.nn.ReLU(), torch.nn.Linear(512, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype("int64"))
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt), 128):
            idx = perm[i:i + 128]
            opt.zero_grad()
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()

    start = time.perf_counter()
    for _ in range(epochs):
        epoch()
    return epochs * len(x) / (time.perf_counter() - start)


def torch_tiny(x, y, epochs=2):
    import torch
    model = torch.nn.Sequential(torch.nn.Linear(10, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    start = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt), 32):
            idx = perm[i:i + 32]
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
    return epochs * len(x) / 32 / (time.perf_counter() - start)


def main():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(N_MLP, 784)).astype("float32")
    y = rng.integers(0, 10, size=N_MLP)
    xs = rng.normal(size=(N_TINY, 10)).astype("float32")
    ys = rng.normal(size=(N_TINY, 1)).astype("float32")
    xc = rng.random(size=(N_CNN, 28, 28, 1)).astype("float32")
    yc = rng.integers(0, 10, size=N_CNN)
    rows = [("eigenflow", eigenflow_mlp(x, y), eigenflow_cnn(xc, yc), eigenflow_tiny(xs, ys))]
    if importlib.util.find_spec("torch"):
        rows.append(("torch", torch_mlp(x, y), torch_cnn(xc, yc), torch_tiny(xs, ys)))
    print(f"{'':10s} {'MLP samples/s':>14s} {'CNN samples/s':>14s} {'tiny steps/s':>13s}")
    for name, mlp, cnn, tiny in rows:
        print(f"{name:10s} {mlp:14.0f} {cnn:14.0f} {tiny:13.0f}")


if __name__ == "__main__":
    main()
