"""Queries of absence cases, their episodes, levels, milestones and deadlines."""

from __future__ import annotations

from datetime import date

from desktop_app.domain.cases import AbsenceCase, AbsenceKind, Level
from desktop_app.domain.dossier import CaseId, EmployeeId
from desktop_app.domain.poortwachter import Episode, Milestone
from desktop_app.storage.connection import Database
from desktop_app.storage.rows import iso, now, to_date

_COLS = ("id, employee_id, first_day, kind, recovered_on, wage_sanction_weeks, "
         "uwv_letter_received, trajectory_end")


def insert(db: Database, employee_id: int, first_day: date, kind: AbsenceKind,
           percentage: float, physician_id: int | None) -> CaseId:
    stamp = now()
    cur = db.execute(
        "INSERT INTO absence_cases (employee_id, first_day, kind, responsible_physician, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (employee_id, first_day.isoformat(), kind.value, physician_id, stamp, stamp))
    case_id = CaseId(cur.lastrowid)
    add_episode(db, case_id, first_day)
    if percentage != 100:
        add_level(db, case_id, first_day, percentage)
    return case_id


def add_episode(db: Database, case_id: int, start: date) -> None:
    db.execute("INSERT INTO case_episodes (case_id, start) VALUES (?, ?)", (case_id, start.isoformat()))
    db.execute("UPDATE absence_cases SET recovered_on = NULL, updated_at = ? WHERE id = ?", (now(), case_id))


def close_episode(db: Database, case_id: int, end: date) -> None:
    db.execute("UPDATE case_episodes SET end = ? WHERE case_id = ? AND end IS NULL",
               (end.isoformat(), case_id))
    db.execute("UPDATE absence_cases SET recovered_on = ?, updated_at = ? WHERE id = ?",
               (end.isoformat(), now(), case_id))


def add_level(db: Database, case_id: int, from_date: date, percentage: float) -> None:
    db.execute("DELETE FROM case_levels WHERE case_id = ? AND from_date = ?", (case_id, from_date.isoformat()))
    db.execute("INSERT INTO case_levels (case_id, from_date, percentage) VALUES (?, ?, ?)",
               (case_id, from_date.isoformat(), percentage))


def set_field(db: Database, case_id: int, column: str, value) -> None:
    assert column in {"wage_sanction_weeks", "uwv_letter_received", "trajectory_end"}
    db.execute(f"UPDATE absence_cases SET {column} = ?, updated_at = ? WHERE id = ?",
               (value, now(), case_id))


def mark_milestone(db: Database, case_id: int, code: str, done_on: date, note: str, user_id: int) -> None:
    db.execute("INSERT OR REPLACE INTO case_milestones (case_id, code, done_on, note, recorded_by) "
               "VALUES (?, ?, ?, ?, ?)", (case_id, code, done_on.isoformat(), note, user_id))


def get(db: Database, case_id: int) -> AbsenceCase | None:
    r = db.one(f"SELECT {_COLS} FROM absence_cases WHERE id = ?", (case_id,))
    return _assemble(db, r) if r else None


def for_employee(db: Database, employee_id: int) -> list[AbsenceCase]:
    rows = db.query(f"SELECT {_COLS} FROM absence_cases WHERE employee_id = ? ORDER BY first_day DESC",
                    (employee_id,))
    return [_assemble(db, r) for r in rows]


def latest_for_employee(db: Database, employee_id: int) -> AbsenceCase | None:
    r = db.one(f"SELECT {_COLS} FROM absence_cases WHERE employee_id = ? ORDER BY first_day DESC LIMIT 1",
               (employee_id,))
    return _assemble(db, r) if r else None


def _assemble(db: Database, r: tuple) -> AbsenceCase:
    case_id = r[0]
    episodes = tuple(Episode(to_date(s), to_date(e)) for s, e in db.query(
        "SELECT start, end FROM case_episodes WHERE case_id = ? ORDER BY start", (case_id,)))
    levels = tuple(Level(to_date(d), p) for d, p in db.query(
        "SELECT from_date, percentage FROM case_levels WHERE case_id = ? ORDER BY from_date", (case_id,)))
    done: dict[str, date] = {}
    evaluations = []
    for code, done_on in db.query(
            "SELECT code, done_on FROM case_milestones WHERE case_id = ? ORDER BY done_on", (case_id,)):
        if code == "evaluation":
            evaluations.append(to_date(done_on))
        else:
            done[code] = to_date(done_on)
    return AbsenceCase(
        CaseId(case_id), EmployeeId(r[1]), to_date(r[2]), AbsenceKind(r[3]), to_date(r[4]),
        int(r[5]), to_date(r[6]), to_date(r[7]), episodes, levels, done, tuple(evaluations))


def store_deadlines(db: Database, case_id: int, milestones: list[Milestone]) -> None:
    db.execute("DELETE FROM case_deadlines WHERE case_id = ?", (case_id,))
    rows = [(case_id, str(m.code), m.due.isoformat(), iso(m.done)) for m in milestones
            if str(m.state) != "not_applicable"]
    db.executemany("INSERT OR REPLACE INTO case_deadlines (case_id, code, due, done_on) VALUES (?, ?, ?, ?)", rows)


def open_deadlines(db: Database, *, before: date, after: date | None = None, limit: int = 500) -> list[tuple]:
    """(case_id, employee_id, display fields, code, due) of milestones not done, due before ``before``."""
    sql = ("SELECT d.case_id, c.employee_id, e.surname, e.prefix, e.given_names, e.initials, "
           "r.name, d.code, d.due FROM case_deadlines d "
           "JOIN absence_cases c ON c.id = d.case_id "
           "JOIN employees e ON e.id = c.employee_id JOIN employers r ON r.id = e.employer_id "
           "WHERE d.done_on IS NULL AND c.recovered_on IS NULL AND d.due < ?")
    params: list = [before.isoformat()]
    if after is not None:
        sql += " AND d.due >= ?"
        params.append(after.isoformat())
    sql += " ORDER BY d.due LIMIT ?"
    return db.query(sql, (*params, limit))


def without_recent_contact(db: Database, since: date, limit: int = 200) -> list[tuple]:
    """Open cases whose last activity (or start) lies before ``since``."""
    return db.query(
        "SELECT c.id, c.employee_id, e.surname, e.prefix, e.given_names, e.initials, r.name, "
        "max(coalesce(a.last, c.first_day), c.first_day) AS last_contact FROM absence_cases c "
        "JOIN employees e ON e.id = c.employee_id JOIN employers r ON r.id = e.employer_id "
        "LEFT JOIN (SELECT case_id, max(on_date) AS last FROM activities GROUP BY case_id) a "
        "ON a.case_id = c.id WHERE c.recovered_on IS NULL AND last_contact < ? "
        "ORDER BY last_contact LIMIT ?", (since.isoformat(), limit))


def open_cases_page(db: Database, offset: int = 0, limit: int = 200) -> list[tuple]:
    return db.query(
        "SELECT c.id, c.employee_id, e.surname, e.prefix, e.given_names, e.initials, r.name, "
        "c.first_day, c.kind FROM absence_cases c JOIN employees e ON e.id = c.employee_id "
        "JOIN employers r ON r.id = e.employer_id WHERE c.recovered_on IS NULL "
        "ORDER BY c.first_day LIMIT ? OFFSET ?", (limit, offset))


def count_open(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM absence_cases WHERE recovered_on IS NULL"))
