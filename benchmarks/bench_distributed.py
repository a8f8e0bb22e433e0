"""Data-parallel training over MPI: the cost of summing gradients, and the speed-up of fit.

1. allreduce: 25M float32 gradients (100 MB, a ResNet-50's worth) summed across 2 processes
   through eigenflow's path (the optimizer's: buckets of the all_reduce op, whose hook runs
   MPI's allreduce in place, a bucket-sized chunk at a time), against mpi4py's own
   ``Allreduce`` of one 25M-float buffer, and of the same buffer in bucket-sized chunks.
   Two gradient layouts: one 25M-float tensor, and 161 tensors of ResNet-50's shapes.
2. fit: the MLP 784-512-512-10 (Adam, global batch 128) on 1 and on 2 processes, one thread
   each (EIGENFLOW_NUM_THREADS=1), samples per second, the time each step spends in
   collectives, and the scaling efficiency ``rate(2) / (2 * rate(1))``; then 1 process of
   2 threads (one machine's step, which docs/distributed.md's estimate starts from).

One command runs everything (it starts the mpirun jobs itself); run it with the OpenBLAS
overrides unset:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_distributed.py
The job parts run as ``mpirun -n N python bench_distributed.py allreduce|fit``.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import numpy as np

from workloads.training import epoch_timer

FLOATS = 25_000_000
REPEATS = 15
MLP_SAMPLES, MLP_BATCH, MLP_EPOCHS = 128 * 60, 128, 3


def resnet50_shapes():
    """161 gradient shapes that add up to ResNet-50's 25.6M parameters (convolution kernels,
    batch-norm scales and offsets, the classifier), in layer order."""
    shapes = [(7, 7, 3, 64), (64,), (64,)]
    channels = 64
    for blocks, width in ((3, 64), (4, 128), (6, 256), (3, 512)):
        for block in range(blocks):
            out = width * 4
            for kernel in ((1, 1, channels, width), (3, 3, width, width), (1, 1, width, out)):
                shapes += [kernel, (kernel[-1],), (kernel[-1],)]
            if block == 0:
                shapes += [(1, 1, channels, out), (out,), (out,)]
            channels = out
    return shapes + [(2048, 1000), (1000,)]


def _median_seconds(candidates, comm):
    """{name: median seconds of one call} of the zero-argument CANDIDATES, run in turns
    (so that a busy moment of the machine slows each alike), each call between barriers."""
    times = {name: [] for name in candidates}
    for _ in range(REPEATS):
        for name, fn in candidates.items():
            comm.Barrier()
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def allreduce_job():
    import eigenflow as tf
    from eigenflow.distribute import collective, context
    from mpi4py import MPI

    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    comm, rank = MPI.COMM_WORLD, strategy.cluster_resolver.task_id
    layouts = {"one 25M tensor": [tf.ones([FLOATS])],
               "161 ResNet-50 tensors": [tf.ones(s) for s in resnet50_shapes()]}
    rows = []
    for name, grads in layouts.items():
        floats = sum(int(np.prod(g.shape)) for g in grads)
        flat = np.ones(floats, np.float32)  # mpi4py's buffer: the same number of floats, in one piece
        with strategy.scope():
            context.aggregate_gradients(grads)  # warm-up: buffers, first messages
            chunk = strategy._world.bucket_bytes // 4
            seconds = _median_seconds({
                "ours": lambda: context.aggregate_gradients(grads),
                "whole": lambda: comm.Allreduce(MPI.IN_PLACE, [flat, MPI.FLOAT], op=MPI.SUM),
                "chunked": lambda: [comm.Allreduce(MPI.IN_PLACE, [flat[i:i + chunk], MPI.FLOAT], op=MPI.SUM)
                                    for i in range(0, floats, chunk)],
            }, comm)
        buckets = len(collective.buckets(grads, strategy._world.bucket_bytes))
        rows.append((name, floats, buckets, seconds["ours"], seconds["whole"], seconds["chunked"]))
    if rank == 0:
        print(f"allreduce over {comm.Get_size()} processes, float32, buckets of "
              f"{strategy._world.bucket_bytes >> 20} MB (medians of {REPEATS} calls each, in turns):")
        for name, floats, buckets, ours, whole, chunked in rows:
            gb = floats * 4 / 1e9
            print(f"  {name:22} {floats / 1e6:5.1f}M floats, {buckets:3} buckets: eigenflow {ours * 1e3:6.1f} ms "
                  f"({gb / ours:4.2f} GB/s); mpi4py Allreduce {whole * 1e3:6.1f} ms ({whole / ours:.2f}x of it), "
                  f"in chunks {chunked * 1e3:6.1f} ms ({chunked / ours:.2f}x)")


def fit_job():
    import eigenflow as tf
    from eigenflow import _core

    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    waited = _time_collectives(strategy._world)
    rng = np.random.default_rng(0)
    x = rng.random((MLP_SAMPLES, 784), dtype=np.float32)
    y = rng.integers(0, 10, MLP_SAMPLES)
    with strategy.scope():
        model = tf.keras.Sequential([tf.keras.Input((784,)), tf.keras.layers.Dense(512, activation="relu"),
                                     tf.keras.layers.Dense(512, activation="relu"), tf.keras.layers.Dense(10)])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    timer = epoch_timer(tf)
    model.fit(x, y, batch_size=MLP_BATCH, epochs=MLP_EPOCHS, verbose=0, callbacks=[timer])
    steps = MLP_EPOCHS * MLP_SAMPLES // MLP_BATCH
    best = min(timer.seconds[1:])  # the first epoch traces and warms up
    if strategy.cluster_resolver.task_id == 0:
        print("FIT " + json.dumps({"processes": strategy.num_replicas_in_sync, "rate": MLP_SAMPLES / best,
                                   "params": model.count_params(), "threads": _core.num_threads(),
                                   "backend": _core.gemm_backend(), "collective_ms": waited[0] / steps * 1e3}))


def _time_collectives(world):
    """Makes WORLD add the seconds its collectives take to the returned one-element list."""
    waited = [0.0]
    if world is None:
        return waited
    allreduce = world.allreduce_buffer

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return allreduce(*args, **kwargs)
        finally:
            waited[0] += time.perf_counter() - start

    world.allreduce_buffer = timed
    return waited


def _mpirun(processes, part, threads=None):
    env = dict(os.environ)
    if threads:
        env["EIGENFLOW_NUM_THREADS"] = str(threads)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    mpirun = shutil.which("mpirun") or os.path.join(os.path.dirname(sys.executable), "mpirun")
    command = [mpirun, "-n", str(processes)]
    if "Open MPI" in subprocess.run([mpirun, "--version"], capture_output=True, text=True).stdout:
        command.append("--oversubscribe")  # let 2 processes run on fewer cores than that
    done = subprocess.run(command + [sys.executable, __file__, part], env=env, capture_output=True, text=True,
                          timeout=1800)
    if done.returncode:
        raise SystemExit(f"mpirun -n {processes} {part} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def main():
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} when starting "
          "(other jobs share these cores: expect noise)")
    print(_mpirun(2, "allreduce"), end="")
    rates = {}
    # 1 process x 2 threads: one machine's step, the base of docs/distributed.md's estimate.
    for processes, threads in ((1, 1), (2, 1), (1, 2)):
        line = next(l for l in _mpirun(processes, "fit", threads).splitlines() if l.startswith("FIT "))
        r = json.loads(line[4:])
        rates[processes, threads] = r["rate"]
        print(f"fit MLP 784-512-512-10 ({r['params']:,} params, {r['params'] * 4 / 1e6:.2f} MB of gradients), "
              f"Adam, global batch {MLP_BATCH}, {processes} process(es) x {r['threads']} thread(s): "
              f"{r['rate']:6.0f} samples/s, {MLP_BATCH / r['rate'] * 1e3:5.2f} ms/step, in collectives "
              f"{r['collective_ms']:5.2f} ms/step [{r['backend']}]")
    print(f"scaling efficiency on 2 processes of 1 thread: {rates[2, 1] / (2 * rates[1, 1]):.2f} "
          f"(speed-up {rates[2, 1] / rates[1, 1]:.2f}x)")
    print(f"load average when done: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    {"allreduce": allreduce_job, "fit": fit_job}.get(sys.argv[1] if len(sys.argv) > 1 else "", main)()
