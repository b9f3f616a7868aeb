"""The letters to the requester about a request: the extension, the answer, the refusal. Each
names the legal basis and ends with where to turn (the practice's complaint procedure, its FG,
the Autoriteit Persoonsgegevens); the answer to a correction, erasure or restriction lists the
recipients who were told (AVG art. 19)."""

from __future__ import annotations

from desktop_app.documents import request_letters
from desktop_app.documents.letter_parts import Addressee
from desktop_app.domain import names
from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.domain.privacy_contacts import ComplaintProcedure, DpoContact, rights_block
from desktop_app.domain.request_steps import LETTER
from desktop_app.domain.requests import (
    HANDOVER_METHODS,
    Outcome,
    OutcomeKind,
    Request,
    RequestState,
)
from desktop_app.errors import ArbokluisError, NotFound, ValidationError
from desktop_app.services import documents, employees, medical_entries, notices, settings
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import requests as store

WHICH = {"extension": "Brief: verlenging", "answer": "Brief: antwoord", "refusal": "Brief: afwijzing"}


def _fmt(d) -> str:
    return nl_date(d) if d else ""


CORRECTION_PREFIX = "correctieverzoek: "


def _correction_reason(session: Session, outcome: Outcome) -> str:
    """The correction's reason, from the entry's version in the medical section (read there,
    logged); empty for a user who does not read the medical section."""
    if outcome.entry_id is None or not session.may(Permission.MEDICAL_READ):
        return ""
    try:
        versions = medical_entries.entry_history(session, outcome.entry_id)
    except ArbokluisError:  # the medical section is locked: the letter names no reason
        return ""
    for version in versions:
        if version.version == outcome.version:
            return version.reason.removeprefix(CORRECTION_PREFIX)
    return ""


def _details(outcome: Outcome | None, correction_reason: str = "") -> tuple[tuple[str, str], ...]:
    if outcome is None:
        return ()
    k = outcome.kind
    if k is OutcomeKind.INSPECTED:
        return (("Inzage op", _fmt(outcome.on_date)), ("Aanwezig", outcome.present))
    if k in (OutcomeKind.COPY_GIVEN, OutcomeKind.EXPORTED, OutcomeKind.TRANSFERRED):
        return (("Verstrekt op", _fmt(outcome.on_date)), ("Hoe", HANDOVER_METHODS.get(outcome.method, outcome.method)))
    if k is OutcomeKind.CORRECTED:
        return (("Toelichting", correction_reason or outcome.note or ""),)
    if k is OutcomeKind.OBJECTION_HONOURED:
        return (("Wat stopt", outcome.note),)
    if k is OutcomeKind.RESTRICTED:
        return (("Reden", outcome.note), ("Met ingang van", _fmt(outcome.on_date)))
    return ()


def _which_allowed(request: Request, which: str) -> None:
    if which not in WHICH:
        raise ValidationError("which", "Soort brief: kies verlenging, antwoord of afwijzing.")
    if which == "extension" and request.extended_until is None:
        raise ValidationError("which", "De termijn van dit verzoek is niet verlengd.")
    if which == "answer" and request.state is not RequestState.DONE:
        raise ValidationError("which", "Het antwoord volgt als het verzoek is afgehandeld.")
    if which == "refusal" and request.state is not RequestState.REFUSED:
        raise ValidationError("which", "Dit verzoek is niet afgewezen.")


@requires(*LETTER)
def letter_pdf(session: Session, request_id: int, which: str, *, password: str | None = None) -> bytes:
    request = store.get(session.db, request_id)
    if request is None:
        raise NotFound(detail=f"request {request_id}")
    _which_allowed(request, which)
    e = employees.open_dossier(session, request.employee_id)
    employee_name = names.employee_formal_name(e.given_names, e.initials, e.prefix, e.surname)
    if request.requester_kind == "representative":
        to = Addressee(request.requester_name, (f"gemachtigde van {employee_name}",))
    else:
        place = " ".join(p for p in (e.postcode, e.city) if p)
        to = Addressee(employee_name, tuple(p for p in (e.street, place) if p))
    outcome = store.outcome(session.db, request.id)
    recipients: tuple[str, ...] = ()
    if which == "answer":
        change = notices.for_request(session, request.id)
        if change is not None:
            recipients = tuple(f"{r.name} ({r.role_label}): {r.status_label}" for r in change.recipients)
    values = settings.all_settings(session)
    text = request.extension_reason if which == "extension" else request.outcome
    letter = request_letters.RequestLetter(
        which, to, employee_name, request.kind.label, request.kind.article, _fmt(request.received_on), text,
        new_deadline=_fmt(request.due), details=_details(outcome, _correction_reason(session, outcome) if outcome and
                                      outcome.kind is OutcomeKind.CORRECTED else "") if which == "answer" else (),
        recipients=recipients, signer=session.user.display_name,
        signer_role="bedrijfsarts" if session.user.is_physician else "namens de bedrijfsarts",
        rights=tuple(rights_block(DpoContact.from_settings(values), ComplaintProcedure.from_settings(values))))
    pdf = request_letters.request_letter_pdf(letter, letterhead=documents.letterhead(session),
                                             created=documents.now(), password=password)
    documents.record_made(session, request_letters.TITLES[which], request.employee_id)
    return pdf


__all__ = ["WHICH", "letter_pdf"]
