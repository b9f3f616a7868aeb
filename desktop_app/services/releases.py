"""Information leaving the practice, and the release log.

- Medical information goes to anyone but the employee only with a valid, recent consent covering
  that recipient and that data, or under a legal duty (``LegalBasis``: UWV's insurance physician
  on request, the occupational-disease report to the NCvB) recorded with its article. Either way a
  physician reviews it before anything can be handed over or produced.
- Who decides: the physician the consent (or the legal-duty request) is addressed to; the
  supervising physician when that physician is absent (``services.absences``, or no longer in
  the practice) or the case was referred. Refusals on these terms go through the audit trail like
  any refusal of the permission table. Refusal names one of the three grounds.
- A consent revoked on or before the day of the hand-over stops the release, however long ago it
  was approved: checked again at hand-over time, not only at approval.
- Every hand-over is recorded (how, when, by whom, to whom) and appears in the employee's
  access-log extract (``log_lines``).
- To the employer only approved functional feedback goes, and each time a copy to the employee is
  logged with it.
- A restricted dossier is not released.

The wording of a release names medical data (``Permission.CONSENT_WORDING``): a case manager reads,
requests and hands over none. Deciding needs ``RELEASE_APPROVE``; deciding for another physician
``RELEASE_APPROVE_AS_SUPERVISOR``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop_app.audit import Action
from desktop_app.domain import feedback as feedback_rules
from desktop_app.domain import names, validation
from desktop_app.domain.absences import Absence
from desktop_app.domain.consents import Consent, problems, standing_problems
from desktop_app.domain.dates import nl_date
from desktop_app.domain.dossier import Employee
from desktop_app.domain.field_errors import Fields, optional
from desktop_app.domain.permissions import Permission
from desktop_app.domain.releases import (
    METHODS,
    DecisionRight,
    Handover,
    LegalBasis,
    Method,
    Release,
    ReleaseLine,
    ReleaseState,
    decision_right,
    ground,
    handover_problems,
    status,
    stop_reason,
)
from desktop_app.domain.requests import RECIPIENT_ROLES, REFUSAL_GROUNDS
from desktop_app.domain.roles import User
from desktop_app.errors import NotFound, PermissionDenied, ValidationError, ValidationErrors
from desktop_app.services import (
    absences,
    activities,
    authz,
    consents,
    employees,
    restrictions,
)
from desktop_app.services.authz import Refused, requires
from desktop_app.services.session import Session
from desktop_app.storage import employees as employees_store
from desktop_app.storage import employers as employers_store
from desktop_app.storage import releases as store
from desktop_app.storage import users as users_store
from desktop_app.storage.releases import NewFeedbackRelease, NewRelease

__all__ = ["METHODS", "Decision", "LegalBasis", "Method", "Release", "ReleaseLine", "ReleaseState",
           "approve", "attach_document", "decider_name", "decision", "document", "get", "handover_users",
           "log_for", "log_lines", "mark_released", "overview", "pending", "refer_to_supervisor", "refuse",
           "release_feedback_to_employer", "release_uwv_document_to_employer", "request_legal_release", "request_release", "require_approved"]


@dataclass(frozen=True)
class Decision:
    """Who decides on a release, and whether the user asking may: what the dialog shows."""

    right: DecisionRight
    addressed_name: str
    absence: Absence | None
    message: str

    @property
    def may_decide(self) -> bool:
        return self.right.may_decide

    @property
    def may_refer(self) -> bool:
        return self.right is DecisionRight.ADDRESSED


def _local_day(stamp: str | None) -> date | None:
    return datetime.fromisoformat(stamp).astimezone().date() if stamp else None


def _get(session: Session, release_id: int) -> Release:
    release = store.get(session.db, release_id)
    if release is None:
        raise NotFound(detail=f"no release {release_id}")
    return release


def _consent(session: Session, release: Release) -> Consent | None:
    return consents.get(session, release.consent_id) if release.consent_id else None


@requires(Permission.CONSENT_WORDING)
def get(session: Session, release_id: int) -> Release:
    return _get(session, release_id)


@requires(Permission.CONSENT_WORDING)
def log_for(session: Session, employee_id: int) -> list[Release]:
    return store.for_employee(session.db, employee_id)


# --- who decides ---------------------------------------------------------------------------------


def _message(right: DecisionRight, name: str, absence: Absence | None, gone: bool) -> str:
    who = name or "de arts aan wie het verzoek is gericht"
    away = " heeft de praktijk verlaten" if gone else (f" is afwezig ({absence.period})" if absence else " is afwezig")
    return {
        DecisionRight.ADDRESSED: "U beslist: het verzoek is aan u gericht.",
        DecisionRight.SUPERVISOR_ABSENT: f"{who}{away}; u beslist als kerndeskundige.",
        DecisionRight.SUPERVISOR_REFERRED: "Dit verzoek is aan de kerndeskundige voorgelegd; u beslist.",
        DecisionRight.REFERRED_ELSEWHERE: "Dit verzoek is aan de kerndeskundige voorgelegd; alleen die beslist nu.",
        DecisionRight.NOT_ADDRESSED: (f"Alleen {who} beslist over dit verzoek, of de kerndeskundige wanneer "
                                      f"{who} afwezig is of het voorlegt."),
        DecisionRight.NEEDS_SUPERVISOR: f"{who}{away}; de kerndeskundige beslist.",
    }[right]


def _decision(session: Session, release: Release) -> Decision:
    addressed = users_store.by_id(session.db, release.physician_id) if release.physician_id else None
    gone = release.physician_id is not None and (addressed is None or not addressed.active)
    absence = None
    if addressed is not None and addressed.active:
        absence = absences.absence_on(session, addressed.id, session.today())
    right = decision_right(user_id=session.user.id,
                           is_supervisor=session.may(Permission.RELEASE_APPROVE_AS_SUPERVISOR),
                           addressed_id=None if gone else release.physician_id,
                           referred=release.state is ReleaseState.REFERRED,
                           addressed_absent=gone or absence is not None)
    name = addressed.display_name if addressed else ""
    return Decision(right, name, absence, _message(right, name, absence, gone))


@requires(Permission.CONSENT_WORDING)
def decision(session: Session, release_id: int) -> Decision:
    """Who decides on this release and whether the user may; the client shows it and enables
    its buttons by it."""
    return _decision(session, _get(session, release_id))


def _require_right(session: Session, release: Release, name: str, *, refer: bool = False) -> Decision:
    """The rules that depend on the release, after the table has let a physician through."""
    if not release.state.undecided:
        raise ValidationError("state", "Over deze verstrekking is al beslist.")
    d = _decision(session, release)
    allowed = d.may_refer if refer else d.may_decide
    if allowed:
        return d
    if refer and d.may_decide:
        message = "Alleen de arts aan wie het verzoek is gericht legt het voor; u beslist zelf."
    else:
        message = d.message
    if not session.may(Permission.RELEASE_APPROVE_AS_SUPERVISOR):
        try:
            authz.check(session, name, [Permission.RELEASE_APPROVE_AS_SUPERVISOR],
                        employee_id=release.employee_id)
        except Refused as exc:
            raise Refused(message, detail=exc.detail, permission=exc.permission, name=name) from None
    # A supervisor, yet not on these terms (the addressed physician is present and did not refer).
    session.record_refusal(name, Permission.RELEASE_APPROVE_AS_SUPERVISOR, employee_id=release.employee_id)
    raise Refused(message, detail=f"{name}: {d.right} for release {release.id}",
                  permission=Permission.RELEASE_APPROVE_AS_SUPERVISOR, name=name)


# --- the list ------------------------------------------------------------------------------------


def _line(session: Session, release: Release, recent: int) -> ReleaseLine:
    consent = _consent(session, release)
    today = session.today()
    d = _decision(session, release) if release.state.undecided and release.medical else None
    stopped = bool(stop_reason(release, consent, on=today))
    held = session.permissions()
    return ReleaseLine(
        release, status(release, consent, today=today, recent=recent), ground(release, consent),
        may_decide=bool(d and d.may_decide and not stopped and Permission.RELEASE_APPROVE in held),
        may_refer=bool(d and d.may_refer and not stopped and Permission.RELEASE_APPROVE in held),
        may_hand_over=(release.state is ReleaseState.APPROVED and not stopped
                       and Permission.PRACTICE_WRITE in held))


@requires(Permission.CONSENT_WORDING)
def overview(session: Session, employee_id: int) -> list[ReleaseLine]:
    """The employee's release log as the list shows it: status, ground, and what the user may do."""
    recent = consents.recent_months(session)
    return [_line(session, r, recent) for r in store.for_employee(session.db, employee_id)]


