"""Integrity checks of a practice: vault MAC, SQLCipher page HMACs, SQLite structure, audit chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.errors import ArbokluisError
from desktop_app.services.practice import login
from desktop_app.storage.sections import integrity_problems


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


@dataclass
class VerifyReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str = "") -> None:
        self.checks.append(Check(name, ok, detail))


def verify_practice(
    root: str | Path | None, username: str, password: str, medical_passphrase: str | None = None,
) -> VerifyReport:
    report = VerifyReport()
    try:
        session = login(root, username, password)
    except ArbokluisError as exc:
        report.add("aanmelden", False, exc.message)
        return report
    try:
        report.add("aanmelden en sleutelbestand", True)
        problems = integrity_problems(session.db)
        report.add("praktijkdeel (practice.db)", not problems, "; ".join(problems[:5]))
        result = session.audit.verify()
        report.add("logboek (keten)", result.ok,
                   result.problem or f"{result.count} gebeurtenissen in orde")
        if medical_passphrase is not None:
            try:
                session.unlock_medical(medical_passphrase)
            except ArbokluisError as exc:
                report.add("medisch deel (medical.db)", False, exc.message)
            else:
                problems = integrity_problems(session.medical())
                report.add("medisch deel (medical.db)", not problems, "; ".join(problems[:5]))
    finally:
        session.close()
    return report
