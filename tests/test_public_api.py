"""The site uses the linter's public API (``linter.api``) and nothing inside ``linter``."""

from __future__ import annotations

import ast

from tests.conftest import REPO

import linter.api


def _linter_imports(path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import of a ``linter`` module, at any depth of the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "linter":
            found.append((node.lineno, node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names if alias.name.split(".")[0] == "linter"]
    return found


def test_site_config_imports_only_the_public_api():
    files = sorted((REPO / "site_config").rglob("*.py"))
    assert files
    outside = [f"{path.relative_to(REPO)}:{line}: {module}" for path in files
               for line, module, _ in _linter_imports(path) if module != "linter.api"]
    assert outside == [], "site_config may import from linter.api only (add what it needs there)"


def test_what_the_site_imports_is_declared_public():
    names = {name for path in (REPO / "site_config").rglob("*.py")
             for _, module, imported in _linter_imports(path) if module == "linter.api" for name in imported}
    assert names, "the site uses the linter"
    assert names <= set(linter.api.__all__), sorted(names - set(linter.api.__all__))
    assert all(hasattr(linter.api, name) for name in linter.api.__all__)


def test_the_walk_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from linter.engine import default_jobs\n    import linter.rules\n", encoding="utf-8")
    assert [name for _, name, _ in _linter_imports(module)] == ["linter.engine", "linter.rules"]
