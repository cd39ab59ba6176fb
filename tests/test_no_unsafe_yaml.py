"""No code in the repository loads YAML with a loader that can construct objects.

PyYAML's ``yaml.load`` with ``Loader``/``FullLoader``/``UnsafeLoader`` (and ``unsafe_load``,
``full_load``) builds arbitrary Python objects from tags such as ``!!python/object/apply``. The
frontmatter goes through the hardened loader (linter/frontmatter.py); anything else that reads
YAML must use a safe loader. This reads every Python file's syntax tree, so a call split over
lines or a loader held in a variable is still seen.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

from conftest import REPO

UNSAFE_NAMES = {"Loader", "FullLoader", "UnsafeLoader", "unsafe_load", "full_load", "full_load_all",
                "unsafe_load_all", "Constructor", "FullConstructor", "UnsafeConstructor"}
LOADING_CALLS = {"load", "load_all", "parse", "compose", "compose_all", "scan"}
_LOADER_NAME = re.compile(r"\b\w*Loader\b")


def _is_ours(folder: Path) -> bool:
    """Virtual environments (any name: .venv, .venv-lowest, ...) and build output are not our code."""
    skipped = {".git", "site", "build", "node_modules", "__pycache__"}
    return folder.name not in skipped and not (folder / "pyvenv.cfg").exists()


def python_files() -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(REPO):
        subfolders[:] = [name for name in subfolders if _is_ours(Path(folder) / name)]
        found.extend(Path(folder) / name for name in names if name.endswith(".py"))
    return sorted(found)


def _bindings(tree: ast.AST) -> dict[str, list[str]]:
    """Every value a name is bound to in a module (imports and assignments), as source text."""
    bound: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "yaml":
            for alias in node.names:
                bound.setdefault(alias.asname or alias.name, []).append(alias.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound.setdefault(target.id, []).append(ast.unparse(node.value))
    return bound


def _is_safe_loader(node: ast.expr, bindings: dict[str, list[str]]) -> bool:
    """A loader expression that names only safe loaders (``SafeLoader``, ``CSafeLoader``...)."""
    sources = [ast.unparse(node)]
    if isinstance(node, ast.Name) and node.id in bindings:
        sources = bindings[node.id]
    names = [name for source in sources for name in _LOADER_NAME.findall(source)]
    return bool(names) and all(name.endswith("SafeLoader") for name in names)


def unsafe_uses(source: str) -> list[str]:
    """``line: what`` for each unsafe YAML use in a module's source."""
    tree = ast.parse(source)
    bindings = _bindings(tree)
    yaml_names = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                  for alias in node.names if alias.name == "yaml"}
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "yaml":
            problems += [f"{node.lineno}: from yaml import {a.name}" for a in node.names if a.name in UNSAFE_NAMES]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in yaml_names:
            if node.attr in UNSAFE_NAMES:
                problems.append(f"{node.lineno}: yaml.{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOADING_CALLS \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in yaml_names:
            loader = next((kw.value for kw in node.keywords if kw.arg == "Loader"), None)
            if loader is None and len(node.args) > 1:
                loader = node.args[1]
            if loader is None or not _is_safe_loader(loader, bindings):
                problems.append(f"{node.lineno}: yaml.{node.func.attr}(...) without a safe Loader")
    return problems


def test_no_unsafe_yaml_loading_in_the_repository():
    files = python_files()
    assert any(path.name == "frontmatter.py" for path in files)  # the walk sees the code
    found = {str(path.relative_to(REPO)): unsafe_uses(path.read_text(encoding="utf-8")) for path in files}
    assert {path: problems for path, problems in found.items() if problems} == {}


@pytest.mark.parametrize("source", [
    "import yaml\nyaml.load(text)",
    "import yaml\nyaml.load(text, Loader=yaml.Loader)",
    "import yaml\nyaml.load(text, yaml.FullLoader)",
    "import yaml\nyaml.unsafe_load(text)",
    "import yaml as y\ny.full_load(text)",
    "from yaml import UnsafeLoader\n",
    "import yaml\nloader = yaml.UnsafeLoader\nyaml.load(text, Loader=loader)",
    "import yaml\nyaml.load_all(\n    text,\n    Loader=yaml.Loader,\n)",
])
def test_the_check_sees_unsafe_loading(source):
    assert unsafe_uses(source)


@pytest.mark.parametrize("source", [
    "import yaml\nyaml.safe_load(text)",
    "import yaml\nyaml.load(text, Loader=yaml.CSafeLoader)",
    "from yaml import CSafeLoader as _EventLoader\nimport yaml\nyaml.parse(text, Loader=_EventLoader)",
    "import yaml\nloader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\nyaml.load(text, Loader=loader)",
])
def test_the_check_accepts_safe_loading(source):
    assert unsafe_uses(source) == []
