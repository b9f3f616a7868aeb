"""Queries of the retention aggregate in practice.db: decisions per item, the destruction register
(what, when, by whom, on what request: never the content), and the facts the terms are counted
from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain import names
from desktop_app.storage.column_values import iso, to_date
from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class DecisionRow:
    id: int
    employee_id: int
    category: str
    item: int
    decision: str
    reason: str
    note: str
    review_on: date | None
    decided_by: int
    decided_at: str
    request_id: int | None
    work_key: str | None

    @property
    def decided_on(self) -> date:
        return date.fromisoformat(self.decided_at[:10])


@dataclass(frozen=True)
class NewDecision:
    employee_id: int
    category: str
    item: int
    decision: str
    reason: str
    note: str
    review_on: date | None
    decided_by: int
    decided_at: str
    request_id: int | None = None
    work_key: str | None = None


@dataclass(frozen=True)
class RegisterLine:
    id: int
    employee_id: int
    request_id: int | None
    destroyed_at: str
    destroyed_by: int
    destroyed_by_name: str
    category: str
    item: int
    categories: str  # table: rows, never content
    reason: str
    decision_id: int | None


@dataclass(frozen=True)
class EmployeeFacts:
    """One employee as the retention terms need them (practice.db only)."""

    id: int
    name: str
    surname_key: str
    birth_date: date | None
    employer_name: str
    employment_end: date | None
    contract_end: date | None
    identity: bool  # not anonymised
    personal: bool  # anything of the personal category left
    payroll: bool  # absence cases or contract hours left
    # The later of the start of employment and the day the dossier was recorded: a contract end
    # before it ended no relationship with this employee.
    since: date | None = None


@dataclass(frozen=True)
class TrajectoryEnd:
    id: int
    employee_id: int
    track: str
    started_on: date
    ended_on: date | None


_DECISION = ("id, employee_id, category, item, decision, reason, note, review_on, decided_by, decided_at, "
             "request_id, work_key")


def _decision(r: tuple) -> DecisionRow:
    return DecisionRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], to_date(r[7]), r[8], r[9], r[10], r[11])


def insert_decision(db: Database, d: NewDecision) -> int:
    cur = db.execute(
        "INSERT INTO retention_decisions (employee_id, category, item, decision, reason, note, review_on, "
        "decided_by, decided_at, request_id, work_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (d.employee_id, d.category, d.item, d.decision, d.reason, d.note, iso(d.review_on), d.decided_by,
         d.decided_at, d.request_id, d.work_key))
    return int(cur.lastrowid)


def decisions(db: Database, employee_id: int | None = None) -> list[DecisionRow]:
    where, params = ("WHERE employee_id = ?", (employee_id,)) if employee_id is not None else ("", ())
    return [_decision(r) for r in db.query(f"SELECT {_DECISION} FROM retention_decisions {where} ORDER BY id",
                                           params)]


def work_keys(db: Database) -> set[str]:
    return {r[0] for r in db.query("SELECT work_key FROM retention_decisions WHERE work_key IS NOT NULL")}


def insert_register(db: Database, *, employee_id: int, request_id: int | None, destroyed_at: str,
                    destroyed_by: int, category: str, item: int, categories: str, reason: str,
                    decision_id: int | None) -> int:
    cur = db.execute(
        "INSERT INTO destruction_register (employee_id, request_id, destroyed_at, destroyed_by, categories, "
        "reason, category, item, decision_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (employee_id, request_id, destroyed_at, destroyed_by, categories, reason, category, item, decision_id))
    return int(cur.lastrowid)


def register_for(db: Database, employee_id: int) -> list[RegisterLine]:
    rows = db.query(
        "SELECT r.id, r.employee_id, r.request_id, r.destroyed_at, r.destroyed_by, coalesce(u.display_name, ''), "
        "r.category, r.item, r.categories, r.reason, r.decision_id FROM destruction_register r "
        "LEFT JOIN users u ON u.id = r.destroyed_by WHERE r.employee_id = ? ORDER BY r.id", (employee_id,))
    return [RegisterLine(*r) for r in rows]


_PERSONAL_IDS = """
    SELECT id FROM employees WHERE (gender || street || postcode || city || phone || email || job_title) != ''
    UNION SELECT employee_id FROM activities WHERE NOT (kind = 'evaluatie' AND case_id IN
        (SELECT case_id FROM trajectories WHERE case_id IS NOT NULL))
    UNION SELECT employee_id FROM functional_feedback
    UNION SELECT employee_id FROM uwv_documents
    UNION SELECT employee_id FROM releases WHERE medical = 0
    UNION SELECT employee_id FROM requests
    UNION SELECT employee_id FROM restrictions WHERE lifted_at IS NOT NULL
"""
# Not personal data: the release log of medical data and its consents (they go with the medical
# dossier) and a running restriction (it stops destruction).
_PAYROLL_IDS = """
    SELECT employee_id FROM absence_cases UNION SELECT id FROM employees WHERE contract_hours IS NOT NULL
"""
_EMPLOYEE = ("SELECT e.id, e.surname, e.prefix, e.given_names, e.initials, e.birth_date, r.name, e.sort_key, "
             "e.employment_end, r.contract_end, e.anonymised_at IS NULL, "
             f"e.id IN ({_PERSONAL_IDS}), e.id IN ({_PAYROLL_IDS}), "
             "max(coalesce(e.employment_start, ''), substr(e.created_at, 1, 10)) "
             "FROM employees e JOIN employers r ON r.id = e.employer_id")


def _facts(r: tuple) -> EmployeeFacts:
    return EmployeeFacts(r[0], names.employee_name(r[3], r[4], r[2], r[1]), r[7], to_date(r[5]), r[6],
                         to_date(r[8]), to_date(r[9]), bool(r[10]), bool(r[11]), bool(r[12]), to_date(r[13] or None))


def candidates(db: Database) -> list[EmployeeFacts]:
    """Employees whose employment or employer's contract has an end, or with an ended
    trajectory not yet anonymised: the only ones a term can have ended for."""
    rows = db.query(
        f"{_EMPLOYEE} WHERE e.employment_end IS NOT NULL OR r.contract_end IS NOT NULL OR EXISTS "
        "(SELECT 1 FROM trajectories t WHERE t.employee_id = e.id AND t.ended_on IS NOT NULL "
        "AND t.anonymised_at IS NULL)")
    return [_facts(r) for r in rows]


def employee(db: Database, employee_id: int) -> EmployeeFacts | None:
    r = db.one(f"{_EMPLOYEE} WHERE e.id = ?", (employee_id,))
    return _facts(r) if r else None


def open_trajectories(db: Database, employee_id: int | None = None) -> list[TrajectoryEnd]:
    """Trajectories not yet anonymised (running or ended)."""
    where, params = ("AND employee_id = ?", (employee_id,)) if employee_id is not None else ("", ())
    rows = db.query(f"SELECT id, employee_id, track, started_on, ended_on FROM trajectories "
                    f"WHERE anonymised_at IS NULL {where} ORDER BY started_on, id", params)
    return [TrajectoryEnd(r[0], r[1], r[2], date.fromisoformat(r[3]), to_date(r[4])) for r in rows]
