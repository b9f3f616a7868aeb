"""Rules of the code itself, read from the source with ``ast`` (issue 14).

- No ``assert`` in ``desktop_app``: ``python -O`` drops asserts, so a guard written as one is no
  guard. A broken expectation raises a typed error instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "desktop_app"


def asserts_in(source: str) -> list[int]:
    return [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assert)]


def test_the_core_guards_nothing_with_assert():
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}" for path in sorted(CORE.rglob("*.py"))
             for line in asserts_in(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_assert_check_sees_a_planted_assert():
    assert asserts_in("def f(x):\n    assert x is not None\n    return x\n") == [2]
