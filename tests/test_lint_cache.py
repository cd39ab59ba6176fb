"""The site's lint cache for `mkdocs serve` (site_config.lint_cache): edited files only are linted again."""

from __future__ import annotations

import os
import sys

from linter.config import Config
from linter.engine import lint_paths
from site_config import lint_cache
from site_config.lint_cache import LintCaches, UnchangedFiles

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "benchmarks"))

import generate_corpus  # noqa: E402


def test_a_result_cache_relints_only_changed_files(tmp_path, monkeypatch):
    corpus = str(tmp_path / "corpus")
    manifest = generate_corpus.generate(corpus, 6, seed=5, defect_rate=0.0)
    config = Config(root=str(tmp_path))
    cache = UnchangedFiles()
    first = lint_paths([corpus], config, jobs=1, keep_documents=True, cache=cache)
    linted: list[str] = []
    real = lint_cache.lint_sources

    def counting(linter, sources, jobs=0, keep_documents=False):
        linted.extend(source.path for source in sources)
        return real(linter, sources, jobs, keep_documents)

    monkeypatch.setattr(lint_cache, "lint_sources", counting)
    edited = os.path.join(corpus, sorted(manifest["files"])[2])
    with open(edited, "a", encoding="utf-8") as handle:
        handle.write("\nA vague follow-up: improve monitoring.\n\n## Action items\n\n- [ ] Add more monitoring\n")
    second = lint_paths([corpus], config, jobs=1, keep_documents=True, cache=cache)
    assert linted == [edited]
    assert len(second.findings) > len(first.findings), "the edit's findings are reported"
    assert [d.path for d in second.documents] == [d.path for d in first.documents]


def test_a_changed_configuration_starts_a_fresh_cache(tmp_path):
    settings = tmp_path / ".postmortem.toml"
    settings.write_text("[tool.postmortem]\n", encoding="utf-8")
    caches = LintCaches()
    first = caches.for_config(str(settings), None)
    assert caches.for_config(str(settings), None) is first
    second = caches.for_config(str(settings), "other.toml")
    assert second is not first
    os.utime(settings, ns=(1, 1))
    assert caches.for_config(str(settings), "other.toml") is not second
