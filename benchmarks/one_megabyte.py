#!/usr/bin/env python3
"""Lint two 1 MB postmortems and report CPU seconds, against the same command on the example.

    .venv/bin/python benchmarks/one_megabyte.py --repeat 5

``root-cause``: the example postmortem with a Root cause of 20,000-character paragraphs (the
issue's shape, each paragraph at the PM804 limit). ``realistic``: a timeline of 720 entries,
300 action-item rows and 275 paragraphs of prose, within every Markdown limit. Each
``postmortem lint`` runs as its own process (interleaved, median of ``--repeat``); the figure is
its CPU time (user + system, from ``wait4``), which the other jobs of a shared machine do not
inflate as they do wall time. ``example`` is the start-up and one small file.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path[:0] = [REPO, os.path.join(REPO, "tests")]
NAME = "2026-04-07-checkout-errors-after-pricing-update.md"
LIMIT = 1024 * 1024 - 1


def _replace_section(text: str, section: str, body: str) -> str:
    from test_scaling import _SECTION

    return _SECTION.sub(lambda m: m.group(1) + "\n" + body + "\n" if m.group("name") == section else m.group(0), text)


def documents() -> dict[str, str]:
    from conftest import clean_text

    base = clean_text()
    sentence = ("the service had problems after the release and something went wrong with it again "
                "because the pool was exhausted ")
    paragraph = sentence * (20_000 // len(sentence))
    root_cause = _replace_section(base, "Root cause", "\n\n".join([paragraph] * 52))
    timeline = "\n".join(f"- 2026-04-07 {hour:02d}:{minute:02d} UTC — payments-api p99 latency rose to {minute * 7} ms "
                         f"after deploy 2026.04.07-{hour}; @alice paged #payments-oncall — PagerDuty"
                         for hour in range(24) for minute in range(0, 60, 2))
    rows = "| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n" + "\n".join(
        f"| Alert `PaymentsLatency{i}`: page #payments-oncall when p99 of `checkout_api_{i}` exceeds 800 ms for "
        f"5 minutes (see runbooks/payments/latency.md) | @team{i % 9}/bob | 2026-05-{1 + i % 28:02d} | P{i % 3} | open |"
        for i in range(300))
    prose = "\n\n".join(["The pricing service deploy changed the order amount from cents to dollars, so the checkout "
                         "API compared 12.5 against a 1250 threshold and rejected 3,214 orders in 38 minutes. " * 18] * 275)
    realistic = _replace_section(_replace_section(_replace_section(base, "Timeline", timeline), "Action items", rows),
                                 "What went wrong", prose)
    return {"example": base, "root-cause": _cut(root_cause), "realistic": _cut(realistic)}


def _cut(text: str) -> str:
    data = text.encode("utf-8")[:LIMIT]
    return data[:data.rfind(b"\n") + 1].decode("utf-8")


def cpu_seconds(command: list[str]) -> float:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed")
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    cli = os.path.join(os.path.dirname(sys.executable), "postmortem")
    with tempfile.TemporaryDirectory() as work:
        config = os.path.join(work, "empty.toml")
        open(config, "w").close()
        commands = {}
        for name, text in documents().items():
            folder = os.path.join(work, name)
            os.makedirs(folder)
            with open(os.path.join(folder, NAME), "w", encoding="utf-8") as handle:
                handle.write(text)
            commands[name] = ([cli, "lint", folder, "--config", config, "--format", "json", "--jobs", "1"], len(text.encode()))
        runs: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.repeat + 1):  # the first round warms the bytecode cache and is not kept
            for name, (command, _size) in commands.items():
                runs[name].append(cpu_seconds(command))
        for name, (command, size) in commands.items():
            kept = runs[name][1:]
            print(f"{name:11} {size:>9,} bytes  CPU median {statistics.median(kept):.2f} s "
                  f"(min {min(kept):.2f}, max {max(kept):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
