"""Queries of absence cases, their episodes, levels, milestones and deadlines.

Rows go in and out as dataclasses. The safety-net ground and the pregnancy facts are columns of
``absence_cases`` in the practice section; nothing here puts them into anything for the employer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.case_facts import ReportFacts
from desktop_app.domain.cases import AbsenceCase, AbsenceKind, Level
from desktop_app.domain.dossier import CaseId, EmployeeId
from desktop_app.domain.poortwachter import Episode, Milestone, MilestoneState
from desktop_app.domain.uwv_reports import Pregnancy, SafetyNetGround
from desktop_app.errors import ArbokluisError
from desktop_app.storage.column_values import iso, now, to_date
from desktop_app.storage.connection import Database

_COLS = ("id, employee_id, first_day, kind, recovered_on, wage_sanction_weeks, "
         "uwv_letter_received, trajectory_end, ground, expected_delivery, multiple_pregnancy, "
         "leave_start, leave_end")

# The columns ``set_field`` may change, with the type each value must have.
SETTABLE: dict[str, tuple[type, ...]] = {
    "wage_sanction_weeks": (int,),
    "uwv_letter_received": (str, type(None)),
    "trajectory_end": (str, type(None)),
}


class UnknownCaseField(ArbokluisError):
    """A caller asked to change a column of a case that may not be changed this way (a bug)."""

    message = "Dit gegeven van de ziekmelding kan zo niet worden gewijzigd; er is niets opgeslagen."


@dataclass(frozen=True)
class PersonOfCase:
    """Who a list line is about, with the fields a name is made of."""

    case_id: CaseId
    employee_id: EmployeeId
    surname: str
    prefix: str
    given_names: str
    initials: str
    employer_name: str


@dataclass(frozen=True)
class DeadlineRow:
    person: PersonOfCase
    code: str
    due: date


@dataclass(frozen=True)
class ContactRow:
    person: PersonOfCase
    last_contact: date


@dataclass(frozen=True)
class OpenCaseRow:
    person: PersonOfCase
    first_day: date
    kind: AbsenceKind


def insert(db: Database, employee_id: int, first_day: date, kind: AbsenceKind,
           percentage: float, physician_id: int | None, facts: ReportFacts | None = None) -> CaseId:
    stamp = now()
    cur = db.execute(
        "INSERT INTO absence_cases (employee_id, first_day, kind, responsible_physician, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
        (employee_id, first_day.isoformat(), kind.value, physician_id, stamp, stamp))
    case_id = CaseId(cur.lastrowid)
    add_episode(db, case_id, first_day)
    if percentage != 100:
        add_level(db, case_id, first_day, percentage)
    if facts is not None:
        set_report_facts(db, case_id, facts)
    return case_id


def set_report_facts(db: Database, case_id: int, facts: ReportFacts) -> None:
    p = facts.pregnancy
    db.execute(
        "UPDATE absence_cases SET ground = ?, expected_delivery = ?, multiple_pregnancy = ?, "
        "leave_start = ?, leave_end = ?, updated_at = ? WHERE id = ?",
        (facts.ground.value if facts.ground else None, iso(p.expected_delivery) if p else None,
         int(bool(p and p.multiple)), iso(p.leave_start) if p else None,
         iso(p.leave_end) if p else None, now(), case_id))


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
    """Change one of the ``SETTABLE`` columns; any other name is refused before SQL is built
    (the name goes into the statement, so this check is what keeps it safe)."""
    types = SETTABLE.get(column)
    if types is None:
        raise UnknownCaseField(detail=f"absence_cases column {column!r} is not settable")
    if not isinstance(value, types) or isinstance(value, bool):
        raise UnknownCaseField(detail=f"absence_cases.{column}: value of type {type(value).__name__}")
    db.execute(f"UPDATE absence_cases SET {column} = ?, updated_at = ? WHERE id = ?",
               (value, now(), case_id))


def mark_milestone(db: Database, case_id: int, code: str, done_on: date, note: str, user_id: int) -> None:
    db.execute("INSERT OR REPLACE INTO case_milestones (case_id, code, done_on, note, recorded_by) "
               "VALUES (?, ?, ?, ?, ?)", (case_id, code, done_on.isoformat(), note, user_id))


def milestone_notes(db: Database, case_id: int) -> dict[str, str]:
    """The note recorded with each Poortwachter step done (ui15screens: for the dossier copy)."""
    return {code: note for code, note in db.query(
        "SELECT code, note FROM case_milestones WHERE case_id = ? AND note != ''", (case_id,))}


def get(db: Database, case_id: int) -> AbsenceCase | None:
    r = db.one(f"SELECT {_COLS} FROM absence_cases WHERE id = ?", (case_id,))
    return _assemble(db, [r])[0] if r else None


def for_employee(db: Database, employee_id: int) -> list[AbsenceCase]:
    rows = db.query(f"SELECT {_COLS} FROM absence_cases WHERE employee_id = ? ORDER BY first_day DESC",
                    (employee_id,))
    return _assemble(db, rows)


def for_employer(db: Database, employer_id: int) -> list[AbsenceCase]:
    """Every case of the employer's employees, oldest first (for the statistics)."""
    rows = db.query(
        f"SELECT {', '.join('c.' + c.strip() for c in _COLS.split(','))} FROM absence_cases c "
        "JOIN employees e ON e.id = c.employee_id WHERE e.employer_id = ? ORDER BY c.first_day, c.id",
        (employer_id,))
    return _assemble(db, rows)


