"""The lint cache (linter.disk_cache): a second run reuses the results of unchanged files and
reports exactly what a run without it reports; an edit, another configuration or another date
for a date-bound result lints again; a damaged or unwritable cache is skipped, never an error."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conftest import REPO, clean_text, run_cli
from linter import disk_cache
from linter.engine import Linter


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """The cache on, in a folder of the test's own; the number of files each run lints."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("POSTMORTEM_CACHE_DIR", str(folder))
    monkeypatch.delenv("POSTMORTEM_NO_CACHE", raising=False)
    linted: list[str] = []
    real = Linter.lint_file

    def counting(self, source, keep_document=False, found=None):
        if found is None:  # its rules run (with a result found, the file is only read)
            linted.append(os.path.basename(source.path))
        return real(self, source, keep_document, found)

    monkeypatch.setattr(Linter, "lint_file", counting)
    return folder, linted


def _corpus(root, count: int = 3):
    folder = root / "postmortems"
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = clean_text().replace("id: PM-2026-014", f"id: PM-2026-{200 + number}")
        (folder / f"2026-04-0{number + 1}-checkout-{number}.md").write_text(text, encoding="utf-8")
    config = root / ".postmortem.toml"
    config.write_text("", encoding="utf-8")
    return folder, config


def _lint(folder, config, *extra):
    result = run_cli("lint", "--format", "json", "--jobs", "1", "--config", config, *extra, folder)
    assert result.code in (0, 1), result.err
    return result.out


def _entries(folder) -> list[str]:
    return [name for _, _, names in os.walk(folder) for name in names if len(name) == 64]


def test_a_second_run_lints_nothing_and_reports_the_same(tmp_path, cache):
    folder, linted = cache
    corpus, config = _corpus(tmp_path)
    (corpus / "2026-04-09-vague.md").write_text(clean_text().replace("id: PM-2026-014", "id: PM-2026-299")
                                                .replace("## Action items", "## Action items\n\n- Improve monitoring\n"),
                                                encoding="utf-8")
    first = _lint(corpus, config)
    assert len(linted) == 4 and len(_entries(folder)) == 4
    linted.clear()
    assert _lint(corpus, config) == first
    assert linted == [], "every file came from the cache"
    assert _lint(corpus, config, "--no-cache") == first
    assert len(linted) == 4, "--no-cache lints them all"


def test_an_edited_file_is_linted_again_and_the_others_are_not(tmp_path, cache):
    _, linted = cache
    corpus, config = _corpus(tmp_path)
    _lint(corpus, config)
    linted.clear()
    edited = corpus / "2026-04-02-checkout-1.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("## Timeline", "## Timeline\n\nAn edit."), encoding="utf-8")
    _lint(corpus, config)
    assert linted == ["2026-04-02-checkout-1.md"]


def test_another_configuration_lints_everything_again(tmp_path, cache):
    _, linted = cache
    corpus, config = _corpus(tmp_path)
    first = _lint(corpus, config)
    linted.clear()
    config.write_text('ignore = ["PM405"]\n', encoding="utf-8")
    _lint(corpus, config)
    assert len(linted) == 3
    linted.clear()
    config.write_text("", encoding="utf-8")
    assert _lint(corpus, config) == first and linted == [], "the first configuration's entries are still there"


def test_a_result_that_read_the_date_holds_for_that_date_only(tmp_path, cache):
    """PM603 judges a draft at a date: another --today lints it again; a published file is reused."""
    _, linted = cache
    corpus, config = _corpus(tmp_path, count=1)
    draft = clean_text().replace("id: PM-2026-014", "id: PM-2026-298").replace("status: published", "status: draft")
    (corpus / "2026-04-08-draft.md").write_text(draft, encoding="utf-8")
    first = _lint(corpus, config, "--today", "2026-05-01")
    assert "PM603" in first and "judged at 2026-05-01" in first
    linted.clear()
    later = _lint(corpus, config, "--today", "2026-06-01")
    assert linted == ["2026-04-08-draft.md"]
    assert "judged at 2026-06-01" in later and "judged at 2026-05-01" not in later


