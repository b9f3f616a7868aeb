"""Integrity checks of a practice: the vault, both databases, the users, the audit trail.

Order matters (decision 0005): the vault, the database structure and the whole audit trail —
head file, chain, signatures, the keyring's copy of the head — are checked **before** anything
logs in or records an event; only then does ``verify`` log in (which is recorded), and unlock the
medical section when the passphrase is given, which checks the medical part of the vault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop_app import audit_chain
from desktop_app.audit import AuditTrail
from desktop_app.domain.dates import nl_date
from desktop_app.errors import ArbokluisError
from desktop_app.services import practice
from desktop_app.services.authz import unguarded
from desktop_app.services.files import PracticeFiles
from desktop_app.storage import users as users_store
from desktop_app.storage.connection import Database
from desktop_app.storage.sections import integrity_problems
from desktop_app.vault.anchor import KeyringAnchor

OK, FAILED, WARNING, INFO = "ok", "fout", "let op", "info"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    level: str = ""

    def __post_init__(self) -> None:
        if not self.level:
            self.level = OK if self.ok else FAILED


@dataclass
class VerifyReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.level != FAILED for c in self.checks)

    def add(self, name: str, ok: bool, detail: str = "", level: str = "") -> None:
        self.checks.append(Check(name, ok, detail, level))


def _users_against_directory(db: Database, vault) -> list[str]:
    problems = []
    active = {u.username: u for u in users_store.all_users(db)}
    for name, user in sorted(active.items()):
        entry = vault.directory.get(name)
        if entry is None:
            if name not in vault.legacy_login_slots:
                problems.append(f"{name} staat niet in de gebruikerslijst van het sleutelbestand")
            continue
        if (entry.role, entry.supervisor, entry.admin) != (str(user.role), user.is_supervisor,
                                                            user.is_admin):
            problems.append(f"de rol van {name} verschilt tussen practice.db en vault.json")
    for name in sorted(set(vault.directory) - set(active)):
        problems.append(f"{name} staat in vault.json maar niet (meer) in practice.db")
    return problems


def _trail_checks(report: VerifyReport, trail: AuditTrail) -> bool:
    """The audit trail before login; returns whether it is fit to write to."""
    result = trail.check()
    report.add("logboek (keten)", result.ok, audit_chain.summary(result))
    for ack in result.acknowledgements:
        report.add("logboek (erkende breuk)", True,
                   f"gebeurtenis {ack.seq} door {ack.username} op {_date(ack.ts)}: {ack.data}",
                   WARNING)
    if result.anchor:
        report.add("logboek (kop in de sleutelbos)", True, result.anchor, INFO)
    return result.ok


def _date(ts: str) -> str:
    try:
        return nl_date(date.fromisoformat(ts[:10]))
    except ValueError:
        return ts


@unguarded("logs in itself, after checking: the password is the check")
def verify_practice(
    root: str | Path | None, username: str, password: str, medical_passphrase: str | None = None,
) -> VerifyReport:
    report = VerifyReport()
    try:
        opened = practice.open_keys(root, username, password)
        db, version, key = practice.open_practice_db(opened)
    except ArbokluisError as exc:
        report.add("aanmelden en sleutelbestand", False, exc.message)
        return report
    files: PracticeFiles = opened.files
    vault = opened.vault
    fit = converting = False
    try:
        report.add("sleutelbestand (vault.json), praktijkdeel", True)
        problems = integrity_problems(db)
        report.add("praktijkdeel (practice.db)", not problems, "; ".join(problems[:5]))
        mismatches = _users_against_directory(db, vault)
        report.add("gebruikers (practice.db en vault.json)", not mismatches, "; ".join(mismatches[:5]))
        trail = AuditTrail(db, key, vault.practice_id, files.audit_head, signers=vault.signing_keys,
                           anchor=KeyringAnchor(vault.binding, vault.practice_id))
        converting = trail.unconverted()
        if converting:
            report.add("logboek (keten)", True, "gebeurtenissen van vóór de ondertekening zijn nog "
                       "niet omgezet; dat gebeurt bij deze aanmelding, daarna volgt de controle", INFO)
        fit = converting or _trail_checks(report, trail)
    except ArbokluisError as exc:
        report.add("praktijkdeel (practice.db)", False, exc.message)
    if not fit:
        db.close()
        report.add("aanmelden", True, "niet gedaan: het logboek is niet in orde, dus er is niets "
                                      "vastgelegd", INFO)
        return report
    try:
        session = practice.start_session(opened, db, version, key)
    except ArbokluisError as exc:
        report.add("aanmelden", False, exc.message)
        return report
    try:
        if converting:
            _trail_checks(report, session.audit)
        if medical_passphrase is None:
            report.add("sleutelbestand (vault.json), medisch deel", True,
                       "niet gecontroleerd: geef de medische wachtzin "
                       "(ARBOKLUIS_MEDICAL_PASSPHRASE) om ook dit deel te controleren", INFO)
        else:
            try:
                session.unlock_medical(medical_passphrase)
            except ArbokluisError as exc:
                report.add("medisch deel (vault.json en medical.db)", False, exc.message)
            else:
                report.add("sleutelbestand (vault.json), medisch deel", True)
                problems = integrity_problems(session.medical())
                report.add("medisch deel (medical.db)", not problems, "; ".join(problems[:5]))
    finally:
        session.close()
    return report
