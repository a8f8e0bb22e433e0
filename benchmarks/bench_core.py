"""Core engine timings side by side with NumPy and PyTorch (and TensorFlow if installed).

Dispatch: an eager `a + b` on 4 floats and a 4x4 matmul, per call. Throughput: a
1024x1024 float32 matmul in GFLOP/s, against the machine's fp32 peak.

Run with the machine's OpenBLAS overrides unset, as on a user's machine:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_core.py
"""
import argparse
import importlib
import json
import os
import sys
import timeit

import numpy as np

PEAK_GFLOPS = 470.0  # two Zen 5 cores: 64 fp32 FLOP/cycle/core at about 3.7 GHz


def per_call_us(fn, number):
    best = min(timeit.repeat(fn, number=number, repeat=7))
    return best / number * 1e6


def gflops(fn, n, number=10):
    fn()
    best = min(timeit.repeat(fn, number=number, repeat=5))
    return 2.0 * n ** 3 * number / best / 1e9


def bench_eigenflow():
    import eigenflow as tf

    a, b = tf.constant(np.ones(4, np.float32)), tf.constant(np.ones(4, np.float32))
    m = tf.constant(np.ones((4, 4), np.float32))
    big = tf.constant(np.random.rand(1024, 1024).astype(np.float32))
    return {
        "add_4_us": per_call_us(lambda: a + b, 200_000),
        "tf_add_4_us": per_call_us(lambda: tf.add(a, b), 200_000),
        "matmul_4x4_us": per_call_us(lambda: tf.matmul(m, m), 100_000),
        "matmul_1024_gflops": gflops(lambda: tf.matmul(big, big), 1024),
        "gemm": tf._core.gemm_backend(),
    }


def bench_numpy():
    a, b = np.ones(4, np.float32), np.ones(4, np.float32)
    m = np.ones((4, 4), np.float32)
    big = np.random.rand(1024, 1024).astype(np.float32)
    return {
        "add_4_us": per_call_us(lambda: a + b, 200_000),
        "matmul_4x4_us": per_call_us(lambda: m @ m, 100_000),
        "matmul_1024_gflops": gflops(lambda: big @ big, 1024),
    }


def bench_torch():
    import torch

    torch.set_num_threads(2)
    a, b = torch.ones(4), torch.ones(4)
    m = torch.ones(4, 4)
    big = torch.rand(1024, 1024)
    return {
        "add_4_us": per_call_us(lambda: a + b, 200_000),
        "matmul_4x4_us": per_call_us(lambda: m @ m, 100_000),
        "matmul_1024_gflops": gflops(lambda: big @ big, 1024),
    }


def bench_tensorflow():
    import tensorflow as real_tf

    a, b = real_tf.ones(4), real_tf.ones(4)
    m = real_tf.ones((4, 4))
    big = real_tf.random.uniform((1024, 1024))
    return {
        "add_4_us": per_call_us(lambda: a + b, 20_000),
        "matmul_4x4_us": per_call_us(lambda: real_tf.matmul(m, m), 20_000),
        "matmul_1024_gflops": gflops(lambda: real_tf.matmul(big, big).numpy(), 1024),
    }


def blas_kernel():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    return [(i.get("internal_api"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--peers", default="numpy,torch,tensorflow")
    args = parser.parse_args()
    if os.environ.get("OPENBLAS_CORETYPE"):
        print("warning: OPENBLAS_CORETYPE is set; unset it for representative numbers", file=sys.stderr)
    results = {"eigenflow": bench_eigenflow()}
    runners = {"numpy": bench_numpy, "torch": bench_torch, "tensorflow": bench_tensorflow}
    for peer in args.peers.split(","):
        module = {"numpy": "numpy", "torch": "torch", "tensorflow": "tensorflow"}[peer]
        if importlib.util.find_spec(module) is None:
            continue
        results[peer] = runners[peer]()
    results["blas"] = blas_kernel()
    ef = results["eigenflow"]
    print(json.dumps(results, indent=2, default=str))
    print(f"\n1024^3 matmul: {ef['matmul_1024_gflops']:.0f} GFLOP/s = {ef['matmul_1024_gflops'] / PEAK_GFLOPS:.0%} of peak")
    for peer in ("numpy", "torch", "tensorflow"):
        if peer in results:
            p = results[peer]
            print(f"vs {peer:10s}: a+b {ef['add_4_us'] / p['add_4_us']:.2f}x the time, "
                  f"4x4 matmul {ef['matmul_4x4_us'] / p['matmul_4x4_us']:.2f}x, "
                  f"1024 matmul {ef['matmul_1024_gflops'] / p['matmul_1024_gflops']:.2f}x the speed")


if __name__ == "__main__":
    main()
