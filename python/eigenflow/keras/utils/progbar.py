"""``Progbar``: Keras's progress line.

    4/4 ━━━━━━━━━━━━━━━━━━━━ 0s 3ms/step - accuracy: 0.5100 - loss: 0.6931

It is redrawn in place on a terminal and in a notebook; where output is neither (a log
file, CI) only the final line of each epoch is printed (see progress_line.py).
"""
import time

from .progress_line import bar_characters, open_progress_line


def _format_value(v):
    return f"{v:.4f}" if abs(v) >= 1e-3 or v == 0 else f"{v:.4e}"


class Progbar:
    """Displays progress toward a number of steps, with metric values.

    Args:
        target: The number of steps, or None when unknown.
        width: The bar's width in characters.
        verbose: 1 shows the bar as it fills, 2 prints one plain line when done, 0 nothing.
        interval: The least time in seconds between two redraws.
        stateful_metrics: Accepted for compatibility: values are always shown as given.
        unit_name: What a step is called in the speed (``'step'`` gives ``3ms/step``).

    Example:
        >>> from eigenflow import keras
        >>> bar = keras.utils.Progbar(2, verbose=2)
        >>> bar.update(1, [("loss", 0.5)])
        >>> bar.update(2, [("loss", 0.25)])  # doctest: +ELLIPSIS
        2/2 - 0s - ...us/step - loss: 0.2500
    """

    def __init__(self, target, width=20, verbose=1, interval=0.05, stateful_metrics=None, unit_name="step"):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.start = time.perf_counter()
        self._last_update = 0.0
        self._seen = 0
        self._output = open_progress_line() if verbose == 1 else None

    def update(self, current, values=None, finalize=None):
        """Shows CURRENT steps done, with VALUES a list of (name, value) pairs.

        FINALIZE (by default: whether CURRENT reached the target) shows the finished line.
        """
        self._seen = current
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        now = time.perf_counter()
        if self.verbose == 2 and finalize:
            print(self._line(current, values, now, bar=False), flush=True)
        if self.verbose != 1 or not (finalize or self._due(now)):
            return
        self._last_update = now
        self._output.show(self._line(current, values, now, bar=True), finalize)

    def due(self):
        """Whether a (not final) update now would redraw the line: a bar being drawn in
        place, whose last redraw is at least ``interval`` seconds old."""
        return self.verbose == 1 and self._due(time.perf_counter())

    def _due(self, now):
        return self._output.dynamic and now - self._last_update >= self.interval

    def add(self, n, values=None):
        """Advances by N steps (see ``update``)."""
        self.update(self._seen + n, values)

    def _line(self, current, values, now, bar):
        elapsed = now - self.start
        per_step = self._per_step(elapsed / max(current, 1))
        target = self.target
        count = f"{current:>{len(str(target))}}/{target}" if target is not None else f"{current}/Unknown"
        if not bar:
            text = f"{count} - {elapsed:.0f}s - {per_step}"
        else:
            if target:
                done_char, todo_char = bar_characters()
                done = int(self.width * min(current, target) / target)
                count = f"{count} {done_char * done}{todo_char * (self.width - done)}"
            running = target is not None and current < target
            seconds = (elapsed / max(current, 1)) * (target - current) if running else elapsed
            text = f"{count} {seconds:.0f}s {per_step}"
        for name, value in values or []:
            text += f" - {name}: {_format_value(float(value))}"
        return text

    def _per_step(self, seconds):
        if seconds >= 1:
            return f"{seconds:.0f}s/{self.unit_name}"
        if seconds >= 1e-3:
            return f"{seconds * 1e3:.0f}ms/{self.unit_name}"
        return f"{seconds * 1e6:.0f}us/{self.unit_name}"
