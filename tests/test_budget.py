"""The per-file budget (PM007): a file that runs over it is reported, the others still checked.

The runaway rules here are stand-ins added to the engine for one test: one that never ends, one
that allocates without end, one that hides the interruption in ``except Exception``. The
budgets are small so the tests are quick; nothing asserts how long anything took.
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from conftest import clean_text
from linter import budget
from linter.config import ConfigError, from_mapping
from linter.engine import Linter, lint_paths
from linter.rules.base import Rule

NAME = "2026-04-07-checkout-errors-after-pricing-update.md"


def _runaway_forever(document, context):
    while True:
        pass
    yield  # pragma: no cover - a generator, like every check


def _runaway_memory(document, context):
    hoard = []
    while True:
        hoard.append(bytearray(1 << 20))
    yield  # pragma: no cover


def _swallows_everything(document, context):
    while True:
        try:
            sum(range(1000))
        except Exception:  # noqa: BLE001 - what a careless rule does: it must not hide the budget
            pass
    yield  # pragma: no cover


def _slow_but_finite(document, context):
    time.sleep(0.3)
    return iter(())


def _with_rule(monkeypatch, check, only_in: str = "runaway") -> None:
    """Add a rule to every Linter that runs ``check`` on files whose name holds ``only_in``."""
    rule = Rule(code="PM999", name="test-runaway", severity="warning", summary="test", doc="test",
                check=lambda document, context: check(document, context) if only_in in os.path.basename(document.path) else iter(()))
    original = Linter.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.selection.file_rules = (rule, *self.selection.file_rules)

    monkeypatch.setattr(Linter, "__init__", init)


def _corpus(tmp_path):
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / "2026-04-07-runaway.md").write_text(clean_text(), encoding="utf-8")
    (folder / NAME).write_text(clean_text().replace("PM-2026-014", "PM-2026-015"), encoding="utf-8")
    return folder


def _run(folder, keep_documents=False, **budget_setting):
    config = from_mapping({"file-budget": budget_setting}, root=str(folder.parent))
    return lint_paths([str(folder)], config, jobs=1, keep_documents=keep_documents)


@pytest.mark.parametrize("check, setting, words", [
    (_runaway_forever, {"seconds": 0.3}, "0.3 s"),
    (_swallows_everything, {"seconds": 0.3}, "0.3 s"),
    (_runaway_memory, {"megabytes": 64}, "64 MB"),
], ids=["endless-loop", "loop-that-catches-exceptions", "endless-allocation"])
def test_a_runaway_rule_is_stopped_and_reported_and_the_other_files_are_still_checked(check, setting, words, tmp_path, monkeypatch):
    _with_rule(monkeypatch, check)
    run = _run(_corpus(tmp_path), keep_documents=True, **setting)
    over = [finding for finding in run.findings if "runaway" in os.path.basename(finding.path)]
    assert [(f.code, f.line) for f in over] == [("PM007", 1)]
    assert words in over[0].message and "PM999" in over[0].message
    assert [f for f in run.findings if NAME in f.path] == []  # the other file: checked, clean
    refused = [document for document in run.documents if "runaway" in os.path.basename(document.path)]
    assert refused[0].read_error  # so the site refuses to publish it
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # disarmed; the handler left is inert
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, budget._on_tick)


LATE_TICK = """
import signal
from linter import budget
with budget.metered(budget.FileBudget(seconds=5)):
    pass
signal.raise_signal(signal.SIGALRM)  # a tick generated while the file ran, delivered after it
print("still running")
"""


def test_a_tick_delivered_after_the_file_does_not_end_the_process():
    """A scheduler may deliver a timer signal late (valgrind does): under SIG_DFL it would
    terminate the linter between two files."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", LATE_TICK], capture_output=True, text=True, timeout=60,
                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert done.returncode == 0 and done.stdout == "still running\n", (done.returncode, done.stderr[-2000:])


def test_outside_the_main_thread_the_budget_is_checked_between_rules(tmp_path, monkeypatch):
    """Signal handlers can only be set in the main thread: there, the checks between steps stop
    a file that is slow but ends."""
    _with_rule(monkeypatch, _slow_but_finite)
    folder = _corpus(tmp_path)
    runs = []
    worker = threading.Thread(target=lambda: runs.append(_run(folder, seconds=0.1)))
    worker.start()
    worker.join()
    over = [finding for finding in runs[0].findings if "runaway" in os.path.basename(finding.path)]
    assert [f.code for f in over] == ["PM007"]
    assert "while running rule PM999" in over[0].message


def test_the_file_cannot_suppress_its_budget_finding(tmp_path):
    folder = tmp_path / "postmortems"
    folder.mkdir()
    (folder / NAME).write_text(clean_text() + "\n<!-- postmortem-lint disable-file -->\n", encoding="utf-8")
    run = _run(folder, seconds=1e-9)
    assert [f.code for f in run.findings] == ["PM007"]


def test_a_program_that_uses_sigalrm_keeps_it(tmp_path):
    """The timer is only armed when SIGALRM is free; the program's handler is left in place."""
    def mine(signum, frame):
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        run = _run(_corpus(tmp_path), seconds=1e-9)
        assert {f.code for f in run.findings} == {"PM007"}
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("setting, message", [
    (10, "must be a table"),
    ({"seconds": 0}, "'seconds' must be a positive number"),
    ({"megabytes": -1}, "'megabytes' must be a positive number"),
    ({"seconds": True}, "'seconds' must be a positive number"),
    ({"minutes": 1}, "has no key 'minutes'"),
])
def test_a_bad_budget_setting_is_a_configuration_error(setting, message):
    with pytest.raises(ConfigError, match=message):
        from_mapping({"file-budget": setting})


def test_the_default_budget_and_a_setting():
    assert from_mapping({}).file_budget == budget.FileBudget(budget.DEFAULT_SECONDS, budget.DEFAULT_MEGABYTES)
    assert from_mapping({"file-budget": {"seconds": 30}}).file_budget == budget.FileBudget(30.0, budget.DEFAULT_MEGABYTES)