@requires(Permission.CONSENT_WORDING)
def pending(session: Session) -> list[Release]:
    """Releases waiting for a decision the user may take (not those a revocation stopped)."""
    today = session.today()
    out = []
    for r in store.in_states(session.db, (ReleaseState.REQUESTED, ReleaseState.REFERRED)):
        if stop_reason(r, _consent(session, r), on=today):
            continue
        if _decision(session, r).may_decide:
            out.append(r)
    return out


# --- asking ---------------------------------------------------------------------------------------


def _texts(f: Fields, what: str, purpose: str) -> tuple[str | None, str | None]:
    what = f.take("what", validation.text, what, "what", label="Welke gegevens", required=True, max_length=2000,
                  multiline=True)
    purpose = f.take("purpose", validation.text, purpose, "purpose", label="Doel", required=True, max_length=1000,
                     multiline=True)
    return what, purpose


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def request_release(session: Session, employee_id: int, consent_id: int, *, recipient_name: str,
                    recipient_role: str, what: str, purpose: str, entry_ids: list[int] | None = None) -> Release:
    """Ask to release medical information on consent; checked against the consent before anyone
    decides. It is addressed to the physician the consent is addressed to."""
    employees.open_dossier(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    if recipient_role == "employer":
        raise PermissionDenied("Aan de werkgever gaan geen medische gegevens; alleen een goedgekeurde "
                               "functionele terugkoppeling.", detail="medical release to employer")
    f = Fields()
    if recipient_role not in RECIPIENT_ROLES:
        f.fail("recipient_role", "Hoedanigheid: kies uit de lijst.")
    name = f.take("recipient_name", validation.text, recipient_name, "recipient_name", label="Ontvanger",
                  required=True, max_length=200)
    what, purpose = _texts(f, what, purpose)
    f.done()
    consent = consents.get(session, consent_id)
    if consent.employee_id != employee_id:
        raise ValidationError("consent_id", "Toestemming: hoort niet bij deze werknemer.")
    reasons = problems(consent, recipient_role=recipient_role, recipient_name=name, entry_ids=entry_ids,
                       today=session.today(), recent=consents.recent_months(session))
    if reasons:
        raise ValidationError("consent_id", "Deze toestemming is niet bruikbaar: " + " ".join(reasons))
    new = NewRelease(employee_id, consent_id, consent.physician_id, None, name, recipient_role, what, purpose,  # type: ignore[arg-type]
                     session.user.id)
    with session.db.transaction():
        release_id = store.insert_request(session.db, new)
        session.record(Action.RELEASE, object_type="release", object_id=release_id, employee_id=employee_id,
                       data=f"verzoek tot verstrekking aan {RECIPIENT_ROLES[recipient_role]}")
    return _get(session, release_id)


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def request_legal_release(session: Session, employee_id: int, basis: str, *, physician: str,
                          recipient_name: str, what: str, purpose: str, document: bytes | None = None,
                          filename: str = "") -> Release:
    """A release under a legal duty, without consent: recorded with its legal basis and addressed
    to the physician who reviews it. An attached document (the NCvB report, the letter to UWV) is
    kept in the medical section."""
    employees.open_dossier(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    f = Fields()
    try:
        legal = LegalBasis(basis)
    except ValueError:
        legal = None
        f.fail("basis", "Wettelijke grondslag: kies uit de lijst.")
    reviewer = users_store.by_username(session.db, physician.strip().casefold())
    if reviewer is None or not reviewer.is_physician or not reviewer.active:
        f.fail("physician", "Beoordelend bedrijfsarts: kies de bedrijfsarts die de verstrekking beoordeelt.")
    name = f.take("recipient_name", validation.text, recipient_name, "recipient_name", label="Ontvanger",
                  required=True, max_length=200)
    what, purpose = _texts(f, what, purpose)
    if document is not None:
        from desktop_app.domain.medical.attachments import check_attachment

        f.take("document", check_attachment, filename, bytes(document), "")
    f.done()
    def record(attachment_id: int | None) -> int:
        new = NewRelease(employee_id, None, reviewer.id, legal, name, legal.recipient_role, what, purpose,  # type: ignore[union-attr,arg-type]
                         session.user.id, attachment_id=attachment_id)
        with session.db.transaction():
            release_id = store.insert_request(session.db, new)
            session.record(Action.RELEASE, object_type="release", object_id=release_id, employee_id=employee_id,
                           data=f"verstrekking op grond van een wettelijke plicht ({legal.article})")  # type: ignore[union-attr]
        return release_id

    if document is None:
        release_id = record(None)
    else:  # the document goes to the medical section first, and is taken back if the release fails
        from desktop_app.services import attachments

        release_id = attachments.add_attachment_for(
            session, employee_id, filename, bytes(document), lambda info: record(info.id),
            description=f"bij verstrekking: {legal.label}")  # type: ignore[union-attr]
    return _get(session, release_id)


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING, Permission.MEDICAL_WRITE)
def attach_document(session: Session, release_id: int, filename: str, data: bytes) -> Release:
    """Attach the document that goes with a release not yet decided (e.g. the NCvB report): what
    leaves is what the physician reviewed, so after the decision no document is added or swapped."""
    release = _get(session, release_id)
    if release.state in (ReleaseState.RELEASED, ReleaseState.REFUSED):
        raise ValidationError("document", "Document: deze verstrekking is al afgehandeld.")
    if not release.state.undecided:
        raise ValidationError("document", "Document: de bedrijfsarts heeft deze verstrekking al beoordeeld en "
                                          "goedgekeurd; een ander document gaat niet ongezien mee. Vraag een "
                                          "nieuwe verstrekking aan met dit document.")
    from desktop_app.services import attachments

    def record(info) -> None:
        with session.db.transaction():
            store.set_attachment(session.db, release_id, info.id)
            session.record(Action.UPDATE, object_type="release", object_id=release_id,
                           employee_id=release.employee_id, data="document bij verstrekking toegevoegd")

    attachments.add_attachment_for(session, release.employee_id, filename, bytes(data), record,
                                   description="bij verstrekking")
    return _get(session, release_id)


@requires(Permission.CONSENT_WORDING, Permission.MEDICAL_READ)
def document(session: Session, release_id: int):
    """The document attached to a release (from the medical section; the read is logged)."""
    release = _get(session, release_id)
    if release.attachment_id is None:
        raise NotFound("Bij deze verstrekking hoort geen document.", detail=f"release {release_id}: no document")
    from desktop_app.services import attachments

    return attachments.open_attachment(session, release.attachment_id)


# --- deciding -------------------------------------------------------------------------------------


@requires(Permission.RELEASE_APPROVE, Permission.CONSENT_WORDING)
def approve(session: Session, release_id: int, note: str = "") -> Release:
    release = _get(session, release_id)
    d = _require_right(session, release, "releases.approve")
    restrictions.require_not_restricted(session, release.employee_id)
    note = validation.text(note, "decision_note", label="Toelichting", max_length=2000, multiline=True)
    consent = _consent(session, release)
    if consent is not None:
        # The entries were bound to the consent's when the release was asked (request_release).
        reasons = standing_problems(consent, recipient_role=release.recipient_role,
                                    recipient_name=release.recipient_name,
                                    today=session.today(), recent=consents.recent_months(session))
        if reasons:
            raise ValidationError("consent_id", "Deze toestemming is niet meer bruikbaar: " + " ".join(reasons))
    with session.db.transaction():
        store.decide(session.db, release_id, ReleaseState.APPROVED, decided_by=session.user.id,
                     decided_as=d.right.decided_as, note=note or None)
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=release.employee_id, data=d.right.decided_as.audit_text)
    return _get(session, release_id)


