"""The audit trail's hash chain, its signatures and its head, and the check of all three.

- ``h_n = SHA-256(tag ‖ h_{n-1} ‖ canonical(fields, practice id, signer))``: no key, so anyone can
  recompute it, and an edit anywhere shows at that event or the next.
- Each event of a logged-in user is signed (Ed25519, over ``h_n``) with that user's key; events
  without a user (recovery key, restore) are chained but unsigned.
- The head (``audit-head.json``) holds the count and the newest hash, signed by its writer; in a
  bound practice the OS keyring keeps a copy (``vault.anchor``).

``check`` goes over every event and reports each problem with its event number; it repairs
nothing. A problem named by a later acknowledgement event is listed apart, but only when that
event is validly signed by an admin physician of a directory the medical key has vouched for
(``acknowledgers``); any other acknowledgement counts for nothing, and is named as such.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop_app.vault import crypto, strictjson
from desktop_app.vault.directory import SigningKey

GENESIS = b"\0" * 32
CHAIN_TAG = b"arbokluis audit v2\0"
EVENT_TAG = b"arbokluis audit event\0"
HEAD_TAG = b"arbokluis audit head\0"
HEAD_FORMAT = "arbokluis-audit-head"

ACKNOWLEDGED = "audit_acknowledged"
CONVERTED = "audit_converted"


def event_hash(prev: bytes, practice_id: str, fields: dict, signer: str) -> bytes:
    body = crypto.canonical({"practice_id": practice_id, "signer": signer, **fields})
    return hashlib.sha256(CHAIN_TAG + prev + body).digest()


def event_message(h: bytes) -> bytes:
    return EVENT_TAG + h


def key_valid(keys: list[SigningKey], signature: bytes, message: bytes, seq: int) -> str:
    """"ok", "retired" (valid, but with a key retired before ``seq``) or "bad"."""
    retired = False
    for key in keys:
        if crypto.signature_valid(key.public, signature, message):
            if key.until is None or seq <= key.until:
                return "ok"
            retired = True
    return "retired" if retired else "bad"


# --- the head ---------------------------------------------------------------------------------


class HeadDamaged(ValueError):
    pass


@dataclass(frozen=True)
class Head:
    count: int
    hash: bytes
    signer: str = ""
    sig: bytes | None = None

    @staticmethod
    def message(practice_id: str, count: int, h: bytes) -> bytes:
        return HEAD_TAG + crypto.canonical({"practice_id": practice_id, "count": count,
                                            "hash": h.hex()})

    @classmethod
    def make(cls, practice_id: str, count: int, h: bytes, signer) -> Head:
        if signer is None:
            return cls(count, h)
        return cls(count, h, signer.user, signer.sign(cls.message(practice_id, count, h)))

    def to_bytes(self) -> bytes:
        return json.dumps({"format": HEAD_FORMAT, "version": 2, "count": self.count,
                           "hash": self.hash.hex(), "signer": self.signer,
                           "sig": self.sig.hex() if self.sig else None}).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Head:
        try:
            d = strictjson.loads(raw, max_bytes=64 * 1024)
            if d.get("format") != HEAD_FORMAT:
                raise ValueError("not a head")
            count, h = int(d["count"]), bytes.fromhex(d["hash"])
            if count < 0 or len(h) != 32:
                raise ValueError("head out of range")
            return cls(count, h, str(d["signer"]), bytes.fromhex(d["sig"]) if d["sig"] else None)
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError) as exc:
            raise HeadDamaged(type(exc).__name__) from None

    def signature_state(self, practice_id: str, keys: list[SigningKey] | None) -> str:
        if not self.signer:
            return "unsigned"
        if self.sig is None or not keys:
            return "bad"
        return key_valid(keys, self.sig, self.message(practice_id, self.count, self.hash),
                         self.count)


# --- the check ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    kind: str
    seq: int
    text: str
    end: int | None = None

    @property
    def token(self) -> str:
        return f"{self.kind}:{self.seq}" + (f"-{self.end}" if self.end is not None else "")


@dataclass(frozen=True)
class Acknowledgement:
    """An acknowledgement that counts: its number, signer and time, and the breaks it names.

    The event's free text is deliberately not kept: what was acknowledged is recomputed.
    """

    seq: int
    username: str
    ts: str
    tokens: frozenset[str]


@dataclass(frozen=True)
class Acknowledged:
    finding: Finding
    by: Acknowledgement


@dataclass
class TrailReport:
    count: int = 0
    findings: list[Finding] = field(default_factory=list)
    acknowledged: list[Acknowledged] = field(default_factory=list)
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    uncounted: list[tuple[int, str]] = field(default_factory=list)  # (seq, signer)
    acknowledgers_known: bool = False
    unsigned: list[int] = field(default_factory=list)
    legacy_until: int = 0
    ahead: int = 0
    anchor: str = ""

    @property
    def ok(self) -> bool:
        return not self.findings


@dataclass(frozen=True)
class Row:
    """One stored event, as ``check`` needs it."""

    seq: int
    fields: dict
    signer: str
    hash: bytes | None
    sig: bytes | None
    legacy_mac: bytes | None


def _range(seqs: list[int]) -> str:
    if len(seqs) <= 8:
        return ", ".join(map(str, seqs))
    return ", ".join(map(str, seqs[:6])) + f" … {seqs[-1]} ({len(seqs)} in totaal)"


def check(rows: Iterable[Row], practice_id: str, signers: dict[str, list[SigningKey]] | None, *,
          head: Head | None | HeadDamaged, anchor: tuple[int, bytes] | None | str,
          acknowledgers: frozenset[str] | None = None) -> TrailReport:
    """Every problem of the chain, the signatures, the head and the keyring head, by number.

    ``signers`` None skips the signatures (a trail opened without the vault's directory).
    ``anchor``: the keyring's (count, hash), None when the keyring has none, or a string saying
    why the check is unavailable. ``acknowledgers``: who may acknowledge a break (the admin
    physicians of a directory proven by the medical MAC); None when that is not known, and then
    no acknowledgement counts.
    """
    report = TrailReport()
    prev, expected = GENESIS, 1
    hashes: dict[int, bytes] = {}
    signer_of: dict[int, str] = {}
    legacy: list[int] = []  # the leading events from before signing (schema step 5)
    prefix = True
    converted_until = 0
    acks: list[Acknowledgement] = []
    add = report.findings.append
    for row in rows:
        f = row.fields
        linked = True
        if row.seq != expected:  # rows come in seq order, so a difference is a gap
            end = row.seq - 1 if row.seq - 1 > expected else None
            add(Finding("missing", expected, f"gebeurtenis {expected}"
                        + (f" t/m {end} ontbreken" if end else " ontbreekt"), end))
            linked = False
        if row.hash is None:  # unconverted (named below) or emptied by hand
            if row.legacy_mac is None:
                add(Finding("changed", row.seq, f"gebeurtenis {row.seq} heeft geen plaats in de keten"))
            h = event_hash(prev, practice_id, f, row.signer)
        else:
            h = row.hash
            if linked and event_hash(prev, practice_id, f, row.signer) != h:
                add(Finding("changed", row.seq,
                            f"gebeurtenis {row.seq} is gewijzigd, verplaatst of sluit niet aan op "
                            "de vorige"))
        if row.legacy_mac is not None:
            if prefix and row.seq == len(legacy) + 1:
                legacy.append(row.seq)
            else:
                add(Finding("legacy", row.seq, f"gebeurtenis {row.seq} doet zich voor als een "
                            "gebeurtenis van vóór de ondertekening, maar is later geschreven"))
        else:
            if prefix and legacy:
                if f["action"] == CONVERTED and f["object_id"] == str(len(legacy)):
                    converted_until = len(legacy)
                else:
                    add(Finding("legacy", 1, f"gebeurtenis 1 t/m {len(legacy)} zijn niet "
                                             "ondertekend en hun omzetting is niet vastgelegd",
                                len(legacy)))
            prefix = False
            signed = signers is not None and _check_signature(row, h, signers, report)
            if signed and f["action"] == ACKNOWLEDGED:
                if acknowledgers is not None and f["username"] in acknowledgers:
                    acks.append(Acknowledgement(row.seq, f["username"], f["ts"],
                                                frozenset(str(f["object_id"]).split())))
                else:
                    report.uncounted.append((row.seq, f["username"]))
        hashes[row.seq], signer_of[row.seq] = h, row.signer
        prev, expected = h, row.seq + 1
        report.count += 1
    last = expected - 1
    if prefix and legacy:
        add(Finding("legacy", 1, f"gebeurtenis 1 t/m {len(legacy)} zijn nog niet omgezet naar de "
                                 "ondertekende keten", len(legacy)))
    report.legacy_until = converted_until
    _check_head(report, practice_id, signers, head, last, hashes, signer_of)
    _check_anchor(report, anchor, last, hashes)
    report.acknowledgers_known = acknowledgers is not None
    _apply_acknowledgements(report, acks)
    return report


def _check_signature(row: Row, h: bytes, signers: dict[str, list[SigningKey]],
                     report: TrailReport) -> bool:
    """Whether the event is validly signed by the user it names; problems are added."""
    f, seq = row.fields, row.seq
    if not row.signer:
        if f["user_id"] is None:
            report.unsigned.append(seq)
        else:
            report.findings.append(Finding(
                "unsigned", seq, f"gebeurtenis {seq} staat op naam van {f['username']} maar is "
                                 "niet ondertekend"))
        return False
    if row.signer != f["username"]:
        report.findings.append(Finding(
            "signer", seq, f"gebeurtenis {seq} is ondertekend door {row.signer} maar staat op naam "
                           f"van {f['username']}"))
        return False
    state = key_valid(signers.get(row.signer, []), row.sig or b"", event_message(h), seq)
    if state == "retired":
        report.findings.append(Finding(
            "retired", seq, f"gebeurtenis {seq} is ondertekend met een sleutel van {row.signer} "
                            "die toen al was ingetrokken"))
    elif state == "bad":
        report.findings.append(Finding(
            "signature", seq, f"de handtekening van gebeurtenis {seq} ({row.signer}) klopt niet"))
    return state == "ok"


def _check_head(report: TrailReport, practice_id: str, signers, head, last: int,
                hashes: dict[int, bytes], signer_of: dict[int, str]) -> None:
    add = report.findings.append
    if isinstance(head, HeadDamaged):
        add(Finding("head", last + 1, "het kopbestand van het logboek (audit-head.json) is beschadigd"))
        return
    if head is None:
        if last:
            add(Finding("head", last + 1, "het kopbestand van het logboek (audit-head.json) ontbreekt"))
        return
    if head.count > last:
        add(Finding("tail", last + 1,
                    f"de nieuwste gebeurtenissen ontbreken: het logboek eindigt bij {last}, het "
                    f"kopbestand noemt gebeurtenis {head.count}", head.count))
    elif head.count and hashes.get(head.count) != head.hash:
        add(Finding("head", head.count,
                    f"gebeurtenis {head.count} klopt niet met het kopbestand van het logboek"))
    elif head.count < last:
        report.ahead = last - head.count
    if signers is None or head.count > last:
        return
    expected_signer = signer_of.get(head.count, "")
    state = head.signature_state(practice_id, signers.get(head.signer))
    if head.signer != expected_signer or state not in ("ok", "unsigned"):
        add(Finding("head", head.count,
                    f"het kopbestand van het logboek is niet ondertekend door wie gebeurtenis "
                    f"{head.count} schreef"))


def _check_anchor(report: TrailReport, anchor, last: int, hashes: dict[int, bytes]) -> None:
    if isinstance(anchor, str):
        report.anchor = anchor
        return
    if anchor is None:
        report.anchor = "de sleutelbos van dit werkstation heeft nog geen kop van het logboek"
        return
    count, h = anchor
    if count > last:
        report.findings.append(Finding(
            "rollback", last + 1,
            f"de gegevensmap is teruggezet naar een oudere kopie: het logboek eindigt bij {last}, "
            f"dit werkstation zag al gebeurtenis {count}", count))
    elif count and hashes.get(count) != h:
        report.findings.append(Finding(
            "rollback", count,
            f"gebeurtenis {count} verschilt van wat dit werkstation vastlegde: de map is "
            "teruggezet en daarna opnieuw beschreven"))
    else:
        report.anchor = f"komt overeen met de sleutelbos van dit werkstation (gebeurtenis {count})"


def _apply_acknowledgements(report: TrailReport, acks: list[Acknowledgement]) -> None:
    report.acknowledgements = acks
    kept = []
    for finding in report.findings:
        by = next((a for a in acks if finding.token in a.tokens and a.seq > finding.seq), None)
        if by is not None:
            report.acknowledged.append(Acknowledged(finding, by))
        else:
            kept.append(finding)
    report.findings = kept


# What an acknowledged break was, told from its token alone (kind and numbers), for a break that
# can no longer be recomputed: a cut tail or a rollback, once the head has been re-anchored.
_TOKEN = re.compile(r"([a-z]+):([0-9]{1,12})(?:-([0-9]{1,12}))?")
_KINDS = {
    "missing": "gebeurtenis {n} ontbrak",
    "changed": "gebeurtenis {n} was gewijzigd of verplaatst",
    "legacy": "gebeurtenis {n} van vóór de ondertekening klopte niet",
    "unsigned": "gebeurtenis {n} was niet ondertekend",
    "signer": "gebeurtenis {n} was ondertekend door een ander dan wie ze noemt",
    "retired": "gebeurtenis {n} was ondertekend met een ingetrokken sleutel",
    "signature": "de handtekening van gebeurtenis {n} klopte niet",
    "head": "het kopbestand van het logboek klopte niet (bij gebeurtenis {n})",
    "tail": "de nieuwste gebeurtenissen ontbraken (gebeurtenis {n})",
    "rollback": "de gegevensmap was teruggezet (gebeurtenis {n})",
}


def describe_token(token: str) -> str | None:
    """The Dutch description of an acknowledged break's token; None for anything else."""
    match = _TOKEN.fullmatch(token)
    if match is None or match[1] not in _KINDS:
        return None
    numbers = match[2] + (f" t/m {match[3]}" if match[3] else "")
    return _KINDS[match[1]].format(n=numbers)


def summary(report: TrailReport) -> str:
    """The Dutch line ``verify`` prints for the chain."""
    if report.findings:
        shown = "; ".join(f.text for f in report.findings[:6])
        more = len(report.findings) - 6
        return shown + (f"; en nog {more} andere" if more > 0 else "")
    parts = [f"{report.count} gebeurtenissen in orde"]
    if report.legacy_until:
        parts.append(f"gebeurtenis 1 t/m {report.legacy_until} zijn van vóór de ondertekening "
                     "(gecontroleerd bij de omzetting)")
    if report.unsigned:
        parts.append("niet ondertekend (zonder aangemelde gebruiker): " + _range(report.unsigned))
    if report.ahead:
        parts.append(f"{report.ahead} gebeurtenis(sen) na het kopbestand (een onderbroken schrijfactie)")
    return "; ".join(parts)
