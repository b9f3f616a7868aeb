"""Rules of the code itself, read from the source with ``ast`` (issue 14).

- No ``assert`` in ``desktop_app``: ``python -O`` drops asserts, so a guard written as one is no
  guard. A broken expectation raises a typed error instead.
- One date formatter: ``desktop_app.domain.dates`` writes dd-mm-jjjj; no other module of the core
  or the ui spells the format out (``%d-%m-%Y`` in ``strftime`` or an f-string, or the day and
  month glued by hand).
- One display-name function: an employee's name with its fallback (given names, else initials)
  is ``names.employee_name`` / ``employee_formal_name``; nothing calls ``display_name`` or
  ``formal_name`` with an ``or`` of its own.
- One fact per assert in the tests: ``assert a and b`` hides which half failed
  (``scripts/split_asserts.py`` splits them; ``tests/attacks/`` is another helper's and left out).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "desktop_app"
UI = ROOT / "ui"
FORMATTER = CORE / "domain" / "dates.py"
# %d-%m-%Y (also with "." or "/"), in a strftime or an f-string's format; or the parts by hand:
# f"{d.day:02d}-{d.month:02d}-…", f"{ts[8:10]}-{ts[5:7]}-…".
INLINE_DATE = re.compile(r"%d[-./]%m|\.day:0?2d?\}[-./]|\[8:10\]\}[-./]")


def asserts_in(source: str) -> list[int]:
    return [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assert)]


def test_the_core_guards_nothing_with_assert():
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}" for path in sorted(CORE.rglob("*.py"))
             for line in asserts_in(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_assert_check_sees_a_planted_assert():
    assert asserts_in("def f(x):\n    assert x is not None\n    return x\n") == [2]


def inline_dates_in(source: str) -> list[int]:
    return [n for n, line in enumerate(source.splitlines(), 1) if INLINE_DATE.search(line)]


def test_dates_are_written_by_the_one_formatter_only():
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}"
             for folder in (CORE, UI) for path in sorted(folder.rglob("*.py")) if path != FORMATTER
             for line in inline_dates_in(path.read_text(encoding="utf-8"))]
    assert found == [], "use desktop_app.domain.dates.nl_date / nl_date_time"


def test_the_date_check_sees_each_way_of_writing_a_date_by_hand():
    planted = ('a = d.strftime("%d-%m-%Y")\n'
               'b = f"op {d:%d-%m-%Y %H:%M}"\n'
               'c = f"{d.day:02d}-{d.month:02d}-{d.year}"\n'
               'e = f"{ts[8:10]}-{ts[5:7]}-{ts[0:4]}"\n'
               'f = d.strftime("%d.%m.%Y")\n'
               'g = moment.strftime("%H:%M")\n'
               'h = "strftime(\'%Y-%m-%dT%H:%M:%S\', \'now\')"\n')
    assert inline_dates_in(planted) == [1, 2, 3, 4, 5]


NAMES = CORE / "domain" / "names.py"
NAME_FUNCTIONS = frozenset({"display_name", "formal_name"})


def hand_made_names_in(source: str) -> list[int]:
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.BoolOp):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            if name in NAME_FUNCTIONS:
                out.append(node.lineno)
    return out


def test_employee_names_come_from_the_one_function():
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}"
             for folder in (CORE, UI) for path in sorted(folder.rglob("*.py")) if path != NAMES
             for line in hand_made_names_in(path.read_text(encoding="utf-8"))]
    assert found == [], "use desktop_app.domain.names.employee_name / employee_formal_name"


def test_the_name_check_sees_a_hand_made_fallback():
    planted = ("a = names.display_name(r[4] or r[5], r[2], r[1])\n"
               "b = formal_name(e.initials or e.given_names, e.prefix, e.surname)\n"
               "c = names.display_name(e.given_names, e.prefix, e.surname)\n")
    assert hand_made_names_in(planted) == [1, 2]


def _split_asserts():
    import importlib.util

    spec = importlib.util.spec_from_file_location("split_asserts", ROOT / "scripts" / "split_asserts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_assert_in_the_tests_checks_one_fact():
    tool = _split_asserts()
    found = [f"{path.relative_to(ROOT).as_posix()}:{node.lineno}" for path in tool.files([])
             for node in tool.compound_asserts(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == [], "run: python scripts/split_asserts.py"


def test_splitting_keeps_the_message_and_the_comment_and_each_fact():
    tool = _split_asserts()
    source = ("def test_x(x):\n"
              "    assert x and x.y == 1, 'msg'\n"
              "    assert (x.a and\n"
              "            x.b and x.c)  # why\n"
              "    assert x or x.z\n")
    new, done, left = tool.split(source)
    assert new == ("def test_x(x):\n"
                   "    assert x, 'msg'\n"
                   "    assert x.y == 1, 'msg'\n"
                   "    assert x.a  # why\n"
                   "    assert x.b\n"
                   "    assert x.c\n"
                   "    assert x or x.z\n")
    assert (done, left) == (2, [])
