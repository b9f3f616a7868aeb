"""Letters to the requester about a data-subject request: the extension (AVG art. 12 lid 3, within
the first month, with the reasons), the answer (what the request led to), and the refusal (AVG
art. 12 lid 4: the reasons, and the right to complain to the Autoriteit Persoonsgegevens and to go
to court). Each ends with where to turn: complaint procedure, FG, AP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app.documents.layout import Letterhead, build_pdf, field_table, para, spacer, styles
from desktop_app.documents.letter_parts import Addressee, closing, opening, rights

TITLES = {"extension": "Verlenging van de termijn van uw verzoek", "answer": "Antwoord op uw verzoek",
          "refusal": "Besluit op uw verzoek"}


@dataclass(frozen=True)
class RequestLetter:
    which: str  # extension, answer, refusal
    to: Addressee
    employee_name: str
    kind_label: str
    article: str
    received_on: str
    text: str  # the reason of the extension, the outcome, or the reasons of the refusal
    new_deadline: str = ""
    details: tuple[tuple[str, str], ...] = ()
    recipients: tuple[str, ...] = ()  # AVG art. 19: who was told of a correction, erasure, restriction
    signer: str = ""
    signer_role: str = ""
    rights: tuple[str, ...] = ()


def _body(d: RequestLetter, st: dict) -> list:
    kind = d.kind_label.lower()
    if d.which == "extension":
        return [para(f"Op {d.received_on} ontvingen wij uw verzoek om {kind} ({d.article}). Wij hebben meer tijd "
                     f"nodig om het goed af te handelen. U krijgt ons antwoord uiterlijk op {d.new_deadline}.",
                     st["body"]), spacer(2), field_table([("Reden", d.text)], st)]
    if d.which == "refusal":
        return [para(f"Op {d.received_on} ontvingen wij uw verzoek om {kind} ({d.article}). Wij kunnen uw verzoek "
                     "niet (geheel) inwilligen.", st["body"]), spacer(2), field_table([("Redenen", d.text)], st),
                spacer(2),
                para("U hebt het recht een klacht in te dienen bij de Autoriteit Persoonsgegevens en u kunt zich "
                     "tot de rechter wenden (AVG art. 12 lid 4, art. 77 en 79).", st["body"])]
    out = [para(f"Op {d.received_on} ontvingen wij uw verzoek om {kind} ({d.article}). Hieronder leest u wat wij "
                "hebben gedaan.", st["body"]), spacer(2),
           field_table([("Uitkomst", d.text), *d.details], st)]
    if d.recipients:
        out += [spacer(2), para("Wij hebben de ontvangers aan wie wij eerder gegevens verstrekten hiervan op de "
                                "hoogte gebracht (AVG art. 19):", st["body"]),
                *[para(f"• {r}", st["body"]) for r in d.recipients]]
    return out


def request_letter_pdf(d: RequestLetter, *, letterhead: Letterhead, created: datetime,
                       password: str | None = None) -> bytes:
    st = styles()
    title = TITLES[d.which]
    story = [*opening(d.to, letterhead, created.date(), st), para(title, st["title"]),
             para(f"Betreft: {d.employee_name}", st["h3"]), spacer(2), *_body(d, st), spacer(6),
             closing(d.signer, d.signer_role, st), *rights(d.rights, st)]
    return build_pdf(title, story, letterhead=letterhead, created=created, password=password)
