"""Queries of activities (the non-medical log) and functional feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.cases import (
    Activity,
    ActivityId,
    ActivityKind,
    ExpectedDuration,
    FeedbackId,
    Fitness,
    FunctionalFeedback,
)
from desktop_app.domain.dossier import CaseId, EmployeeId
from desktop_app.storage.column_values import now, to_date
from desktop_app.storage.connection import Database


@dataclass(frozen=True)
class NewActivity:
    employee_id: int
    case_id: int | None
    on_date: date
    kind: ActivityKind
    description: str
    agreements: str
    author_id: int


@dataclass(frozen=True)
class NewFeedback:
    """Functional feedback as drafted (``domain.cases.parse_feedback``), not yet approved."""

    employee_id: int
    case_id: int | None
    author_id: int
    assessed_on: date
    fitness: Fitness
    expected_duration: ExpectedDuration
    limitations: str
    remaining_capacity: str
    advice: str
    adjustments: str


def activity_values(a: NewActivity, created_at: str) -> tuple:
    """The stored columns of an activity, in ``INSERT_ACTIVITY``'s order."""
    return (a.employee_id, a.case_id, a.on_date.isoformat(), a.kind.value, a.description,
            a.agreements, a.author_id, created_at)


INSERT_ACTIVITY = ("INSERT INTO activities (employee_id, case_id, on_date, kind, description, "
                   "agreements, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def insert_activity(db: Database, a: NewActivity) -> ActivityId:
    cur = db.execute(INSERT_ACTIVITY, activity_values(a, now()))
    return ActivityId(cur.lastrowid)


def activities_for(db: Database, employee_id: int) -> list[Activity]:
    rows = db.query(
        "SELECT a.id, a.employee_id, a.case_id, a.on_date, a.kind, a.description, a.agreements, "
        "a.author_id, u.display_name FROM activities a JOIN users u ON u.id = a.author_id "
        "WHERE a.employee_id = ? ORDER BY a.on_date DESC, a.id DESC", (employee_id,))
    return [Activity(ActivityId(r[0]), EmployeeId(r[1]), CaseId(r[2]) if r[2] else None,
                     to_date(r[3]), ActivityKind(r[4]), r[5], r[6], r[7], r[8]) for r in rows]


_FB = ("f.id, f.employee_id, f.case_id, f.assessed_on, f.fitness, f.limitations, "
       "f.remaining_capacity, f.expected_duration, f.advice, f.adjustments, f.author_id, "
       "f.approved_by, f.approved_at, ua.display_name, coalesce(ub.display_name, '')")
_FB_FROM = ("FROM functional_feedback f JOIN users ua ON ua.id = f.author_id "
            "LEFT JOIN users ub ON ub.id = f.approved_by")


def _feedback(r: tuple) -> FunctionalFeedback:
    return FunctionalFeedback(
        FeedbackId(r[0]), EmployeeId(r[1]), CaseId(r[2]) if r[2] else None, to_date(r[3]),
        Fitness(r[4]), r[5], r[6], ExpectedDuration(r[7]), r[8], r[9], r[10], r[11], r[12],
        r[13], r[14])


def insert_feedback(db: Database, f: NewFeedback) -> FeedbackId:
    cur = db.execute(
        "INSERT INTO functional_feedback (employee_id, case_id, assessed_on, fitness, limitations, "
        "remaining_capacity, expected_duration, advice, adjustments, author_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (f.employee_id, f.case_id, f.assessed_on.isoformat(), f.fitness.value, f.limitations,
         f.remaining_capacity, f.expected_duration.value, f.advice, f.adjustments, f.author_id,
         now()))
    return FeedbackId(cur.lastrowid)


def approve_feedback(db: Database, feedback_id: int, physician_id: int) -> None:
    db.execute("UPDATE functional_feedback SET approved_by = ?, approved_at = ? WHERE id = ? "
               "AND approved_by IS NULL", (physician_id, now(), feedback_id))


def get_feedback(db: Database, feedback_id: int) -> FunctionalFeedback | None:
    r = db.one(f"SELECT {_FB} {_FB_FROM} WHERE f.id = ?", (feedback_id,))
    return _feedback(r) if r else None


def feedback_for(db: Database, employee_id: int) -> list[FunctionalFeedback]:
    rows = db.query(f"SELECT {_FB} {_FB_FROM} WHERE f.employee_id = ? ORDER BY f.assessed_on DESC, f.id DESC",
                    (employee_id,))
    return [_feedback(r) for r in rows]
