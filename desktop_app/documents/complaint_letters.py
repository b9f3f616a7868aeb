"""Letters about a complaint: the acknowledgement (received, who handles it, by when the complainant
has the verdict, the routes beyond the practice) and the verdict itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app.documents.layout import Letterhead, build_pdf, field_table, para, spacer, styles
from desktop_app.documents.letter_parts import Addressee, closing, opening, rights

TITLES = {"acknowledgement": "Ontvangstbevestiging van uw klacht", "verdict": "Oordeel over uw klacht"}

MEDICAL_ROUTE = ("Gaat uw klacht over het medisch oordeel of handelen van de bedrijfsarts, dan kunt u ook een "
                 "second opinion of bij UWV een deskundigenoordeel vragen, of een klacht indienen bij het "
                 "Regionaal Tuchtcollege voor de Gezondheidszorg.")


@dataclass(frozen=True)
class ComplaintLetter:
    which: str  # acknowledgement, verdict
    to: Addressee
    received_on: str
    topic: str
    description: str
    handler: str
    due: str
    verdict: str = ""
    outcome: str = ""
    measures: str = ""
    medical: bool = False
    signer: str = ""
    signer_role: str = ""
    rights: tuple[str, ...] = ()


def complaint_letter_pdf(d: ComplaintLetter, *, letterhead: Letterhead, created: datetime) -> bytes:
    st = styles()
    title = TITLES[d.which]
    if d.which == "acknowledgement":
        body = [para(f"Op {d.received_on} ontvingen wij uw klacht. Wij nemen die serieus en behandelen haar volgens "
                     "de klachtenregeling van de praktijk.", st["body"]), spacer(2),
                field_table([("Waarover", d.topic), ("Uw klacht", d.description),
                             ("Behandeld door", d.handler or "wordt nog aangewezen"), ("Ons oordeel uiterlijk", d.due)],
                            st)]
    else:
        body = [para(f"Op {d.received_on} ontvingen wij uw klacht. Hieronder leest u ons oordeel.", st["body"]),
                spacer(2), field_table([("Waarover", d.topic), ("Oordeel", d.verdict), ("Toelichting", d.outcome),
                                        ("Wat wij doen", d.measures)], st)]
    extra = [MEDICAL_ROUTE] if d.medical else []
    story = [*opening(d.to, letterhead, created.date(), st), para(title, st["title"]), spacer(2), *body, spacer(6),
             closing(d.signer, d.signer_role, st), *rights((*extra, *d.rights), st)]
    return build_pdf(title, story, letterhead=letterhead, created=created)
