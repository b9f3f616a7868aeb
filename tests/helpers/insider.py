"""What an insider with write access to the data folder can do with their own keys.

Each helper does what a user of the practice could script: unwrap the practice key with their own
password, edit ``vault.json`` or ``practice.db`` directly, and re-MAC the file with that key.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlcipher3

from desktop_app import audit_chain
from desktop_app.audit import FIELDS
from desktop_app.fileio import atomic_write
from desktop_app.vault import binding, crypto
from desktop_app.vault.vaultfile import UserKeys, Vault


class Insider:
    def __init__(self, folder: Path, account) -> None:
        self.folder = Path(folder)
        self.vault = Vault.load(self.folder / "vault.json")
        self.pepper = binding.secret_for(self.vault.binding, self.vault.practice_id)
        self.keys: UserKeys = self.vault.open_user(account.username, account.password, self.pepper)
        self.practice_key = self.vault.practice_candidates(account.username, self.keys.box_private)[0][1]
        self.signer = crypto.Signer(account.username, self.keys.sign_private)

    # --- vault.json ------------------------------------------------------------------------

    def resign_vault(self) -> None:
        """Recompute the practice MAC over the edited file, as any practice-key holder can."""
        self.vault.sign(self.practice_key)
        atomic_write(self.folder / "vault.json", self.vault.to_bytes())

    # --- practice.db -------------------------------------------------------------------------

    def db(self) -> sqlcipher3.Connection:
        conn = sqlcipher3.connect(str(self.folder / "practice.db"), isolation_level=None)
        conn.execute(f"PRAGMA key = \"x'{self.practice_key.hex()}'\"")
        return conn

    def events(self, conn) -> list[dict]:
        rows = conn.execute(f"SELECT {', '.join(FIELDS)}, signer, hash FROM audit_events "
                            "ORDER BY seq").fetchall()
        return [dict(zip((*FIELDS, "signer", "hash"), r, strict=True)) for r in rows]

    def append_event(self, conn, fields: dict, *, signer_name: str, sign: bool = True) -> int:
        """Append an event with a correct chain hash, signed with the insider's own key."""
        last = self.events(conn)[-1]
        seq = last["seq"] + 1
        full = {**{k: last[k] for k in FIELDS}, "seq": seq, **fields}
        h = audit_chain.event_hash(bytes(last["hash"]), self.vault.practice_id, full, signer_name)
        sig = self.signer.sign(audit_chain.event_message(h)) if sign else None
        conn.execute(f"INSERT INTO audit_events ({', '.join(FIELDS)}, signer, hash, sig) "
                     f"VALUES ({', '.join('?' * (len(FIELDS) + 3))})",
                     (*[full[k] for k in FIELDS], signer_name, h, sig))
        return seq

    def write_head(self, count: int, h: bytes) -> None:
        """A head for ``count``, signed with the insider's own key."""
        head = audit_chain.Head.make(self.vault.practice_id, count, h, self.signer)
        (self.folder / "audit-head.json").write_bytes(head.to_bytes())


def head(folder: Path) -> dict:
    return json.loads((Path(folder) / "audit-head.json").read_bytes())
