"""Data-subject requests (AVG art. 12–21) as a workflow with deadlines.

The practice answers within four weeks of receipt (the law allows one month). Once, the deadline
may be extended by at most two months beyond the first deadline, with a recorded reason and a letter
to the requester sent within the first period.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.errors import ValidationError

ANSWER_DAYS = 28
EXTENSION_MONTHS = 2


class RequestKind(StrEnum):
    INSPECTION = "inspection"
    COPY = "copy"
    CORRECTION = "correction"
    DESTRUCTION = "destruction"
    RESTRICTION = "restriction"
    PORTABILITY = "portability"
    OBJECTION = "objection"
    RELEASE = "release"
    TRANSFER = "transfer"

    @property
    def label(self) -> str:
        return {
            "inspection": "Inzage", "copy": "Afschrift", "correction": "Correctie",
            "destruction": "Vernietiging", "restriction": "Beperking van de verwerking",
            "portability": "Overdraagbaarheid (export)", "objection": "Bezwaar",
            "release": "Verstrekking aan derde", "transfer": "Overdracht naar andere arbodienst",
        }[self.value]

    @property
    def needs_signoff(self) -> bool:
        """Copies of medical documents leave only after a physician signs off."""
        return self in (RequestKind.INSPECTION, RequestKind.COPY, RequestKind.PORTABILITY,
                        RequestKind.RELEASE, RequestKind.TRANSFER)


class RequestState(StrEnum):
    RECEIVED = "received"
    IDENTITY_CHECKED = "identity_checked"
    IN_PROGRESS = "in_progress"
    AWAITING_SIGNOFF = "awaiting_signoff"
    DONE = "done"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {"received": "ontvangen", "identity_checked": "identiteit gecontroleerd",
                "in_progress": "in behandeling", "awaiting_signoff": "wacht op akkoord arts",
                "done": "afgehandeld", "refused": "afgewezen"}[self.value]


TRANSITIONS: dict[RequestState, set[RequestState]] = {
    RequestState.RECEIVED: {RequestState.IDENTITY_CHECKED, RequestState.REFUSED},
    RequestState.IDENTITY_CHECKED: {RequestState.IN_PROGRESS, RequestState.REFUSED},
    RequestState.IN_PROGRESS: {RequestState.AWAITING_SIGNOFF, RequestState.DONE, RequestState.REFUSED},
    RequestState.AWAITING_SIGNOFF: {RequestState.DONE, RequestState.IN_PROGRESS, RequestState.REFUSED},
    RequestState.DONE: set(),
    RequestState.REFUSED: set(),
}


def check_transition(current: RequestState, target: RequestState, kind: RequestKind) -> None:
    if target not in TRANSITIONS[current]:
        raise ValidationError("state", f"Een verzoek kan niet van '{current.label}' naar "
                                       f"'{target.label}' gaan.")
    if target is RequestState.DONE and kind.needs_signoff and current is not RequestState.AWAITING_SIGNOFF:
        raise ValidationError("state", "Dit verzoek gaat pas af na akkoord van de bedrijfsarts.")


def deadline(received_on: date) -> date:
    return received_on + timedelta(days=ANSWER_DAYS)


def add_months(d: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31 January + 1 month = 28/29 February)."""
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def latest_extension(received_on: date) -> date:
    return add_months(deadline(received_on), EXTENSION_MONTHS)


def check_extension(received_on: date, extended_until: date, letter_on: date, reason: str,
                    already_extended: bool) -> None:
    if already_extended:
        raise ValidationError("extended_until", "Verlengen kan maar één keer.")
    first = deadline(received_on)
    if extended_until <= first:
        raise ValidationError("extended_until", "Verlengen tot: moet na de eerste termijn liggen.")
    if extended_until > latest_extension(received_on):
        raise ValidationError("extended_until", "Verlengen tot: hoogstens twee maanden na de eerste "
                                                f"termijn ({latest_extension(received_on):%d-%m-%Y}).")
    if letter_on > first or letter_on < received_on:
        raise ValidationError("extension_letter_on", "Brief aan de verzoeker: moet binnen de eerste "
                                                     f"termijn zijn verstuurd (uiterlijk {first:%d-%m-%Y}).")
    if not reason.strip():
        raise ValidationError("extension_reason", "Reden van de verlenging: vul dit in.")


def effective_deadline(received_on: date, extended_until: date | None) -> date:
    return extended_until or deadline(received_on)


REFUSAL_GROUNDS = {
    1: "Het belang van de bescherming van de persoonlijke levenssfeer van de werknemer weegt zwaarder "
       "dan het belang van de verstrekking.",
    2: "Er wordt meer gevraagd dan nodig is voor de taak van de vrager.",
    3: "De vrager zal de gegevens naar verwachting zo gebruiken dat de persoonlijke levenssfeer van de "
       "werknemer onevenredig wordt geschaad.",
}

RECIPIENT_ROLES = {
    "treating_physician": "behandelend arts", "specialist": "medisch specialist",
    "insurance_physician": "verzekeringsarts", "uwv": "UWV", "new_arbo_service": "nieuwe arbodienst",
    "employer": "werkgever", "other": "anders",
}
