""""Vandaag": what is due in the practice, in sections, each one only for who may see it.

Overdue and coming Poortwachter steps, open cases without recent contact, employees' requests
near their deadline, consents about to expire, retention periods about to end, the employer
letters still to make after a "niet verschenen", and a reminder
when the last backup is older than the practice's setting. A section is part of the answer only
when the permission table lets the user call the service behind it (so nobody's refusal is
recorded for opening the start screen); the window shows what comes back and decides nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.domain.settings import minutes
from desktop_app.services import agenda, authz, cases, requests, retention, settings
from desktop_app.services.authz import requires
from desktop_app.services.session import Session

COMING_DAYS = 14
CONTACT_WEEKS = 6
REQUEST_DAYS = 7
CONSENT_DAYS = 30
RETENTION_DAYS = 31
LIMIT = 300


@dataclass(frozen=True)
class TodayLine:
    employee_id: int  # 0: a line about the practice, not about one employee
    employee_name: str
    label: str
    due: date
    employer_name: str = ""
    late: bool = False  # past its date: shown in red


@dataclass(frozen=True)
class TodaySection:
    key: str
    title: str
    lines: list[TodayLine]


@dataclass(frozen=True)
class Today:
    on: date
    sections: list[TodaySection]

    def section(self, key: str) -> TodaySection | None:
        return next((s for s in self.sections if s.key == key), None)


def _may_call(session: Session, fn: Callable) -> bool:
    declared = authz.declared(fn)
    return not isinstance(declared, frozenset) or session.holds(declared)


def _deadlines(lines, *, late: bool) -> list[TodayLine]:
    return [TodayLine(x.employee_id, x.employee_name, x.label, x.due, x.employer_name, late)
            for x in lines]


@requires(Permission.PRACTICE_READ)
def today(session: Session) -> Today:
    """Every section the user may see, in the order of the start screen."""
    on = session.today()
    out: list[TodaySection] = []

    def add(key: str, title: str, fn: Callable, lines: Callable[[], list[TodayLine]]) -> None:
        if _may_call(session, fn):
            out.append(TodaySection(key, title, lines()))

    add("overdue", "Te laat", cases.overdue,
        lambda: _deadlines(cases.overdue(session, on, limit=LIMIT), late=True))
    add("coming", f"Binnenkort ({COMING_DAYS} dagen)", cases.coming,
        lambda: _deadlines(cases.coming(session, on, days=COMING_DAYS, limit=LIMIT), late=False))
    add("contact", f"Geen contact in de laatste {CONTACT_WEEKS} weken", cases.without_recent_contact,
        lambda: [TodayLine(x.employee_id, x.employee_name, "Laatste contact", x.due, x.employer_name)
                 for x in cases.without_recent_contact(session, on, weeks=CONTACT_WEEKS, limit=LIMIT)])
    add("requests", f"Verzoeken van werknemers (termijn binnen {REQUEST_DAYS} dagen of verstreken)",
        requests.due_soon,
        lambda: [TodayLine(x.employee_id, x.employee_name, x.label, x.due, late=x.due < on)
                 for x in requests.due_soon(session, days=REQUEST_DAYS, today=on)])
    add("consents", f"Toestemmingen die binnen {CONSENT_DAYS} dagen verlopen", requests.consents_expiring,
        lambda: [TodayLine(x.employee_id, x.employee_name, x.label, x.due)
                 for x in requests.consents_expiring(session, days=CONSENT_DAYS, today=on)])
    # what has passed and still awaits a decision is listed too, in red: a period from 2012 is
    # not "about to end", it is overdue
    add("retention", "Bewaartermijnen verstreken of binnen een maand (beslissing nodig)", retention.due,
        lambda: [TodayLine(x.employee_id, x.name, f"Bewaartermijn: {x.category.label}", x.due, late=x.due < on)
                 for x in retention.due(session, today=on, within_days=RETENTION_DAYS)])
    add("no_shows", "Niet verschenen: melding aan de werkgever nog maken", agenda.letters_to_make,
        lambda: [TodayLine(x.notice.employee_id, name, "Melding niet verschenen (Brief maken…)",
                           x.booking.starts.date(), employer, late=True)
                 for x, name, employer in agenda.letters_to_make(session)])
    if session.may(Permission.BACKUP):
        out.append(TodaySection("backup", "Back-up", _backup_lines(session, on)))
    return Today(on, out)


def _backup_lines(session: Session, on: date) -> list[TodayLine]:
    """A reminder when there is no backup yet, or the last one is older than the setting."""
    values = settings.all_settings(session)
    last = values.get("last_backup")
    last_day = date.fromisoformat(last[:10]) if last else None
    if last_day is not None and (on - last_day).days <= minutes(values, "backup_reminder_days"):
        return []
    text = f"Laatste back-up {nl_date(last_day)}" if last_day else "Er is nog geen back-up gemaakt"
    return [TodayLine(0, text, "Maak een back-up (menu Praktijk)", last_day or on)]
