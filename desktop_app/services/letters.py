"""Letters from templates: the practice's templates (defaults in code, the practice's own text in
practice.db), and letters made from them in the dossier.

- Anyone who works in the practice section reads the templates; only a user who changes the
  settings (``Permission.SETTINGS``) saves or resets one. An unknown merge field, a field the
  letter does not have, or an unbalanced brace is refused when the template is saved.
- A letter is previewed (``preview_letter``: nothing kept) and made (``make_letter``: kept in the
  dossier). A letter with medical content (the request to a treating physician) is a medical
  entry "Brief aan behandelaar" with its PDF attached, in medical.db: it needs MEDICAL_WRITE and
  the unlocked medical section. Other letters are kept in practice.db.
- A letter that draws on a consent, a request or the recipients of earlier releases names what
  those name (possibly medical data): it needs ``Permission.CONSENT_WORDING``, like the request
  letters. The request to a treating physician names a consent that is valid today and addressed
  to a treating physician or specialist; without one it is refused.
- A restricted dossier (AVG art. 18) keeps no new letter, except the answer to a request and the
  notice to an earlier recipient.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.audit import Action
from desktop_app.documents.letter_parts import Addressee
from desktop_app.documents.template_letter import TemplateLetter, template_letter_pdf
from desktop_app.domain import letter_templates as rules
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.letter_defaults import BY_KEY, DEFAULTS
from desktop_app.domain.letter_fields import FIELDS, TYPED_SOURCES, MergeField, Source, fields_for
from desktop_app.domain.letter_templates import LetterTemplate, Recipient
from desktop_app.domain.medical.free_text import MAX_LINE, MAX_TEXT
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.permissions import Permission
from desktop_app.domain.privacy_contacts import ComplaintProcedure, DpoContact, rights_block
from desktop_app.errors import NotFound, ValidationErrors
from desktop_app.services import authz, documents, restrictions, settings
from desktop_app.services.authz import requires
from desktop_app.services.letter_values import gather
from desktop_app.services.session import Session
from desktop_app.storage import agenda as agenda_store
from desktop_app.storage import letters as store

_CUT = "… (de hele brief staat in de bijlage)"
_WORDING_SOURCES = frozenset({Source.CONSENT, Source.REQUEST, Source.NOTICE})

__all__ = ["MadeLetter", "fields_of", "kept_letter_pdf", "kept_letters", "make_letter", "preview_letter",
           "reset_template", "save_template", "template", "templates", "typed_fields"]


@dataclass(frozen=True)
class MadeLetter:
    """A letter kept in the dossier: in practice.db (``letter_id``) or, with medical content, as
    a medical entry (``entry_id``) with its PDF as attachment."""

    title: str
    pdf: bytes
    medical: bool
    letter_id: int | None = None
    entry_id: int | None = None


def _templates(session: Session) -> dict[str, LetterTemplate]:
    own = store.template_texts(session.db)
    out = {}
    for t in DEFAULTS:
        text = own.get(t.key)
        out[t.key] = t.with_text(text.subject, text.body) if text else t
    return out


def _template(session: Session, key: str) -> LetterTemplate:
    t = _templates(session).get(key)
    if t is None:
        raise ValidationErrors({"template": "Sjabloon: kies een sjabloon uit de lijst."})
    return t


@requires(Permission.PRACTICE_READ)
def templates(session: Session) -> list[LetterTemplate]:
    """Every template, with the practice's own text where it changed one."""
    return list(_templates(session).values())


@requires(Permission.PRACTICE_READ)
def template(session: Session, key: str) -> LetterTemplate:
    return _template(session, key)


@requires(Permission.PRACTICE_READ)
def fields_of(session: Session, key: str) -> list[MergeField]:
    """The merge fields this template may use (what the editor lists)."""
    return fields_for(_template(session, key).all_sources)


@requires(Permission.PRACTICE_READ)
def typed_fields(session: Session, key: str) -> list[MergeField]:
    """The fields the user fills in when making this letter (appointment, free text)."""
    return [f for f in fields_of(session, key) if f.source in TYPED_SOURCES]


