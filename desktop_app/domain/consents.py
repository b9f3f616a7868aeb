"""The employee's targeted consent as data, and the rule that says whether it can back a release.

Addressed to the physician, naming recipient, data and purpose, signed (on screen or on a scanned
paper form), recently dated; revocable. The services record and read consents
(``services.consents``); this module holds what needs no storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.requests import RECIPIENT_ROLES, add_months

RECENT_MONTHS_DEFAULT = 3


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


def problems(consent: Consent, *, recipient_role: str, recipient_name: str, entry_ids: list[int] | None,
             today: date, recent: int) -> list[str]:
    """Why this consent cannot back a release now (empty when it can)."""
    out = []
    if consent.revoked_on is not None and consent.revoked_on <= today:
        out.append(f"De toestemming is ingetrokken op {consent.revoked_on:%d-%m-%Y}.")
    if consent.valid_until < today:
        out.append(f"De toestemming was geldig tot {consent.valid_until:%d-%m-%Y}.")
    if add_months(consent.given_on, recent) < today:
        out.append(f"De toestemming is ouder dan {recent} maanden (getekend {consent.given_on:%d-%m-%Y}); "
                   "vraag een nieuwe, recent gedateerde toestemming.")
    if consent.recipient_role != recipient_role or \
            consent.recipient_name.strip().casefold() != recipient_name.strip().casefold():
        out.append("De toestemming noemt een andere ontvanger.")
    if entry_ids and consent.entry_ids and not set(entry_ids) <= set(consent.entry_ids):
        out.append("Er wordt meer gevraagd dan de toestemming dekt.")
    if not consent.has_signature and not consent.has_signed_form:
        out.append("De toestemming is niet ondertekend.")
    return out