def test_a_damaged_entry_is_a_miss_and_is_replaced(tmp_path, cache):
    folder, linted = cache
    corpus, config = _corpus(tmp_path, count=1)
    first = _lint(corpus, config)
    (entry,) = [os.path.join(where, name) for where, _, names in os.walk(folder) for name in names if len(name) == 64]
    with open(entry, "wb") as handle:
        handle.write(b"\x80\x05not a pickle")
    linted.clear()
    assert _lint(corpus, config) == first and len(linted) == 1
    linted.clear()
    assert _lint(corpus, config) == first and linted == []


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path, cache, monkeypatch):
    corpus, config = _corpus(tmp_path, count=1)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("POSTMORTEM_CACHE_DIR", str(blocked / "cache"))
    result = run_cli("lint", "--jobs", "1", "--config", config, corpus)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err


def test_the_environment_turns_it_off(tmp_path, cache, monkeypatch):
    folder, _ = cache
    corpus, config = _corpus(tmp_path, count=1)
    monkeypatch.setenv("POSTMORTEM_NO_CACHE", "1")
    _lint(corpus, config)
    assert not folder.exists()


def test_a_rule_that_crashed_is_not_kept(tmp_path, cache, monkeypatch):
    import dataclasses

    from linter import selection

    _, linted = cache
    corpus, config = _corpus(tmp_path, count=1)
    real = selection.enabled_rules

    def crash(document, context):
        raise RuntimeError("boom")

    with monkeypatch.context() as patch:
        patch.setattr(selection, "enabled_rules", lambda select, ignore: [
            dataclasses.replace(rule, check=crash) if rule.code == "PM405" else rule for rule in real(select, ignore)])
        crashed = run_cli("lint", "--jobs", "1", "--config", config, corpus)
    assert crashed.code == 2 and "internal error in rule PM405" in crashed.err
    linted.clear()
    after = run_cli("lint", "--jobs", "1", "--config", config, corpus)
    assert after.code == 0 and linted, "linted again, not the crash replayed"


