"""Medical entries and attachments for the demo practice, in bulk (one transaction)."""

from __future__ import annotations

import hashlib
import json
import random
import struct
import zlib
from datetime import date, timedelta

from desktop_app.audit import Action
from desktop_app.storage.rows import now

CONSULTS = [
    ({"s": "Lage rugpijn sinds tillen van zware dozen, uitstraling naar linkerbeen.",
      "o": "Lasègue links positief bij 60 graden, geen uitval.",
      "e": "Lumbosacraal radiculair syndroom links.",
      "p": "Fysiotherapie, opbouw in aangepast werk, controle over drie weken."}),
    ({"s": "Slaapt slecht, piekert over werkdruk en reorganisatie.",
      "o": "Gespannen, concentratie verminderd, geen suïcidale gedachten.",
      "e": "Overspanning.",
      "p": "Gesprekken bij POH-GGZ, structuur in dag, over twee weken terug."}),
    ({"s": "Knieklachten rechts na val van trap op het werk.",
      "o": "Hydrops rechterknie, flexie beperkt tot 90 graden.",
      "e": "Distorsie rechterknie, MRI aangevraagd door huisarts.",
      "p": "Zittend werk mogelijk, geen traplopen."}),
]


def _tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes([200, 220, 240]) * 8 for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def fill(session, rng: random.Random, people, case_rows, n: int, today: date) -> int:
    if not session.medical_unlocked:
        return 0
    mdb = session.medical()
    author = session.user.id
    stamp = now()
    first_id = (mdb.scalar("SELECT coalesce(max(id), 0) FROM medical_entries") or 0) + 1
    entries, versions = [], []
    kinds = ["consultation"] * 6 + ["letter_in", "letter_out", "note", "diagnosis", "problem_analysis"]
    for i in range(n):
        case_id, employee_id, first_day = case_rows[i % len(case_rows)]
        span = max(1, min((today - first_day).days, 400))
        on = first_day + timedelta(days=rng.randint(0, span))
        if on > today:
            on = today
        kind = rng.choice(kinds)
        if kind == "consultation":
            body = dict(rng.choice(CONSULTS))
        elif kind == "diagnosis":
            body = {"system": "ICD-10", "code": rng.choice(["M54.5", "F43.2", "S83.6"]),
                    "description": rng.choice(["Lage rugpijn", "Aanpassingsstoornis", "Distorsie knie"])}
        elif kind in ("letter_in", "letter_out"):
            body = {"correspondent": rng.choice(["Huisarts Van Dam", "Fysiotherapie Centrum Oost",
                                                 "Psycholoog mw. Kaya"]),
                    "summary": "Informatie over behandeling en verwacht herstel."}
        elif kind == "problem_analysis":
            body = {"text": "Belastbaarheid verminderd door pijn en vermoeidheid; prognose gunstig "
                            "bij geleidelijke opbouw. Behandeling loopt via de huisarts."}
        else:
            body = {"text": "Telefonisch contact, afspraken bevestigd."}
        entry_id = first_id + i
        entries.append((entry_id, employee_id, case_id, kind, on.isoformat(), author, stamp))
        versions.append((entry_id, 1, json.dumps(body, ensure_ascii=False), "", author, stamp))
    with mdb.transaction():
        mdb.executemany("INSERT INTO medical_entries (id, employee_id, case_id, kind, entry_date, "
                        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", entries)
        mdb.executemany("INSERT INTO medical_entry_versions (entry_id, version, body, reason, "
                        "author_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", versions)
        png = _tiny_png()
        for _case, employee_id, _first in case_rows[:5]:
            mdb.execute("INSERT INTO attachments (employee_id, filename, mime, size, sha256, data, "
                        "description, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (employee_id, "scan-verwijsbrief.png", "image/png", len(png),
                         hashlib.sha256(png).hexdigest(), png, "Verwijsbrief huisarts", author, stamp))
    session.record(Action.CREATE, object_type="demo", data=f"{n} medische demo-aantekeningen")
    return n
