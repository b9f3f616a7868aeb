"""The architecture as a test (STYLE.md, DESIGN.md §2).

1. The core never imports Qt or the ui package.
2. No SQL and no database engine outside ``desktop_app/storage`` (issue 14), in the core and in
   the ui alike. What counts, read from the source with ``ast`` (nothing is imported or run):

   - **A string that SQLite parses as a statement.** Every string constant, f-string and
     ``+``-joined string (docstrings and other bare string statements left out) of more than one
     word that begins with a statement's first keyword (SELECT, INSERT, UPDATE, DELETE, REPLACE,
     PRAGMA, VACUUM, WITH, CREATE, DROP, ALTER, ATTACH, DETACH, BEGIN, COMMIT, ROLLBACK,
     SAVEPOINT, RELEASE, ANALYZE, REINDEX) is handed to SQLite's own parser (``EXPLAIN <text>``
     on an empty in-memory database, which compiles the statement without running it). The parts
     an f-string or ``.format`` fills in are tried as ``x``, ``1`` and ``x = 1``. It is SQL when
     SQLite compiles it, or refuses it for a reason that comes *after* the grammar (no such
     table, no such column, a missing binding); it is not SQL when SQLite calls it a syntax
     error. So "Update beschikbaar", "Selecteer een werknemer" or the enum value ``"delete"``
     pass, and ``"DELETE FROM x"`` does not. The parser is the judge rather than a keyword list:
     a keyword alone cannot tell Dutch text from a statement, and a regular expression cannot
     follow SQL's grammar. (A lone keyword, ``"rollback"``, is a word: only ``.execute`` would
     run it, and that call is refused below.)
   - **A call that hands a statement to a connection.** ``.execute``, ``.executemany`` and
     ``.executescript`` (the DB-API's names, used for nothing else here) are refused outright;
     ``.query``, ``.one`` and ``.scalar`` (``storage.connection.Database``'s) when their first
     argument is a string expression.
   - **The engine's own objects.** An import of ``sqlcipher3``, ``sqlite3`` or another engine's
     driver (also through ``importlib``), and the DB-API cursor's ``lastrowid``, ``rowcount``,
     ``fetchone``, ``fetchall``, ``fetchmany``: a service that reads them holds a cursor.

There are no exceptions: every module outside storage is held to it.
"""

from __future__ import annotations

import ast
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "desktop_app"
STORAGE = CORE / "storage"
CHECKED = (CORE, ROOT / "ui")
FORBIDDEN = ("PySide6", "shiboken6", "ui")

ENGINES = frozenset({"sqlcipher3", "sqlite3", "pysqlcipher3", "apsw", "psycopg", "psycopg2",
                     "asyncpg", "pg8000", "sqlalchemy"})
STATEMENT_METHODS = frozenset({"execute", "executemany", "executescript"})
SQL_TAKING_METHODS = frozenset({"query", "one", "scalar"})
CURSOR_ATTRIBUTES = frozenset({"lastrowid", "rowcount", "fetchone", "fetchall", "fetchmany"})
FIRST_KEYWORD = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|VACUUM|WITH|CREATE|DROP|ALTER|ATTACH|DETACH"
    r"|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|ANALYZE|REINDEX)\b", re.IGNORECASE)
FILLERS = ("x", "1", "x = 1")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}|%[sdr]")
_NOT_GRAMMAR = ("syntax error", "incomplete input", "unrecognized token")
HOLE = "\x00"  # where an f-string's value or a joined non-literal goes


# --- the core imports no Qt -----------------------------------------------------------------


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_desktop_app_imports_no_qt_and_no_ui():
    bad = []
    for path in CORE.rglob("*.py"):
        for name in _imports(path):
            if name.split(".")[0] in FORBIDDEN:
                bad.append(f"{path.relative_to(CORE)}: {name}")
    assert bad == []


