"""The notice to a recipient of an earlier release after a correction, erasure or restriction
(AVG art. 19). It says what happened to the data the recipient received, never the new content:
a corrected version goes only with the employee's consent, like any release."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app.documents.layout import Letterhead, build_pdf, field_table, para, spacer, styles
from desktop_app.documents.letter_parts import Addressee, closing, opening

TITLE = "Mededeling over eerder verstrekte gegevens"

WHAT_HAPPENED = {
    "correction": ("Op verzoek van de werknemer zijn deze gegevens gecorrigeerd (AVG art. 16). Wilt u de eerder "
                   "ontvangen versie niet meer gebruiken? Een gecorrigeerde versie sturen wij alleen met "
                   "toestemming van de werknemer."),
    "erasure": ("Op verzoek van de werknemer zijn deze gegevens bij ons gewist (AVG art. 17). Wij verzoeken u de "
                "gegevens die u van ons ontving ook te wissen, tenzij u ze op grond van een eigen wettelijke "
                "plicht moet bewaren."),
    "restriction": ("Op verzoek van de werknemer is de verwerking van deze gegevens beperkt (AVG art. 18). Wij "
                    "verzoeken u de gegevens die u van ons ontving, behalve om ze te bewaren, niet te gebruiken "
                    "tot wij u laten weten dat de beperking is opgeheven."),
}


@dataclass(frozen=True)
class NoticeLetter:
    to: Addressee
    kind: str  # correction, erasure, restriction
    employee_name: str
    birth_date: str
    released_on: str
    what: str
    changed_on: str
    signer: str
    signer_role: str
    dpo_line: str


def notice_letter_pdf(d: NoticeLetter, *, letterhead: Letterhead, created: datetime,
                      password: str | None = None) -> bytes:
    st = styles()
    story = [*opening(d.to, letterhead, created.date(), st), para(TITLE, st["title"]),
             para(f"Betreft: {d.employee_name}" + (f", geboren {d.birth_date}" if d.birth_date else ""), st["h3"]),
             spacer(2),
             para("U ontving van ons eerder gegevens over deze werknemer:", st["body"]), spacer(1),
             field_table([("Verstrekt op", d.released_on), ("Welke gegevens", d.what),
                          ("Gewijzigd op", d.changed_on)], st),
             spacer(2), para(WHAT_HAPPENED[d.kind], st["body"]), spacer(6),
             closing(d.signer, d.signer_role, st), spacer(4), para(d.dpo_line, st["small"])]
    return build_pdf(TITLE, story, letterhead=letterhead, created=created, password=password)
