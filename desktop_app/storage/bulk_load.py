"""Made-up practices loaded in bulk, with their ids given: the demo practice and the benchmarks'
large one (``services.demo_data``).

One ``executemany`` per table inside the caller's transaction, instead of the per-record
functions of each aggregate's module, which index and time-stamp one row at a time. The rows
are the domain's own types where they exist (``Employer``, ``Employee``), an aggregate's own
(``activities.NewActivity``), and the small dataclasses below for a case's rows as stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.cases import AbsenceKind
from desktop_app.domain.dossier import Employee, Employer
from desktop_app.storage import activities as activities_store
from desktop_app.storage import employees as employees_store
from desktop_app.storage.activities import NewActivity
from desktop_app.storage.column_values import iso, now
from desktop_app.storage.connection import Database

_TABLES = {"employers": "employers", "employees": "employees", "cases": "absence_cases"}


@dataclass(frozen=True)
class LoadedCase:
    """A case of one episode (from ``first_day`` until ``recovered_on``, or still open)."""

    id: int
    employee_id: int
    first_day: date
    kind: AbsenceKind
    recovered_on: date | None
    physician_id: int


@dataclass(frozen=True)
class LoadedLevel:
    case_id: int
    from_date: date
    percentage: float


@dataclass(frozen=True)
class LoadedMilestone:
    case_id: int
    code: str
    done_on: date
    recorded_by: int
    note: str = ""


def next_id(db: Database, what: str) -> int:
    """The id the next row of ``what`` ("employers", "employees" or "cases") gets."""
    table = _TABLES[what]  # a KeyError, never SQL built from a caller's text
    return int(db.scalar(f"SELECT coalesce(max(id), 0) FROM {table}") or 0) + 1


def employers(db: Database, rows: Sequence[Employer]) -> None:
    stamp = now()
    db.executemany(
        "INSERT INTO employers (id, name, kvk, street, postcode, city, contact_name, contact_email, "
        "contact_phone, contract_start, contract_end, service_package, created_at, updated_at) "
        f"VALUES ({', '.join('?' * 14)})",
        [(e.id, e.name, e.kvk, e.street, e.postcode, e.city, e.contact_name, e.contact_email,
          e.contact_phone, iso(e.contract_start), iso(e.contract_end), e.service_package, stamp,
          stamp) for e in rows])


def employees(db: Database, rows: Sequence[Employee]) -> None:
    """Employees with their lines in the search index (``employer_name`` set on each)."""
    stamp = now()
    db.executemany(
        "INSERT INTO employees (id, employer_id, surname, prefix, given_names, initials, birth_date, "
        "gender, bsn, street, postcode, city, phone, email, personnel_number, job_title, "
        "contract_hours, employment_start, employment_end, sort_key, created_at, updated_at) "
        f"VALUES ({', '.join('?' * 22)})",
        [(e.id, *employees_store.values_of(e), employees_store.sort_key(e), stamp, stamp)
         for e in rows])
    db.executemany("INSERT INTO employee_search (rowid, names, birth, personnel, employer) "
                   "VALUES (?, ?, ?, ?, ?)",
                   [(e.id, *employees_store.search_text(e, e.employer_name)) for e in rows])


def cases(db: Database, rows: Sequence[LoadedCase]) -> None:
    stamp = now()
    db.executemany("INSERT INTO absence_cases (id, employee_id, first_day, kind, recovered_on, "
                   "responsible_physician, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(c.id, c.employee_id, c.first_day.isoformat(), c.kind.value, iso(c.recovered_on),
                     c.physician_id, stamp, stamp) for c in rows])
    db.executemany("INSERT INTO case_episodes (case_id, start, end) VALUES (?, ?, ?)",
                   [(c.id, c.first_day.isoformat(), iso(c.recovered_on)) for c in rows])


def levels(db: Database, rows: Sequence[LoadedLevel]) -> None:
    db.executemany("INSERT INTO case_levels (case_id, from_date, percentage) VALUES (?, ?, ?)",
                   [(v.case_id, v.from_date.isoformat(), v.percentage) for v in rows])


def milestones(db: Database, rows: Sequence[LoadedMilestone]) -> None:
    """Milestones done; a second one of the same code for a case is left out."""
    db.executemany("INSERT OR IGNORE INTO case_milestones (case_id, code, done_on, note, recorded_by) "
                   "VALUES (?, ?, ?, ?, ?)",
                   [(m.case_id, m.code, m.done_on.isoformat(), m.note, m.recorded_by) for m in rows])


def activities(db: Database, rows: Sequence[NewActivity]) -> None:
    stamp = now()
    db.executemany(activities_store.INSERT_ACTIVITY,
                   [activities_store.activity_values(a, stamp) for a in rows])
