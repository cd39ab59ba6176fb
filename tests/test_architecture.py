"""The module graph the architecture promises (docs/architecture.md): no import cycles, and the
linter never reaching into the site."""

from __future__ import annotations

import os

from import_graph import cycles, graph

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EDGES = graph(ROOT)


def test_the_graph_sees_the_project():
    assert "linter.engine" in EDGES["linter.cli"] or any("linter.engine" in EDGES[m] for m in EDGES if m.startswith("linter.commands"))
    assert "linter.rules.action_item_vague" in EDGES["linter.rules"]  # the registry's discovered modules


def test_no_import_cycles():
    found = cycles(EDGES)
    assert not found, "import cycles (a function-local import that closes one counts):\n" + "\n".join(
        " <-> ".join(component) for component in found)


def test_cycle_finder_finds_one():
    assert cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b": 1}, "b": {}}) == []


def test_linter_never_imports_the_site():
    reaching = {module: sorted(t for t in targets if t.startswith("site_config"))
                for module, targets in EDGES.items() if module.startswith("linter")}
    assert not {module: targets for module, targets in reaching.items() if targets}
