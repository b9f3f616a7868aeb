"""Issue 12 rows: one signed audit event against the unsigned HMAC event of decision 0001, and a
user's removal on the large practice (both sections rekeyed) against copying the same files.

``audit_record_us``: ``AuditTrail.record`` with the user's signing key (hash chain, Ed25519 over the
event and over the head, the head compared before the write), one committed event each, against
the HMAC-chained record of version 0.1.0 doing the same commit and head write, interleaved.
``audit_sign_cpu_us``: the same two, inside one open transaction (no commit, no head file), so
the cryptography's share shows.
``rotate_practice_large_ms``: ``users.remove_user`` of a medical user on the large demo practice —
practice and medical key rotated, both files rekeyed, reopened and confirmed — against copying
both files once (the floor of rewriting every page).
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.audit import FIELDS, Action, Actor, AuditTrail
from desktop_app.domain.roles import Role
from desktop_app.fileio import atomic_write
from desktop_app.services import demo, users
from desktop_app.services.practice import NewUser
from desktop_app.storage.connection import Database, open_encrypted
from desktop_app.storage.sections import PRACTICE, open_section
from desktop_app.vault import crypto
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, login_as
from tests.perf.runner import Row

PID = "bench-practice"
_OLD_TABLE = """CREATE TABLE audit_events (seq INTEGER PRIMARY KEY, ts TEXT NOT NULL, user_id INTEGER,
    username TEXT NOT NULL, role TEXT NOT NULL, on_behalf_of TEXT NOT NULL DEFAULT '', action TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '', object_id TEXT NOT NULL DEFAULT '', employee_id INTEGER,
    data TEXT NOT NULL DEFAULT '', workstation TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL,
    mac BLOB NOT NULL)"""


class HmacTrail:
    """The record path of version 0.1.0 (decision 0001), kept here as the baseline only."""

    def __init__(self, db: Database, key: bytes, head: Path) -> None:
        self.db, self.key, self.head = db, crypto.hkdf(key, "arbokluis audit chain"), head

    def record(self, actor: Actor, action: str, **kw) -> None:
        with self.db.transaction():
            row = self.db.one("SELECT seq, mac FROM audit_events ORDER BY seq DESC LIMIT 1")
            seq, prev = (row[0], bytes(row[1])) if row else (0, b"\0" * 32)
            fields = {"seq": seq + 1, "ts": datetime.now(UTC).isoformat(timespec="microseconds"),
                      "user_id": actor.user_id, "username": actor.username, "role": actor.role,
                      "on_behalf_of": "", "action": action, "object_type": kw.get("object_type", ""),
                      "object_id": str(kw.get("object_id", "")), "employee_id": kw.get("employee_id"),
                      "data": kw.get("data", ""), "workstation": "bench", "outcome": "ok"}
            mac = crypto.mac(self.key, prev + crypto.canonical({"practice_id": PID, **fields}))
            self.db.execute(f"INSERT INTO audit_events ({', '.join(FIELDS)}, mac) VALUES "
                            f"({', '.join('?' * (len(FIELDS) + 1))})", (*fields.values(), mac))

            def head() -> None:
                body = {"count": fields["seq"], "mac": mac.hex()}
                body["head_mac"] = crypto.mac(self.key, crypto.canonical(body)).hex()
                atomic_write(self.head, json.dumps(body).encode())

            self.db.after_commit(head)


def _interleaved(a, b, n: int) -> tuple[float, float]:
    ta, tb = [], []
    for _ in range(n):
        for fn, out in ((a, ta), (b, tb)):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1e6)
    return statistics.median(ta), statistics.median(tb)


def _audit_rows(folder: Path, quick: bool) -> list[Row]:
    key = crypto.random_bytes()
    signed_db = open_section(PRACTICE, folder / "signed.db", key, PID, create=True)
    old_db = Database(open_encrypted(folder / "hmac.db", key, create=True), "hmac")
    old_db.conn.execute(_OLD_TABLE)
    old_db.conn.execute("CREATE INDEX audit_by_employee ON audit_events(employee_id)")  # as in 0.1.0
    private, public = crypto.new_signing_keypair()
    from desktop_app.vault.directory import SigningKey

    signed = AuditTrail(signed_db, key, PID, folder / "signed-head.json",
                        signer=crypto.Signer("arts", private),
                        signers=lambda: {"arts": [SigningKey(public)]})
    old = HmacTrail(old_db, key, folder / "hmac-head.json")
    actor = Actor(1, "arts", "physician")
    n = 200 if quick else 1000

    def one_signed():
        signed.record(actor, Action.READ, object_type="employee", object_id=7, employee_id=7,
                      data="dossier geopend")

    def one_old():
        old.record(actor, "read", object_type="employee", object_id=7, employee_id=7,
                   data="dossier geopend")

    for _ in range(20):  # warm up both
        one_signed()
        one_old()
    subject, base = _interleaved(one_signed, one_old, n)
    rows = [Row("audit_record_us", subject, "us", base,
                f"one committed event incl. head file; {n} of each, interleaved")]
    with signed_db.transaction(), old_db.transaction():
        subject, base = _interleaved(one_signed, one_old, n)
    rows.append(Row("audit_sign_cpu_us", subject, "us", base,
                    "the same inside one open transaction: no commit, no head write"))
    assert signed.verify().ok
    signed_db.close()
    old_db.close()
    return rows


def _rotation_rows(folder: Path, quick: bool) -> list[Row]:
    size = "small" if quick else "large"
    practice = folder / "praktijk"
    demo.create_demo(practice, size=size)
    session = login_as(practice, ARTS, unlock=True)
    repeats = 3 if quick else 5
    try:
        for i in range(repeats):
            users.add_user(session, NewUser(f"arts{i}", f"dr. Tijdelijk {i}", Role.PHYSICIAN,
                                            f"Tijdelijk-arts-{i}-2026!", f"Tijdelijk-medisch-{i}-2026!"))
        mb = sum((practice / n).stat().st_size for n in ("practice.db", "medical.db")) / 1e6
        rotations, copies = [], []
        for i in range(repeats):
            start = time.perf_counter()
            for name in ("practice.db", "medical.db"):
                shutil.copyfile(practice / name, folder / f"kopie-{name}")
            copies.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            users.remove_user(session, f"arts{i}")
            rotations.append((time.perf_counter() - start) * 1000)
        versions = (session.vault.practice.version, session.vault.medical_version)
    finally:
        session.close()
    return [Row("rotate_practice_large_ms" if size == "large" else "rotate_practice_small_ms",
                statistics.median(rotations), "ms", statistics.median(copies),
                f"removal of a physician, both sections rekeyed ({mb:.0f} MB), key versions now "
                f"{versions[0]}/{versions[1]}; baseline copying both files")]


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp, install_keyring(MemoryKeyring()):
        folder = Path(tmp)
        return _audit_rows(folder, quick) + _rotation_rows(folder, quick)
