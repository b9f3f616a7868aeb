"""Medical entries and attachments for the demo practice, in bulk (one transaction)."""

from __future__ import annotations

import hashlib
import random
import struct
import zlib
from datetime import date, timedelta

from desktop_app.audit import Action
from desktop_app.domain.medical.attachments import AttachmentType, NewAttachment
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.permissions import Permission
from desktop_app.services.authz import requires
from desktop_app.storage import attachments as attachments_store
from desktop_app.storage import medical_entries as entries_store
from desktop_app.storage.column_values import now
from desktop_app.storage.medical_entries import LoadedEntry

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


@requires(Permission.MEDICAL_WRITE, Permission.MEDICAL_CLINICAL)
def fill(session, rng: random.Random, people, case_rows, n: int, today: date) -> int:
    if not session.medical_unlocked:
        return 0
    mdb = session.medical()
    author = session.user.id
    stamp = now()
    first_id = entries_store.next_id(mdb)
    entries = []
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
        entries.append(LoadedEntry(first_id + i, employee_id, case_id, EntryKind(kind), on, body,
                                   author, stamp))
    with mdb.transaction():
        entries_store.load(mdb, entries)
        png = _tiny_png()
        scan = NewAttachment("scan-verwijsbrief.png", AttachmentType.PNG, "Verwijsbrief huisarts")
        for _case, employee_id, _first in case_rows[:5]:
            attachments_store.insert(mdb, employee_id, None, scan, png,
                                     hashlib.sha256(png).hexdigest(), author)
    session.record(Action.CREATE, object_type="demo", data=f"{n} medische demo-aantekeningen")
    return n
