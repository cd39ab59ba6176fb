"""The project's module graph, read from the source (no imports run): which module imports which.

Every import counts, the ones inside functions too (a function-local import that closes a loop
is still a loop, only a later one); imports under ``if TYPE_CHECKING:`` do not, as they never run.
"""

from __future__ import annotations

import ast
import os

PACKAGES = ("linter", "site_config")
# Packages whose __init__ imports every submodule at run time (the rule registry discovers its
# rules): the source shows no import statement for them, the graph adds them.
DISCOVERING = ("linter.rules",)


def module_files(root: str) -> dict[str, str]:
    """Module name -> file, for every .py file of the project's packages."""
    found = {}
    for package in PACKAGES:
        for folder, subfolders, files in os.walk(os.path.join(root, package)):
            subfolders[:] = [name for name in subfolders if name != "__pycache__"]
            for name in files:
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    dotted = os.path.relpath(path, root)[:-3].replace(os.sep, ".")
                    found[dotted.removesuffix(".__init__")] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool):
    """(imported name, line) for every import that can run."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")
                parent = parts if is_package else parts[:-1]
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno  # a submodule, or a name in ``base``
            yield base, node.lineno
        stack.extend(ast.iter_child_nodes(node))


def graph(root: str) -> dict[str, dict[str, int]]:
    """Module -> {imported project module: first line}."""
    files = module_files(root)
    edges: dict[str, dict[str, int]] = {}
    for module, path in files.items():
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        targets: dict[str, int] = {}
        for name, line in _imports(tree, module, path.endswith("__init__.py")):
            if name in files and name != module:
                targets.setdefault(name, line)
        if module in DISCOVERING:
            for other in files:
                if other.startswith(module + ".") and other.count(".") == module.count(".") + 1:
                    targets.setdefault(other, 0)
        edges[module] = targets
    return edges


def cycles(edges: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = [0]

    def visit(start: str) -> None:
        work = [(start, iter(sorted(edges.get(start, {}))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter[0]
                counter[0] += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, {})))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


if __name__ == "__main__":
    import sys

    here = sys.argv[1] if len(sys.argv) > 1 else "."
    for component in cycles(graph(here)):
        print(len(component), " ".join(component))
