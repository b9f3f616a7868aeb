"""Queries of the employees table and its search index."""

from __future__ import annotations

from datetime import date

from desktop_app.domain import names
from desktop_app.domain.dates import nl_date
from desktop_app.domain.dossier import Employee, EmployeeId, EmployerId
from desktop_app.storage.column_values import iso, now, to_date, to_decimal
from desktop_app.storage.connection import Database

_COLS = ("employer_id, surname, prefix, given_names, initials, birth_date, gender, bsn, street, "
         "postcode, city, phone, email, personnel_number, job_title, contract_hours, "
         "employment_start, employment_end")
SELECT = f"SELECT e.id, {', '.join('e.' + c.strip() for c in _COLS.split(','))}, r.name " \
         "FROM employees e JOIN employers r ON r.id = e.employer_id"


def row(r: tuple) -> Employee:
    return Employee(
        EmployeeId(r[0]), EmployerId(r[1]), r[2], r[3], r[4], r[5], to_date(r[6]), r[7], r[8],
        r[9], r[10], r[11], r[12], r[13], r[14], r[15], to_decimal(r[16]), to_date(r[17]),
        to_date(r[18]), employer_name=r[19],
    )


def values_of(e: Employee) -> tuple:
    """The stored columns of ``_COLS``, in order."""
    return (e.employer_id, e.surname, e.prefix, e.given_names, e.initials, iso(e.birth_date),
            e.gender, e.bsn, e.street, e.postcode, e.city, e.phone, e.email, e.personnel_number,
            e.job_title, None if e.contract_hours is None else float(e.contract_hours),
            iso(e.employment_start), iso(e.employment_end))


def sort_key(e: Employee) -> str:
    return "\x1f".join(names.sort_key(e.surname, e.prefix, e.given_names or e.initials))


def insert(db: Database, e: Employee, employer_name: str) -> EmployeeId:
    stamp = now()
    cur = db.execute(
        f"INSERT INTO employees ({_COLS}, sort_key, created_at, updated_at) "
        f"VALUES ({', '.join('?' * 21)})", (*values_of(e), sort_key(e), stamp, stamp))
    employee_id = EmployeeId(cur.lastrowid)
    index(db, employee_id, e, employer_name)
    return employee_id


def update(db: Database, e: Employee, employer_name: str) -> None:
    sets = ", ".join(f"{c.strip()} = ?" for c in _COLS.split(","))
    db.execute(f"UPDATE employees SET {sets}, sort_key = ?, updated_at = ? WHERE id = ?",
               (*values_of(e), sort_key(e), now(), e.id))
    index(db, e.id, e, employer_name)


def get(db: Database, employee_id: int) -> Employee | None:
    r = db.one(f"{SELECT} WHERE e.id = ?", (employee_id,))
    return row(r) if r else None


def page(db: Database, *, employer_id: int | None = None, offset: int = 0, limit: int = 200) -> list[Employee]:
    """Employees in Dutch name order, a page at a time (lists fetch rows as they scroll)."""
    where, params = ("WHERE e.employer_id = ?", (employer_id,)) if employer_id else ("", ())
    return [row(r) for r in db.query(f"{SELECT} {where} ORDER BY e.sort_key LIMIT ? OFFSET ?",
                                     (*params, limit, offset))]


def count(db: Database, employer_id: int | None = None) -> int:
    if employer_id:
        return int(db.scalar("SELECT count(*) FROM employees WHERE employer_id = ?", (employer_id,)))
    return int(db.scalar("SELECT count(*) FROM employees"))


# --- the search index ----------------------------------------------------------------------


def search_text(e: Employee, employer_name: str) -> tuple[str, str, str, str]:
    name_parts = " ".join(p for p in (e.given_names, e.initials, e.prefix, e.surname) if p)
    birth = ""
    if e.birth_date:
        birth = f"{nl_date(e.birth_date)} {e.birth_date.isoformat()}"
    return names.fold(name_parts), birth, names.fold(e.personnel_number), names.fold(employer_name)


def index(db: Database, employee_id: int, e: Employee, employer_name: str) -> None:
    db.execute("DELETE FROM employee_search WHERE rowid = ?", (employee_id,))
    db.execute("INSERT INTO employee_search (rowid, names, birth, personnel, employer) "
               "VALUES (?, ?, ?, ?, ?)", (employee_id, *search_text(e, employer_name)))


def reindex_employer(db: Database, employer_id: int, employer_name: str) -> None:
    folded = names.fold(employer_name)
    db.execute("UPDATE employee_search SET employer = ? WHERE rowid IN "
               "(SELECT id FROM employees WHERE employer_id = ?)", (folded, employer_id))


def birthdate_matches(db: Database, d: date, limit: int) -> list[Employee]:
    return [row(r) for r in db.query(f"{SELECT} WHERE e.birth_date = ? ORDER BY e.sort_key LIMIT ?",
                                     (d.isoformat(), limit))]


def by_bsn(db: Database, bsns: list[str]) -> dict[str, Employee]:
    """The employees with these BSNs, by BSN (the import's matching)."""
    out: dict[str, Employee] = {}
    for chunk in _chunks(sorted(set(b for b in bsns if b))):
        marks = ", ".join("?" * len(chunk))
        for r in db.query(f"{SELECT} WHERE e.bsn != '' AND e.bsn IN ({marks}) ORDER BY e.id", tuple(chunk)):
            out.setdefault(r[8], row(r))
    return out


def by_personnel_number(db: Database, employer_id: int, numbers: list[str]) -> dict[str, Employee]:
    """An employer's employees with these personnel numbers, by the number case-folded."""
    wanted = {n.casefold() for n in numbers if n}
    if not wanted:
        return {}
    out: dict[str, Employee] = {}
    for r in db.query(f"{SELECT} WHERE e.employer_id = ? AND e.personnel_number != '' ORDER BY e.id",
                      (employer_id,)):
        key = r[14].casefold()
        if key in wanted:
            out.setdefault(key, row(r))
    return out


def _chunks(values: list[str], size: int = 500):
    for start in range(0, len(values), size):
        yield values[start:start + size]
