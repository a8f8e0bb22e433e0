"""The workloads of the suite: what each runs, at which sizes (full and --quick), and the rows
and goals it contributes to the table. The numbers follow issues 5 and 8.
"""
from dataclasses import dataclass, field

from goals import AtMost, Faster, FasterThanOwn, FractionOfBestPeer, Roofline, ShareOfPeak
from frameworks import FRAMEWORKS

# 3 x the forward matmul FLOPs of one sample through 784-512-512-10 (forward, two backward products).
MLP_FLOPS_PER_SAMPLE = 3 * 2 * (784 * 512 + 512 * 512 + 512 * 10)


@dataclass
class Row:
    metric: str  # a key of the workload's metrics
    label: str
    unit: str
    higher_is_better: bool = False
    goals: list = field(default_factory=list)


@dataclass
class Workload:
    key: str  # for --only
    title: str
    module: str  # in benchmarks/workloads/
    params: dict
    quick: dict  # overrides of PARAMS for --quick
    rows: list
    frameworks: tuple = FRAMEWORKS
    threads: int = 2
    processes: int = 1  # rounds of fresh processes, the frameworks taking turns; values are pooled
    warmup_process: bool = False  # one uncounted round first (to warm the disk cache)
    trains: bool = False  # peers start from the initial weights eigenflow saves


def rate(metric, label, unit, *goals):
    return Row(metric, label, unit, higher_is_better=True, goals=list(goals))


def cost(metric, label, unit, *goals):
    return Row(metric, label, unit, higher_is_better=False, goals=list(goals))


def _dispatch_rows():
    rows = []
    for size in (4, 1000):
        for suffix, where in (("", ""), ("_tape", " under a tape")):
            rows.append(cost(f"add_{size}{suffix}_us", f"`a + b`, {size} floats{where}", "us",
                             AtMost(1.0), Faster(2, "torch")))
    return rows


def _matmul_rows(threads):
    rows = []
    for m, k, n in ((1024, 1024, 1024), (128, 784, 512)):
        goals = [Faster(1)] + ([ShareOfPeak(0.85, threads)] if m == 1024 else [])
        rows.append(rate(f"matmul_{m}x{k}x{n}_gflops", f"matmul {m}x{k}x{n}, {threads} thread"
                         + "s" * (threads > 1), "GFLOP/s", *goals))
    return rows


def _matmul(threads):
    return Workload(f"matmul{threads}", f"3. matmul through the Python API, {threads} thread(s)", "matmul",
                    params={"shapes": [[1024, 1024, 1024], [128, 784, 512]], "flops_per_repetition": 2e10,
                            "repetitions": 3},
                    quick={"flops_per_repetition": 2e9, "repetitions": 1},
                    rows=_matmul_rows(threads), threads=threads, processes=3)


def _fit(key, title, model, samples, quick_samples, rows, batch_size=128):
    return Workload(key, title, "fit", params={"model": model, "samples": samples, "batch_size": batch_size,
                                               "repetitions": 3},
                    quick={"samples": quick_samples, "repetitions": 2}, rows=rows, trains=True)


WORKLOADS = [
    Workload("import", "1. import (fresh process each)", "imports", params={}, quick={}, processes=5,
             warmup_process=True, rows=[
        cost("import_s", "`import` time", "s", FractionOfBestPeer(0.25)),
        cost("import_rss_mb", "RSS after `import`", "MB", FractionOfBestPeer(0.25)),
        cost("import_keras_s", "`import` + reach Dense (torch: `nn.Linear`)", "s"),
        cost("import_keras_rss_mb", "RSS after that", "MB"),
    ]),
    Workload("dispatch", "2. eager dispatch", "dispatch", params={"sizes": [4, 1000], "repetitions": 3},
             quick={"repetitions": 1}, processes=3, rows=_dispatch_rows()),
    _matmul(2),
    _matmul(1),
    Workload("tape", "4. GradientTape train step, batch 1 (seed001 model)", "tape_step",
             params={"steps": 1000, "warmup_steps": 50, "repetitions": 3},
             quick={"steps": 100, "warmup_steps": 10, "repetitions": 2}, trains=True, rows=[
                 rate("eager_steps_per_s", "eager step", "steps/s", Faster(3)),
                 rate("function_steps_per_s", "`@tf.function` step", "steps/s",
                      FasterThanOwn(5, "eager_steps_per_s", "eager step"), Faster(5, "tensorflow")),
             ]),
    _fit("mlp", "5. fit MLP 784-512-512-10, Adam, batch 128", "mlp", 8192, 512, [
        rate("samples_per_s", "throughput", "samples/s", Faster(1.1), Roofline(MLP_FLOPS_PER_SAMPLE))]),
    _fit("cnn", "6, 9. fit small CNN on 28x28x1, batch 128", "cnn", 2048, 256, [
        rate("samples_per_s", "throughput", "samples/s", Faster(1.1)),
        cost("peak_rss_mb", "peak RSS of the process", "MB", FractionOfBestPeer(0.7))]),
    _fit("lstm", "7. fit Embedding(20000, 128) + LSTM(128) + Dense(1), sequence 200, batch 256", "lstm",
         1024, 256, [rate("samples_per_s", "throughput", "samples/s", Faster(1.1)),
                     cost("peak_rss_mb", "peak RSS of the process", "MB")], batch_size=256),
    Workload("tiny", "8. fit Dense 32-32-1 on 60,000 rows, batch 32, verbose=1", "tiny_fit",
             params={"samples": 60000, "batch_size": 32, "repetitions": 2},
             quick={"samples": 4096, "repetitions": 1}, trains=True, processes=3, rows=[
                 rate("steady_steps_per_s", "steady steps/s", "steps/s", Faster(1.5)),
                 cost("first_step_s", "time to first step (new model)", "s", Faster(3)),
                 cost("first_step_cold_s", "time to first step (first model of the process)", "s"),
             ]),
    Workload("data", "10. tf.data pipeline (benchmarks/bench_data.py)", "data", params={"repetitions": 5},
             quick={"samples": 4096, "repetitions": 2}, frameworks=("eigenflow", "tensorflow"), rows=[
                 rate("batches_per_s", "from_tensor_slices, shuffle, batch 128, prefetch", "batches/s")]),
]
