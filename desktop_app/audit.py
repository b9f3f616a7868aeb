"""The audit trail (NEN 7513 style): every access and change, chained with an HMAC.

Each event's MAC covers its fields and the previous event's MAC, under a key derived from the
practice key, so an edited, removed or reordered event breaks the chain at that event. The head of
the chain (count and newest MAC) is also kept outside the database, in ``audit-head.json``, so
cutting off the newest events is found too. The head is written after the event's transaction has
committed; a crash in between leaves the trail one event ahead of the head, which is allowed.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from desktop_app.fileio import atomic_write
from desktop_app.storage.connection import Database
from desktop_app.vault import crypto

GENESIS = b"\0" * 32
RETENTION_YEARS = 5


class Action(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK_MEDICAL = "unlock_medical"
    UNLOCK_MEDICAL_FAILED = "unlock_medical_failed"
    LOCK_MEDICAL = "lock_medical"
    READ = "read"
    READ_MEDICAL = "read_medical"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    PRINT = "print"
    REVEAL_BSN = "reveal_bsn"
    SEARCH = "search"
    USER_CHANGE = "user_change"
    KEY_ROTATION = "key_rotation"
    RECOVERY = "recovery"
    BACKUP = "backup"
    RESTORE = "restore"
    READ_AUDIT = "read_audit"
    PRACTICE_CREATED = "practice_created"
    RELEASE = "release"
    ACCESS_DENIED = "access_denied"


class Outcome(StrEnum):
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


FIELDS = (
    "seq", "ts", "user_id", "username", "role", "on_behalf_of", "action", "object_type",
    "object_id", "employee_id", "data", "workstation", "outcome",
)


@dataclass(frozen=True)
class Event:
    seq: int
    ts: str
    user_id: int | None
    username: str
    role: str
    on_behalf_of: str
    action: str
    object_type: str
    object_id: str
    employee_id: int | None
    data: str
    workstation: str
    outcome: str
    mac: bytes = b""

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(frozen=True)
class Actor:
    """Who does something: the logged-in user and, for an assistant, the physician acted for."""

    user_id: int | None
    username: str
    role: str
    on_behalf_of: str = ""


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    count: int
    first_bad_seq: int | None = None
    problem: str = ""


def workstation_name() -> str:
    try:
        return socket.gethostname()[:64]
    except OSError:  # pragma: no cover - gethostname does not fail in practice
        return ""


class AuditTrail:
    def __init__(self, db: Database, practice_key: bytes, practice_id: str, head_path: Path):
        self.db = db
        self._key = crypto.hkdf(practice_key, "arbokluis audit chain")
        self._practice_id = practice_id
        self._head_path = Path(head_path)
        self._workstation = workstation_name()

    def wipe(self) -> None:
        self._key = b""

    # --- writing --------------------------------------------------------------------------

    def record(
        self,
        actor: Actor,
        action: Action | str,
        *,
        outcome: Outcome | str = Outcome.OK,
        object_type: str = "",
        object_id: str | int = "",
        employee_id: int | None = None,
        data: str = "",
        at: datetime | None = None,
    ) -> Event:
        """Append an event inside the current transaction (or its own)."""
        with self.db.transaction():
            row = self.db.one("SELECT seq, mac FROM audit_events ORDER BY seq DESC LIMIT 1")
            prev_seq, prev_mac = (row[0], bytes(row[1])) if row else (0, GENESIS)
            event = Event(
                seq=prev_seq + 1,
                ts=(at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds"),
                user_id=actor.user_id,
                username=actor.username,
                role=actor.role,
                on_behalf_of=actor.on_behalf_of,
                action=str(action),
                object_type=object_type,
                object_id=str(object_id),
                employee_id=employee_id,
                data=data,
                workstation=self._workstation,
                outcome=str(outcome),
            )
            mac = self._mac(prev_mac, event)
            self.db.execute(
                f"INSERT INTO audit_events ({', '.join(FIELDS)}, mac) "
                f"VALUES ({', '.join('?' * (len(FIELDS) + 1))})",
                (*event.fields().values(), mac),
            )
            self.db.after_commit(lambda: self._write_head(event.seq, mac))
        return Event(**{**event.fields(), "mac": mac})

    def _mac(self, prev_mac: bytes, event: Event) -> bytes:
        body = crypto.canonical({"practice_id": self._practice_id, **event.fields()})
        return crypto.mac(self._key, prev_mac + body)

    def _head_mac(self, count: int, mac_hex: str) -> str:
        return crypto.mac(self._key, crypto.canonical({"count": count, "mac": mac_hex})).hex()

    def _write_head(self, count: int, mac: bytes) -> None:
        head = {"count": count, "mac": mac.hex()}
        head["head_mac"] = self._head_mac(count, head["mac"])
        atomic_write(self._head_path, json.dumps(head).encode())

    def write_head_now(self) -> None:
        row = self.db.one("SELECT seq, mac FROM audit_events ORDER BY seq DESC LIMIT 1")
        if row:
            self._write_head(row[0], bytes(row[1]))

    # --- reading --------------------------------------------------------------------------

    def events(
        self, actor: Actor, *, employee_id: int | None = None, limit: int = 1000, offset: int = 0
    ) -> list[Event]:
        """Events, newest first. Reading the trail is itself recorded."""
        where, params = ("WHERE employee_id = ?", (employee_id,)) if employee_id is not None else ("", ())
        rows = self.db.query(
            f"SELECT {', '.join(FIELDS)}, mac FROM audit_events {where} "
            "ORDER BY seq DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        self.record(actor, Action.READ_AUDIT, object_type="audit", employee_id=employee_id,
                    data=f"{len(rows)} regels")
        return [_event(r) for r in rows]

    def verify(self) -> VerifyResult:
        prev_mac, expected_seq, count = GENESIS, 1, 0
        for row in self._all_rows():
            event = _event(row)
            if event.seq != expected_seq:
                return VerifyResult(False, count, event.seq,
                                    f"gebeurtenis {expected_seq} ontbreekt of staat op een andere plaats")
            if not crypto.mac_equal(self._mac(prev_mac, event), event.mac):
                return VerifyResult(False, count, event.seq,
                                    f"gebeurtenis {event.seq} is gewijzigd of verplaatst")
            prev_mac, expected_seq, count = event.mac, expected_seq + 1, count + 1
        problem = self._check_head(count, prev_mac)
        if problem:
            return VerifyResult(False, count, count + 1, problem)
        return VerifyResult(True, count)

    def _check_head(self, count: int, last_mac: bytes) -> str:
        try:
            head = json.loads(self._head_path.read_bytes())
            head_count, head_mac = int(head["count"]), str(head["mac"])
            sealed = str(head["head_mac"])
        except FileNotFoundError:
            return "" if count == 0 else "het kopbestand van het logboek ontbreekt"
        except (ValueError, KeyError, TypeError):
            return "het kopbestand van het logboek is beschadigd"
        if not crypto.mac_equal(bytes.fromhex(sealed), bytes.fromhex(self._head_mac(head_count, head_mac))):
            return "het kopbestand van het logboek is gewijzigd"
        if count < head_count:
            return f"de nieuwste {head_count - count} gebeurtenis(sen) ontbreken"
        row = self.db.one("SELECT mac FROM audit_events WHERE seq = ?", (head_count,))
        if head_count and (row is None or bytes(row[0]).hex() != head_mac):
            return f"gebeurtenis {head_count} klopt niet met het kopbestand"
        return ""

    def _all_rows(self) -> Iterable[tuple]:
        last = 0
        while batch := self.db.query(
                f"SELECT {', '.join(FIELDS)}, mac FROM audit_events WHERE seq > ? "
                "ORDER BY seq LIMIT 1000", (last,)):
            yield from batch
            last = batch[-1][0]


def _event(row: tuple) -> Event:
    *values, mac = row
    return Event(**dict(zip(FIELDS, values, strict=True)), mac=bytes(mac))