def latest_for_employee(db: Database, employee_id: int) -> AbsenceCase | None:
    r = db.one(f"SELECT {_COLS} FROM absence_cases WHERE employee_id = ? ORDER BY first_day DESC LIMIT 1",
               (employee_id,))
    return _assemble(db, [r])[0] if r else None


def _by_case(db: Database, sql: str, ids: Sequence[int]) -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in db.query(sql.format(marks=", ".join("?" * len(chunk))), tuple(chunk)):
            out.setdefault(row[0], []).append(row[1:])
    return out


def _pregnancy(expected: str | None, multiple: int, leave_start: str | None,
               leave_end: str | None) -> Pregnancy | None:
    day = to_date(expected)
    if day is None:
        return None
    return Pregnancy(day, bool(multiple), to_date(leave_start), to_date(leave_end))


def _assemble(db: Database, rows: Iterable[tuple]) -> list[AbsenceCase]:
    rows = list(rows)
    ids = [r[0] for r in rows]
    episodes = _by_case(db, "SELECT case_id, start, end FROM case_episodes WHERE case_id IN ({marks}) "
                            "ORDER BY case_id, start", ids)
    levels = _by_case(db, "SELECT case_id, from_date, percentage FROM case_levels "
                          "WHERE case_id IN ({marks}) ORDER BY case_id, from_date", ids)
    milestones = _by_case(db, "SELECT case_id, code, done_on FROM case_milestones "
                              "WHERE case_id IN ({marks}) ORDER BY case_id, done_on", ids)
    out = []
    for r in rows:
        case_id = r[0]
        done: dict[str, date] = {}
        evaluations = []
        for code, done_on in milestones.get(case_id, []):
            if code == "evaluation":
                evaluations.append(to_date(done_on))
            else:
                done[code] = to_date(done_on)  # type: ignore[assignment]
        out.append(AbsenceCase(
            CaseId(case_id), EmployeeId(r[1]), to_date(r[2]), AbsenceKind(r[3]), to_date(r[4]),  # type: ignore[arg-type]
            int(r[5]), to_date(r[6]), to_date(r[7]),
            tuple(Episode(to_date(s), to_date(e)) for s, e in episodes.get(case_id, [])),  # type: ignore[arg-type]
            tuple(Level(to_date(d), p) for d, p in levels.get(case_id, [])),  # type: ignore[arg-type]
            done, tuple(evaluations),  # type: ignore[arg-type]
            ground=SafetyNetGround(r[8]) if r[8] else None,
            pregnancy=_pregnancy(r[9], r[10], r[11], r[12])))
    return out


# --- deadlines: the practice-wide lists ----------------------------------------------------------


def store_deadlines(db: Database, case_id: int, milestones: list[Milestone], *,
                    after_recovery: frozenset[str] = frozenset(), rules: int = 0) -> None:
    """The case's deadlines as the service computed them; ``after_recovery`` names the codes
    that stay on the lists once the employee recovered; ``rules`` the version of the rules."""
    db.execute("DELETE FROM case_deadlines WHERE case_id = ?", (case_id,))
    rows = [(case_id, str(m.code), m.due.isoformat(), iso(m.done), int(str(m.code) in after_recovery))
            for m in milestones if m.state is not MilestoneState.NOT_APPLICABLE]
    db.executemany("INSERT OR REPLACE INTO case_deadlines (case_id, code, due, done_on, after_recovery) "
                   "VALUES (?, ?, ?, ?, ?)", rows)
    db.execute("UPDATE absence_cases SET deadline_rules = ? WHERE id = ?", (rules, case_id))


