"""The issue's goals, each a check of one table row against the measured numbers.

`check(row, results, context)` returns (text, met): met is True, False, or None when the
numbers it needs are missing. RESULTS maps a framework to {metric: summary}; CONTEXT holds
the peaks ({'nominal_gflops': 470, 'fma_gflops': {threads: measured}}).
"""

PEERS = ("tensorflow", "torch")
NAMES = {"eigenflow": "eigenflow", "tensorflow": "TensorFlow", "torch": "PyTorch"}


def speedup(row, ours, theirs):
    """How many times better eigenflow's median is than a peer's: peer cost / ours, or our rate / peer's."""
    if row.higher_is_better:
        return ours["median"] / theirs["median"]
    return theirs["median"] / ours["median"]


def measured(results, framework, metric):
    """The summary (median, min, max) of METRIC for FRAMEWORK, or None when it was not measured."""
    summary = results.get(framework, {}).get(metric)
    return summary if isinstance(summary, dict) and "median" in summary else None


def best_peer(row, results):
    """(framework, summary) of the peer that did best on ROW, or None without peers."""
    found = [(peer, measured(results, peer, row.metric)) for peer in PEERS]
    found = [(peer, summary) for peer, summary in found if summary]
    if not found:
        return None
    pick = max if row.higher_is_better else min
    return pick(found, key=lambda item: item[1]["median"])


def _against(row, results, peer):
    """(eigenflow's summary, the peer's, the peer's name): PEER, or the best peer when None."""
    ours = measured(results, "eigenflow", row.metric)
    if peer:
        return ours, measured(results, peer, row.metric), NAMES[peer]
    found = best_peer(row, results)
    return ours, found and found[1], "best peer"


class Faster:
    """eigenflow at least TIMES better than the best peer (or than PEER): faster, or a higher rate."""

    def __init__(self, times, peer=None):
        self.times, self.peer = times, peer

    def check(self, row, results, context):
        ours, theirs, whom = _against(row, results, self.peer)
        if not ours or not theirs:
            return f">= {self.times:g}x {whom}: not measured", None
        ratio = speedup(row, ours, theirs)
        return f">= {self.times:g}x {whom}: {ratio:.2f}x", ratio >= self.times


class FractionOfBestPeer:
    """eigenflow's cost (time, memory) at most FRACTION of the best peer's."""

    def __init__(self, fraction):
        self.fraction = fraction

    def check(self, row, results, context):
        ours, theirs, whom = _against(row, results, None)
        if not ours or not theirs:
            return f"<= {self.fraction:g}x {whom}: not measured", None
        share = ours["median"] / theirs["median"]
        return f"<= {self.fraction:g}x {whom}: {share:.2f}x", share <= self.fraction


class AtMost:
    """eigenflow's median at most LIMIT, in the row's unit."""

    def __init__(self, limit):
        self.limit = limit

    def check(self, row, results, context):
        ours = measured(results, "eigenflow", row.metric)
        if not ours:
            return f"<= {self.limit:g} {row.unit}: not measured", None
        return f"<= {self.limit:g} {row.unit}: {ours['median']:.3g}", ours["median"] <= self.limit


class ShareOfPeak:
    """eigenflow's GFLOP/s at least FRACTION of the peak measured on this machine with an FMA
    loop, as the issue words it ("85% of the measured peak"); the share of the issue's nominal
    figure (470 GFLOP/s, measured on another CPU) is shown beside it."""

    def __init__(self, fraction, threads):
        self.fraction, self.threads = fraction, threads

    def check(self, row, results, context):
        ours = measured(results, "eigenflow", row.metric)
        nominal = context["nominal_gflops"] * self.threads / 2  # the nominal figure is for 2 cores
        fma = context["fma_gflops"].get(self.threads)
        peak, name = (fma, "this machine's measured FMA peak") if fma else (nominal, "the nominal peak")
        if not ours:
            return f">= {self.fraction:.0%} of {name}: not measured", None
        text = f">= {self.fraction:.0%} of {name}, {peak:.0f} GFLOP/s: {ours['median'] / peak:.0%}"
        if fma:
            text += f" ({ours['median'] / nominal:.0%} of the issue's nominal {nominal:g})"
        return text, ours["median"] >= self.fraction * peak


class FasterThanOwn:
    """eigenflow's rate on this row at least TIMES its own rate on METRIC (LABEL names it)."""

    def __init__(self, times, metric, label):
        self.times, self.metric, self.label = times, metric, label

    def check(self, row, results, context):
        ours, own = measured(results, "eigenflow", row.metric), measured(results, "eigenflow", self.metric)
        if not ours or not own:
            return f">= {self.times:g}x eigenflow's {self.label}: not measured", None
        ratio = ours["median"] / own["median"]
        return f">= {self.times:g}x eigenflow's {self.label}: {ratio:.2f}x", ratio >= self.times


class Roofline:
    """Not a goal: the share of the nominal peak that FLOPS_PER_SAMPLE at eigenflow's rate reaches."""

    def __init__(self, flops_per_sample):
        self.flops = flops_per_sample

    def check(self, row, results, context):
        ours = measured(results, "eigenflow", row.metric)
        if not ours:
            return "roofline: not measured", None
        share = ours["median"] * self.flops / (context["nominal_gflops"] * 1e9)
        text = f"roofline ({self.flops / 1e6:.2f} MFLOP/sample): {share:.0%} of {context['nominal_gflops']:g} GFLOP/s"
        fma = context["fma_gflops"].get(2)
        if fma:
            text += f", {ours['median'] * self.flops / (fma * 1e9):.0%} of the measured {fma:.0f}"
        return text, None