@requires(Permission.SETTINGS)
def save_template(session: Session, key: str, subject: str, body: str) -> LetterTemplate:
    """The practice's own subject and text; refused with a Dutch message at the field for an
    unknown merge field, a field this letter does not have, or an unbalanced brace."""
    t = _template(session, key)
    subject, body = rules.check(t, subject, body)
    with session.db.transaction():
        store.save_template(session.db, key, subject, body, session.user.id)
        session.record(Action.UPDATE, object_type="letter_template", data=f"sjabloon: {t.title}")
    return _template(session, key)


@requires(Permission.SETTINGS)
def reset_template(session: Session, key: str) -> LetterTemplate:
    """Back to the text the program ships with."""
    t = _template(session, key)
    with session.db.transaction():
        store.reset_template(session.db, key)
        session.record(Action.UPDATE, object_type="letter_template", data=f"sjabloon hersteld: {t.title}")
    return BY_KEY[key]


def _check_may(session: Session, t: LetterTemplate, employee_id: int) -> None:
    needed = [Permission.PRACTICE_WRITE]
    if t.sources & _WORDING_SOURCES:
        needed.append(Permission.CONSENT_WORDING)
    if t.medical:
        needed += [Permission.MEDICAL_READ, Permission.MEDICAL_WRITE]
    authz.check(session, "letters.make_letter", needed, employee_id=employee_id)
    if t.medical:
        session.medical()  # the medical section must be unlocked: MedicalLocked otherwise


def _check_not_restricted(session: Session, t: LetterTemplate, employee_id: int) -> None:
    """A restricted dossier (AVG art. 18) takes no new letters, except those about the
    employee's own requests and the notices to earlier recipients the restriction itself calls for."""
    if not t.sources & frozenset({Source.REQUEST, Source.NOTICE}):
        restrictions.require_not_restricted(session, employee_id)


def _compose(session: Session, employee_id: int, key: str, extra: Mapping[str, str], consent_id, request_id,
             release_id, password, booking_id=None) -> tuple[LetterTemplate, str, str, Addressee, bytes]:
    t = _template(session, key)
    _check_may(session, t, employee_id)
    typed = {}
    for name, value in (extra or {}).items():
        known = FIELDS.get(name)
        if known is None or known.source not in TYPED_SOURCES or known.source not in t.all_sources:
            raise ValidationErrors({name: f"{{{name}}}: dit veld vult u bij deze brief niet zelf in."})
        typed[name] = value
    f = Fields()
    for name, value in typed.items():
        f.take(name, rules.check_value, name, value)
    f.done()
    values, to = gather(session, t, employee_id, consent_id=consent_id, request_id=request_id,
                        release_id=release_id, booking_id=booking_id)
    values.update(typed)
    subject = rules.render(t.subject, values)
    body = rules.render(t.body, values)
    s = settings.all_settings(session)
    rights = tuple(rights_block(DpoContact.from_settings(s), ComplaintProcedure.from_settings(s))) \
        if Source.REQUEST in t.sources else ()
    signer_role = "bedrijfsarts" if session.user.is_physician else \
        "namens de bedrijfsarts" if session.may(Permission.MEDICAL_READ) else session.user.role.label
    letter = TemplateLetter(t.title, to, subject, tuple(rules.paragraphs(body)), session.user.display_name,
                            signer_role, rights)
    pdf = template_letter_pdf(letter, letterhead=documents.letterhead(session), created=documents.now(),
                              password=password)
    return t, subject, body, to, pdf


@requires(Permission.PRACTICE_WRITE)
def preview_letter(session: Session, employee_id: int, template_key: str, extra: Mapping[str, str] | None = None,
                   *, consent_id: int | None = None, request_id: int | None = None,
                   release_id: int | None = None, booking_id: int | None = None) -> bytes:
    """The letter as it would be made, to preview: nothing is kept."""
    return _compose(session, employee_id, template_key, extra or {}, consent_id, request_id, release_id, None,
                    booking_id)[4]


