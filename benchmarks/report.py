"""Renders a run of the suite as the Markdown page docs/benchmarks.md."""
from goals import NAMES, PEERS, best_peer, measured, speedup

COMMAND = "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/run.py"

PROTOCOL = """\
- Each framework runs each workload in its own fresh Python process (`benchmarks/worker.py`), limited
  to 2 threads (1 for the 1-thread matmul): `torch.set_num_threads`, TensorFlow's intra-op threads
  (inter-op 1), eigenflow's `tf._core.set_blas_threads`, and `OPENBLAS_NUM_THREADS`/`OMP_NUM_THREADS`.
- The frameworks take turns: the import, dispatch, matmul and workload 8 rows pool several rounds,
  each round one fresh process per framework, so that a burst of load from outside falls on every
  framework's numbers alike (these machines are shared).
- The same shapes, data (NumPy, seed 0), hyper-parameters (Adam 0.001, beta 0.9/0.999, epsilon 1e-7)
  and, where a model trains, the same initial weights: eigenflow saves its freshly initialized
  weights and the peers load them (torch's layouts converted: kernels transposed, the Dense after
  `Flatten` reordered from (h, w, c) to (c, h, w), LSTM gates i, f, c, o kept, torch's second bias zero).
- Warm-up is excluded (a first call, epoch or process that is not counted); a cell is the median
  of the repetitions with the spread (min-max) in brackets.
- **vs best peer** is how many times better eigenflow is than the best peer on that row: peer time
  (or memory) / eigenflow's, or eigenflow's rate / the peer's. Above 1, eigenflow is ahead.
- The train step of workload 4 takes rows from a list of 100 pre-sliced (1, 10) tensors; its
  `@tf.function` is the same Python function wrapped (TensorFlow and eigenflow; PyTorch runs eager only).
- PyTorch runs the same training as a plain loop (shuffled index batches, `zero_grad`, `backward`,
  `step`) with no progress bar; `fit` runs with its default callbacks, and for workload 8 with
  `verbose=1` written to /dev/null.
- A framework that is not installed is skipped, never estimated."""


def render(run, context, workloads, results, loads):
    notes = []
    lines = ["# Benchmarks", "",
             "<!-- Written by benchmarks/run.py: do not edit by hand, run the suite again. -->", "",
             "eigenflow side by side with TensorFlow/Keras and PyTorch on the workloads of issues 5 and 8.",
             "Regenerate this page with one command, from the repository's root:", "",
             "```sh", COMMAND, "```", "",
             "(from a source tree, prefix `EIGENFLOW_CORE_DIR=build/<name>/cpp PYTHONPATH=python`; add "
             "`--quick` to check that the suite runs, `--only mlp,cnn` for some workloads).", "",
             "## This run", ""] + _run_lines(run, context, results) + ["", "## Results", "",
             "| workload | measure | eigenflow | TensorFlow | PyTorch | vs best peer | goals | load |",
             "|---|---|---|---|---|---|---|---|"]
    verdicts = []  # (where, goal text, met) of every goal that could be checked
    for workload in workloads:
        for i, row in enumerate(workload.rows):
            checks = [goal.check(row, results[workload.key], context) for goal in row.goals]
            verdicts += [(f"{workload.title}: {row.label}", text, met) for text, met in checks if met is not None]
            first = i == 0
            load = "{:.1f} → {:.1f}".format(*loads[workload.key]) if first else ""
            lines.append(_row(workload.title if first else "", row, results[workload.key], checks, notes, load))
    lines += ["", "## Goals", ""] + _goal_lines(verdicts)
    if notes:
        lines += ["", "## Notes", ""] + [f"{i}. {note}" for i, note in enumerate(notes, 1)]
    lines += ["", "## How it measures", "", PROTOCOL, ""]
    return "\n".join(lines)


def _run_lines(run, context, results):
    cpu, versions = run["cpu"], run["versions"]
    fma = context["fma_gflops"]
    peak = (f"{fma[1]:.0f} GFLOP/s on 1 core, {fma[2]:.0f} on 2 (fp32 FMA, `benchmarks/fma_peak.c`)"
            if fma.get(1) else "not measured (no C compiler)")
    lines = [f"- Date: {run['date']}; command: `{run['command']}`" + (" (**quick sizes**)" if run["quick"] else ""),
             f"- CPU: {cpu['model']}, {cpu['cores']} cores, ISA: {cpu['isa']}",
             f"- Measured FMA peak: {peak}; the issue's nominal peak: {context['nominal_gflops']:g} GFLOP/s on 2 cores"
             + (" (measured on the issue's CPU, more than this one can reach: the peak goals are judged against"
               " this machine's measured peak)"
                if fma.get(2) and fma[2] < context["nominal_gflops"] else ""),
             "- Versions: " + ", ".join(f"{name} {version}" for name, version in versions.items())]
    kernels = {fw: info["kernel"] for r in results.values() for fw, v in r.items()
               if (info := v.get("info")) and "kernel" in info}
    if kernels:
        lines.append("- GEMM: " + "; ".join(f"{NAMES[fw]}: {kernel}" for fw, kernel in kernels.items()))
    busy = max(run["load_start"], run["load_end"]) > cpu["cores"] * 0.5
    lines.append(f"- Load (1-minute average): {run['load_start']:.1f} at the start, {run['load_end']:.1f} at the end, "
                 f"on {cpu['cores']} cores; the `load` column gives it per workload."
                 + (" **Other processes shared the cores during this run: the numbers are lower and noisier "
                    "than on a quiet machine, and thread-pool peers suffer most.**" if busy else ""))
    return lines


def _row(title, row, results, checks, notes, load):
    cells = [_cell(results.get(fw), row, notes) for fw in ("eigenflow",) + PEERS]
    ours, best = measured(results, "eigenflow", row.metric), best_peer(row, results)
    ratio = f"{speedup(row, ours, best[1]):.2f}x ({NAMES[best[0]]})" if ours and best else "—"
    marks = {True: "✅ ", False: "❌ ", None: ""}
    goals = "<br>".join(marks[met] + text for text, met in checks)
    return f"| {title} | {row.label} ({row.unit}) | " + " | ".join(cells) + f" | {ratio} | {goals} | {load} |"


def _cell(result, row, notes):
    if result is None:
        return "n/a"
    for why in ("error", "skipped"):
        if why in result:
            if result[why] not in notes:
                notes.append(result[why])
            return f"{why} [{notes.index(result[why]) + 1}]"
    summary = result.get(row.metric)
    if not summary:
        return "—"
    if summary["n"] == 1:
        return _number(summary["median"])
    return f"{_number(summary['median'])} ({_number(summary['min'])}–{_number(summary['max'])})"


def _number(value):
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _goal_lines(verdicts):
    missed = [f"- {where}: {text}" for where, text, met in verdicts if not met]
    lines = [f"{len(verdicts) - len(missed)} of {len(verdicts)} goals met."]
    return lines + (["", "Not met:", ""] + missed if missed else [])
