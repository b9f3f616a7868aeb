"""Issue 3 rows: opening the sections, one password unlock, an insert/select mix."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app.storage.connection import Database, open_encrypted, open_plain
from desktop_app.storage.sections import MEDICAL, PRACTICE, open_section
from desktop_app.vault import crypto
from tests.perf.runner import Row, timed_ms

PID = "bench-practice"
MIX_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, employee INTEGER, kind TEXT, "
    "body TEXT, created TEXT)",
    "CREATE INDEX IF NOT EXISTS items_by_employee ON items(employee)",
)


def _mix(conn, n: int) -> None:
    conn.execute("BEGIN")
    for i in range(n):
        conn.execute("INSERT INTO items (employee, kind, body, created) VALUES (?, ?, ?, ?)",
                     (i % 500, "consult", "S: klachten O: onderzoek E: beoordeling P: plan " * 4,
                      "2026-11-23"))
    conn.execute("COMMIT")
    for i in range(n // 2):
        conn.execute("SELECT id, body FROM items WHERE employee = ? ORDER BY id DESC LIMIT 20",
                     (i % 500,)).fetchall()


def run(quick: bool) -> list[Row]:
    rows: list[Row] = []
    n = 2000 if quick else 20000
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp:
        folder = Path(tmp)
        key = crypto.random_bytes()
        for name, section in (("open_practice_ms", PRACTICE), ("open_medical_ms", MEDICAL)):
            path = folder / f"{section}.db"
            db = open_section(section, path, key, PID, create=True)
            db.close()
            plain = folder / f"{section}-plain.db"
            open_plain(plain).close()

            def open_enc(path=path, section=section):
                open_section(section, path, key, PID).close()

            db = Database(open_plain(plain), "plain")
            db.conn.executescript(f"CREATE TABLE section_info (key TEXT PRIMARY KEY, value TEXT); "
                                  f"INSERT INTO section_info VALUES ('practice_id', '{PID}');")
            db.close()

            def open_pl(plain=plain):
                c = open_plain(plain)
                c.execute("SELECT count(*) FROM sqlite_master").fetchone()
                c.execute("PRAGMA user_version").fetchone()
                c.execute("SELECT value FROM section_info WHERE key = 'practice_id'").fetchone()
                c.close()

            rows.append(Row(name, timed_ms(open_enc, 25), "ms", timed_ms(open_pl, 25),
                            "open + pragmas + schema/identity check, same steps on plain SQLite"))

        params = crypto.DEFAULT_KDF
        salt = os.urandom(16)
        rows.append(Row("argon2id_unlock_ms",
                        timed_ms(lambda: crypto.argon2id("Demo-arts-2026!", salt, params,
                                                         os.urandom(32)), 5),
                        "ms", note=f"Argon2id {params.memory_kib // 1024} MiB, t={params.iterations}, p={params.lanes}"))

        enc = Database(open_encrypted(folder / "mix.db", key, create=True), "mix").conn
        plain = open_plain(folder / "mix-plain.db")
        for conn in (enc, plain):
            for stmt in MIX_SCHEMA:
                conn.execute(stmt)
        enc_ms = timed_ms(lambda: _mix(enc, n), 3)
        plain_ms = timed_ms(lambda: _mix(plain, n), 3)
        enc.close()
        plain.close()
        rows.append(Row("mix_sqlcipher_vs_sqlite", enc_ms, "ms", plain_ms,
                        f"{n} inserts in one transaction + {n // 2} indexed selects"))
    from tests.perf import bench_keys  # issue 12: signed audit events, rotation of both keys

    rows.extend(bench_keys.run(quick))
    return rows