@requires(Permission.PRACTICE_WRITE)
def make_letter(session: Session, employee_id: int, template_key: str, extra: Mapping[str, str] | None = None,
                *, consent_id: int | None = None, request_id: int | None = None,
                release_id: int | None = None, booking_id: int | None = None) -> MadeLetter:
    """Make the letter and keep it in the dossier (the medical section for a medical letter).
    ``extra`` holds the typed fields (``typed_fields``) by name, e.g. ``{"afspraak.datum": …}``.
    The employer's letter after a "niet verschenen" names its ``booking_id``; making it closes
    that notice in the same transaction."""
    t, subject, body, to, pdf = _compose(session, employee_id, template_key, extra or {}, consent_id,
                                         request_id, release_id, None, booking_id)
    _check_not_restricted(session, t, employee_id)
    addressee = ", ".join(x for x in (to.name, *to.address_lines) if x)
    if t.medical or _about_own_question(session, t, employee_id, booking_id):
        entry_id = _keep_medical(session, employee_id, t, addressee, subject, body, pdf)
        return MadeLetter(t.title, pdf, True, entry_id=entry_id)
    with session.db.transaction():
        letter_id = store.insert_letter(session.db, employee_id, t.key, t.title, addressee, subject, body, pdf,
                                        session.user.id)
        if Source.NO_SHOW in t.sources:
            agenda_store.mark_no_show_letter(session.db, booking_id)  # type: ignore[arg-type]
        session.record(Action.CREATE, object_type="letter", object_id=letter_id, employee_id=employee_id,
                       data=f"brief: {t.title}")
    return MadeLetter(t.title, pdf, False, letter_id=letter_id)


def _about_own_question(session: Session, t: LetterTemplate, employee_id: int, booking_id: int | None) -> bool:
    """Whether a letter to the employee about an appointment concerns an own-question visit (open
    spreekuur, decision 0013): then it is kept in the medical section, out of the case manager's
    sight. Only for medical staff, who alone plan such visits; the appointment is the one named,
    or else any own-question appointment of the employee from today on."""
    if Source.APPOINTMENT not in t.sources or t.recipient != Recipient.EMPLOYEE \
            or Permission.MEDICAL_WRITE not in session.permissions():
        return False
    found = agenda_store.bookings_for(session.db, employee_id)
    if booking_id is not None:
        return any(b.id == booking_id and b.confidential for b in found)
    today = session.today()
    return any(b.confidential and b.active and b.starts.date() >= today for b in found)


def _keep_medical(session: Session, employee_id: int, t: LetterTemplate, addressee: str, subject: str,
                  body: str, pdf: bytes) -> int:
    """One transaction in medical.db: the entry and its PDF."""
    from desktop_app.services import attachments, medical_entries

    mdb = session.medical()
    correspondent = addressee if len(addressee) <= MAX_LINE else addressee[:MAX_LINE - 1] + "…"
    summary = f"{subject}\n\n{body}"
    if len(summary) > MAX_TEXT:  # the whole letter is the attachment; the entry shows its start
        summary = summary[:MAX_TEXT - len(_CUT)] + _CUT
    with mdb.transaction():
        entry = medical_entries.add_entry(session, employee_id, EntryKind.LETTER_OUT,
                                          {"correspondent": correspondent, "summary": summary})
        attachments.add_attachment(session, employee_id, f"{t.key}.pdf", pdf, entry_id=entry.id,
                                   description=t.title)
    return entry.id


def _readable(session: Session, letter: store.KeptLetter) -> bool:
    t = BY_KEY.get(letter.template_key)
    return t is None or not (t.sources & _WORDING_SOURCES) or session.may(Permission.CONSENT_WORDING)


@requires(Permission.PRACTICE_READ)
def kept_letters(session: Session, employee_id: int) -> list[store.KeptLetter]:
    """The non-medical letters kept in the dossier, newest first. A letter that names what a
    consent or request names is listed only to medical staff; medical letters are medical
    entries (``medical_entries.list_entries``)."""
    return [x for x in store.letters_for(session.db, employee_id) if _readable(session, x)]


@requires(Permission.PRACTICE_READ)
def kept_letter_pdf(session: Session, letter_id: int) -> bytes:
    letter = store.get_letter(session.db, letter_id)
    if letter is None or not _readable(session, letter):
        raise NotFound(detail=f"letter {letter_id}")
    pdf = store.letter_pdf(session.db, letter_id)
    documents.record_made(session, letter.title, letter.employee_id)
    return pdf  # type: ignore[return-value]

