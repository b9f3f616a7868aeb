"""Queries of the employers table."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.dossier import Employer, EmployerId
from desktop_app.storage.column_values import iso, now, to_date, to_decimal
from desktop_app.storage.connection import Database

_COLS = ("name, kvk, street, postcode, city, contact_name, contact_email, contact_phone, "
         "contract_start, contract_end, service_package, full_time_hours")
_N = len(_COLS.split(","))


@dataclass(frozen=True)
class EmployeeCount:
    employer_id: EmployerId
    employees: int


def _row(r: tuple) -> Employer:
    return Employer(EmployerId(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                    to_date(r[9]), to_date(r[10]), r[11], to_decimal(r[12]))


def _values(e: Employer) -> tuple:
    return (e.name, e.kvk, e.street, e.postcode, e.city, e.contact_name, e.contact_email,
            e.contact_phone, iso(e.contract_start), iso(e.contract_end), e.service_package,
            None if e.full_time_hours is None else float(e.full_time_hours))


def insert(db: Database, e: Employer) -> EmployerId:
    stamp = now()
    cur = db.execute(
        f"INSERT INTO employers ({_COLS}, created_at, updated_at) VALUES ({', '.join('?' * (_N + 2))})",
        (*_values(e), stamp, stamp))
    return EmployerId(cur.lastrowid)


def update(db: Database, e: Employer) -> None:
    sets = ", ".join(f"{c.strip()} = ?" for c in _COLS.split(","))
    db.execute(f"UPDATE employers SET {sets}, updated_at = ? WHERE id = ?", (*_values(e), now(), e.id))


def get(db: Database, employer_id: int) -> Employer | None:
    r = db.one(f"SELECT id, {_COLS} FROM employers WHERE id = ?", (employer_id,))
    return _row(r) if r else None


def all_employers(db: Database) -> list[Employer]:
    return [_row(r) for r in db.query(f"SELECT id, {_COLS} FROM employers ORDER BY name COLLATE NOCASE")]


def employee_counts(db: Database) -> dict[int, int]:
    return {c.employer_id: c.employees for c in counts(db)}


def counts(db: Database) -> list[EmployeeCount]:
    return [EmployeeCount(EmployerId(r[0]), int(r[1]))
            for r in db.query("SELECT employer_id, count(*) FROM employees GROUP BY employer_id")]


def by_kvk(db: Database, numbers: list[str]) -> dict[str, Employer]:
    """The employers with these KvK numbers, by number (the import's matching)."""
    wanted = sorted({n for n in numbers if n})
    out: dict[str, Employer] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for r in db.query(f"SELECT id, {_COLS} FROM employers WHERE kvk IN ({', '.join('?' * len(chunk))}) "
                          "ORDER BY id", tuple(chunk)):
            employer = _row(r)
            out.setdefault(employer.kvk, employer)
    return out