@requires(Permission.RELEASE_APPROVE, Permission.CONSENT_WORDING)
def refuse(session: Session, release_id: int, ground: int, note: str = "") -> Release:
    release = _get(session, release_id)
    d = _require_right(session, release, "releases.refuse")
    if ground not in REFUSAL_GROUNDS:
        raise ValidationError("refusal_ground", "Weigeringsgrond: kies een van de drie gronden.")
    note = validation.text(note, "decision_note", label="Toelichting", max_length=2000, multiline=True)
    with session.db.transaction():
        store.decide(session.db, release_id, ReleaseState.REFUSED, decided_by=session.user.id,
                     decided_as=d.right.decided_as, refusal_ground=ground, note=note)
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=release.employee_id, data=f"verstrekking geweigerd (grond {ground})")
    return _get(session, release_id)


@requires(Permission.RELEASE_APPROVE, Permission.CONSENT_WORDING)
def refer_to_supervisor(session: Session, release_id: int, note: str) -> Release:
    """An unusual case goes to the supervising physician, who then decides alone."""
    release = _get(session, release_id)
    _require_right(session, release, "releases.refer_to_supervisor", refer=True)
    note = validation.text(note, "decision_note", label="Waarom voorleggen", required=True, max_length=2000,
                           multiline=True)
    with session.db.transaction():
        store.refer(session.db, release_id, note)
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=release.employee_id, data="voorgelegd aan kerndeskundige")
    return _get(session, release_id)


