"""The audit trail (NEN 7513 style): every access and change, hash-chained and signed per user.

Each event's hash covers its fields and the previous event's hash (no key: ``audit_chain``); each
event of a logged-in user is signed with that user's own Ed25519 key, so holding the practice key
is not enough to write an event in someone else's name. The head of the chain (count and newest
hash, signed by its writer) is kept in ``audit-head.json`` and compared with the trail **before
every write**: when they disagree nothing is written and ``AuditTrailBroken`` names the event
number. The head is written after the event's transaction has committed; a crash in between
leaves the trail ahead of the head, which is the one difference allowed. In a bound practice the
OS keyring keeps a copy of the head (``anchor_now``), written at login, logout and lock, so a
folder rolled back together with its head file is found by ``check``.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app import audit_chain, audit_legacy
from desktop_app.audit_chain import GENESIS, Head, HeadDamaged, Row, TrailReport
from desktop_app.audit_events import FIELDS, Action, Outcome
from desktop_app.errors import AuditTrailBroken
from desktop_app.fileio import atomic_write
from desktop_app.storage import audit_trail as store
from desktop_app.storage.connection import Database
from desktop_app.vault import crypto
from desktop_app.vault.directory import SigningKey

RETENTION_YEARS = 5


class TrailRolledBack(AuditTrailBroken):
    """The keyring head names an event the trail lacks (or has with another hash): the folder
    was put back to an older copy. Nothing is written, the keyring head is not overwritten."""


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
    signer: str = ""
    hash: bytes = b""
    sig: bytes | None = None

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
    report: TrailReport | None = None


def workstation_name() -> str:
    try:
        return socket.gethostname()[:64]
    except OSError:  # pragma: no cover - gethostname does not fail in practice
        return ""


Signers = Callable[[], dict[str, list[SigningKey]]]
Acknowledgers = Callable[[], frozenset[str] | None]


class AuditTrail:
    """The trail of one practice section.

    ``signer``: the logged-in user's signing key (``crypto.Signer``); without one, events are
    chained but unsigned (recovery key, restore). ``signers`` gives the public keys to check
    signatures against (the vault's directory); ``acknowledgers`` who may acknowledge a break
    (``Vault.proven_admins``: None until the medical key has vouched for the directory);
    ``anchor`` keeps the head in the OS keyring. ``practice_key`` is only used to check and
    convert events from before signing.
    """

    def __init__(self, db: Database, practice_key: bytes, practice_id: str, head_path: Path, *,
                 signer: crypto.Signer | None = None, signers: Signers | None = None,
                 anchor=None, acknowledgers: Acknowledgers | None = None) -> None:
        self.db = db
        self._legacy_key = crypto.hkdf(practice_key, "arbokluis audit chain")
        self._practice_id = practice_id
        self._head_path = Path(head_path)
        self._workstation = workstation_name()
        self._signer = signer
        self._signers = signers
        self._acknowledgers = acknowledgers
        self._anchor = anchor
        self._head_raw: bytes | None = None  # the head file as last written or checked
        self._pending: tuple[int, bytes] | None = None

    @property
    def practice_id(self) -> str:
        return self._practice_id

    @property
    def signer(self) -> crypto.Signer | None:
        return self._signer

    def wipe(self) -> None:
        self._legacy_key = b""
        if self._signer is not None:
            self._signer.wipe()

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
        force: bool = False,
    ) -> Event:
        """Append an event inside the current transaction (or its own).

        The head is compared with the trail first (``force`` skips that, for the one event that
        acknowledges a break). Raises AuditTrailBroken, writing nothing, when they disagree.
        """
        signer = self._signer
        if signer is not None and actor.username != signer.user:
            raise ValueError("an event is signed by the user it names")
        with self.db.transaction():
            last = store.newest(self.db)
            if last is not None and last.hash is None:
                audit_legacy.convert(self, actor)
                last = store.newest(self.db)
            ours = self._pending is not None and last is not None and \
                (last.seq, last.hash) == self._pending
            if not force and not ours:  # our own uncommitted event: checked before it
                self._pending = None
                self._check_head(last)
            prev_seq, prev_hash = (last.seq, bytes(last.hash)) if last else (0, GENESIS)  # type: ignore[arg-type]
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
                signer=signer.user if signer else "",
            )
            h = audit_chain.event_hash(prev_hash, self._practice_id, event.fields(), event.signer)
            sig = signer.sign(audit_chain.event_message(h)) if signer else None
            store.append(self.db, Row(event.seq, event.fields(), event.signer, h, sig, None))
            self._pending = (event.seq, h)
            self.db.after_commit(lambda: self._flush_head(event.seq))
        return Event(**{**event.fields(), "signer": event.signer, "hash": h, "sig": sig})

    def _flush_head(self, seq: int) -> None:
        """After commit: write the head for the newest event of the transaction (once)."""
        if self._pending is None or self._pending[0] != seq:
            return
        count, h = self._pending
        self._pending = None
        self.write_head(count, h)

    def write_head(self, count: int, h: bytes, *, signed: bool = True) -> None:
        raw = Head.make(self._practice_id, count, h, self._signer if signed else None).to_bytes()
        atomic_write(self._head_path, raw)
        self._head_raw = raw

    def _read_head_raw(self) -> bytes | None:
        try:
            return self._head_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise AuditTrailBroken("het kopbestand van het logboek is niet leesbaar",
                                   detail=f"head unreadable: errno {exc.errno}") from None

    def _check_head(self, last: store.Newest | None) -> None:
        """The head on disk against the trail's newest event; AuditTrailBroken when they differ."""
        raw = self._read_head_raw()
        if last is None:
            if raw is not None:
                raise AuditTrailBroken("het logboek is leeg, maar het kopbestand noemt "
                                       "gebeurtenissen", 1)
            return
        newest = last.seq
        if raw is None:
            raise AuditTrailBroken("het kopbestand van het logboek (audit-head.json) ontbreekt",
                                   newest + 1)
        try:
            head = Head.from_bytes(raw)
        except HeadDamaged:
            raise AuditTrailBroken("het kopbestand van het logboek (audit-head.json) is "
                                   "beschadigd", newest + 1) from None
        if head.count > newest:
            raise AuditTrailBroken(
                f"de nieuwste gebeurtenissen ontbreken (het logboek eindigt bij {newest}, het "
                f"kopbestand noemt gebeurtenis {head.count})", newest + 1)
        row = store.get(self.db, head.count)
        if row is None or row.hash is None or row.hash != head.hash:
            raise AuditTrailBroken(
                f"gebeurtenis {head.count} klopt niet met het kopbestand van het logboek",
                head.count)
        if raw == self._head_raw or self._signers is None:
            return  # unchanged since this trail wrote or checked it
        state = head.signature_state(self._practice_id, self._signers().get(head.signer))
        if head.signer != row.signer or state not in ("ok", "unsigned"):
            raise AuditTrailBroken(
                f"het kopbestand van het logboek is niet ondertekend door wie gebeurtenis "
                f"{head.count} schreef", head.count)
        self._head_raw = raw

    def check_head_now(self) -> None:
        """The check every write makes, without writing: AuditTrailBroken when it fails."""
        last = store.newest(self.db)
        if last is not None and last.hash is None:
            return  # events from before signing: the first write converts them
        self._check_head(last)

    def unconverted(self) -> bool:
        """Whether events from before signing still wait for their conversion."""
        return store.any_unconverted(self.db)

    def newest(self) -> tuple[int, bytes] | None:
        last = store.newest(self.db)
        return (last.seq, last.hash) if last is not None and last.hash is not None else None

    def check_anchor(self) -> None:
        """The keyring head against the trail: the trail must hold the keyring's event, with the
        same hash, at that position. TrailRolledBack (naming what is missing) when it does not;
        nothing to compare (unbound, no head yet, keyring unreachable) passes."""
        anchor = self._anchor.load() if self._anchor is not None else None
        if not isinstance(anchor, tuple):
            return
        count, h = anchor
        last = store.newest(self.db)
        newest = last.seq if last is not None else 0
        if count > newest:
            raise TrailRolledBack(
                f"de gegevensmap is teruggezet naar een oudere kopie: het logboek eindigt bij "
                f"gebeurtenis {newest}, dit werkstation zag al gebeurtenis {count} (gebeurtenis "
                f"{newest + 1} tot en met {count} ontbreken). Zet de nieuwste kopie van de map "
                "terug", newest + 1, detail=f"keyring head {count} beyond trail {newest}")
        row = store.get(self.db, count) if count else None
        if count and (row is None or row.hash != h):
            raise TrailRolledBack(
                f"gebeurtenis {count} verschilt van wat dit werkstation vastlegde: de gegevensmap "
                "is teruggezet en daarna opnieuw beschreven. Zet de nieuwste kopie van de map "
                "terug", count, detail=f"keyring head {count} differs from the trail")

    def anchor_now(self, *, checked: bool = True) -> None:
        """Keep the newest head in the OS keyring too (bound practices).

        The keyring head is compared with the trail first (``check_anchor``): a rolled-back
        folder is never re-anchored silently. ``checked=False`` only for an acknowledgement
        (which names the rollback on the trail) and a restore (which replaces the folder)."""
        if self._anchor is None:
            return
        if checked:
            self.check_anchor()
        newest = self.newest()
        if newest is not None:
            self._anchor.store(*newest)

    # --- reading --------------------------------------------------------------------------

    def events(
        self, actor: Actor, *, employee_id: int | None = None, limit: int = 1000, offset: int = 0
    ) -> list[Event]:
        """Events, newest first. Reading the trail is itself recorded."""
        rows = store.newest_first(self.db, employee_id=employee_id, limit=limit, offset=offset)
        self.record(actor, Action.READ_AUDIT, object_type="audit", employee_id=employee_id,
                    data=f"{len(rows)} regels")
        return [_event(r) for r in rows]

    def check(self) -> TrailReport:
        """Chain, signatures, head file and keyring head: every problem, by event number."""
        raw = self._read_head_raw()
        head: Head | HeadDamaged | None = None
        if raw is not None:
            try:
                head = Head.from_bytes(raw)
            except HeadDamaged as exc:
                head = exc
        anchor = self._anchor.load() if self._anchor is not None else \
            "niet beschikbaar: de praktijk is niet gekoppeld aan een sleutelbos"
        signers = self._signers() if self._signers is not None else None
        acknowledgers = self._acknowledgers() if self._acknowledgers is not None else None
        return audit_chain.check(self.rows(), self._practice_id, signers, head=head, anchor=anchor,
                                 acknowledgers=acknowledgers)

    def verify(self) -> VerifyResult:
        report = self.check()
        if report.ok:
            return VerifyResult(True, report.count, report=report)
        first = report.findings[0]
        return VerifyResult(False, report.count, first.seq, audit_chain.summary(report), report)

    def rows(self) -> Iterable[Row]:
        return store.in_order(self.db)


def _event(row: Row) -> Event:
    return Event(**row.fields, signer=row.signer, hash=row.hash or b"", sig=row.sig)
