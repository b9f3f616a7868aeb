"""AVG art. 19: after a correction, erasure or restriction, each recipient of an earlier release is
told, unless that proves impossible or takes a disproportionate effort (the reason is recorded).

The change itself is recorded where it happens (a correction or restriction request's outcome,
a restriction, a destruction on request). The recipients are those of every release handed over
before the change, except the employee's own copies, kept with the change itself (taken before an
erasure deletes the release log). Per recipient the practice makes the letter and records that it was sent
(how, when) or why not. The answer to the employee lists who was told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.audit import Action
from desktop_app.documents import recipient_notice
from desktop_app.documents.letter_parts import Addressee
from desktop_app.domain import names, validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.domain.privacy_contacts import DpoContact
from desktop_app.domain.request_steps import NOTIFY
from desktop_app.domain.requests import RECIPIENT_ROLES
from desktop_app.errors import NotFound, ValidationError
from desktop_app.services import documents, employees, settings
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import notices as store
from desktop_app.storage.notices import Notice

KINDS = {"correction": "correctie", "erasure": "wissing", "restriction": "beperking van de verwerking"}
METHODS = {"post": "per post", "email_protected": "per e-mail, bestand met wachtwoord",
           "handed": "persoonlijk overhandigd"}


@dataclass(frozen=True)
class Recipient:
    release_id: int
    name: str
    role_label: str
    what: str
    released_on: date
    status: str  # open, sent, not_sent
    method: str = ""
    on_date: date | None = None
    reason: str = ""

    @property
    def status_label(self) -> str:
        if self.status == "sent":
            return f"geïnformeerd {METHODS.get(self.method, self.method)} op {nl_date(self.on_date)}"
        if self.status == "not_sent":
            return f"niet geïnformeerd: {self.reason}"
        return "nog te informeren"


@dataclass(frozen=True)
class ChangeView:
    id: int
    employee_id: int
    kind: str
    request_id: int | None
    changed_on: date
    recipients: tuple[Recipient, ...]

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def open_count(self) -> int:
        return sum(1 for r in self.recipients if r.status == "open")


def _view(session: Session, change: store.Change) -> ChangeView:
    """The recipients as kept with the change (the release log may be gone with an erasure)."""
    done = store.notices(session.db, change.id)
    out = []
    for r in store.recipients(session.db, change.id):
        notice = done.get(r.release_id)
        out.append(Recipient(r.release_id, r.name, RECIPIENT_ROLES.get(r.role, r.role), r.what, r.released_on,
                             notice.decision if notice else "open", notice.method if notice else "",
                             notice.on_date if notice else None, notice.reason if notice else ""))
    return ChangeView(change.id, change.employee_id, change.kind, change.request_id,
                      date.fromisoformat(change.changed_at[:10]), tuple(out))


def _change(session: Session, change_id: int) -> store.Change:
    change = store.change(session.db, change_id)
    if change is None:
        raise NotFound(detail=f"change {change_id}")
    return change


@requires(Permission.CONSENT_WORDING)
def for_employee(session: Session, employee_id: int) -> list[ChangeView]:
    return [_view(session, c) for c in store.changes_for(session.db, employee_id)]


@requires(Permission.CONSENT_WORDING)
def for_request(session: Session, request_id: int) -> ChangeView | None:
    change = store.change_for_request(session.db, request_id)
    return _view(session, change) if change else None


@requires(Permission.CONSENT_WORDING)
def get(session: Session, change_id: int) -> ChangeView:
    return _view(session, _change(session, change_id))


def _recipient(session: Session, view: ChangeView, release_id: int) -> Recipient:
    for r in view.recipients:
        if r.release_id == release_id:
            return r
    raise ValidationError("release_id", "Deze ontvanger kreeg vóór de wijziging geen gegevens van ons.")


@requires(*NOTIFY)
def letter_pdf(session: Session, change_id: int, release_id: int, *, password: str | None = None) -> bytes:
    """The notice for one recipient; made, it is on the audit trail (not yet sent)."""
    view = get(session, change_id)
    recipient = _recipient(session, view, release_id)
    e = employees.open_dossier(session, view.employee_id)
    values = settings.all_settings(session)
    letter = recipient_notice.NoticeLetter(
        Addressee(recipient.name, (recipient.role_label,)), view.kind,
        names.employee_formal_name(e.given_names, e.initials, e.prefix, e.surname),
        nl_date(e.birth_date) if e.birth_date else "",
        nl_date(recipient.released_on), recipient.what,
        nl_date(view.changed_on), session.user.display_name,
        "bedrijfsarts" if session.user.is_physician else "namens de bedrijfsarts",
        DpoContact.from_settings(values).line())
    pdf = recipient_notice.notice_letter_pdf(letter, letterhead=documents.letterhead(session),
                                             created=documents.now(), password=password)
    documents.record_made(session, recipient_notice.TITLE, view.employee_id)
    return pdf


@requires(*NOTIFY)
def record_sent(session: Session, change_id: int, release_id: int, method: str, sent_on: str) -> ChangeView:
    view = get(session, change_id)
    _recipient(session, view, release_id)
    if method not in METHODS:
        raise ValidationError("method", "Hoe verstuurd: kies post, e-mail met wachtwoord of overhandigd.")
    day = validation.parse_date_nl(sent_on, "sent_on", label="Verstuurd op")
    if day > session.today():
        raise ValidationError("sent_on", "Verstuurd op: ligt in de toekomst.")
    if day < view.changed_on:
        raise ValidationError("sent_on", "Verstuurd op: ligt vóór de wijziging.")
    return _save(session, view, Notice(change_id, release_id, "sent", method, day, "", session.user.id))


@requires(*NOTIFY)
def record_not_sent(session: Session, change_id: int, release_id: int, reason: str) -> ChangeView:
    """Not told: impossible, a disproportionate effort, or the data it received were not touched."""
    view = get(session, change_id)
    _recipient(session, view, release_id)
    reason = validation.text(reason, "reason", label="Waarom niet", required=True, max_length=1000, multiline=True)
    return _save(session, view, Notice(change_id, release_id, "not_sent", "", session.today(), reason,
                                       session.user.id))


def _save(session: Session, view: ChangeView, notice: Notice) -> ChangeView:
    with session.db.transaction():
        store.save_notice(session.db, view.employee_id, notice)
        session.record(Action.UPDATE, object_type="recipient_notice", object_id=notice.release_id,
                       employee_id=view.employee_id,
                       data=f"AVG art. 19 ({KINDS[view.kind]}): "
                            + ("ontvanger geïnformeerd" if notice.decision == "sent" else "niet geïnformeerd"))
    return get(session, view.id)