def cases_with_older_rules(db: Database, rules: int, limit: int = 1000) -> list[CaseId]:
    """Cases whose deadlines were made by rules older than ``rules`` (e.g. after an upgrade)."""
    return [CaseId(r[0]) for r in db.query(
        "SELECT id FROM absence_cases WHERE deadline_rules < ? ORDER BY id LIMIT ?", (rules, limit))]


def mark_recovered_current(db: Database, rules: int) -> None:
    """Take the deadlines of every recovered case as made by ``rules`` without recomputing them
    (the demo practice, whose old cases were kept up with)."""
    db.execute("UPDATE absence_cases SET deadline_rules = ? WHERE recovered_on IS NOT NULL "
               "AND deadline_rules < ?", (rules, rules))


def case_ids_of_employee(db: Database, employee_id: int) -> list[CaseId]:
    return [CaseId(r[0]) for r in db.query("SELECT id FROM absence_cases WHERE employee_id = ?",
                                          (employee_id,))]


_PERSON = "c.id, c.employee_id, e.surname, e.prefix, e.given_names, e.initials, r.name"
_JOIN_PERSON = "JOIN employees e ON e.id = c.employee_id JOIN employers r ON r.id = e.employer_id"


def _person(r: Sequence) -> PersonOfCase:
    return PersonOfCase(CaseId(r[0]), EmployeeId(r[1]), r[2], r[3], r[4], r[5], r[6])


def open_deadlines(db: Database, *, before: date, after: date | None = None,
                   limit: int = 500) -> list[DeadlineRow]:
    """Milestones not done, due before ``before`` (and on or after ``after``), oldest first: of
    cases still open, and those of recovered cases that a recovery does not cancel."""
    sql = (f"SELECT {_PERSON}, d.code, d.due FROM case_deadlines d "
           f"JOIN absence_cases c ON c.id = d.case_id {_JOIN_PERSON} "
           "WHERE d.done_on IS NULL AND (c.recovered_on IS NULL OR d.after_recovery = 1) "
           "AND d.due < ?")
    params: list = [before.isoformat()]
    if after is not None:
        sql += " AND d.due >= ?"
        params.append(after.isoformat())
    sql += " ORDER BY d.due, d.case_id, d.code LIMIT ?"
    return [DeadlineRow(_person(r), r[7], to_date(r[8]))  # type: ignore[arg-type]
            for r in db.query(sql, (*params, limit))]


def without_recent_contact(db: Database, since: date, limit: int = 200) -> list[ContactRow]:
    """Open cases whose last activity (or start) lies before ``since``."""
    rows = db.query(
        f"SELECT {_PERSON}, max(coalesce(a.last, c.first_day), c.first_day) AS last_contact "
        f"FROM absence_cases c {_JOIN_PERSON} "
        "LEFT JOIN (SELECT case_id, max(on_date) AS last FROM activities GROUP BY case_id) a "
        "ON a.case_id = c.id WHERE c.recovered_on IS NULL AND last_contact < ? "
        "ORDER BY last_contact LIMIT ?", (since.isoformat(), limit))
    return [ContactRow(_person(r), to_date(r[7])) for r in rows]  # type: ignore[arg-type]


def open_cases_page(db: Database, offset: int = 0, limit: int = 200) -> list[OpenCaseRow]:
    rows = db.query(
        f"SELECT {_PERSON}, c.first_day, c.kind FROM absence_cases c {_JOIN_PERSON} "
        "WHERE c.recovered_on IS NULL ORDER BY c.first_day LIMIT ? OFFSET ?", (limit, offset))
    return [OpenCaseRow(_person(r), to_date(r[7]), AbsenceKind(r[8])) for r in rows]  # type: ignore[arg-type]


def count_open(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM absence_cases WHERE recovered_on IS NULL"))


def overdue_count(db: Database, before: date, employer_id: int | None = None) -> int:
    """How many milestones are past due (as ``open_deadlines`` counts them), for one employer or
    the whole practice."""
    sql = ("SELECT count(*) FROM case_deadlines d JOIN absence_cases c ON c.id = d.case_id "
           "JOIN employees e ON e.id = c.employee_id "
           "WHERE d.done_on IS NULL AND (c.recovered_on IS NULL OR d.after_recovery = 1) AND d.due < ?")
    params: list = [before.isoformat()]
    if employer_id is not None:
        sql += " AND e.employer_id = ?"
        params.append(employer_id)
    return int(db.scalar(sql, tuple(params)) or 0)
