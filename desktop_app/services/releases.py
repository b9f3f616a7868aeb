"""Information leaving the practice, and the release log.

- Medical information goes to anyone but the employee only with a valid, recent consent covering
  that recipient and that data, and a physician's approval recorded before the document can be
  produced. Refusal names one of the three grounds; an unusual case goes to the supervising
  physician, who then decides.
- To the employer only approved functional feedback goes, and each time a copy to the employee is
  logged with it.
- A restricted dossier is not released.

The wording of a release names medical data (``Permission.CONSENT_WORDING``): a case manager reads,
requests and hands over none. Deciding needs ``RELEASE_APPROVE``; a referred release only the
supervising physician decides (``RELEASE_APPROVE_AS_SUPERVISOR``, checked inside ``_decide``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from desktop_app.audit import Action
from desktop_app.domain import feedback as feedback_rules
from desktop_app.domain import validation
from desktop_app.domain.consents import problems
from desktop_app.domain.permissions import Permission
from desktop_app.domain.requests import RECIPIENT_ROLES, REFUSAL_GROUNDS
from desktop_app.errors import NotFound, PermissionDenied, ValidationError
from desktop_app.services import activities, authz, consents, employees, restrictions, users_store
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage.rows import now

METHODS = {"handed": "persoonlijk overhandigd", "post": "per post",
           "email_protected": "per e-mail, PDF met wachtwoord"}


@dataclass(frozen=True)
class Release:
    id: int
    employee_id: int
    consent_id: int | None
    recipient_name: str
    recipient_role: str
    what: str
    purpose: str
    medical: bool
    state: str
    requested_by: int
    requested_at: str
    decided_by: int | None
    decided_at: str | None
    refusal_ground: int | None
    decision_note: str
    method: str | None
    released_at: str | None
    copy_of: int | None

    @property
    def state_label(self) -> str:
        return {"requested": "wacht op beoordeling", "referred": "voorgelegd aan kerndeskundige",
                "approved": "goedgekeurd", "refused": "geweigerd", "released": "verstrekt"}[self.state]


_COLS = ("id, employee_id, consent_id, recipient_name, recipient_role, what, purpose, medical, state, "
         "requested_by, requested_at, decided_by, decided_at, refusal_ground, decision_note, method, "
         "released_at, copy_of")


@requires(Permission.CONSENT_WORDING)
def get(session: Session, release_id: int) -> Release:
    r = session.db.one(f"SELECT {_COLS} FROM releases WHERE id = ?", (release_id,))
    if r is None:
        raise NotFound(detail=f"release {release_id}")
    return Release(*r[:7], bool(r[7]), *r[8:])


@requires(Permission.CONSENT_WORDING)
def log_for(session: Session, employee_id: int) -> list[Release]:
    return [Release(*r[:7], bool(r[7]), *r[8:]) for r in session.db.query(
        f"SELECT {_COLS} FROM releases WHERE employee_id = ? ORDER BY id", (employee_id,))]


@requires(Permission.CONSENT_WORDING)
def pending(session: Session) -> list[Release]:
    """Releases waiting for a physician (referred ones only for a supervising physician)."""
    supervisor = session.may(Permission.RELEASE_APPROVE_AS_SUPERVISOR)
    states = ("requested", "referred") if supervisor else ("requested",)
    rows = session.db.query(f"SELECT {_COLS} FROM releases WHERE state IN ({','.join('?' * len(states))}) "
                            "ORDER BY id", states)
    return [Release(*r[:7], bool(r[7]), *r[8:]) for r in rows]


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def request_release(session: Session, employee_id: int, consent_id: int, *, recipient_name: str,
                    recipient_role: str, what: str, purpose: str, entry_ids: list[int] | None = None) -> Release:
    """Ask to release medical information; checked against the consent before anyone decides."""
    employees.open_dossier(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    if recipient_role == "employer":
        raise PermissionDenied("Aan de werkgever gaan geen medische gegevens; alleen een goedgekeurde "
                               "functionele terugkoppeling.", detail="medical release to employer")
    if recipient_role not in RECIPIENT_ROLES:
        raise ValidationError("recipient_role", "Hoedanigheid: kies uit de lijst.")
    what = validation.text(what, "what", label="Welke gegevens", required=True, max_length=2000, multiline=True)
    consent = consents.get(session, consent_id)
    if consent.employee_id != employee_id:
        raise ValidationError("consent_id", "Toestemming: hoort niet bij deze werknemer.")
    reasons = problems(consent, recipient_role=recipient_role, recipient_name=recipient_name,
                       entry_ids=entry_ids, today=session.today(), recent=consents.recent_months(session))
    if reasons:
        raise ValidationError("consent_id", "Deze toestemming is niet bruikbaar: " + " ".join(reasons))
    with session.db.transaction():
        cur = session.db.execute(
            "INSERT INTO releases (employee_id, consent_id, recipient_name, recipient_role, what, purpose, "
            "medical, state, requested_by, requested_at, decision_note) VALUES (?, ?, ?, ?, ?, ?, 1, 'requested', ?, ?, ?)",
            (employee_id, consent_id, recipient_name, recipient_role, what, purpose, session.user.id, now(),
             json.dumps({"entry_ids": entry_ids or []})))
        session.record(Action.RELEASE, object_type="release", object_id=cur.lastrowid, employee_id=employee_id,
                       data=f"verzoek tot verstrekking aan {RECIPIENT_ROLES[recipient_role]}")
    return get(session, cur.lastrowid)


def _decide(session: Session, release: Release, name: str) -> None:
    """The rules that depend on the release, after the table has let a physician through.

    This is the seam for who decides (issue 13: the physician the consent is addressed to, or the
    supervising physician when that one is absent or the case is referred). Today a referred
    release is the supervisor's alone; a refusal on those terms is audited like any other.
    """
    if release.state == "referred":
        authz.check(session, name, [Permission.RELEASE_APPROVE_AS_SUPERVISOR],
                    employee_id=release.employee_id)
    if release.state not in ("requested", "referred"):
        raise ValidationError("state", "Over deze verstrekking is al beslist.")


@requires(Permission.RELEASE_APPROVE, Permission.CONSENT_WORDING)
def approve(session: Session, release_id: int, note: str = "") -> Release:
    release = get(session, release_id)
    _decide(session, release, "releases.approve")
    restrictions.require_not_restricted(session, release.employee_id)
    consent = consents.get(session, release.consent_id) if release.consent_id else None
    if consent is not None:
        reasons = problems(consent, recipient_role=release.recipient_role,
                           recipient_name=release.recipient_name, entry_ids=None,
                           today=session.today(), recent=consents.recent_months(session))
        if reasons:
            raise ValidationError("consent_id", "Deze toestemming is niet meer bruikbaar: " + " ".join(reasons))
    with session.db.transaction():
        session.db.execute("UPDATE releases SET state = 'approved', decided_by = ?, decided_at = ? WHERE id = ?",
                           (session.user.id, now(), release_id))
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=release.employee_id, data="verstrekking goedgekeurd")
    return get(session, release_id)


@requires(Permission.RELEASE_APPROVE, Permission.CONSENT_WORDING)
def refuse(session: Session, release_id: int, ground: int, note: str = "") -> Release:
    release = get(session, release_id)
    _decide(session, release, "releases.refuse")
    if ground not in REFUSAL_GROUNDS:
        raise ValidationError("refusal_ground", "Weigeringsgrond: kies een van de drie gronden.")
    note = validation.text(note, "decision_note", label="Toelichting", max_length=2000, multiline=True)
    with session.db.transaction():
        session.db.execute("UPDATE releases SET state = 'refused', decided_by = ?, decided_at = ?, "
                           "refusal_ground = ?, decision_note = ? WHERE id = ?",
                           (session.user.id, now(), ground, note, release_id))
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=release.employee_id, data=f"verstrekking geweigerd (grond {ground})")
    return get(session, release_id)


@requires(Permission.RELEASE_APPROVE, Permission.CONSENT_WORDING)
def refer_to_supervisor(session: Session, release_id: int, note: str) -> Release:
    release = get(session, release_id)
    _decide(session, release, "releases.refer_to_supervisor")
    note = validation.text(note, "decision_note", label="Waarom voorleggen", required=True, max_length=2000,
                           multiline=True)
    with session.db.transaction():
        session.db.execute("UPDATE releases SET state = 'referred', decision_note = ? WHERE id = ?",
                           (note, release_id))
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=release.employee_id, data="voorgelegd aan kerndeskundige")
    return get(session, release_id)


@requires(Permission.CONSENT_WORDING)
def require_approved(session: Session, release_id: int) -> Release:
    """Before a document for a release is produced."""
    release = get(session, release_id)
    if release.state not in ("approved", "released"):
        raise PermissionDenied("Er is nog geen goedkeuring van een bedrijfsarts voor deze verstrekking.",
                               detail="release not approved")
    restrictions.require_not_restricted(session, release.employee_id)
    return release


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def mark_released(session: Session, release_id: int, method: str) -> Release:
    release = require_approved(session, release_id)
    if method not in METHODS:
        raise ValidationError("method", "Hoe verstrekt: kies overhandigd, post of e-mail met wachtwoord.")
    with session.db.transaction():
        session.db.execute("UPDATE releases SET state = 'released', method = ?, released_at = ? WHERE id = ?",
                           (method, now(), release_id))
        session.record(Action.RELEASE, object_type="release", object_id=release_id,
                       employee_id=release.employee_id, data=f"verstrekt {METHODS[method]}")
    return get(session, release_id)


@requires(Permission.PRACTICE_WRITE)
def release_feedback_to_employer(session: Session, feedback_id: int, method: str) -> tuple[Release, Release]:
    """Approved functional feedback to the employer, and the same document to the employee, logged both."""
    fb = activities.get_feedback(session, feedback_id)
    feedback_rules.require_approved(fb)
    restrictions.require_not_restricted(session, fb.employee_id)
    if method not in METHODS:
        raise ValidationError("method", "Hoe verstrekt: kies overhandigd, post of e-mail met wachtwoord.")
    employee = employees.open_dossier(session, fb.employee_id)
    stamp = now()
    with session.db.transaction():
        ids = []
        for recipient, role, copy_of in ((employee.employer_name, "employer", None),
                                         (employee.display_name, "employee", "first")):
            cur = session.db.execute(
                "INSERT INTO releases (employee_id, recipient_name, recipient_role, what, purpose, medical, "
                "state, requested_by, requested_at, decided_by, decided_at, method, released_at, copy_of) "
                "VALUES (?, ?, ?, ?, ?, 0, 'released', ?, ?, ?, ?, ?, ?, ?)",
                (fb.employee_id, recipient, role, f"Terugkoppeling van {fb.assessed_on:%d-%m-%Y} (functioneel)",
                 "verzuimbegeleiding", session.user.id, stamp, fb.approved_by, stamp, method, stamp,
                 ids[0] if copy_of else None))
            ids.append(cur.lastrowid)
        session.record(Action.RELEASE, object_type="release", object_id=ids[0], employee_id=fb.employee_id,
                       data="terugkoppeling aan werkgever, afschrift aan werknemer")
    return get(session, ids[0]), get(session, ids[1])


@requires(Permission.CONSENT_WORDING)
def log_lines(session: Session, employee_id: int) -> list[tuple[str, str, str, str]]:
    """For the access-log extract: (date, what, to whom, how)."""
    out = []
    for r in log_for(session, employee_id):
        if r.state != "released":
            continue
        who = r.recipient_name + (" (afschrift werknemer)" if r.copy_of else "")
        out.append((date.fromisoformat(r.released_at[:10]).strftime("%d-%m-%Y"), r.what, who,
                    METHODS.get(r.method or "", "")))
    return out


@requires(Permission.CONSENT_WORDING)
def decider_name(session: Session, release: Release) -> str:
    user = users_store.by_id(session.db, release.decided_by or 0)
    return user.display_name if user else ""
