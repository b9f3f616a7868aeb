"""Data-subject requests (AVG art. 12–21) as a workflow with deadlines.

The practice answers within four weeks of receipt (the law allows one month). Once, the deadline
may be extended by at most two months beyond the first deadline, with a recorded reason and a letter
to the requester sent within the first period.

A request goes: received → identity checked → in progress → (for what leaves the practice:
awaiting the physician's sign-off → signed off) → done, or refused with a reason at any open
step. "Done" is reached only through the outcome of its kind (``OutcomeKind``): an inspection
held, a copy or export handed over, a correction made or the employee's statement added, an
objection honoured, a restriction started, a destruction carried out.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain.dates import nl_date
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
    def article(self) -> str:
        """The legal basis the letters name."""
        return {
            "inspection": "AVG art. 15; WGBO art. 7:456", "copy": "AVG art. 15 lid 3; WGBO art. 7:456",
            "correction": "AVG art. 16; WGBO art. 7:454 lid 2", "destruction": "AVG art. 17; WGBO art. 7:455",
            "restriction": "AVG art. 18", "portability": "AVG art. 20", "objection": "AVG art. 21",
            "release": "WGBO art. 7:457", "transfer": "AVG art. 20; WGBO art. 7:457",
        }[self.value]

    @property
    def own_right(self) -> bool:
        """The employee's own right (AVG art. 15-21, WGBO art. 7:454-456): asked by the employee
        or a representative with a signed authorisation, never by anyone else. A release to a
        third party and a transfer may be asked by others; the employee's consent backs them."""
        return self not in (RequestKind.RELEASE, RequestKind.TRANSFER)

    @property
    def needs_signoff(self) -> bool:
        """What shows or hands over medical data goes only after a physician signs off. A release
        to a third party has its own physician's decision (``services.releases``)."""
        return self in (RequestKind.INSPECTION, RequestKind.COPY, RequestKind.PORTABILITY,
                        RequestKind.TRANSFER)


class RequestState(StrEnum):
    RECEIVED = "received"
    IDENTITY_CHECKED = "identity_checked"
    IN_PROGRESS = "in_progress"
    AWAITING_SIGNOFF = "awaiting_signoff"
    SIGNED_OFF = "signed_off"
    DONE = "done"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {"received": "ontvangen", "identity_checked": "identiteit gecontroleerd",
                "in_progress": "in behandeling", "awaiting_signoff": "wacht op akkoord arts",
                "signed_off": "akkoord arts, uit te voeren", "done": "afgehandeld",
                "refused": "afgewezen"}[self.value]

    @property
    def open(self) -> bool:
        return self not in (RequestState.DONE, RequestState.REFUSED)


TRANSITIONS: dict[RequestState, set[RequestState]] = {
    RequestState.RECEIVED: {RequestState.IDENTITY_CHECKED, RequestState.REFUSED},
    RequestState.IDENTITY_CHECKED: {RequestState.IN_PROGRESS, RequestState.REFUSED},
    RequestState.IN_PROGRESS: {RequestState.AWAITING_SIGNOFF, RequestState.DONE, RequestState.REFUSED},
    RequestState.AWAITING_SIGNOFF: {RequestState.SIGNED_OFF, RequestState.IN_PROGRESS, RequestState.REFUSED},
    RequestState.SIGNED_OFF: {RequestState.DONE, RequestState.REFUSED},
    RequestState.DONE: set(),
    RequestState.REFUSED: set(),
}


class OutcomeKind(StrEnum):
    """What a request led to; each kind of request has its own."""

    INSPECTED = "inspected"
    COPY_GIVEN = "copy_given"
    CORRECTED = "corrected"
    STATEMENT_ADDED = "statement_added"
    DESTROYED = "destroyed"
    RESTRICTED = "restricted"
    OBJECTION_HONOURED = "objection_honoured"
    OBJECTION_REFUSED = "objection_refused"
    EXPORTED = "exported"
    TRANSFERRED = "transferred"
    RELEASED = "released"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {
            "inspected": "inzage gegeven", "copy_given": "afschrift verstrekt",
            "corrected": "gecorrigeerd (nieuwe versie)",
            "statement_added": "niet gecorrigeerd; verklaring van de werknemer toegevoegd",
            "destroyed": "vernietigd", "restricted": "verwerking beperkt",
            "objection_honoured": "bezwaar gehonoreerd", "objection_refused": "bezwaar afgewezen",
            "exported": "export verstrekt", "transferred": "dossier overgedragen",
            "released": "verstrekt aan derde", "refused": "afgewezen",
        }[self.value]


