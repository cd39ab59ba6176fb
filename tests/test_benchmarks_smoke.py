"""The benchmark scripts run (tiny sizes; no timing is asserted: speed is for benchmarks/)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

BENCHMARKS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks")
sys.path.insert(0, BENCHMARKS)

import generate_corpus  # noqa: E402


def _read_all(directory):
    return {path: open(os.path.join(directory, path), encoding="utf-8").read()
            for path in generate_corpus.generate(directory, 5, seed=3)["files"]}


def test_generator_is_deterministic_and_writes_postmortems(tmp_path):
    first, second = _read_all(str(tmp_path / "a")), _read_all(str(tmp_path / "b"))
    assert first == second
    assert len(first) == 5
    for path, text in first.items():
        assert path.endswith(".md") and text.startswith("---\nid: PM-")
        assert "## Action items" in text or "## Specific changes" in text or "## Corrective actions" in text


def test_generator_refuses_a_directory_it_did_not_write(tmp_path):
    (tmp_path / "notes.md").write_text("mine\n")
    with pytest.raises(generate_corpus.CorpusError):
        generate_corpus.generate(str(tmp_path), 5)
    assert (tmp_path / "notes.md").read_text() == "mine\n"


def test_generator_refuses_the_repository_corpus():
    with pytest.raises(generate_corpus.CorpusError):
        generate_corpus.generate(os.path.join(BENCHMARKS, "..", "postmortems", "bench"), 5)


def test_lint_benchmark_runs_in_quick_mode(tmp_path):
    out = tmp_path / "lint.json"
    completed = subprocess.run(
        [sys.executable, os.path.join(BENCHMARKS, "bench_lint.py"), "--quick", "--sizes", "5", "--one-file-runs", "1",
         "--defect-rate", "0.5", "--work-dir", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(out.read_text())
    size = results["sizes"]["5"]
    assert size["lint_single"]["files_per_second"] > 0 and size["floor_single"]["files_per_second"] > 0
    assert "ratio_single" in size and "seconds" in results["one_file"]
    # The generated corpus and the linter agree: every injected defect reported, clean files clean.
    check = size["check"]
    assert check["files_linted"] == 5
    assert check["defects_found"] == check["defects_injected"]
    assert check["clean_files_with_findings"] == 0
    assert "targets:" in completed.stdout


def test_report_benchmark_runs_in_quick_mode(tmp_path):
    out = tmp_path / "reports.json"
    completed = subprocess.run(
        [sys.executable, os.path.join(BENCHMARKS, "bench_reports.py"), "--quick", "--sizes", "8,16",
         "--work-dir", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(out.read_text())
    assert results["sizes"]["16"]["check"]["incidents"] >= 15  # a duplicate id may leave one out
    assert results["sizes"]["8"]["report"]["seconds"] > 0 and "report_vs_floor" in results["sizes"]["8"]
    assert "growth" in results and "targets:" in completed.stdout


def test_site_benchmark_runs_in_quick_mode(tmp_path):
    pytest.importorskip("mkdocs")
    out = tmp_path / "site.json"
    completed = subprocess.run(
        [sys.executable, os.path.join(BENCHMARKS, "bench_site.py"), "--quick", "--sizes", "6",
         "--work-dir", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    size = json.loads(out.read_text())["sizes"]["6"]
    assert size["plugin"]["seconds"] > 0 and size["plain"]["seconds"] > 0 and size["plugin_vs_plain"] > 0
    assert size["plugin"]["search"]["index_bytes"] > 0 and size["plugin"]["kb_per_postmortem"] > 0
    assert "targets:" in completed.stdout


def test_instruction_counts_come_from_valgrind_or_are_absent(tmp_path):
    import shutil

    from common import count_instructions

    counted = count_instructions([sys.executable, "-c", "pass"], str(tmp_path), dict(os.environ))
    if shutil.which("valgrind") is None:
        assert counted is None
    else:
        more = count_instructions([sys.executable, "-c", "sum(range(10**6))"], str(tmp_path), dict(os.environ))
        assert 0 < counted < more  # a real count: more work, more instructions


def test_server_benchmark_runs_in_quick_mode(tmp_path):
    pytest.importorskip("pygls")
    out = tmp_path / "server.json"
    completed = subprocess.run(
        [sys.executable, os.path.join(BENCHMARKS, "bench_server.py"), "--quick", "--files", "1", "--changes", "2",
         "--lint-runs", "1", "--corpus-size", "5", "--work-dir", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads(out.read_text())
    assert [item["changes"] for item in results["files"]] == [2] and results["overall"]["changes"] == 2
    assert results["during_scan"]["corpus_files"] == 5
    assert {check["target"].split(" ")[0] for check in results["targets"]} == {"diagnostics", "an"}


def test_search_benchmark_measures_recall_and_download_per_engine(tmp_path):
    pytest.importorskip("mkdocs")
    import shutil
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    out = tmp_path / "search.json"
    completed = subprocess.run(
        [sys.executable, os.path.join(BENCHMARKS, "bench_search.py"), "--sizes", "8", "--pairs", "30",
         "--work-dir", str(tmp_path), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    size = json.loads(out.read_text())["sizes"]["8"]
    sharded, trimmed = size["engines"]["sharded"], size["engines"]["material-trimmed"]
    assert size["pairs"] > 0 and sharded["queries"] == trimmed["queries"] == size["pairs"]
    assert 0 < sharded["recall"] <= 1 and 0 < trimmed["recall"] <= 1
    assert 0 < sharded["download_gzip_kb_median"] <= sharded["download_gzip_kb_max"]
    assert sharded["pages"] > 8 and sharded["term_shards"] >= 1
