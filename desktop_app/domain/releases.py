"""Information leaving the practice, as data, and the rules that need no storage.

- A release on consent names the consent; one under a legal duty names its legal basis (chosen
  from ``LegalBasis``, each with its article) instead. Both are reviewed by a physician before
  they are handed over.
- Who decides (``decision_right``): the physician the consent (or the legal-duty request) is
  addressed to; the supervising physician (kerndeskundige) only when that physician is absent on
  the day of the decision, or when the case was referred to the supervisor. A referred case is the
  supervisor's alone.
- A hand-over (``Handover``) records how, when, by whom and to whom. A consent revoked on or
  before the day of the hand-over stops it (``handover_problems``), however long ago the release
  was approved.

The services record and read releases (``services.releases``); the storage is
``storage.releases``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.consents import Consent, time_problems
from desktop_app.domain.dates import nl_date
from desktop_app.domain.requests import RECIPIENT_ROLES


class ReleaseState(StrEnum):
    REQUESTED = "requested"
    REFERRED = "referred"
    APPROVED = "approved"
    REFUSED = "refused"
    RELEASED = "released"

    @property
    def label(self) -> str:
        return {"requested": "wacht op beoordeling", "referred": "voorgelegd aan kerndeskundige",
                "approved": "goedgekeurd, nog niet verstrekt", "refused": "geweigerd",
                "released": "verstrekt"}[self.value]

    @property
    def undecided(self) -> bool:
        return self in (ReleaseState.REQUESTED, ReleaseState.REFERRED)


class Method(StrEnum):
    """How a release left the practice."""

    HANDED = "handed"
    TO_EMPLOYEE = "to_employee"
    POST = "post"
    REGISTERED_POST = "registered_post"
    SECURE_MAIL = "secure_mail"
    EMAIL_PROTECTED = "email_protected"
    PORTAL = "portal"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return METHODS[self.value]


METHODS = {
    "handed": "persoonlijk overhandigd",
    "to_employee": "meegegeven aan de werknemer",
    "post": "per post",
    "registered_post": "aangetekend per post",
    "secure_mail": "per beveiligde e-mail",
    "email_protected": "per e-mail, PDF met wachtwoord",
    "portal": "via een beveiligd portaal",
    "phone": "telefonisch (mondeling)",
}


class LegalBasis(StrEnum):
    """Releases the law asks for without the employee's consent (DESIGN.md §5)."""

    UWV_WIA = "uwv_wia"
    UWV_ZW = "uwv_zw"
    NCVB = "ncvb"

    @property
    def label(self) -> str:
        return {
            "uwv_wia": "Informatie aan de verzekeringsarts van UWV, op diens verzoek (WIA)",
            "uwv_zw": "Informatie aan de verzekeringsarts van UWV, op diens verzoek (Ziektewet)",
            "ncvb": "Melding van een beroepsziekte aan het NCvB",
        }[self.value]

    @property
    def article(self) -> str:
        return {
            "uwv_wia": "Wet SUWI art. 54 lid 3; BW art. 7:457 lid 1",
            "uwv_zw": "Wet SUWI art. 54 lid 3; BW art. 7:457 lid 1",
            "ncvb": "Arbowet art. 9 lid 3",
        }[self.value]

    @property
    def recipient(self) -> str:
        """The recipient a practice writes when nothing more precise is known."""
        return {"uwv_wia": "Verzekeringsarts UWV", "uwv_zw": "Verzekeringsarts UWV",
                "ncvb": "Nederlands Centrum voor Beroepsziekten (NCvB)"}[self.value]

    @property
    def recipient_role(self) -> str:
        return "ncvb" if self is LegalBasis.NCVB else "insurance_physician"

    @property
    def what(self) -> str:
        return {"uwv_wia": "", "uwv_zw": "", "ncvb": "Melding beroepsziekte"}[self.value]

    @property
    def purpose(self) -> str:
        return {"uwv_wia": "Beoordeling van de WIA-aanvraag door UWV",
                "uwv_zw": "Beoordeling in het kader van de Ziektewet door UWV",
                "ncvb": "Registratie van beroepsziekten"}[self.value]


ROLE_LABELS = {**RECIPIENT_ROLES, "ncvb": "NCvB"}


class DecidedAs(StrEnum):
    """On what footing a physician decided."""

    ADDRESSED = "addressed"
    SUPERVISOR_ABSENT = "supervisor_absent"
    SUPERVISOR_REFERRED = "supervisor_referred"

    @property
    def label(self) -> str:
        return {"addressed": "als arts aan wie het verzoek is gericht",
                "supervisor_absent": "als kerndeskundige, namens de afwezige arts",
                "supervisor_referred": "als kerndeskundige, na voorleggen"}[self.value]

    @property
    def audit_text(self) -> str:
        """The decision as the audit trail (and so the employee's extract) names it."""
        return {"addressed": "verstrekking goedgekeurd",
                "supervisor_absent": "verstrekking goedgekeurd door de kerndeskundige (arts afwezig)",
                "supervisor_referred": "verstrekking goedgekeurd door de kerndeskundige (voorgelegd)"}[self.value]


class DecisionRight(StrEnum):
    """Whether a user may decide on a release, and why (not)."""

    ADDRESSED = "addressed"
    SUPERVISOR_ABSENT = "supervisor_absent"
    SUPERVISOR_REFERRED = "supervisor_referred"
    REFERRED_ELSEWHERE = "referred_elsewhere"  # referred: only the supervisor decides now
    NOT_ADDRESSED = "not_addressed"  # another physician's release, who is present
    NEEDS_SUPERVISOR = "needs_supervisor"  # the addressed physician is absent: a supervisor decides

    @property
    def may_decide(self) -> bool:
        return self in (DecisionRight.ADDRESSED, DecisionRight.SUPERVISOR_ABSENT,
                        DecisionRight.SUPERVISOR_REFERRED)

    @property
    def decided_as(self) -> DecidedAs:
        return DecidedAs(self.value)


