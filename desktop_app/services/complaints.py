"""The complaint register and its follow-up: received, acknowledged (with a letter), handled by
someone, extended once with a reason, decided with a verdict and measures, each within the term of
the practice's complaint procedure (settings). Medical staff keep it (``Permission.COMPLAINTS``);
every step is on the audit trail, never the complaint's words."""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.documents import complaint_letters
from desktop_app.documents.letter_parts import Addressee
from desktop_app.domain import complaints as rules
from desktop_app.domain import names, validation
from desktop_app.domain.complaints import CHANNELS, TOPICS, VERDICTS, Complaint
from desktop_app.domain.permissions import Permission
from desktop_app.domain.privacy_contacts import ComplaintProcedure, DpoContact, rights_block
from desktop_app.domain.roles import Role
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import documents, employees, settings
from desktop_app.storage import users as users_store
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import complaints as store

__all__ = ["CHANNELS", "TOPICS", "VERDICTS", "Complaint"]


def _procedure(session: Session) -> ComplaintProcedure:
    return ComplaintProcedure.from_settings(settings.all_settings(session))


@requires(Permission.COMPLAINTS)
def procedure(session: Session) -> ComplaintProcedure:
    return _procedure(session)


@requires(Permission.COMPLAINTS)
def get(session: Session, complaint_id: int) -> Complaint:
    c = store.get(session.db, complaint_id)
    if c is None:
        raise NotFound(detail=f"complaint {complaint_id}")
    return c


@requires(Permission.COMPLAINTS)
def register_list(session: Session) -> list[Complaint]:
    """The whole register: open complaints first, by due date."""
    return store.all_complaints(session.db)


@requires(Permission.COMPLAINTS)
def handlers(session: Session) -> list[tuple[int, str]]:
    """(user id, name) of who can handle a complaint: physicians and assistants."""
    return [(u.id, u.display_name) for u in users_store.all_users(session.db)
            if u.active and u.role in (Role.PHYSICIAN, Role.ASSISTANT)]


@requires(Permission.PRACTICE_WRITE, Permission.COMPLAINTS)
def register(session: Session, *, complainant: str, received_on: str, channel: str, topic: str, description: str,
             employee_id: int | None = None) -> Complaint:
    if employee_id is not None:
        employees.open_dossier(session, employee_id)
    new = rules.parse_complaint(complainant=complainant, employee_id=employee_id, received_on=received_on,
                                channel=channel, topic=topic, description=description, today=session.today())
    due = rules.deadline(new.received_on, _procedure(session).answer_weeks)
    with session.db.transaction():
        complaint_id = store.insert(session.db, new, due, session.user.id)
        session.record(Action.CREATE, object_type="complaint", object_id=complaint_id, employee_id=employee_id,
                       data=f"klacht geregistreerd ({TOPICS[new.topic]})")
    return get(session, complaint_id)


def _open(session: Session, complaint_id: int) -> Complaint:
    c = get(session, complaint_id)
    if not c.open:
        raise ValidationError("complaint", "Deze klacht is al afgehandeld.")
    return c


def _record(session: Session, c: Complaint, what: str) -> None:
    session.record(Action.UPDATE, object_type="complaint", object_id=c.id, employee_id=c.employee_id, data=what)


@requires(Permission.PRACTICE_WRITE, Permission.COMPLAINTS)
def acknowledge(session: Session, complaint_id: int, on: str) -> Complaint:
    c = _open(session, complaint_id)
    day = validation.parse_date_nl(on, "acknowledged_on", label="Ontvangst bevestigd op")
    if day > session.today() or day < c.received_on:
        raise ValidationError("acknowledged_on", "Ontvangst bevestigd op: tussen de ontvangst en vandaag.")
    with session.db.transaction():
        store.set_acknowledged(session.db, c.id, day)
        _record(session, c, "ontvangst van de klacht bevestigd")
    return get(session, c.id)


