"""The benchmark suite: every workload in eigenflow, TensorFlow and PyTorch, side by side, each
framework in its own process on 2 threads; writes the table to docs/benchmarks.md.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/run.py

--quick runs tiny sizes (to check the suite works; prints the table, writes nothing unless
--out is given), --only picks workloads by key (see suite.py), e.g. `--only import,mlp`.
"""
import argparse
import os
import sys
import tempfile

import machine
import report
import worker
from frameworks import installed
from suite import WORKLOADS
from timing import summary

DOCS_PAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "benchmarks.md")
NOMINAL_PEAK_GFLOPS = 470.0  # the figure for two cores


def run_workload(workload, quick, folder):
    """{framework: {metric: summary} or {'error'/'skipped': why}} for one workload.

    The frameworks take turns: each round starts one fresh process per framework, and a
    metric pools the values of all its rounds. A burst of load from outside (these machines
    are shared) then falls on every framework's numbers alike, rather than on whichever one
    happened to be running.
    """
    params = {**workload.params, **(workload.quick if quick else {})}
    if workload.trains:
        params["weights_path"] = os.path.join(folder, f"{workload.key}_initial_weights.npz")
    runs = {framework: [] for framework in workload.frameworks}
    results = {framework: {"skipped": "not installed"} for framework in workload.frameworks
               if not installed(framework)}
    warmup_rounds = 1 if workload.warmup_process else 0  # uncounted: warms the disk cache
    for round_number in range(warmup_rounds + workload.processes):
        for framework in workload.frameworks:  # eigenflow first: it writes the initial weights
            if framework in results:
                continue
            if workload.trains and framework != "eigenflow" and "eigenflow" in results:
                results[framework] = {"skipped": "eigenflow did not run, so there are no initial weights to start "
                                                 "from"}
                continue
            run = worker.start(workload.module, framework, params, workload.threads)
            if "error" in run:
                results[framework] = run
            elif round_number >= warmup_rounds:
                runs[framework].append(run)
    for framework in workload.frameworks:
        if framework not in results:
            results[framework] = _pooled(runs[framework])
        _progress(workload, framework, results[framework])
    return results


def _pooled(runs):
    """Each metric of RUNS (one dict of lists per process) summarized over all of them."""
    merged = {"info": runs[0].get("info", {})}
    for metric in runs[0]:
        if metric != "info":
            merged[metric] = summary([value for run in runs for value in run[metric]])
    return merged


def _progress(workload, framework, result):
    shown = {k: (round(v["median"], 3) if "median" in v else v) for k, v in result.items()
             if k != "info" and isinstance(v, dict)}
    print(f"[{workload.key}] {framework}: {shown or result}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check that the suite runs")
    parser.add_argument("--only", help="comma-separated workload keys: " + ",".join(w.key for w in WORKLOADS))
    parser.add_argument("--out", help=f"the Markdown file to write (default: {DOCS_PAGE}, not with --quick)")
    args = parser.parse_args()
    chosen = [w for w in WORKLOADS if not args.only or w.key in args.only.split(",")]
    if os.environ.get("OPENBLAS_CORETYPE") or os.environ.get("OPENBLAS_L2_SIZE"):
        print("warning: OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are set and slow OpenBLAS down; run under "
              "`env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE`", file=sys.stderr)
    run = {"date": machine.now(), "cpu": machine.cpu(), "versions": machine.versions(), "quick": args.quick,
           "command": " ".join(["python", "benchmarks/run.py"] + sys.argv[1:]), "load_start": machine.load()}
    peaks = [machine.fma_peaks()]
    results, loads = {}, {}
    with tempfile.TemporaryDirectory() as folder:
        for workload in chosen:
            before = machine.load()
            results[workload.key] = run_workload(workload, args.quick, folder)
            loads[workload.key] = (before, machine.load())
    run["load_end"] = machine.load()
    peaks.append(machine.fma_peaks())  # a peak: the better of before and after
    context = {"nominal_gflops": NOMINAL_PEAK_GFLOPS,
               "fma_gflops": {threads: max(p[threads] for p in peaks) for threads in peaks[0]}}
    page = report.render(run, context, chosen, results, loads)
    out = args.out or (None if args.quick else DOCS_PAGE)
    if out:
        with open(out, "w") as file:
            file.write(page)
        print(f"wrote {out}", file=sys.stderr)
    else:
        print(page)


if __name__ == "__main__":
    main()
