"""The functional feedback letter to the employer: fit / partly fit / unfit, limitations in work
terms, expected duration, advice, and the physician's name and registration. Nothing medical:
it is built from a FunctionalFeedback record, which has no field for a diagnosis."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

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
from desktop_app.domain.cases import FunctionalFeedback

TITLE = "Terugkoppeling aan de werkgever"


@dataclass(frozen=True)
class LetterParties:
    employer_name: str
    employer_contact: str
    employer_address: str
    employee_name: str
    physician_name: str
    physician_registration: str


def feedback_letter_pdf(fb: FunctionalFeedback, p: LetterParties, *, letterhead: Letterhead,
                        created: datetime, password: str | None = None) -> bytes:
    st = styles()
    story = [
        para("\n".join(x for x in (p.employer_name, f"t.a.v. {p.employer_contact}" if p.employer_contact else "",
                                   p.employer_address) if x), st["body"]),
        spacer(8),
        para(f"{letterhead.city or ''}{', ' if letterhead.city else ''}{long_date(created.date())}", st["body"]),
        spacer(4),
        para(TITLE, st["title"]),
        para(f"Betreft: {p.employee_name}", st["h3"]),
        spacer(2),
        para("Naar aanleiding van mijn beoordeling informeer ik u over de mogelijkheden van uw "
             "werknemer. Medische gegevens deel ik niet; de werknemer ontvangt een afschrift van deze brief.",
             st["body"]),
        spacer(3),
        field_table([
            ("Datum beoordeling", long_date(fb.assessed_on)),
            ("Oordeel", fb.fitness.label),
            ("Beperkingen in werk", fb.limitations),
            ("Mogelijkheden", fb.remaining_capacity),
            ("Verwachte duur", fb.expected_duration.label),
            ("Advies", fb.advice),
            ("Aanpassingen of voorzieningen", fb.adjustments),
        ], st, widths=(55 * mm, None)),
        spacer(8),
        KeepTogether([  # the closing never splits from the name and the signature
            para("Met vriendelijke groet,", st["body"]),
            spacer(10),
            para(p.physician_name, st["label"]),
            para(f"bedrijfsarts{', ' + p.physician_registration if p.physician_registration else ''}", st["body"]),
            spacer(6),
            signature_lines(["Handtekening bedrijfsarts"], st),
        ]),
    ]
    return build_pdf(TITLE, story, letterhead=letterhead, created=created, password=password,
                     confidential="Vertrouwelijk – bestemd voor de werkgever en de werknemer")
