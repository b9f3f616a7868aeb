"""The employee's targeted consent as data, and the rule that says whether it can back a release.

Addressed to the physician, naming recipient, data and purpose, signed (on screen or on a scanned
paper form), recently dated; revocable. The services record and read consents
(``services.consents``); this module holds what needs no storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.dates import nl_date
from desktop_app.domain.requests import RECIPIENT_ROLES, add_months

RECENT_MONTHS_DEFAULT = 3


class ConsentStatus(StrEnum):
    """What a consent is worth today. The client shows it; it never works it out itself."""

    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_RECENT = "not_recent"
    UNSIGNED = "unsigned"

    @property
    def label(self) -> str:
        return {"valid": "geldig", "revoked": "ingetrokken", "expired": "verlopen",
                "not_recent": "niet recent genoeg", "unsigned": "niet ondertekend"}[self.value]

    @property
    def usable(self) -> bool:
        return self is ConsentStatus.VALID


@dataclass(frozen=True)
class Consent:
    id: int
    employee_id: int
    physician_id: int
    recipient_name: str
    recipient_organisation: str
    recipient_role: str
    data_scope: str
    entry_ids: tuple[int, ...]
    purpose: str
    given_on: date
    valid_until: date
    has_signature: bool
    has_signed_form: bool
    recorded_by: int
    revoked_on: date | None

    @property
    def role_label(self) -> str:
        return RECIPIENT_ROLES.get(self.recipient_role, self.recipient_role)


@dataclass
class ConsentForm:
    physician: str = ""  # username of the physician the consent is addressed to
    recipient_name: str = ""
    recipient_organisation: str = ""
    recipient_role: str = "treating_physician"
    data_scope: str = ""
    purpose: str = ""
    given_on: str = ""
    valid_until: str = ""


@dataclass(frozen=True)
class ConsentLine:
    """A consent as the list shows it: the consent, its status on the day asked, and the name of
    the physician it is addressed to."""

    consent: Consent
    status: ConsentStatus
    physician_name: str


def is_revoked(consent: Consent, on: date) -> bool:
    """A revocation counts from its own day: what is released on or after it is not covered."""
    return consent.revoked_on is not None and consent.revoked_on <= on


def is_recent(consent: Consent, on: date, recent: int) -> bool:
    return add_months(consent.given_on, recent) >= on


def status(consent: Consent, *, today: date, recent: int) -> ConsentStatus:
    """The one rule for a consent's status (revoked before expired before not recent)."""
    if is_revoked(consent, today):
        return ConsentStatus.REVOKED
    if consent.valid_until < today:
        return ConsentStatus.EXPIRED
    if not is_recent(consent, today, recent):
        return ConsentStatus.NOT_RECENT
    if not consent.has_signature and not consent.has_signed_form:
        return ConsentStatus.UNSIGNED
    return ConsentStatus.VALID


def time_problems(consent: Consent, *, on: date, recent: int) -> list[str]:
    """Why this consent does not cover a release on day ``on`` (revoked, expired, too old)."""
    out = []
    if is_revoked(consent, on):
        out.append(f"De toestemming is ingetrokken op {nl_date(consent.revoked_on)}.")
    if consent.valid_until < on:
        out.append(f"De toestemming was geldig tot {nl_date(consent.valid_until)}.")
    if not is_recent(consent, on, recent):
        out.append(f"De toestemming is ouder dan {recent} maanden (getekend {nl_date(consent.given_on)}); "
                   "vraag een nieuwe, recent gedateerde toestemming.")
    return out


def scope_problems(consent: Consent, entry_ids: list[int] | None) -> list[str]:
    """Why the entries asked for are not covered. A consent for chosen entries binds the request
    to those entries: asking without naming any is asking for the whole dossier, which it does
    not cover."""
    if not consent.entry_ids:
        return []
    if not entry_ids:
        return ["De toestemming dekt alleen bepaalde verslagen; noem welke verslagen worden verstrekt."]
    if not set(entry_ids) <= set(consent.entry_ids):
        return ["Er wordt meer gevraagd dan de toestemming dekt."]
    return []


def standing_problems(consent: Consent, *, recipient_role: str, recipient_name: str, today: date,
                      recent: int) -> list[str]:
    """Why this consent no longer backs a release already asked for (its scope was bound when
    the release was asked): time, recipient, signature."""
    out = time_problems(consent, on=today, recent=recent)
    if consent.recipient_role != recipient_role or \
            consent.recipient_name.strip().casefold() != recipient_name.strip().casefold():
        out.append("De toestemming noemt een andere ontvanger.")
    if not consent.has_signature and not consent.has_signed_form:
        out.append("De toestemming is niet ondertekend.")
    return out


def problems(consent: Consent, *, recipient_role: str, recipient_name: str, entry_ids: list[int] | None,
             today: date, recent: int) -> list[str]:
    """Why this consent cannot back a release of ``entry_ids`` (None: no entries named, so the
    whole dossier) now; empty when it can."""
    out = time_problems(consent, on=today, recent=recent)
    if consent.recipient_role != recipient_role or \
            consent.recipient_name.strip().casefold() != recipient_name.strip().casefold():
        out.append("De toestemming noemt een andere ontvanger.")
    out.extend(scope_problems(consent, entry_ids))
    if not consent.has_signature and not consent.has_signed_form:
        out.append("De toestemming is niet ondertekend.")
    return out