@requires(Permission.CONSENT_WORDING)
def require_approved(session: Session, release_id: int) -> Release:
    """Before a document for a release is produced: approved, not restricted, and (on consent) a
    consent that still covers a release today."""
    release = _get(session, release_id)
    if release.state not in (ReleaseState.APPROVED, ReleaseState.RELEASED):
        raise PermissionDenied("Er is nog geen goedkeuring van een bedrijfsarts voor deze verstrekking.",
                               detail="release not approved")
    restrictions.require_not_restricted(session, release.employee_id)
    if release.state is ReleaseState.APPROVED:
        reason = stop_reason(release, _consent(session, release), on=session.today())
        if reason:
            raise PermissionDenied(f"Deze verstrekking is {reason}.", detail="release stopped by revocation")
    return release


# --- the hand-over --------------------------------------------------------------------------------


@requires(Permission.CONSENT_WORDING)
def handover_users(session: Session) -> list[tuple[str, str]]:
    """(username, name) of the practice's medical staff, who may hand a release over."""
    return [(u.username, u.display_name) for u in users_store.all_users(session.db) if u.has_medical_slot]


def _handover(session: Session, f: Fields, method: str, handed_on: str, handed_to: str, note: str, *,
              default_to: str, by: User | None) -> Handover | None:
    try:
        how = Method(method)
    except ValueError:
        how = None
        f.fail("method", "Hoe verstrekt: kies uit de lijst.")
    day = f.take("handed_on", optional(validation.parse_date_nl), handed_on, "handed_on", label="Verstrekt op")
    to = f.take("handed_to", validation.text, handed_to, "handed_to", label="Aan (wie het ontving)", max_length=200)
    text = f.take("note", validation.text, note, "note", label="Toelichting", max_length=1000, multiline=True)
    if how is None or to is None or text is None or by is None or "handed_on" in f.errors:
        return None
    return Handover(how, day or session.today(), by.id, to.strip() or default_to, text)