# The outcomes that end each kind of request with "done" (a refusal ends any kind).
OUTCOMES: dict[RequestKind, frozenset[OutcomeKind]] = {
    RequestKind.INSPECTION: frozenset({OutcomeKind.INSPECTED}),
    RequestKind.COPY: frozenset({OutcomeKind.COPY_GIVEN}),
    RequestKind.CORRECTION: frozenset({OutcomeKind.CORRECTED, OutcomeKind.STATEMENT_ADDED}),
    RequestKind.DESTRUCTION: frozenset({OutcomeKind.DESTROYED}),
    RequestKind.RESTRICTION: frozenset({OutcomeKind.RESTRICTED}),
    RequestKind.PORTABILITY: frozenset({OutcomeKind.EXPORTED}),
    RequestKind.OBJECTION: frozenset({OutcomeKind.OBJECTION_HONOURED}),
    RequestKind.RELEASE: frozenset({OutcomeKind.RELEASED}),
    RequestKind.TRANSFER: frozenset({OutcomeKind.TRANSFERRED}),
}

REQUESTER_KINDS = {"employee": "de werknemer zelf", "representative": "gemachtigde", "other": "ander"}

HANDOVER_METHODS = {"handed": "persoonlijk overhandigd", "post": "per post",
                    "email_protected": "per e-mail, bestand met wachtwoord"}


@dataclass(frozen=True)
class Authorisation:
    """A representative's signed, dated authorisation and what it covers."""

    representative: str
    relation: str
    scope: str
    kinds: frozenset[RequestKind]
    signed_on: date
    valid_until: date


@dataclass(frozen=True)
class Request:
    id: int
    employee_id: int
    kind: RequestKind
    requester_kind: str
    requester_name: str
    received_on: date
    deadline: date
    extended_until: date | None
    extension_reason: str
    extension_letter_on: date | None
    identity_checked_on: date | None
    identity_checked_by: int | None
    identity_method: str  # "copy", "desk" or "" (not yet)
    identity_document: str
    state: RequestState
    outcome: str
    outcome_kind: OutcomeKind | None
    signed_off_by: int | None
    closed_on: date | None
    authorisation: Authorisation | None
    consent_id: int | None
    document_made_at: str | None = None  # the copy or export made for this request, before hand-over
    release_id: int | None = None  # a transfer: its line in the release log

    @property
    def due(self) -> date:
        return effective_deadline(self.received_on, self.extended_until)

    @property
    def open(self) -> bool:
        return self.state.open

    @property
    def requester_label(self) -> str:
        if self.requester_kind == "employee":
            return "de werknemer zelf"
        role = REQUESTER_KINDS.get(self.requester_kind, self.requester_kind)
        return f"{self.requester_name} ({role})" if self.requester_name else role


@dataclass(frozen=True)
class RequestEvent:
    at: str
    user_id: int
    from_state: str
    to_state: str
    note: str


@dataclass(frozen=True)
class Outcome:
    """What a request led to, recorded when it was done: when, by whom, who was present or how
    it was handed over, and which record it made (an entry's new version, a statement, a
    restriction, a release)."""

    request_id: int
    kind: OutcomeKind
    on_date: date
    recorded_by: int
    present: str = ""
    method: str = ""
    note: str = ""
    entry_id: int | None = None
    version: int | None = None
    statement_id: int | None = None
    restriction_id: int | None = None
    release_id: int | None = None
    made_at: str | None = None  # when the copy or export was made (for a hand-over later)


def check_transition(current: RequestState, target: RequestState, kind: RequestKind) -> None:
    if target not in TRANSITIONS[current]:
        raise ValidationError("state", f"Een verzoek kan niet van '{current.label}' naar "
                                       f"'{target.label}' gaan.")
    if target is RequestState.DONE and kind.needs_signoff and current is not RequestState.SIGNED_OFF:
        raise ValidationError("state", "Dit verzoek gaat pas af na akkoord van de bedrijfsarts.")
    if target is RequestState.AWAITING_SIGNOFF and not kind.needs_signoff:
        raise ValidationError("state", f"Een verzoek om {kind.label.lower()} heeft geen akkoord van de "
                                       "arts nodig; voer het uit.")


def check_outcome(kind: RequestKind, outcome: OutcomeKind) -> None:
    if outcome not in OUTCOMES[kind]:
        raise ValidationError("outcome", f"Een verzoek om {kind.label.lower()} kan niet afgaan als "
                                         f"'{outcome.label}'.")


def finishing_state(request: Request, outcome: OutcomeKind) -> RequestState:
    """The state ``request`` ends in with ``outcome`` (done, or refused), after checking that the
    outcome belongs to its kind and that its state allows it; else ``ValidationError``."""
    if outcome is OutcomeKind.REFUSED:
        target = RequestState.REFUSED
    elif outcome is OutcomeKind.OBJECTION_REFUSED:
        if request.kind is not RequestKind.OBJECTION:
            raise ValidationError("outcome", "Alleen een bezwaar wordt als bezwaar afgewezen.")
        target = RequestState.REFUSED
    else:
        check_outcome(request.kind, outcome)
        target = RequestState.DONE
    check_transition(request.state, target, request.kind)
    return target


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
                                                f"termijn ({nl_date(latest_extension(received_on))}).")
    if letter_on > first or letter_on < received_on:
        raise ValidationError("extension_letter_on", "Brief aan de verzoeker: moet binnen de eerste "
                                                     f"termijn zijn verstuurd (uiterlijk {nl_date(first)}).")
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
