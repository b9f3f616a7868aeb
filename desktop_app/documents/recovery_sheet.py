"""The recovery-key sheet for the practice safe.

It carries the key, the practice id and the date, plain instructions and a field for who put it
away. No employee data, and the key appears only on the page, never in the PDF's metadata.
"""

from __future__ import annotations

import re
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Table

from desktop_app.documents import fonts
from desktop_app.documents.dates import long_date
from desktop_app.documents.layout import (
    CONTENT_WIDTH,
    Letterhead,
    build_pdf,
    bullet,
    field_table,
    para,
    signature_lines,
    spacer,
    styles,
    table_style,
)

TITLE = "Herstelsleutel"
NOTICE = "Strikt vertrouwelijk – sleutel tot alle gegevens van de praktijk"
_PER_ROW = 3


def key_groups(recovery_key: str) -> list[str]:
    """The key's groups as written (``ABCD-EFGH-…``); a key without separators in fours."""
    groups = [g for g in re.split(r"[\s\-]+", recovery_key.strip()) if g]
    if len(groups) == 1 and len(groups[0]) > 4:
        groups = [groups[0][i : i + 4] for i in range(0, len(groups[0]), 4)]
    return groups


def _key_box(groups: list[str]) -> Table:
    fonts.register()
    number = ParagraphStyle("key-no", fontName=fonts.SANS, fontSize=7, leading=9, alignment=TA_CENTER,
                            textColor=colors.HexColor("#666666"))
    group = ParagraphStyle("key", fontName=fonts.MONO, fontSize=20, leading=23, alignment=TA_CENTER)
    rows = []
    for start in range(0, len(groups), _PER_ROW):
        chunk = groups[start : start + _PER_ROW]
        chunk += [""] * (_PER_ROW - len(chunk))
        rows.append([[para(str(start + i + 1) if g else "", number), para(g, group)] for i, g in enumerate(chunk)])
    width = CONTENT_WIDTH / _PER_ROW
    t = Table(rows, colWidths=[width] * _PER_ROW, hAlign="CENTER")
    t.setStyle(table_style(
        ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#2f5d8a")),
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f6f9")),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
    ))
    return t


def recovery_sheet_pdf(*, letterhead: Letterhead, recovery_key: str, practice_id: str,
                       created: datetime) -> bytes:
    """The sheet as PDF bytes. Metadata: the title "Herstelsleutel" and the date, nothing else."""
    st = styles()
    groups = key_groups(recovery_key)
    story = [
        para(TITLE, st["title"]),
        para("Dit blad hoort in de kluis van de praktijk.", st["body"]),
        spacer(4),
        _key_box(groups),
        spacer(2),
        para(f"Op één regel: {recovery_key.strip()}", st["small"]),
        para(f"{len(groups)} groepen van vier tekens: cijfers en hoofdletters. De letters I, L, O en U "
             "komen niet voor; de laatste groep is een controle op tikfouten.", st["small"]),
        spacer(4),
        field_table([("Praktijk", letterhead.name), ("Praktijk-id", practice_id),
                     ("Aangemaakt op", long_date(created))], st),
        para("Wat is dit?", st["h2"]),
        para("Met deze herstelsleutel komt de praktijk weer in Arbokluis als de wachtwoorden kwijt "
             "zijn, op een nieuw werkstation, of na het terugzetten van een back-up op een andere "
             "computer. Het is de enige weg terug: zonder deze sleutel zijn de gegevens dan niet meer "
             "te openen, ook niet door de leverancier. De sleutel opent alle gegevens van de "
             "praktijk, ook het medische deel: wie dit blad en de gegevensbestanden heeft, kan alle "
             "dossiers lezen.", st["body"]),
        para("Bewaren", st["h2"]),
        bullet("Berg dit blad op in de kluis van de praktijk.", st),
        bullet("Zet de sleutel nooit op de computer, in een bestand, op een usb-stick of in de cloud.", st),
        bullet("Verstuur hem nooit per e-mail of chat en maak er geen foto of kopie van.", st),
        bullet("Raakt het blad kwijt of heeft iemand anders het gezien, meld dat dan direct aan de "
               "bedrijfsarts die beheerder is.", st),
        para("Wie mag hem gebruiken?", st["h2"]),
        para("Alleen een bedrijfsarts met beheerrechten, of iemand die de praktijk daarvoor "
             "schriftelijk heeft aangewezen. Arbokluis legt elk gebruik van de herstelsleutel vast in "
             "het logboek. Leg het blad na gebruik meteen terug in de kluis.", st["body"]),
        para("Opgeborgen", st["h2"]),
        signature_lines(["Opgeborgen door", "Datum", "Handtekening"], st, height=14 * mm),
    ]
    return build_pdf(TITLE, story, letterhead=letterhead, created=created, confidential=NOTICE)
