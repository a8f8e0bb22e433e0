"""``Progbar``: Keras's progress line, updated in place on a terminal or in a notebook.

    4/4 ━━━━━━━━━━━━━━━━━━━━ 0s 3ms/step - accuracy: 0.5100 - loss: 0.6931

Where output is neither (a log file, CI), only the final line of each epoch is printed.
"""
import sys
import time


def _dynamic_display():
    stream = sys.stdout
    return (hasattr(stream, "isatty") and stream.isatty()) or "ipykernel" in sys.modules


def _format_value(v):
    return f"{v:.4f}" if abs(v) >= 1e-3 or v == 0 else f"{v:.4e}"


class Progbar:
    """Displays progress toward TARGET steps (None: unknown)."""

    def __init__(self, target, width=20, verbose=1, interval=0.05, unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.start = time.perf_counter()
        self._last_update = 0.0
        self._dynamic = _dynamic_display()
        self._printed_length = 0

    def update(self, current, values=None, finalize=None):
        """Shows CURRENT steps done with the metric VALUES, a list of (name, value)."""
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        now = time.perf_counter()
        if self.verbose != 1 or (not finalize and (not self._dynamic or now - self._last_update < self.interval)):
            if self.verbose == 2 and finalize:
                self._write(self._line(current, values, now, bar=False) + "\n")
            return
        self._last_update = now
        line = self._line(current, values, now, bar=True)
        if self._dynamic:
            pad = max(self._printed_length - len(line), 0)
            self._write("\r" + line + " " * pad + ("\n" if finalize else ""))
            self._printed_length = len(line)
        else:
            self._write(line + "\n")

    def _line(self, current, values, now, bar):
        elapsed = now - self.start
        per_step = elapsed / max(current, 1)
        target = self.target
        parts = []
        if target is not None:
            digits = len(str(target))
            count = f"{current:>{digits}}/{target}"
        else:
            count = f"{current}/Unknown"
        if bar:
            if target:
                done = int(self.width * min(current, target) / target)
                parts.append(f"{count} {'━' * done}{' ' * (self.width - done)}")
            else:
                parts.append(count)
            finished = target is not None and current >= target
            if finished or target is None:
                parts.append(f"{elapsed:.0f}s {self._per_step(per_step)}")
            else:
                parts.append(f"{per_step * (target - current):.0f}s {self._per_step(per_step)}")
        else:
            parts.append(f"{count} - {elapsed:.0f}s - {self._per_step(per_step)}")
        text = " ".join(parts)
        for name, value in values or []:
            text += f" - {name}: {_format_value(float(value))}"
        return text

    def _per_step(self, seconds):
        if seconds >= 1:
            return f"{seconds:.0f}s/{self.unit_name}"
        if seconds >= 1e-3:
            return f"{seconds * 1e3:.0f}ms/{self.unit_name}"
        return f"{seconds * 1e6:.0f}us/{self.unit_name}"

    @staticmethod
    def _write(text):
        sys.stdout.write(text)
        sys.stdout.flush()
