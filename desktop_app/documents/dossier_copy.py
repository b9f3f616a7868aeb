"""The copy of the dossier for the employee: cover page, contents, every entry in order with
date, author and type, corrections shown as such, employee statements, the attachments."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak

from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    field_table,
    fitted_image,
    grid,
    long_date,
    para,
    short_date,
    spacer,
    styles,
)
from desktop_app.domain.medical import FML_ITEMS, FmlScore, MedicalEntry

TITLE = "Afschrift van het dossier"


@dataclass
class CopyContents:
    employee_name: str
    birth_date: str
    employer_name: str
    parts: list[str]
    approved_by: str
    entries: list[list[MedicalEntry]]  # each entry's versions, oldest first
    statements: list[tuple[str, str]] = field(default_factory=list)  # (date, text)
    attachments: list[tuple[str, str, bytes | None]] = field(default_factory=list)  # (name, mime, data if included)
    practice_part: list[tuple[str, str]] = field(default_factory=list)  # (heading, text)
    left_out: list[str] = field(default_factory=list)  # what was left out, and why


def _entry_flowables(versions: list[MedicalEntry], st) -> list:
    current = versions[-1]
    out = [para(f"{short_date(current.entry_date)} · {current.kind.label} · {current.author_name}", st["h3"])]
    if len(versions) > 1:
        out.append(para(f"Gecorrigeerd (versie {current.version}); eerdere versies staan hieronder.", st["small"]))
    out.extend(_body(current, st))
    for old in reversed(versions[:-1]):
        written = short_date(date.fromisoformat(old.created_at[:10]))
        out.append(para(f"Eerdere versie {old.version} van {written} — vervangen om: "
                        f"{versions[old.version].reason if old.version < len(versions) else ''}", st["small"]))
        out.extend(_body(old, st, small=True))
    return out  # the heading style keeps with the next paragraph


def _body(entry: MedicalEntry, st, small: bool = False) -> list:
    style = st["small"] if small else st["body"]
    if entry.kind.value == "fml":
        rows = [[FML_ITEMS.get(code, code), FmlScore(v["score"]).label, v.get("note", "")]
                for code, v in entry.body.get("items", {}).items() if v.get("score") != "normaal"]
        parts = [para(entry.body.get("summary", ""), style)] if entry.body.get("summary") else []
        return parts + ([grid(["Onderdeel", "Score", "Toelichting"], rows, st, [60 * mm, 30 * mm, 80 * mm])]
                        if rows else [para("Geen beperkingen ten opzichte van normaal.", style)])
    return [para(f"{label}: {text}", style) for label, text in entry.display_lines() if text]


def dossier_copy_pdf(c: CopyContents, *, letterhead: Letterhead, created: datetime,
                     password: str | None = None, progress: Callable[[int, int], None] | None = None) -> bytes:
    st = styles()
    story: list = [
        para(TITLE, st["title"]),
        field_table([("Werknemer", c.employee_name), ("Geboortedatum", c.birth_date),
                     ("Werkgever", c.employer_name), ("Datum afschrift", long_date(created.date())),
                     ("Onderdelen", ", ".join(c.parts)), ("Goedgekeurd door", c.approved_by)], st),
        spacer(4),
        para("Dit afschrift is voor u persoonlijk. Het bevat medische gegevens die onder het "
             "beroepsgeheim vallen; bewaar het zorgvuldig.", st["body"]),
    ]
    if c.left_out:
        story += [para("Niet opgenomen", st["h2"])] + [para("• " + why, st["body"]) for why in c.left_out]
    story += [para("Inhoud", st["h2"])]
    contents = ["1. Gegevens over verzuim en re-integratie", "2. Medische aantekeningen "
                f"({len(c.entries)})", f"3. Verklaringen van de werknemer ({len(c.statements)})",
                f"4. Bijlagen ({len(c.attachments)})"]
    story += [para(line, st["body"]) for line in contents] + [PageBreak()]
    story.append(para("1. Gegevens over verzuim en re-integratie", st["h2"]))
    for heading, text in c.practice_part or [("", "Geen gegevens.")]:
        if heading:
            story.append(para(heading, st["h3"]))
        story.append(para(text, st["body"]))
    story.append(para("2. Medische aantekeningen", st["h2"]))
    for versions in c.entries:
        story.extend(_entry_flowables(versions, st))
    if not c.entries:
        story.append(para("Geen medische aantekeningen.", st["body"]))
    story.append(para("3. Verklaringen van de werknemer", st["h2"]))
    for on, text in c.statements or [("", "Geen verklaringen.")]:
        story.append(para(f"{on}: {text}" if on else text, st["body"]))
    story.append(para("4. Bijlagen", st["h2"]))
    included_pdfs = []
    for name, mime, data in c.attachments:
        note = "opgenomen in dit afschrift" if data else "niet opgenomen; op verzoek verkrijgbaar"
        story.append(para(f"• {name} ({mime}) — {note}", st["body"]))
        if data and mime.startswith("image/"):
            try:
                story.append(fitted_image(data, 160 * mm))
            except Exception:
                story.append(para("(afbeelding kon niet worden weergegeven)", st["small"]))
        elif data and mime == "application/pdf":
            included_pdfs.append(data)
    pdf = build_pdf(TITLE, story, letterhead=letterhead, created=created, progress=progress)
    if included_pdfs:
        pdf = _append(pdf, included_pdfs)
    if password:
        from desktop_app.documents.protect import protect

        pdf = protect(pdf, password)
    return pdf


def _append(pdf: bytes, attachments: list[bytes]) -> bytes:
    """Attached PDFs follow the copy's own pages (they keep their own page numbers)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for data in attachments:
        try:
            writer.append(PdfReader(io.BytesIO(data)))
        except Exception:
            continue
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
