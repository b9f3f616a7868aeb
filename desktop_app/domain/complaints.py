"""The complaint register: a complaint received, acknowledged, handled by someone, with a verdict
and what the practice does about it, within the term of the practice's complaint procedure
(``privacy_contacts.ComplaintProcedure``: by default six weeks, once four more with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.errors import ValidationError

CHANNELS = {"letter": "brief", "email": "e-mail", "phone": "telefoon", "desk": "aan de balie", "form": "formulier"}
TOPICS = {"service": "dienstverlening", "privacy": "persoonsgegevens en privacy",
          "medical": "medisch handelen of oordeel", "other": "anders"}
VERDICTS = {"founded": "gegrond", "partly": "deels gegrond", "unfounded": "ongegrond",
            "withdrawn": "ingetrokken", "settled": "in overleg opgelost"}


@dataclass(frozen=True)
class NewComplaint:
    complainant: str
    employee_id: int | None
    received_on: date
    channel: str
    topic: str
    description: str


@dataclass(frozen=True)
class Complaint:
    id: int
    employee_id: int | None
    complainant: str
    received_on: date
    channel: str
    topic: str
    description: str
    deadline: date
    acknowledged_on: date | None
    handler_id: int | None
    extended_until: date | None
    extension_reason: str
    verdict: str
    outcome: str
    measures: str
    closed_on: date | None
    recorded_by: int

    @property
    def due(self) -> date:
        return self.extended_until or self.deadline

    @property
    def open(self) -> bool:
        return self.closed_on is None

    def status(self, today: date) -> str:
        if not self.open:
            return f"afgehandeld ({VERDICTS.get(self.verdict, self.verdict)})"
        if self.due < today:
            return "termijn verstreken"
        if self.acknowledged_on is None:
            return "ontvangst nog bevestigen"
        return "in behandeling"


def parse_complaint(*, complainant: str, employee_id: int | None, received_on: str, channel: str, topic: str,
                    description: str, today: date) -> NewComplaint:
    complainant = validation.text(complainant, "complainant", label="Naam klager", required=True, max_length=200)
    received = validation.parse_date_nl(received_on, "received_on")
    if received > today:
        raise ValidationError("received_on", "Ontvangen op: ligt in de toekomst.")
    if channel not in CHANNELS:
        raise ValidationError("channel", "Hoe ontvangen: kies uit de lijst.")
    if topic not in TOPICS:
        raise ValidationError("topic", "Waarover: kies uit de lijst.")
    description = validation.text(description, "description", label="De klacht", required=True, max_length=4000,
                                  multiline=True)
    return NewComplaint(complainant, employee_id, received, channel, topic, description)


def deadline(received_on: date, answer_weeks: int) -> date:
    return received_on + timedelta(weeks=answer_weeks)


def check_extension(c: Complaint, extension_weeks: int, reason: str, today: date) -> date:
    if not c.open:
        raise ValidationError("extension_reason", "Deze klacht is al afgehandeld.")
    if c.extended_until is not None:
        raise ValidationError("extension_reason", "Verlengen kan maar één keer.")
    if extension_weeks <= 0:
        raise ValidationError("extension_reason", "De klachtenregeling van de praktijk kent geen verlenging.")
    if today > c.deadline:
        raise ValidationError("extension_reason", "Verlengen kan alleen binnen de eerste termijn "
                                                  f"(tot en met {nl_date(c.deadline)}).")
    validation.text(reason, "extension_reason", label="Reden van de verlenging", required=True, max_length=2000,
                    multiline=True)
    return c.deadline + timedelta(weeks=extension_weeks)
