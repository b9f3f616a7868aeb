"""One search box: any part of a name (accent-insensitive), birth date, personnel number, employer.

Text is folded (names.fold) on both sides, so "celik" finds "Çelik" and "lukasz" finds "Łukasz".
Terms of three or more characters go to the FTS5 trigram index as phrases (substring match);
shorter terms filter the matches, or — when no term is long enough — match the start of the
surname through the sort-key index.
"""

from __future__ import annotations

import re

from desktop_app.domain import names
from desktop_app.domain.dossier import Employee
from desktop_app.storage import employees
from desktop_app.storage.connection import Database

_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
MAX_TERMS = 8


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def terms_of(query: str) -> list[str]:
    folded = names.fold(query)
    return [t for t in re.split(r"[\s,]+", folded) if t][:MAX_TERMS]


def _where(query: str) -> tuple[str, list] | None:
    """The join and condition that find ``query``, with their parameters; None: nothing to find."""
    terms = terms_of(query)
    if not terms:
        return None
    if len(terms) == 1 and (m := _DATE.match(terms[0])):
        day, month, year = (int(x) for x in m.groups())
        terms = [f"{day:02d}-{month:02d}-{year:04d}"]
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    if long_terms:
        sql = " JOIN employee_search s ON s.rowid = e.id WHERE employee_search MATCH ?"
        params: list = [" AND ".join(_phrase(t) for t in long_terms)]
        for t in short_terms:
            sql += " AND (s.names LIKE ? ESCAPE '\\' OR s.personnel LIKE ? ESCAPE '\\')"
            params += [f"%{_like(t)}%", f"{_like(t)}%"]
        return sql, params
    # Only short terms: the start of the surname (sort key) or of the personnel number.
    first = short_terms[0]
    return " WHERE (e.sort_key >= ? AND e.sort_key < ?) OR e.personnel_number = ?", [first, first + "\uffff", first]


def search(db: Database, query: str, limit: int = 50, offset: int = 0) -> list[Employee]:
    where = _where(query)
    if where is None:
        return []
    sql, params = where
    return [employees.row(r) for r in db.query(f"{employees.SELECT}{sql} ORDER BY e.sort_key LIMIT ? OFFSET ?",
                                                (*params, limit, offset))]


def count(db: Database, query: str) -> int:
    """How many employees ``search`` finds, all of them (ui15screens: the search box says so)."""
    where = _where(query)
    if where is None:
        return 0
    sql, params = where
    return int(db.scalar(f"SELECT count(*) FROM employees e{sql}", tuple(params)))


def _like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