def _handed_by(session: Session, f: Fields, handed_by: str) -> User | None:
    if not handed_by:
        return session.user
    user = users_store.by_username(session.db, handed_by.strip().casefold())
    if user is None or not user.active or not user.has_medical_slot:
        f.fail("handed_by", "Door: kies de medewerker (arts of assistent) die het verstrekte.")
        return None
    return user


_LEGAL_FORMS = frozenset({"bv", "nv", "vof", "cv", "bvba", "stichting", "vereniging", "holding"})


def _words(text: str) -> list[str]:
    """A name as comparable words: case, accents, punctuation and legal forms ("B.V.") left out."""
    plain = "".join(c if c.isalnum() else " " for c in names.fold(text).replace(".", ""))
    return [w for w in plain.split() if w not in _LEGAL_FORMS]


# Words that may stand beside the employee's name when the envelope is recorded as given to them:
# titles and the short forms of name prefixes ("mevr. P. v.d. Berg").
_NAME_EXTRAS = frozenset({"dhr", "de", "heer", "mevr", "mw", "mevrouw", "meneer", "mr", "dr", "drs", "ir", "ing",
                          "van", "der", "den", "het", "t", "ter", "ten", "te", "in", "op", "vd", "v", "vander"})


def _name_words(text: str) -> list[str]:
    """A person's name as comparable words: case, accents, dots and punctuation left out."""
    return "".join(c if c.isalnum() else " " for c in names.fold(text).replace(".", "")).split()


