"""The recovery-key sheet for the practice safe. No employee data; the key is not in the metadata."""

from __future__ import annotations

from datetime import datetime

from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    field_table,
    long_date,
    para,
    signature_lines,
    spacer,
    styles,
)

TITLE = "Herstelsleutel"


def recovery_sheet_pdf(*, letterhead: Letterhead, recovery_key: str, practice_id: str,
                       created: datetime) -> bytes:
    st = styles()
    story = [
        para("Herstelsleutel van de praktijk", st["title"]),
        para("Bewaar dit blad in de kluis van de praktijk. Niet op de computer, niet per e-mail, "
             "niet als foto.", st["body"]),
        spacer(6),
        para(recovery_key, st["mono"]),
        spacer(4),
        field_table([("Praktijk", letterhead.name), ("Praktijk-id", practice_id),
                     ("Aangemaakt op", long_date(created.date()))], st),
        para("Waarvoor", st["h2"]),
        para("Met deze sleutel komt de praktijk weer in Arbokluis als wachtwoorden vergeten zijn, na "
             "een verhuizing naar een nieuw werkstation, of bij het terugzetten van een back-up op een "
             "andere computer. De sleutel opent alle gegevens, ook het medische deel.", st["body"]),
        para("Wie mag hem gebruiken", st["h2"]),
        para("Alleen een bedrijfsarts met beheerrechten, of iemand die door de praktijk daartoe is "
             "aangewezen. Elk gebruik wordt vastgelegd in het logboek.", st["body"]),
        para("Opgeborgen", st["h2"]),
        signature_lines(["Opgeborgen door", "Datum", "Handtekening"], st),
    ]
    return build_pdf(TITLE, story, letterhead=letterhead, created=created, confidential=
                     "Strikt vertrouwelijk – sleutel tot alle gegevens van de praktijk")
