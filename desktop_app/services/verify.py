"""Integrity checks of a practice: the vault, both databases, the users, the audit trail.

Order matters (decision 0005): the vault, the database structure and the whole audit trail —
head file, chain, signatures, the keyring's copy of the head — are checked **before** anything
logs in or records an event; only then does ``verify`` log in (which is recorded), and unlock the
medical section when the passphrase is given, which checks the medical part of the vault.

With the medical passphrase the medical part is also checked *before* the trail, without recording
anything: only a directory the medical key vouches for says who is an admin physician, and only an
admin physician's acknowledgement of a break counts. Without it, acknowledged breaks stay errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop_app import audit_chain
from desktop_app.audit import AuditTrail
from desktop_app.domain.dates import nl_date
from desktop_app.errors import (
    ArbokluisError,
    InvalidPassphrase,
    LoginThrottled,
    NoMedicalGrant,
)
from desktop_app.services import practice
from desktop_app.services.authz import unguarded
from desktop_app.services.files import PracticeFiles
from desktop_app.storage import users as users_store
from desktop_app.storage.connection import Database
from desktop_app.storage.sections import integrity_problems
from desktop_app.vault import policy
from desktop_app.vault.anchor import KeyringAnchor
from desktop_app.vault.crypto import UnwrapError
from desktop_app.vault.throttle import LoginThrottle
from desktop_app.vault.vaultfile import NoGrant

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
    # What each acknowledgement that counts covers: the findings as recomputed now, and what its
    # tokens name that can no longer be recomputed (a cut tail, once re-anchored). Never the
    # event's own text.
    for ack in result.acknowledgements:
        found = [i.finding for i in result.acknowledged if i.by.seq == ack.seq]
        texts = [f.text for f in found]
        texts += [d for t in sorted(ack.tokens - {f.token for f in found})
                  if (d := audit_chain.describe_token(t)) is not None]
        for text in texts:
            report.add("logboek (erkende breuk)", True,
                       f"gebeurtenis {ack.seq} door {ack.username} op {_date(ack.ts)} erkent: {text}",
                       WARNING)
    for seq, username in result.uncounted:
        if result.acknowledgers_known:
            # An error, not a warning: the acknowledgement re-anchored the keyring head, so the
            # break it covers (a cut tail) may no longer be found any other way.
            detail = (f"gebeurtenis {seq} ({username}) erkent breuken, maar alleen een bedrijfsarts "
                      "met beheerrechten kan dat: deze erkenning telt niet mee, en wat zij "
                      "erkende kan sindsdien onzichtbaar zijn")
            report.add("logboek (erkenning)", False, detail)
        else:
            detail = (f"gebeurtenis {seq} ({username}) erkent breuken; dat telt alleen mee als de "
                      "medische wachtzin is gegeven (ARBOKLUIS_MEDICAL_PASSPHRASE), want alleen "
                      "het medische deel van het sleutelbestand zegt wie beheerder is")
            report.add("logboek (erkenning)", True, detail, INFO)
    if result.anchor:
        report.add("logboek (kop in de sleutelbos)", True, result.anchor, INFO)
    return result.ok


@unguarded("before login, recording nothing: the medical passphrase is the check")
def prove_directory(opened, passphrase: str) -> ArbokluisError | None:
    """Before login, recording nothing: the medical passphrase opens the user's current medical
    key, which must fit the medical part of the vault and open medical.db. The vault then knows its
    directory is proven (``Vault.proven_admins``). A wrong passphrase counts toward the throttle,
    and is reported at the next unlock like any other."""
    from desktop_app.services.session import open_medical_db

    name = opened.username
    throttle = LoginThrottle(opened.files.medical_attempts)
    try:
        policy.usable(passphrase, field="medical_passphrase", label="Medische wachtzin")
        throttle.check(name)
        try:
            candidates = opened.vault.open_medical(name, passphrase, opened.pepper)
        except NoGrant:
            return NoMedicalGrant(detail="no medical grant")
        except UnwrapError:
            throttle.failed(name)
            return InvalidPassphrase(detail="medical slot did not open")
        db, _version, _key = open_medical_db(opened.files, opened.vault, dict(candidates))
        db.close()
    except ArbokluisError as exc:
        return exc
    return None


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
    medical_problem: ArbokluisError | None = None
    try:
        report.add("sleutelbestand (vault.json), praktijkdeel", True)
        problems = integrity_problems(db)
        report.add("praktijkdeel (practice.db)", not problems, "; ".join(problems[:5]))
        mismatches = _users_against_directory(db, vault)
        report.add("gebruikers (practice.db en vault.json)", not mismatches, "; ".join(mismatches[:5]))
        if medical_passphrase is not None:
            medical_problem = prove_directory(opened, medical_passphrase)
        trail = AuditTrail(db, key, vault.practice_id, files.audit_head, signers=vault.signing_keys,
                           anchor=KeyringAnchor(vault.binding, vault.practice_id),
                           acknowledgers=vault.proven_admins)
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
        elif isinstance(medical_problem, (InvalidPassphrase, LoginThrottled)):
            # Counted once, before login; not tried a second time.
            report.add("medisch deel (vault.json en medical.db)", False, medical_problem.message)
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
