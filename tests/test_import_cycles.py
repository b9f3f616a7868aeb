"""No import cycle in ``desktop_app`` (issue 14): the import graph is read from the source, not run.

What counts as an import of module A by module B (both in ``desktop_app``):

- ``import A`` and ``from A import name`` anywhere in B, **also inside a function**. A lazy import
  only postpones a cycle to the first call; it still means the two modules cannot be understood,
  tested or moved apart, which is what the rule is for. ``from pkg import A`` counts as an import
  of the module ``pkg.A`` when ``pkg/A.py`` exists, otherwise of ``pkg``.
- ``importlib.import_module("A")`` with the name written out.
- Not: imports under ``if TYPE_CHECKING:`` (never run), and a package's ``__init__`` that Python
  runs before a submodule (the packages of ``desktop_app`` hand no names on).

A cycle is a strongly connected part of that graph; the failure names one loop through it, each
step with the line of its import. ``KNOWN_CYCLES`` lists cycles that are tolerated for now, each as
the set of its modules; it is meant to be empty, and the test fails when a listed cycle is gone
(or has changed), so the list cannot go stale.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "desktop_app"

# Cycles in files of other areas that are left for later, as sets of module names. Empty: none.
KNOWN_CYCLES: list[set[str]] = []


def module_files(root: Path, package: str) -> dict[str, Path]:
    out = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


class _Imports(ast.NodeVisitor):
    """(imported name, line) of every import of a module, skipping ``if TYPE_CHECKING:``."""

    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.is_package = is_package
        self.found: list[tuple[str, list[str], int]] = []  # (module, names taken from it, line)

    def visit_If(self, node: ast.If) -> None:  # noqa: N802
        test = node.test
        name = test.id if isinstance(test, ast.Name) else test.attr if isinstance(test, ast.Attribute) else ""
        if name == "TYPE_CHECKING":
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:  # noqa: N802
        for alias in node.names:
            self.found.append((alias.name, [], node.lineno))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:  # noqa: N802
        if node.level:
            base = self.module.split(".") if self.is_package else self.module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        self.found.append((target, [a.name for a in node.names], node.lineno))

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        fn = node.func
        name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
        if name in ("import_module", "__import__") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self.found.append((first.value, [], node.lineno))
        self.generic_visit(node)


def import_graph(root: Path = ROOT, package: str = PACKAGE) -> dict[str, dict[str, int]]:
    """Module → {imported module of the package: line of the first such import}."""
    files = module_files(root, package)

    def resolve(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, dict[str, int]] = {m: {} for m in files}
    for module, path in files.items():
        visitor = _Imports(module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        for target, names, line in visitor.found:
            if target.split(".")[0] != package:
                continue
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in files]
            others = [n for n in names if f"{target}.{n}" not in files]
            imported = submodules + ([resolve(target)] if others or not names else [])
            for other in imported:
                if other and other != module:
                    graph[module].setdefault(other, line)
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[frozenset[str]]:
    """The strongly connected parts of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[frozenset[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                part = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    part.add(member)
                    if member == node:
                        break
                if len(part) > 1:
                    out.append(frozenset(part))
    return out


def loop_through(graph: dict[str, dict[str, int]], part: frozenset[str]) -> str:
    """One loop through a strongly connected part, as 'a -(line n)-> b -(line m)-> a'."""
    start = min(part)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child not in part:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                path.reverse()
                path.append(start)
                return " ".join(f"{a} -(line {graph[a][b]})->" for a, b in zip(path, path[1:], strict=False)) \
                    + f" {start}"
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    raise AssertionError(f"no loop through {sorted(part)}")  # pragma: no cover - a part has one


def test_desktop_app_has_no_import_cycle():
    graph = import_graph()
    known = [frozenset(c) for c in KNOWN_CYCLES]
    new = [f"{len(part)} modules ({', '.join(sorted(part))}), e.g. {loop_through(graph, part)}"
           for part in cycles(graph) if part not in known]
    assert new == [], "import cycles:\n" + "\n".join(new)


def test_every_known_cycle_still_exists():
    found = cycles(import_graph())
    gone = [sorted(c) for c in KNOWN_CYCLES if frozenset(c) not in found]
    assert gone == [], "remove these from KNOWN_CYCLES (fixed, or changed shape): " + repr(gone)


def test_the_graph_sees_the_imports_it_claims(tmp_path):
    pkg = tmp_path / "desktop_app"
    (pkg / "services").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "services" / "__init__.py").write_text("")
    (pkg / "services" / "a.py").write_text("from desktop_app.services import b\n")
    (pkg / "services" / "b.py").write_text("def f():\n    from desktop_app.services.c import g\n")
    (pkg / "services" / "c.py").write_text("from . import a\nimport desktop_app.services.d\n")
    (pkg / "services" / "d.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from desktop_app.services import a\n"
        "import importlib\nE = importlib.import_module('desktop_app.services.e')\n")
    (pkg / "services" / "e.py").write_text("")
    graph = import_graph(tmp_path, "desktop_app")
    assert graph["desktop_app.services.a"] == {"desktop_app.services.b": 1}
    assert graph["desktop_app.services.b"] == {"desktop_app.services.c": 2}  # inside a function
    assert graph["desktop_app.services.c"] == {"desktop_app.services.a": 1, "desktop_app.services.d": 2}
    assert graph["desktop_app.services.d"] == {"desktop_app.services.e": 5}  # not TYPE_CHECKING
    assert cycles(graph) == [frozenset({"desktop_app.services.a", "desktop_app.services.b",
                                        "desktop_app.services.c"})]
    assert loop_through(graph, cycles(graph)[0]) == (
        "desktop_app.services.a -(line 1)-> desktop_app.services.b -(line 2)-> "
        "desktop_app.services.c -(line 1)-> desktop_app.services.a")
