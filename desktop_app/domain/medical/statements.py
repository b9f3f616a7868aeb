"""The employee's own statements: their view, added to the medical record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NewType

from desktop_app.domain import validation
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.medical.free_text import MAX_TEXT

StatementId = NewType("StatementId", int)


@dataclass
class StatementForm:
    statement: str = ""
    received_on: str = ""


@dataclass(frozen=True)
class NewStatement:
    statement: str
    received_on: date


@dataclass(frozen=True)
class EmployeeStatement:
    """The employee's own view, e.g. where a requested correction was refused."""

    id: StatementId
    employee_id: int
    entry_id: int | None
    received_on: date
    statement: str
    recorded_by: int
    recorded_at: str


def parse_statement(form: StatementForm, today: date) -> NewStatement:
    f = Fields()
    text = f.take("statement", validation.text, form.statement, "statement",
                  label="Verklaring van de werknemer", required=True, max_length=MAX_TEXT,
                  multiline=True)
    on = f.take("received_on", validation.parse_date_nl, form.received_on, "received_on",
                label="Ontvangen op")
    if on and on > today:
        f.fail("received_on", "Ontvangen op: ligt in de toekomst.")
    f.done()
    return NewStatement(text, on)  # type: ignore[arg-type]
