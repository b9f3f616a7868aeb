"""The outcome of an examination (keuring) for the employer, and the same letter for the employee,
who gets it first. Built from an ``OutcomeLetter``, which has no field for the findings: only the
kind of examination, its date and "geschikt" or "niet geschikt"."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    field_table,
    long_date,
    para,
    spacer,
    styles,
)
from desktop_app.documents.letter_parts import Addressee, closing, opening
from desktop_app.domain.medical.examinations import OutcomeLetter

TITLE = "Uitslag van de keuring"


def outcome_pdf(letter: OutcomeLetter, to: Addressee, *, for_employee: bool, letterhead: Letterhead,
                created: datetime, password: str | None = None) -> bytes:
    st = styles()
    job = f" voor de functie {letter.job_title}" if letter.job_title else ""
    if for_employee:
        intro = (f"U bent op {long_date(letter.examined_on)} gekeurd{job}. Hieronder staat de uitslag. U "
                 "krijgt deze uitslag als eerste. U beslist zelf of hij naar uw (toekomstige) werkgever gaat: "
                 "de werkgever krijgt alleen deze brief, met dezelfde tekst, en nooit de medische bevindingen.")
    else:
        intro = (f"Uw (toekomstige) werknemer is op {long_date(letter.examined_on)} gekeurd{job}. "
                 "U ontvangt alleen de uitslag; de medische bevindingen blijven bij de bedrijfsarts. De "
                 "werknemer heeft deze uitslag eerst gekregen en ingestemd met het verstrekken aan u.")
    story = [
        *opening(to, letterhead, created.date(), st),
        KeepTogether([para(TITLE, st["title"]), field_table([
            ("Werknemer", letter.employee_name),
            ("Geboortedatum", long_date(letter.birth_date) if letter.birth_date else ""),
            ("Werkgever", letter.employer_name),
            ("Soort keuring", letter.examination.label),
            ("Datum keuring", long_date(letter.examined_on)),
            ("Uitslag", letter.outcome.label),
        ], st, widths=(45 * mm, None))]),  # the title never ends a page alone
        spacer(4),
        para(intro, st["body"]),
        spacer(6),
        closing(letter.physician_name, "bedrijfsarts", st),
    ]
    confidential = ("Vertrouwelijk – voor de werknemer" if for_employee
                    else "Vertrouwelijk – bestemd voor de werkgever en de werknemer")
    return build_pdf(TITLE, story, letterhead=letterhead, created=created, password=password,
                     confidential=confidential)