def _names_employee(employee: Employee | None, handed_to: str) -> bool:
    """Whether ``handed_to`` is the employee's own name, however written ("P. Jansen", "Jansen, P.",
    "mevr. Çelik"): their surname, and nothing but their names, initials, a title or a prefix
    beside it. Anything else ("Jansen (casemanager)", "Jansen namens Horst") is someone else."""
    if employee is None:
        return False
    given = _name_words(handed_to)
    surname = [w for w in _name_words(employee.surname) if w not in _NAME_EXTRAS]
    own = set(_name_words(" ".join((employee.given_names, employee.initials, employee.prefix, employee.surname))))
    return bool(surname) and any(w in given for w in surname) \
        and all(w in own or w in _NAME_EXTRAS or len(w) == 1 for w in given)


def _is_employer(session: Session, employee: Employee | None, handed_to: str) -> bool:
    """Whether ``handed_to`` names the employee's employer or its contact person, however
    spelled ("Schoonmaakbedrijf Glans B.V.", "t.a.v. W. Horst, Glans")."""
    if employee is None or employee.employer_id is None:
        return False
    employer = employers_store.get(session.db, employee.employer_id)
    if employer is None:
        return False
    given = " ".join(_words(handed_to))
    for name in (employer.name, employer.contact_name):
        words = _words(name or "")
        if words and f" {' '.join(words)} " in f" {given} ":
            return True
    return False


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def mark_released(session: Session, release_id: int, method: str, *, handed_on: str = "",
                  handed_by: str = "", handed_to: str = "", note: str = "") -> Release:
    """Record the hand-over of an approved release: how (``Method``), when (dd-mm-jjjj, default
    today), by whom (a username, default the user), to whom (default the recipient).

    Checked now, whatever was true at approval: a consent revoked (or expired, or no longer recent)
    on the day of the hand-over stops it.
    """
    release = _get(session, release_id)
    restrictions.require_not_restricted(session, release.employee_id)
    sealed = release.legal_basis in (LegalBasis.UWV_WIA, LegalBasis.UWV_ZW) and release.attachment_id is not None
    f = Fields()
    by = _handed_by(session, f, handed_by)
    employee = employees_store.get(session.db, release.employee_id)
    default_to = release.recipient_name
    if sealed:  # the envelope is given to the employee, who takes it to UWV
        default_to = employee.display_name if employee is not None else ""
    handover = _handover(session, f, method, handed_on, handed_to, note, default_to=default_to, by=by)
    f.done()
    if release.medical and _is_employer(session, employee, handover.handed_to):  # type: ignore[union-attr]
        raise PermissionDenied("Medische gegevens gaan nooit via de werkgever; leg vast wie het werkelijk "
                               "ontving (de ontvanger zelf, of de werknemer in een gesloten envelop).",
                               detail=f"release {release_id}: medical release handed to the employer")
    found = handover_problems(release, _consent(session, release), handed_on=handover.handed_on,  # type: ignore[union-attr]
                              today=session.today(), decided_on=_local_day(release.decided_at),
                              recent=consents.recent_months(session), note=handover.note)  # type: ignore[union-attr]
    if "state" in found:
        raise PermissionDenied(found["state"], detail=f"release {release_id} is {release.state}")
    if found:
        raise ValidationErrors(found)
    if sealed and handover.method is not Method.TO_EMPLOYEE:  # type: ignore[union-attr]
        raise ValidationError("method", "Manier: de verzegelde medische informatie voor de verzekeringsarts van "
                                        "UWV gaat via de werknemer, in een gesloten envelop; kies 'meegegeven "
                                        "aan de werknemer'.")
    if sealed and not _names_employee(employee, handover.handed_to):  # type: ignore[union-attr]
        raise ValidationError("handed_to", "Meegegeven aan: de gesloten envelop gaat alleen mee met de werknemer "
                                           "zelf, nooit met de werkgever of een leidinggevende. Laat het veld leeg "
                                           "of vul de naam van de werknemer in.")
    with session.db.transaction():
        store.record_handover(session.db, release_id, handover, session.user.id)  # type: ignore[arg-type]
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=release.employee_id, data=f"verstrekt {handover.method.label}")  # type: ignore[union-attr]
    return _get(session, release_id)


