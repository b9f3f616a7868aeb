"""The permission table of DESIGN.md §1: a user's role and flags against named permissions.

This is the one place that says who may do what. Every public service function declares the
permissions it needs (``desktop_app.services.authz.requires``); the client asks ``Session.may``
to decide what to show, and never works out a right itself.

Rules that depend on the object as well as on the user (the physician a consent is addressed to,
the author of a working note, a running restriction) are checked inside the service, after the
table has let the call through.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.roles import Role


class Permission(StrEnum):
    PRACTICE_READ = "practice_read"
    PRACTICE_WRITE = "practice_write"
    MEDICAL_READ = "medical_read"
    MEDICAL_WRITE = "medical_write"
    # The physician's own medical work: consultation, problem analysis, FML, diagnosis,
    # corrections of the record, exposures, privacy marks, personal working notes.
    MEDICAL_CLINICAL = "medical_clinical"
    # The wording of consents and releases names medical data: medical staff only.
    CONSENT_WORDING = "consent_wording"
    # The whole audit trail is for physicians.
    AUDIT_READ = "audit_read"
    # The employee's own access-log extract (who saw what of their dossier).
    ACCESS_LOG_EXTRACT = "access_log_extract"
    RELEASE_APPROVE = "release_approve"
    # Approving when the addressed physician is absent, or for a referred case.
    RELEASE_APPROVE_AS_SUPERVISOR = "release_approve_as_supervisor"
    COPY_SIGN_OFF = "copy_sign_off"
    DESTROY = "destroy"  # destroying and anonymising, on request or after retention
    # Lifting a restriction of processing (AVG art. 18) once the dispute behind it is settled.
    RESTRICTION_LIFT = "restriction_lift"
    # Deciding on the employee's objection (AVG art. 21): honour it or refuse it with reasons.
    REQUEST_DECIDE = "request_decide"
    # The complaint register: registering and following up complaints (medical staff).
    COMPLAINTS = "complaints"
    # The data-breach register (AVG art. 33): physicians record and follow up breaches.
    BREACH_REGISTER = "breach_register"
    USERS_MANAGE = "users_manage"
    BACKUP = "backup"
    SETTINGS = "settings"
    OWN_ACCOUNT = "own_account"  # one's own password and passphrase
    # The practice's bookkeeping: the overview of billable work per employer (docs/decisions/0011).
    BILLING = "billing"


LABELS: dict[Permission, str] = {
    Permission.PRACTICE_READ: "het inzien van dossiers",
    Permission.PRACTICE_WRITE: "het wijzigen van dossiers",
    Permission.MEDICAL_READ: "het inzien van het medische deel",
    Permission.MEDICAL_WRITE: "het vastleggen in het medische deel",
    Permission.MEDICAL_CLINICAL: ("het vastleggen van spreekuur, probleemanalyse, FML, diagnose, "
                                  "correcties en werkaantekeningen"),
    Permission.CONSENT_WORDING: "het inzien en vastleggen van toestemmingen en verstrekkingen",
    Permission.AUDIT_READ: "het inzien van het logboek",
    Permission.ACCESS_LOG_EXTRACT: "het maken van een overzicht van inzage voor de werknemer",
    Permission.RELEASE_APPROVE: "het goedkeuren van een verstrekking",
    Permission.RELEASE_APPROVE_AS_SUPERVISOR: "het goedkeuren als kerndeskundige",
    Permission.COPY_SIGN_OFF: "het aftekenen van een afschrift",
    Permission.DESTROY: "het vernietigen of anonimiseren van gegevens",
    Permission.RESTRICTION_LIFT: "het opheffen van een beperking van de verwerking",
    Permission.REQUEST_DECIDE: "het beslissen over een bezwaar van de werknemer",
    Permission.COMPLAINTS: "het vastleggen en afhandelen van klachten",
    Permission.BREACH_REGISTER: "het vastleggen van datalekken",
    Permission.USERS_MANAGE: "het beheren van gebruikers",
    Permission.BACKUP: "het maken van een back-up",
    Permission.SETTINGS: "het wijzigen van de instellingen",
    Permission.OWN_ACCOUNT: "het wijzigen van uw eigen wachtwoord",
    Permission.BILLING: "het overzicht van declarabele uren",
}

_EVERYONE = frozenset({Permission.PRACTICE_READ, Permission.PRACTICE_WRITE, Permission.OWN_ACCOUNT})
_MEDICAL_STAFF = _EVERYONE | {
    Permission.MEDICAL_READ, Permission.MEDICAL_WRITE, Permission.CONSENT_WORDING,
    Permission.ACCESS_LOG_EXTRACT, Permission.BACKUP,
    Permission.COMPLAINTS,
}
_PHYSICIAN = _MEDICAL_STAFF | {
    Permission.MEDICAL_CLINICAL, Permission.AUDIT_READ, Permission.RELEASE_APPROVE, Permission.COPY_SIGN_OFF,
    Permission.DESTROY, Permission.RESTRICTION_LIFT,
    Permission.REQUEST_DECIDE, Permission.BREACH_REGISTER,
}
# The practice's own administration, done by the back office and the physicians; not by a case
# manager, who may be the employer's own HR adviser (docs/decisions/0011).
_PRACTICE_ADMIN = frozenset({Permission.BILLING})
_SUPERVISOR_EXTRA = frozenset({Permission.RELEASE_APPROVE_AS_SUPERVISOR})
_ADMIN_EXTRA = frozenset({Permission.USERS_MANAGE, Permission.SETTINGS})


@dataclass(frozen=True)
class Standing:
    """What the table needs to know of a user: role, flags, and a secrecy statement in force."""

    role: Role
    is_supervisor: bool = False
    is_admin: bool = False
    secrecy_on_file: bool = False


def permissions_for(standing: Standing) -> frozenset[Permission]:
    """The table itself. Flags only count for the role they belong to."""
    if standing.role is Role.PHYSICIAN:
        out = _PHYSICIAN | _PRACTICE_ADMIN
        if standing.is_supervisor:
            out = out | _SUPERVISOR_EXTRA
        if standing.is_admin:
            out = out | _ADMIN_EXTRA
        return out
    if standing.role is Role.ASSISTANT:
        return (_MEDICAL_STAFF if standing.secrecy_on_file else _EVERYONE) | _PRACTICE_ADMIN
    return _EVERYONE


def refusal_message(missing: Permission) -> str:
    """The Dutch message for a refused call: what was refused, and why in terms of the role."""
    if missing in (Permission.MEDICAL_READ, Permission.MEDICAL_WRITE, Permission.CONSENT_WORDING,
                   Permission.ACCESS_LOG_EXTRACT, Permission.COMPLAINTS):
        return (f"U hebt geen toegang tot {LABELS[missing]}: dat is voorbehouden aan de "
                "bedrijfsarts en aan een assistent met een vastgelegde geheimhoudingsverklaring.")
    if missing in (Permission.USERS_MANAGE, Permission.SETTINGS):
        return f"Alleen een bedrijfsarts met beheerrechten mag {LABELS[missing]} doen."
    if missing is Permission.RELEASE_APPROVE_AS_SUPERVISOR:
        return ("Alleen de kerndeskundige (supervisor) beslist over een verstrekking die aan hem of "
                "haar is voorgelegd, of namens een afwezige arts.")
    if missing is Permission.BILLING:
        return ("Het overzicht van declarabele uren is voor de administratie van de praktijk: de "
                "bedrijfsarts en de assistent.")
    if missing is Permission.BACKUP:
        return ("Een back-up bevat het medische deel; alleen medisch personeel mag er een "
                "maken.")
    return f"Alleen een bedrijfsarts mag {LABELS[missing]} doen."
