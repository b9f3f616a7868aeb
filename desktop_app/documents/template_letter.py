"""A letter made from a template (``domain.letter_templates``): the address block and date, the
subject, the merged text in paragraphs, the closing with the signer. The frame and the pieces are
those of the other letters (``layout``, ``letter_parts``); every value is printed as text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app.documents.layout import Letterhead, build_pdf, para, spacer, styles
from desktop_app.documents.letter_parts import Addressee, closing, opening, rights


@dataclass(frozen=True)
class TemplateLetter:
    title: str  # the template's title: metadata and footer, never personal data
    to: Addressee
    subject: str
    paragraphs: tuple[str, ...]
    signer: str
    signer_role: str
    rights: tuple[str, ...] = ()


def template_letter_pdf(d: TemplateLetter, *, letterhead: Letterhead, created: datetime,
                        password: str | None = None) -> bytes:
    st = styles()
    body = []
    for text in d.paragraphs:
        body += [para(text, st["body"]), spacer(2)]
    story = [*opening(d.to, letterhead, created.date(), st), para(d.subject, st["h3"]), spacer(4), *body,
             spacer(4), closing(d.signer, d.signer_role, st)]
    if d.rights:
        story += rights(d.rights, st)
    return build_pdf(d.title, story, letterhead=letterhead, created=created, password=password)
