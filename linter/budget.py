"""The per-file budget: how long checking one file may take and how much memory it may add.

Every rule is meant to be linear in its input (tests/test_scaling.py checks it by doubling
inputs), but a pull request must not be able to stall the gate if one is not: a file that runs
over its budget is reported (PM007) and the other files are still checked.

How time is enforced, and why this way:

- No thread: a watchdog thread cannot stop the code it watches (Python has no way to kill a
  thread), so a runaway rule would keep a core busy and keep its memory after the file is
  given up, and every file would leak one more.
- The engine checks the clock between the steps of a file (read, parse, each rule): cheap
  (one ``perf_counter`` call) and enough for a rule that is slow but ends.
- For a rule that runs away *within* one step, an interval timer (``setitimer``, SIGALRM)
  interrupts it: the handler raises ``BudgetExceeded`` in the running Python code, so the
  rule is stopped where it is, in the same thread, and nothing is left running. The timer
  ticks every ``TICK_SECONDS`` and also samples the memory. It is only armed in the main
  thread of a process that has no other use for SIGALRM (signal handlers can only be set
  there); elsewhere the checks between steps remain. A single call into C (one regular
  expression search) cannot be interrupted: the handler runs when it returns, which is why
  the rules must also *avoid* superlinear work, not only be stopped.
- ``BudgetExceeded`` derives from ``BaseException``, as ``KeyboardInterrupt`` does, so the
  ``except Exception`` a rule uses for its own errors does not swallow it.

Memory is the growth of the process's resident set (RSS) since the file was started, sampled
at each step and each tick (Linux ``/proc``; elsewhere the peak RSS, which only grows). It is a
guard against a file that makes the linter allocate without bound, not exact accounting.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

DEFAULT_SECONDS = 10.0  # hundreds of times what a postmortem takes (benchmarks/README.md has the figures)
DEFAULT_MEGABYTES = 512  # several times what linting the largest allowed file adds
TICK_SECONDS = 0.05
_MEMORY_EVERY_SECONDS = 0.05  # between steps, memory is read at most this often (each read is a system call)


@dataclass(frozen=True)
class FileBudget:
    seconds: float = DEFAULT_SECONDS
    megabytes: float = DEFAULT_MEGABYTES


def from_setting(value: Any) -> FileBudget:
    """``file-budget = { seconds = 10, megabytes = 512 }``; ValueError says what is wrong."""
    if not isinstance(value, dict):
        raise ValueError("must be a table such as { seconds = 10, megabytes = 512 }")
    unknown = sorted(set(value) - {"seconds", "megabytes"})
    if unknown:
        raise ValueError(f"has no key '{unknown[0]}' (it takes 'seconds' and 'megabytes')")
    for key, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)) or not number > 0 or number == float("inf"):
            raise ValueError(f"'{key}' must be a positive number")
    return FileBudget(float(value.get("seconds", DEFAULT_SECONDS)), float(value.get("megabytes", DEFAULT_MEGABYTES)))


class BudgetExceeded(BaseException):
    """Raised in the code checking a file once the file has used up its budget."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _page_size() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        return 4096


_PAGE = _page_size()


def resident_bytes() -> int:
    """The process's resident memory now (Linux), else its peak so far; 0 when unknown."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if os.uname().sysname == "Darwin" else peak * 1024  # bytes on macOS, KiB on Linux
    except (ImportError, OSError, AttributeError):  # pragma: no cover - Windows
        return 0


class Meter:
    """What one file has used so far; ``check()`` raises ``BudgetExceeded`` once it is over."""

    def __init__(self, budget: FileBudget):
        self.budget = budget
        self.step = "reading and parsing the file"  # what is running, for the message
        self.started = time.perf_counter()
        self.baseline = resident_bytes()
        self._memory_checked = self.started
        self.peak_growth = 0

    def at(self, step: str) -> None:
        """Start a step (``running rule PM503 root-cause-vague``): check the budget (the message names
        the step that used it up), then name the new one."""
        self.check()
        self.step = step

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def check(self, memory: bool = False) -> None:
        now = time.perf_counter()
        elapsed = now - self.started
        if elapsed > self.budget.seconds:
            raise BudgetExceeded(f"checking this file took more than its budget of {self.budget.seconds:g} s "
                                 f"(stopped after {elapsed:.3g} s, while {self.step})")
        if memory or now - self._memory_checked >= _MEMORY_EVERY_SECONDS:
            self._memory_checked = now
            growth = resident_bytes() - self.baseline
            self.peak_growth = max(self.peak_growth, growth)
            if growth > self.budget.megabytes * 1024 * 1024:
                raise BudgetExceeded(f"checking this file needed more than its budget of {self.budget.megabytes:g} MB "
                                     f"of memory (stopped at {growth / 1048576:.0f} MB more, while {self.step})")


def _can_use_timer() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None, _on_tick):
        return False  # the program uses SIGALRM itself: leave it alone
    return signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


_watched: Meter | None = None  # the meter the timer checks: set only while a file is checked


def _on_tick(signum, frame) -> None:
    meter = _watched
    if meter is None:
        return
    try:
        meter.check(memory=True)
    except BudgetExceeded:
        _disarm()  # one interruption per file: what runs next (the report) must not be cut too
        raise


def _disarm() -> None:
    global _watched
    _watched = None
    signal.setitimer(signal.ITIMER_REAL, 0, 0)


@contextmanager
def metered(budget: FileBudget) -> Iterator[Meter]:
    """A meter for one file; in the main thread, an interval timer that stops a runaway step."""
    global _watched
    meter = Meter(budget)
    if not _can_use_timer():
        yield meter
        return
    # The handler stays installed after the file: a no-op while no file is watched. Restoring
    # SIG_DFL would let a tick that was generated before the timer was disarmed, but delivered
    # after (a scheduler may hold a signal back: valgrind does), terminate the process.
    signal.signal(signal.SIGALRM, _on_tick)
    try:
        _watched = meter
        tick = max(0.001, min(TICK_SECONDS, budget.seconds))
        signal.setitimer(signal.ITIMER_REAL, tick, tick)
        yield meter
    finally:
        _disarm()  # a tick that lands before this raises, disarmed, and the file is reported