def _employer_handover(session: Session, employee_id: int, method: str, handed_on: str, handed_to: str,
                       note: str):
    """The employee and the checked hand-over of a functional document to their employer."""
    employee = employees.open_dossier(session, employee_id)
    f = Fields()
    handover = _handover(session, f, method, handed_on, handed_to, note, default_to=employee.employer_name,
                         by=session.user)
    f.done()
    if handover.handed_on > session.today():  # type: ignore[union-attr]
        raise ValidationError("handed_on", "Verstrekt op: ligt in de toekomst.")
    return employee, handover


def _employer_and_employee(session: Session, employee, handover: Handover, *, what: str, copy_what: str,
                           approved_by: int | None, feedback_id: int | None = None) -> tuple[int, int]:
    """Log the document handed to the employer and the same to the employee (in the caller's
    transaction), both with how, when and by whom (the user)."""
    first = store.insert_feedback_release(session.db, NewFeedbackRelease(
        employee.id, employee.employer_name, "employer", what, "verzuimbegeleiding", session.user.id,
        approved_by, handover, None, feedback_id))
    to_employee = Handover(handover.method, handover.handed_on, session.user.id, employee.display_name,
                           handover.note)
    second = store.insert_feedback_release(session.db, NewFeedbackRelease(
        employee.id, employee.display_name, "employee", copy_what, "verzuimbegeleiding", session.user.id,
        approved_by, to_employee, first))
    return first, second