@requires(Permission.PRACTICE_WRITE, Permission.COMPLAINTS)
def assign(session: Session, complaint_id: int, handler_id: int) -> Complaint:
    c = _open(session, complaint_id)
    if handler_id not in dict(handlers(session)):
        raise ValidationError("handler_id", "Behandeld door: kies een bedrijfsarts of assistent van de praktijk.")
    with session.db.transaction():
        store.set_handler(session.db, c.id, handler_id)
        _record(session, c, "behandelaar van de klacht aangewezen")
    return get(session, c.id)


@requires(Permission.PRACTICE_WRITE, Permission.COMPLAINTS)
def extend(session: Session, complaint_id: int, reason: str) -> Complaint:
    c = get(session, complaint_id)
    until = rules.check_extension(c, _procedure(session).extension_weeks, reason, session.today())
    with session.db.transaction():
        store.set_extension(session.db, c.id, until, reason)
        _record(session, c, f"termijn verlengd tot {until:%d-%m-%Y}")
    return get(session, c.id)


@requires(Permission.PRACTICE_WRITE, Permission.COMPLAINTS)
def decide(session: Session, complaint_id: int, verdict: str, outcome: str, measures: str = "",
           decided_on: str = "") -> Complaint:
    c = _open(session, complaint_id)
    if verdict not in VERDICTS:
        raise ValidationError("verdict", "Oordeel: kies uit de lijst.")
    outcome = validation.text(outcome, "outcome", label="Toelichting op het oordeel", required=True,
                              max_length=4000, multiline=True)
    measures = validation.text(measures, "measures", label="Wat de praktijk doet", max_length=2000, multiline=True)
    day = validation.parse_date_nl(decided_on, "decided_on", label="Beslist op") if decided_on.strip() \
        else session.today()
    if day > session.today() or day < c.received_on:
        raise ValidationError("decided_on", "Beslist op: tussen de ontvangst en vandaag.")
    with session.db.transaction():
        store.close(session.db, c.id, verdict, outcome, measures, day)
        _record(session, c, f"klacht afgehandeld ({VERDICTS[verdict]})")
    return get(session, c.id)


@requires(Permission.COMPLAINTS)
def letter_pdf(session: Session, complaint_id: int, which: str) -> bytes:
    """The acknowledgement or the verdict, with the complaint procedure, the FG and the AP."""
    c = get(session, complaint_id)
    if which not in complaint_letters.TITLES:
        raise ValidationError("which", "Soort brief: kies ontvangstbevestiging of oordeel.")
    if which == "verdict" and c.open:
        raise ValidationError("which", "Het oordeel volgt als de klacht is afgehandeld.")
    address: tuple[str, ...] = ()
    if c.employee_id is not None:
        e = employees.open_dossier(session, c.employee_id)
        if names.display_name(e.given_names or e.initials, e.prefix, e.surname) == c.complainant or \
                names.formal_name(e.initials or e.given_names, e.prefix, e.surname) == c.complainant:
            place = " ".join(p for p in (e.postcode, e.city) if p)
            address = tuple(p for p in (e.street, place) if p)
    handler = users_store.by_id(session.db, c.handler_id) if c.handler_id else None
    values = settings.all_settings(session)
    letter = complaint_letters.ComplaintLetter(
        which, Addressee(c.complainant, address), validation.format_date_nl(c.received_on), TOPICS[c.topic],
        c.description, handler.display_name if handler else "", validation.format_date_nl(c.due),
        VERDICTS.get(c.verdict, ""), c.outcome, c.measures, c.topic == "medical", session.user.display_name,
        "bedrijfsarts" if session.user.is_physician else "namens de praktijk",
        tuple(rights_block(DpoContact.from_settings(values), ComplaintProcedure.from_settings(values))))
    pdf = complaint_letters.complaint_letter_pdf(letter, letterhead=documents.letterhead(session),
                                                 created=documents.now())
    documents.record_made(session, complaint_letters.TITLES[which], c.employee_id)
    return pdf