def test_keys_are_the_same_in_every_process(tmp_path):
    """A configuration holding a set (resource-hosts) keys alike under any string hashing."""
    corpus, config = _corpus(tmp_path, count=1)
    config.write_text('resource-hosts = ["a.example.com", "b.example.com", "c.example.com"]\n', encoding="utf-8")
    folder = tmp_path / "cache"
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed, "POSTMORTEM_CACHE_DIR": str(folder)}
        env.pop("POSTMORTEM_NO_CACHE", None)
        result = subprocess.run([sys.executable, "-m", "linter", "lint", "--config", str(config), str(corpus)],
                                capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, result.stderr[-2000:]
    assert len(_entries(folder)) == 1


def test_old_entries_are_pruned_once_a_day(tmp_path, cache):
    folder, _ = cache
    corpus, config = _corpus(tmp_path, count=2)
    _lint(corpus, config)
    entries = sorted(os.path.join(where, name) for where, _, names in os.walk(folder) for name in names if len(name) == 64)
    old = time.time() - (disk_cache.MAX_AGE_DAYS + 1) * 86_400
    os.utime(entries[0], (old, old))
    _lint(corpus, config)
    assert os.path.exists(entries[0]), "pruned at most once a day: the marker is fresh"
    marker = os.path.join(folder, f"v{disk_cache.FORMAT}", "pruned")
    os.utime(marker, (old, old))
    _lint(corpus, config)
    assert not os.path.exists(entries[0]) and os.path.exists(entries[1])


def test_a_site_build_reuses_the_records_of_the_last_build_and_publishes_the_same(tmp_path):
    pytest.importorskip("mkdocs")
    from test_site_hostile import build, html_pages, postmortem, site_project

    root = site_project(tmp_path / "project", "warn")
    for number in range(5):
        (root / "postmortems" / f"2026-04-07-incident-{number}.md").write_text(postmortem(number), encoding="utf-8")
    folder = tmp_path / "cache"
    os.environ["POSTMORTEM_CACHE_DIR"], saved = str(folder), os.environ["POSTMORTEM_CACHE_DIR"]
    os.environ.pop("POSTMORTEM_NO_CACHE")
    try:
        first = build(root, strict=False)
        assert first.returncode == 0, first.stderr[-3000:]
        pages = html_pages(root / "site")
        assert len(_entries(folder)) == 5
        again = build(root, strict=False)
        assert again.returncode == 0, again.stderr[-3000:]
        assert html_pages(root / "site") == pages
        assert len(_entries(folder)) == 5, "nothing new: every record came from the cache"
        import yaml

        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        next(plugin for plugin in config["plugins"] if isinstance(plugin, dict) and "postmortem" in plugin)["postmortem"]["lint_cache"] = False
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        (root / "postmortems" / "2026-04-07-incident-0.md").write_text(postmortem(0, extra="An edit.\n"), encoding="utf-8")
        off = build(root, strict=False)
        assert off.returncode == 0, off.stderr[-3000:]
        assert len(_entries(folder)) == 5, "lint_cache: false writes nothing"
    finally:
        os.environ["POSTMORTEM_CACHE_DIR"], os.environ["POSTMORTEM_NO_CACHE"] = saved, "1"


def test_sarif_with_its_fixes_is_the_same_from_the_cache(tmp_path, cache):
    """SARIF runs build each finding's fix: those are kept too, and come back the same."""
    _, linted = cache
    corpus, config = _corpus(tmp_path, count=2)
    (corpus / "2026-04-09-fixable.md").write_text(
        clean_text().replace("id: PM-2026-014", "id: PM-2026-297").replace('started_at: "2026-04-07T03:15:00Z"',
                                                                           'started_at: "2026-04-07 03:15"'), encoding="utf-8")
    first = _lint(corpus, config, "--format", "sarif")
    assert '"fixes"' in first
    linted.clear()
    assert _lint(corpus, config, "--format", "sarif") == first and linted == []
    assert _lint(corpus, config, "--format", "sarif", "--no-cache") == first


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_after_the_gate_reads_the_files_but_runs_no_rule_and_keeps_the_same(tmp_path, cache, monkeypatch, jobs):
    """`postmortem lint` then `mkdocs build`, as the main job runs them: the build finds each
    file's findings in the entries the gate wrote, and only parses the files for its records."""
    pytest.importorskip("mkdocs")
    import functools

    from linter import batches
    from linter.config import load_config
    from linter.engine import lint_paths
    from site_config.corpus import site_record

    folder, linted = cache
    corpus, config_file = _corpus(tmp_path, count=3)
    (corpus / "2026-04-09-vague.md").write_text(clean_text().replace("id: PM-2026-014", "id: PM-2026-299")
                                                .replace("## Action items", "## Action items\n\n- Improve monitoring\n"),
                                                encoding="utf-8")
    monkeypatch.setattr(batches, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr("linter.engine.PARALLEL_THRESHOLD", 1)
    config = load_config(str(config_file))
    keep = functools.partial(site_record, config=config)
    fresh = lint_paths([str(corpus)], config, jobs=jobs, keep_documents=keep)
    linted.clear()
    gate = lint_paths([str(corpus)], config, jobs=jobs, cache=disk_cache.DiskCache(str(folder)))
    assert gate.findings == fresh.findings and any(f.code == "PM405" for f in gate.findings)
    assert len(linted) == (4 if jobs == 1 else 0)  # the workers count in their own processes
    # Forked workers inherit this: a rule that ran again, here or there, fails the build.
    monkeypatch.setattr(Linter, "check_document", lambda *arguments: pytest.fail("a rule ran again"))
    build = lint_paths([str(corpus)], config, jobs=jobs, keep_documents=keep, cache=disk_cache.DiskCache(str(folder)))
    assert build.findings == fresh.findings
    assert build.documents == fresh.documents
    assert len(_entries(folder)) == 8, "the build keeps its own entries beside the gate's"
