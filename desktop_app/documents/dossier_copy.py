"""The copy of the dossier for the employee: cover page, contents, every entry in order with
date, author and type, corrections shown as such, employee statements, the attachments (each
included, or listed with the reason it could not be)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Indenter, PageBreak

from desktop_app.documents import enclosures
from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    bullet,
    field_table,
    fitted_image,
    grid,
    long_date,
    para,
    spacer,
    styles,
)
from desktop_app.domain.dates import nl_date
from desktop_app.domain.medical.attachments import AttachmentType
from desktop_app.domain.medical.entries import MedicalEntry
from desktop_app.domain.medical.fml import FML_ITEMS, FmlScore

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
    attachments: list[tuple[str, str, bytes | None]] = field(default_factory=list)  # (name, mime, data if chosen)
    practice_part: list[tuple[str, str]] = field(default_factory=list)  # (heading, text)
    left_out: list[str] = field(default_factory=list)  # what was left out, and why


def _entry_flowables(versions: list[MedicalEntry], st) -> list:
    current = versions[-1]
    out = [para(f"{nl_date(current.entry_date)} · {current.kind.label} · {current.author_name}", st["h3"])]
    if len(versions) > 1:
        out.append(para(f"Gecorrigeerd (versie {current.version}); eerdere versies staan hieronder.", st["small"]))
    out.extend(_body(current, st))
    for old in reversed(versions[:-1]):
        written = nl_date(date.fromisoformat(old.created_at[:10]))
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


def _kind_label(mime: str) -> str:
    try:
        return AttachmentType(mime).label
    except ValueError:
        return mime or "onbekend bestand"


def dossier_copy_pdf(c: CopyContents, *, letterhead: Letterhead, created: datetime,
                     password: str | None = None, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The copy as PDF bytes. Chosen attachments are tried first (see :mod:`.enclosures`): images
    are shown, PDFs follow the copy's pages, and each one that cannot be included is listed
    under "Niet opgenomen" and in section 4 with the reason."""
    st = styles()
    enclosed = enclosures.prepare(c.attachments)
    failed = [e for e in enclosed if e.kind == "failed"]
    story: list = [
        para(TITLE, st["title"]),
        field_table([("Werknemer", c.employee_name), ("Geboortedatum", c.birth_date),
                     ("Werkgever", c.employer_name), ("Datum afschrift", long_date(created.date())),
                     ("Onderdelen", ", ".join(c.parts)), ("Afgegeven door", c.approved_by)], st),
        spacer(4),
        para("Dit afschrift is voor u persoonlijk. Het bevat medische gegevens die onder het "
             "beroepsgeheim vallen; bewaar het zorgvuldig.", st["body"]),
    ]
    if c.left_out or failed:
        story.append(para("Niet opgenomen", st["h2"]))
        story += [bullet(why, st) for why in c.left_out]
        story += [bullet(f"Bijlage {e.name}: {e.reason} (op verzoek verkrijgbaar)", st) for e in failed]
    story += [para("Inhoud", st["h2"])]
    contents = ["1. Verzuim, re-integratie, terugkoppeling, activiteiten en toestemmingen", "2. Medische aantekeningen "
                f"({len(c.entries)})", f"3. Verklaringen van de werknemer ({len(c.statements)})",
                f"4. Bijlagen ({len(c.attachments)})"]
    story += [para(line, st["body"]) for line in contents] + [PageBreak()]
    story.append(para("1. Verzuim, re-integratie, terugkoppeling, activiteiten en toestemmingen", st["h2"]))
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
    if not enclosed:
        story.append(para("Geen bijlagen.", st["body"]))
    for e in enclosed:
        story.append(bullet(f"{e.name} ({_kind_label(e.mime)}) — {e.note()}", st))
        if e.kind == "image" and e.data:  # under its line, in line with the text after the bullet
            story += [Indenter(left=4 * mm), fitted_image(e.data, 160 * mm), spacer(2), Indenter(left=-4 * mm)]
    pdf = build_pdf(TITLE, story, letterhead=letterhead, created=created, progress=progress)
    pdf = enclosures.append_pdfs(pdf, enclosed)
    if password:
        from desktop_app.documents.protect import protect

        pdf = protect(pdf, password)
    return pdf
