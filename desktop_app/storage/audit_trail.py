"""Rows of the audit_events table (the trail itself is ``desktop_app.audit``).

Events are only appended; the one change ever made to a stored event is the hash that the
conversion of the trail from before signing gives it (``set_unsigned_hash``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from desktop_app.audit_chain import Row
from desktop_app.audit_events import FIELDS
from desktop_app.storage.connection import Database

_STORED = ", ".join(FIELDS) + ", signer, hash, sig, legacy_mac"
BATCH = 2000


@dataclass(frozen=True)
class Newest:
    """The newest event's number and hash (None: from before signing, not yet converted)."""

    seq: int
    hash: bytes | None


def _blob(value) -> bytes | None:
    return bytes(value) if value is not None else None


def _row(r: tuple) -> Row:
    *values, signer, h, sig, legacy_mac = r
    fields = dict(zip(FIELDS, values, strict=True))
    return Row(fields["seq"], fields, signer, _blob(h), _blob(sig), _blob(legacy_mac))


def newest(db: Database) -> Newest | None:
    r = db.one("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
    return Newest(r[0], _blob(r[1])) if r else None


def get(db: Database, seq: int) -> Row | None:
    r = db.one(f"SELECT {_STORED} FROM audit_events WHERE seq = ?", (seq,))
    return _row(r) if r else None


def any_unconverted(db: Database) -> bool:
    """Whether events from before signing still wait for their hash."""
    return db.one("SELECT 1 FROM audit_events WHERE hash IS NULL LIMIT 1") is not None


def append(db: Database, row: Row) -> None:
    """Store a new event (its ``fields`` hold every name of ``FIELDS``)."""
    db.execute(
        f"INSERT INTO audit_events ({', '.join(FIELDS)}, signer, hash, sig) "
        f"VALUES ({', '.join('?' * (len(FIELDS) + 3))})",
        (*(row.fields[name] for name in FIELDS), row.signer, row.hash, row.sig),
    )


def newest_first(db: Database, *, employee_id: int | None = None, limit: int = 1000,
                 offset: int = 0) -> list[Row]:
    """A page of events, newest first; only the employee's when ``employee_id`` is given."""
    where, params = ("WHERE employee_id = ?", (employee_id,)) if employee_id is not None else ("", ())
    return [_row(r) for r in db.query(
        f"SELECT {_STORED} FROM audit_events {where} ORDER BY seq DESC LIMIT ? OFFSET ?",
        (*params, limit, offset))]


def in_order(db: Database, batch: int = BATCH) -> Iterator[Row]:
    """Every event, oldest first, read ``batch`` rows at a time."""
    last = 0
    while rows := db.query(f"SELECT {_STORED} FROM audit_events WHERE seq > ? ORDER BY seq "
                           "LIMIT ?", (last, batch)):
        for r in rows:
            yield _row(r)
        last = rows[-1][0]


def unconverted(db: Database) -> list[Row]:
    """The events from before signing that have no hash yet, oldest first."""
    return [_row(r) for r in db.query(f"SELECT {_STORED} FROM audit_events WHERE hash IS NULL "
                                      "ORDER BY seq")]


def set_unsigned_hash(db: Database, seq: int, h: bytes) -> None:
    """Give a converted event from before signing its hash in the chain (it stays unsigned)."""
    db.execute("UPDATE audit_events SET hash = ?, signer = '' WHERE seq = ?", (h, seq))
