"""The demo practice: the accounts of the README, filled with made-up dossiers by later steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop_app.domain.roles import Role
from desktop_app.services import users
from desktop_app.services.authz import unguarded
from desktop_app.services.practice import CreatedPractice, NewUser, create_practice, login


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    medical_passphrase: str | None
    description: str


ACCOUNTS = (
    DemoAccount("arts", "Demo-arts-2026!", "Demo-medisch-2026!",
                "bedrijfsarts, kerndeskundige en beheerder"),
    DemoAccount("assistent", "Demo-assistent-2026!", "Demo-assistent-medisch-2026!",
                "praktijkassistent met geheimhoudingsverklaring"),
    DemoAccount("casemanager", "Demo-casemanager-2026!", None, "casemanager, geen medisch deel"),
)

PRACTICE_NAME = "Arbodienst De Linde (demo)"

PRACTICE_SETTINGS = {
    "practice_address": "Lindelaan 12",
    "practice_postcode": "3511 AB",
    "practice_city": "Utrecht",
    "practice_phone": "030-1234567",
    "practice_email": "info@arbodienst-delinde.example",
    "practice_kvk": "12345678",
}


@unguarded("creates a new practice and its accounts; nobody is logged in yet")
def create_demo(root: str | Path | None, size: str = "small", today: date | None = None,
                *, dossiers: bool = True) -> CreatedPractice:
    arts, assistent, casemanager = ACCOUNTS
    created = create_practice(
        root,
        practice_name=PRACTICE_NAME,
        first_user=NewUser(arts.username, "dr. A. (Anna) de Vries", Role.PHYSICIAN, arts.password,
                           arts.medical_passphrase, is_supervisor=True, is_admin=True,
                           registration="BIG 19012345601"),
        settings=PRACTICE_SETTINGS,
    )
    session = login(root, arts.username, arts.password)
    try:
        session.unlock_medical(arts.medical_passphrase or "")
        users.add_user(session, NewUser(
            assistent.username, "S. (Sanne) Bakker", Role.ASSISTANT, assistent.password,
            assistent.medical_passphrase, secrecy_signed_on=today or date.today()))
        users.add_user(session, NewUser(
            casemanager.username, "M. (Mehmet) Yılmaz", Role.CASEMANAGER, casemanager.password))
        fill = _filler() if dossiers else None
        if fill is not None:
            fill(session, size=size, today=today or date.today())
    finally:
        session.close()
    created.users.extend([assistent.username, casemanager.username])
    return created


def _filler():
    """The dossier filler, once the dossier core provides one."""
    try:
        from desktop_app.services import demo_data
    except ImportError:
        return None
    return demo_data.fill
