"""The declared dependency ranges are the tested ones: .ci/lowest-versions.txt, which
`make test-lowest` installs, pins exactly the lower bound of every range in pyproject.toml."""

from __future__ import annotations

import re
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _lower_bounds() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"]) + [dep for group in project["optional-dependencies"].values() for dep in group]
    bounds = {}
    for requirement in declared:
        if ";" in requirement:  # a backport for older Pythons than the tested one
            continue
        match = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)", requirement)
        assert match, f"{requirement!r}: every dependency declares a lower bound"
        bounds[match[1].lower()] = match[2]
    return bounds


def _pinned() -> dict[str, str]:
    pins = {}
    for line in (REPO / ".ci" / "lowest-versions.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def _same(declared: str, pinned: str) -> bool:
    pad = lambda version: tuple(int(part) for part in version.split(".")) + (0,) * (3 - version.count(".") - 1)
    return pad(declared) == pad(pinned)


def test_the_lowest_versions_file_pins_every_declared_lower_bound():
    bounds, pins = _lower_bounds(), _pinned()
    assert set(bounds) == set(pins)
    assert [name for name in bounds if not _same(bounds[name], pins[name])] == []


def _version() -> str:
    namespace: dict = {}
    exec((REPO / "linter" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def test_one_version_number_read_by_the_packaging_and_named_by_the_changelog():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "linter.__version__"}
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## [{_version()}]" in changelog


def test_release_pins_in_the_docs_name_the_current_version():
    """`rev: vX`, `@vX` in the docs and the action: a release that bumps the version updates them."""
    pins = {}
    for path in [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md", REPO / "action.yml"]:
        for match in re.finditer(r"(?:rev: |@)v(\d+\.\d+\.\d+)\b", path.read_text(encoding="utf-8")):
            pins.setdefault(match[1], []).append(path.name)
    assert pins and set(pins) == {_version()}, pins
