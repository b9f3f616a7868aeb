"""Events from before signing (decision 0001: an HMAC chain under the practice key).

Schema step 5 keeps their HMAC in ``legacy_mac``. The first write after the upgrade (normally the
first login) checks that chain and the old head file with the practice key of that moment, gives
the events their hash in the new chain (unsigned), writes a new head and records one event that
names how many events predate signing and what the check of their old chain found. ``verify``
later names that range; the old HMACs can no longer be checked once the practice key rotates.
"""

from __future__ import annotations

from desktop_app import audit_chain
from desktop_app.audit_chain import GENESIS
from desktop_app.audit_events import Action
from desktop_app.storage import audit_trail
from desktop_app.vault import crypto, strictjson


def _legacy_mac(key: bytes, prev: bytes, practice_id: str, fields: dict) -> bytes:
    return crypto.mac(key, prev + crypto.canonical({"practice_id": practice_id, **fields}))


def _old_head_problem(trail, count: int, last_mac: bytes) -> str:
    try:
        head = strictjson.loads(trail._head_path.read_bytes(), max_bytes=64 * 1024)
        head_count, head_mac, sealed = int(head["count"]), str(head["mac"]), str(head["head_mac"])
    except FileNotFoundError:
        return "" if count == 0 else "het oude kopbestand ontbrak"
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):
        return "het oude kopbestand was beschadigd"
    expected = crypto.mac(trail._legacy_key, crypto.canonical({"count": head_count, "mac": head_mac}))
    if not crypto.mac_equal(bytes.fromhex(sealed), expected):
        return "het oude kopbestand was gewijzigd"
    if head_count != count or head_mac != last_mac.hex():
        return f"het oude kopbestand noemde gebeurtenis {head_count}, het logboek eindigde bij {count}"
    return ""


def convert(trail, actor) -> int:
    """Convert the trail's unconverted events; returns how many. Runs inside ``record``'s
    transaction; ``actor`` (who triggered it) also records the conversion."""
    db = trail.db
    rows = audit_trail.unconverted(db)
    prev_mac, prev_hash, expected = GENESIS, GENESIS, 1
    problem = ""
    for r in rows:
        fields = r.fields
        if not problem and fields["seq"] != expected:
            problem = f"gebeurtenis {expected} ontbrak"
        mac = r.legacy_mac or b""
        if not problem and not crypto.mac_equal(
                _legacy_mac(trail._legacy_key, prev_mac, trail.practice_id, fields), mac):
            problem = f"gebeurtenis {fields['seq']} was gewijzigd of verplaatst"
        h = audit_chain.event_hash(prev_hash, trail.practice_id, fields, "")
        audit_trail.set_unsigned_hash(db, fields["seq"], h)
        prev_mac, prev_hash, expected = mac, h, fields["seq"] + 1
    count = expected - 1
    problem = problem or _old_head_problem(trail, count, prev_mac)
    trail.write_head(count, prev_hash, signed=False)  # the newest converted event is unsigned
    text = (f"{count} gebeurtenissen van vóór de ondertekening omgezet; de oude keten was "
            + (f"niet in orde: {problem}" if problem else "in orde"))
    trail.record(actor, Action.AUDIT_CONVERTED, object_type="audit", object_id=str(count),
                 data=text)
    return count