def test_the_guard_would_see_an_import(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport ui.app\n")
    assert [n.split(".")[0] for n in _imports(sample)] == ["PySide6", "ui"]


# --- no SQL and no engine outside storage ---------------------------------------------------


_PARSER = sqlite3.connect(":memory:")


def parses_as_sql(text: str) -> bool:
    """Whether SQLite's parser takes ``text`` (with HOLE for the parts filled in) as a statement."""
    if not FIRST_KEYWORD.match(text) or len(text.split()) < 2:
        return False  # a lone keyword ("rollback", "delete") is a word: only .execute() runs it
    for filler in FILLERS:
        candidate = _FORMAT_FIELD.sub(filler, text.replace(HOLE, filler))
        try:
            _PARSER.execute("EXPLAIN " + candidate).fetchall()
        except sqlite3.ProgrammingError:
            return True  # compiled; refused for its bindings or for holding several statements
        except sqlite3.Error as exc:
            if not any(marker in str(exc) for marker in _NOT_GRAMMAR):
                return True  # past the grammar: no such table, no such column, …
            continue
        return True
    return False


def _text_of(node: ast.expr) -> str | None:
    """The text of a string expression, with HOLE where a value is filled in; None otherwise."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text_of(node.left), _text_of(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else HOLE) + (right if right is not None else HOLE)
    return None


@dataclass(frozen=True)
class Finding:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


class _Layering(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[Finding] = []
        self._inside: set[int] = set()  # string nodes already judged as part of a larger one

    def _add(self, node: ast.AST, what: str) -> None:
        self.found.append(Finding(node.lineno, what))

    def visit_Expr(self, node: ast.Expr) -> None:  # noqa: N802 - docstrings and bare strings
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:  # noqa: N802
        for alias in node.names:
            if alias.name.split(".")[0] in ENGINES:
                self._add(node, f"import {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:  # noqa: N802
        if node.level == 0 and node.module and node.module.split(".")[0] in ENGINES:
            self._add(node, f"from {node.module} import …")

    def visit_Attribute(self, node: ast.Attribute) -> None:  # noqa: N802
        if node.attr in CURSOR_ATTRIBUTES:
            self._add(node, f"cursor attribute .{node.attr}")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        fn = node.func
        name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
        first = node.args[0] if node.args else None
        if isinstance(fn, ast.Attribute) and name in STATEMENT_METHODS:
            self._add(node, f".{name}(…): a statement handed to a connection")
        elif isinstance(fn, ast.Attribute) and name in SQL_TAKING_METHODS and first is not None \
                and _text_of(first) is not None:
            self._add(node, f".{name}(<string>): a statement handed to a connection")
        if name in ("import_module", "__import__") and isinstance(first, ast.Constant) \
                and isinstance(first.value, str) and first.value.split(".")[0] in ENGINES:
            self._add(node, f"{name}({first.value!r})")
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:  # noqa: N802
        text = _text_of(node)
        if text is not None and id(node) not in self._inside:
            self._judge(node, text)
            for child in ast.walk(node):
                self._inside.add(id(child))
        self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:  # noqa: N802
        if id(node) not in self._inside:
            self._judge(node, _text_of(node) or "")
        for child in ast.walk(node):
            self._inside.add(id(child))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:  # noqa: N802
        if isinstance(node.value, str) and id(node) not in self._inside:
            self._judge(node, node.value)

    def _judge(self, node: ast.AST, text: str) -> None:
        if parses_as_sql(text):
            shown = " ".join(text.replace(HOLE, "…").split())[:60]
            self._add(node, f"SQL statement {shown!r}")


def layering_findings(source: str) -> list[Finding]:
    visitor = _Layering()
    visitor.visit(ast.parse(source))
    return sorted(set(visitor.found), key=lambda f: (f.line, f.what))


def checked_files() -> dict[str, Path]:
    """Every module of the core outside storage, and of the ui, by its path from the root."""
    files = {}
    for folder in CHECKED:
        for path in sorted(folder.rglob("*.py")):
            if STORAGE not in path.parents:
                files[path.relative_to(ROOT).as_posix()] = path
    return files


def findings_by_file() -> dict[str, list[Finding]]:
    out = {}
    for name, path in checked_files().items():
        found = layering_findings(path.read_text(encoding="utf-8"))
        if found:
            out[name] = found
    return out


def test_no_sql_and_no_engine_outside_storage():
    problems = [f"{name}: {finding}" for name, found in findings_by_file().items() for finding in found]
    assert problems == [], "move these into desktop_app/storage:\n" + "\n".join(problems)


def test_the_check_reads_the_core_and_the_ui_but_not_storage():
    names = checked_files()
    assert "desktop_app/services/practice.py" in names
    assert "ui/today.py" in names
    assert not [n for n in names if n.startswith("desktop_app/storage/")]


PLANTED = '''\
"""Update the dossier: SELECT the employee first. (A docstring: not looked at.)"""
import sqlite3
from sqlcipher3 import dbapi2
import importlib

engine = importlib.import_module("sqlcipher3")
DELETE = "delete"
TITLE = "Update beschikbaar"
SENTENCE = "Selecteer een werknemer"
ASK = "Delete dit concept?"


def service(session, employee_id, table, columns):
    session.db.execute("SELECT 1")
    rows = session.db.query(f"SELECT {columns} FROM employees WHERE id = ?", (employee_id,))
    sql = "UPDATE consents SET revoked_on = ? WHERE id = ?"
    joined = "DELETE FROM " + table + " WHERE employee_id = ?"
    pragma = f"PRAGMA rekey = \\"x'{columns}'\\""
    templated = "SELECT {} FROM users".format(columns)
    new_id = session.cursor.lastrowid
    label = f"Update voor {employee_id}"
    return rows, sql, joined, pragma, templated, new_id, label
'''


def test_the_check_catches_what_is_planted_and_passes_dutch_text():
    found = [(f.line, f.what.split(" ", 1)[0] if f.what.startswith(("SQL", "import", "from"))
              else f.what) for f in layering_findings(PLANTED)]
    assert found == [
        (2, "import"),
        (3, "from"),
        (6, "import_module('sqlcipher3')"),
        (14, ".execute(…): a statement handed to a connection"),
        (14, "SQL"),
        (15, ".query(<string>): a statement handed to a connection"),
        (15, "SQL"),
        (16, "SQL"),
        (17, "SQL"),
        (18, "SQL"),
        (19, "SQL"),
        (20, "cursor attribute .lastrowid"),
    ]


def test_the_parser_tells_statements_from_text():
    assert parses_as_sql("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
    assert parses_as_sql("VACUUM INTO ?")
    assert parses_as_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert parses_as_sql(f"INSERT OR REPLACE INTO settings (key, value) VALUES ({HOLE}, ?)")
    assert not parses_as_sql("Update de gegevens van de werknemer")
    assert not parses_as_sql("delete")
    assert not parses_as_sql("rollback")
    assert not parses_as_sql("With vriendelijke groet")
    assert not parses_as_sql("Selecteer een werknemer")


def test_a_planted_statement_in_a_real_service_would_be_found():
    """The check on the tree's own files sees a statement added to one of them."""
    path = CORE / "services" / "employees.py"
    source = path.read_text(encoding="utf-8") + '\n\ndef _planted(session):\n' \
        '    return session.db.execute("SELECT 1")\n'
    assert layering_findings(path.read_text(encoding="utf-8")) == []
    assert [f.what for f in layering_findings(source)] == [
        ".execute(…): a statement handed to a connection", "SQL statement 'SELECT 1'"]
