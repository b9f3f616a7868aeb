"""The sealed medical information for UWV's insurance physician (verzekeringsarts): a cover that
says who it is for and how it travels — through the employee, in a closed envelope, "Medisch
geheim", never through the employer — and then the entries the physician chose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.platypus import PageBreak

from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    field_table,
    long_date,
    para,
    spacer,
    styles,
)
from desktop_app.domain.dates import nl_date

TITLE = "Medische informatie voor de verzekeringsarts van UWV"
MARK = "MEDISCH GEHEIM"
CONFIDENTIAL = "Medisch geheim – alleen voor de verzekeringsarts van UWV"
ROUTE = ("Via de werknemer te overhandigen, in een gesloten envelop. Niet via de werkgever. Alleen te openen "
         "door de verzekeringsarts van UWV.")


@dataclass(frozen=True)
class SealedEntry:
    title: str  # the kind of entry, in Dutch
    on: date
    author: str
    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SealedInformation:
    recipient: str
    basis_label: str
    article: str
    employee_name: str
    employee_birth: date | None
    employee_bsn: str
    employer_name: str
    first_day: date | None
    physician: str
    registration: str
    note: str
    entries: Sequence[SealedEntry]


def sealed_pdf(info: SealedInformation, *, letterhead: Letterhead, created: datetime) -> bytes:
    st = styles()
    big = st["title"].clone("mark", fontSize=26, leading=32, spaceAfter=12)
    story = [
        spacer(20), para(MARK, big),
        para("Voor de verzekeringsarts van UWV", st["title"]), spacer(4),
        para(ROUTE, st["label"]), spacer(8),
        field_table([("Aan", info.recipient), ("Werknemer", info.employee_name), ("Geboortedatum", nl_date(info.employee_birth) or "—"),
                     ("Van", f"{info.physician}, bedrijfsarts"), ("Datum", long_date(created.date()))], st),
        spacer(8),
        para("Deze informatie wordt verstrekt op grond van een wettelijke plicht; toestemming van de werknemer is "
             "daarvoor niet nodig. De werknemer mag de inhoud inzien.", st["small"]),
        PageBreak(),
        para(TITLE, st["title"]),
        field_table([("Aan", info.recipient), ("Grondslag", f"{info.basis_label} ({info.article})"),
                     ("Werknemer", info.employee_name), ("Geboortedatum", nl_date(info.employee_birth) or "—"),
                     ("BSN", info.employee_bsn), ("Werkgever", info.employer_name),
                     ("Eerste ziektedag", nl_date(info.first_day) or "—"),
                     ("Bedrijfsarts", info.physician + (f", {info.registration}" if info.registration else ""))], st),
    ]
    if info.note:
        story += [spacer(3), field_table([("Toelichting voor de verzekeringsarts", info.note)], st)]
    for entry in info.entries:
        story += [para(f"{entry.title} van {nl_date(entry.on)} ({entry.author})", st["h2"]),
                  field_table(list(entry.lines) or [("Inhoud", "")], st)]
    return build_pdf(TITLE, story, letterhead=letterhead, created=created, confidential=CONFIDENTIAL)