def decision_right(*, user_id: int, is_supervisor: bool, addressed_id: int | None, referred: bool,
                   addressed_absent: bool) -> DecisionRight:
    """The rule of DESIGN.md §5: the addressed physician, or the supervisor when that one is absent
    or the case was referred. A release addressed to no one (older records) counts as addressed
    to an absent physician: only a supervisor decides it."""
    if referred:
        return DecisionRight.SUPERVISOR_REFERRED if is_supervisor else DecisionRight.REFERRED_ELSEWHERE
    if addressed_id is not None and user_id == addressed_id:
        return DecisionRight.ADDRESSED
    if addressed_id is None or addressed_absent:
        return DecisionRight.SUPERVISOR_ABSENT if is_supervisor else DecisionRight.NEEDS_SUPERVISOR
    return DecisionRight.NOT_ADDRESSED


@dataclass(frozen=True)
class Handover:
    """How, when, by whom and to whom a release was handed over."""

    method: Method
    handed_on: date
    handed_by: int
    handed_to: str
    note: str = ""


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
    state: ReleaseState
    requested_by: int
    requested_at: str
    decided_by: int | None
    decided_at: str | None
    refusal_ground: int | None
    decision_note: str
    method: str | None
    released_at: str | None  # when the hand-over was recorded (UTC)
    copy_of: int | None
    physician_id: int | None = None  # the physician the request is addressed to
    legal_basis: LegalBasis | None = None
    decided_as: DecidedAs | None = None
    handed_over_on: date | None = None
    handed_over_by: int | None = None
    handed_to: str = ""
    handover_note: str = ""
    attachment_id: int | None = None  # a document in the medical section
    physician_name: str = ""
    decided_by_name: str = ""
    handed_over_by_name: str = ""

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.recipient_role, self.recipient_role)

    @property
    def method_label(self) -> str:
        return METHODS.get(self.method or "", "")


@dataclass(frozen=True)
class ReleaseLine:
    """A release as the list shows it, with what the core says about it for the user asking."""

    release: Release
    status: str
    ground: str  # "toestemming van dd-mm-jjjj" or the legal basis with its article
    may_decide: bool
    may_refer: bool
    may_hand_over: bool


def stop_reason(release: Release, consent: Consent | None, *, on: date) -> str:
    """Why an approved (or undecided) release on consent cannot be handed over on ``on``."""
    if consent is None or release.state in (ReleaseState.REFUSED, ReleaseState.RELEASED):
        return ""
    if consent.revoked_on is not None and consent.revoked_on <= on:
        return f"gestopt: toestemming ingetrokken op {nl_date(consent.revoked_on)}"
    return ""


def status(release: Release, consent: Consent | None, *, today: date, recent: int) -> str:
    """The release's status in words, for the list (a revoked consent shows as a stop)."""
    stopped = stop_reason(release, consent, on=today)
    if stopped:
        return stopped
    if release.state is ReleaseState.APPROVED and consent is not None and \
            time_problems(consent, on=today, recent=recent):
        return "goedgekeurd, maar de toestemming dekt geen verstrekking meer"
    return release.state.label


def ground(release: Release, consent: Consent | None) -> str:
    if release.legal_basis is not None:
        return f"wettelijke plicht ({release.legal_basis.article})"
    if consent is not None:
        return f"toestemming van {nl_date(consent.given_on)}"
    if release.recipient_role in ("employer", "employee"):
        return "functionele terugkoppeling"
    return ""


def handover_problems(release: Release, consent: Consent | None, *, handed_on: date, today: date,
                      decided_on: date | None, recent: int, note: str = "") -> dict[str, str]:
    """Field → why this hand-over cannot be recorded. Checked at hand-over time, whatever was true
    at approval: a consent revoked on or before the day of the hand-over stops it."""
    out: dict[str, str] = {}
    if release.state is ReleaseState.RELEASED:
        out["state"] = "Deze verstrekking is al vastgelegd als verstrekt."
    elif release.state is not ReleaseState.APPROVED:
        out["state"] = "Er is nog geen goedkeuring van een bedrijfsarts voor deze verstrekking."
    if handed_on > today:
        out["handed_on"] = "Verstrekt op: ligt in de toekomst."
    elif decided_on is not None and handed_on < decided_on:
        out["handed_on"] = (f"Verstrekt op: ligt vóór de goedkeuring ({nl_date(decided_on)}); "
                            "er gaat niets weg vóór een bedrijfsarts het heeft goedgekeurd.")
    if consent is not None and "handed_on" not in out and consent.revoked_on is not None and \
            handed_on < consent.revoked_on <= today and not note.strip():
        # Recorded after the revocation, dated before it: a date alone must not undo it.
        out["note"] = (f"Toelichting: de toestemming is ingetrokken op {nl_date(consent.revoked_on)}. Een "
                       "verstrekking die daarna wordt vastgelegd met een eerdere datum, vraagt een toelichting "
                       "(hoe en wanneer het werkelijk verstrekt is). Is het na de intrekking verstrekt, meld "
                       "dat dan als datalek.")
    if consent is not None and "handed_on" not in out:
        reasons = time_problems(consent, on=handed_on, recent=recent)
        if reasons:
            out["consent_id"] = ("Deze verstrekking kan niet meer plaatsvinden: " + " ".join(reasons) +
                                 " Is er toch iets verstrekt, meld dat dan als datalek.")
    return out