@requires(Permission.PRACTICE_WRITE)
def release_feedback_to_employer(session: Session, feedback_id: int, method: str, *, handed_on: str = "",
                                 handed_to: str = "", note: str = "") -> tuple[Release, Release]:
    """Approved functional feedback to the employer, and the same document to the employee, logged
    both, with how, when and by whom (the user) it was handed over."""
    fb = activities.get_feedback(session, feedback_id)
    feedback_rules.require_approved(fb)
    restrictions.require_not_restricted(session, fb.employee_id)
    employee, handover = _employer_handover(session, fb.employee_id, method, handed_on, handed_to, note)
    what = f"Terugkoppeling van {nl_date(fb.assessed_on)} (functioneel)"
    with session.db.transaction():
        earlier = store.feedback_handed_on(session.db, fb.id)
        if earlier is not None:  # a second press records no second hand-over
            raise ValidationError("feedback", f"Deze terugkoppeling is al aan de werkgever verstrekt op "
                                              f"{nl_date(earlier)}.")
        first, second = _employer_and_employee(session, employee, handover, what=what, copy_what=what,
                                               approved_by=fb.approved_by, feedback_id=fb.id)
        session.record(Action.RELEASE, object_type="release", object_id=first, employee_id=fb.employee_id,
                       data="terugkoppeling aan werkgever, afschrift aan werknemer")
    return _get(session, first), _get(session, second)


@requires(Permission.PRACTICE_WRITE)
def release_uwv_document_to_employer(session: Session, document_id: int, method: str, *, handed_on: str = "",
                                     handed_to: str = "", note: str = "") -> tuple[Release, Release]:
    """An approved problem analysis or current assessment (``services.uwv_documents``) to the
    employer, its functional part only, and the whole document to the employee: logged both."""
    from desktop_app.domain import uwv_documents as uwv_rules
    from desktop_app.storage import uwv_documents as uwv_store

    document = uwv_store.get(session.db, document_id)
    if document is None:
        raise NotFound(detail=f"uwv document {document_id}")
    uwv_rules.require_approved(document)
    restrictions.require_not_restricted(session, document.employee_id)
    employee, handover = _employer_handover(session, document.employee_id, method, handed_on, handed_to, note)
    on = nl_date(document.assessed_on)
    what = f"{document.kind.label} van {on} (functioneel)"
    copy_what = (f"{document.kind.label} van {on} (volledig: functioneel en medisch deel)"
                 if document.kind is uwv_rules.UwvKind.PROBLEM_ANALYSIS else what)
    with session.db.transaction():
        if uwv_store.get(session.db, document_id).handed_release_id is not None:  # type: ignore[union-attr]
            raise ValidationError("document", "Dit document is al aan de werkgever verstrekt.")
        first, second = _employer_and_employee(session, employee, handover, what=what, copy_what=copy_what,
                                               approved_by=document.approved_by)
        uwv_store.set_handed(session.db, document_id, first)
        session.record(Action.RELEASE, object_type="release", object_id=first, employee_id=document.employee_id,
                       data=f"{document.kind.label.lower()} aan werkgever, volledig aan werknemer")
    return _get(session, first), _get(session, second)


# --- the access-log extract -----------------------------------------------------------------------


@requires(Permission.CONSENT_WORDING)
def log_lines(session: Session, employee_id: int) -> list[tuple[str, str, str, str]]:
    """For the access-log extract, every release handed over, oldest first: (date, what and on
    what ground, to whom, how and by whom)."""
    out = []
    released = [r for r in store.for_employee(session.db, employee_id) if r.state is ReleaseState.RELEASED]
    released.sort(key=lambda r: (r.handed_over_on or _local_day(r.released_at) or date.min, r.id))
    for r in released:
        day = r.handed_over_on or _local_day(r.released_at)
        basis = ground(r, _consent(session, r))
        what = r.what + (f" — op grond van {basis}" if basis and r.medical else "")
        who = r.recipient_name + (" (afschrift werknemer)" if r.copy_of else "")
        if r.handed_to and r.handed_to != r.recipient_name:
            who += f", ontvangen door {r.handed_to}"
        how = r.method_label + (f", door {r.handed_over_by_name}" if r.handed_over_by_name else "")
        out.append((f"{nl_date(day)}" if day else "", what, who, how))
    return out


@requires(Permission.CONSENT_WORDING)
def decider_name(session: Session, release: Release) -> str:
    return release.decided_by_name
