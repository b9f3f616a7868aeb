"""Letter templates: a subject and a body with merge fields written as ``{veld.naam}``.

``{{`` and ``}}`` stand for a literal brace. A template is checked when it is saved: an unknown
field, a field whose source the letter does not have, and an unbalanced brace are refused with a
Dutch message naming the field. Rendering puts each value in as text; a value is never parsed
again, so a name holding braces or markup stays exactly as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.domain import validation
from desktop_app.domain.field_errors import Fields
from desktop_app.domain.letter_fields import BASE_SOURCES, FIELDS, Source
from desktop_app.errors import ValidationError

MAX_SUBJECT = 200
MAX_BODY = 20000
MISSING = "…"  # what an appointment field nobody filled in prints as: a visible gap to fill by hand


class Recipient:
    """To whom a letter of a template goes; the service finds the address."""

    EMPLOYEE = "employee"
    EMPLOYER = "employer"
    TREATING_PHYSICIAN = "treating_physician"  # the recipient named by the consent
    EARLIER_RECIPIENT = "earlier_recipient"  # a recipient of an earlier release


@dataclass(frozen=True)
class LetterTemplate:
    """A template as the practice uses it. ``key``, ``title``, ``recipient``, ``sources`` and
    ``medical`` are fixed in code; the practice edits ``subject`` and ``body``."""

    key: str
    title: str  # the document's title (never personal data)
    recipient: str
    sources: frozenset[Source]
    medical: bool  # kept in the medical section
    subject: str
    body: str
    edited: bool = False  # the practice changed it (False: the default from code)

    @property
    def all_sources(self) -> frozenset[Source]:
        return BASE_SOURCES | self.sources

    def with_text(self, subject: str, body: str, *, edited: bool = True) -> LetterTemplate:
        return LetterTemplate(self.key, self.title, self.recipient, self.sources, self.medical, subject, body,
                              edited)


@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Field:
    name: str


def _near(text: str, at: int) -> str:
    snippet = text[at:at + 30].split("\n", 1)[0]
    return snippet + ("…" if len(text) > at + len(snippet) else "")


def parse(text: str, *, label: str = "Tekst", field: str = "body") -> list[_Text | _Field]:
    """The template as literal text and field parts; raises ValidationError on an unbalanced
    brace, naming where. Field names are not checked here (``check``)."""
    parts: list[_Text | _Field] = []
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{" and text.startswith("{{", i):
            buf.append("{")
            i += 2
        elif ch == "}" and text.startswith("}}", i):
            buf.append("}")
            i += 2
        elif ch == "{":
            end = i + 1
            while end < n and text[end] not in "{}\n":
                end += 1
            if end >= n or text[end] != "}":
                raise ValidationError(
                    field, f"{label}: het samenvoegveld bij '{_near(text, i)}' wordt niet gesloten met "
                           "'}'. Schrijf '{{' voor een losse accolade.")
            if buf:
                parts.append(_Text("".join(buf)))
                buf = []
            parts.append(_Field(text[i + 1:end].strip()))
            i = end + 1
        elif ch == "}":
            raise ValidationError(
                field, f"{label}: een '}}' zonder '{{' ervoor, bij '{_near(text, max(0, i - 20))}'. Schrijf "
                       "'}}' voor een losse accolade.")
        else:
            buf.append(ch)
            i += 1
    if buf:
        parts.append(_Text("".join(buf)))
    return parts


# Fields a letter to the employer may not carry, with why: the kind of absence tells the employer
# that a case falls under the safety net or is pregnancy-related (DESIGN §5).
NOT_FOR_EMPLOYER = {
    "verzuim.soort": "de werkgever hoort niet of het verzuim onder het vangnet valt of met zwangerschap "
                     "samenhangt.",
}


def field_names(text: str) -> list[str]:
    return [p.name for p in parse(text) if isinstance(p, _Field)]


def _check_one(text: str, sources: frozenset[Source], *, label: str, field: str, to_employer: bool = False) -> None:
    for part in parse(text, label=label, field=field):
        if not isinstance(part, _Field):
            continue
        known = FIELDS.get(part.name)
        if known is None:
            raise ValidationError(
                field, f"{label}: het samenvoegveld {{{part.name}}} bestaat niet. Kies een veld uit de lijst.")
        if to_employer and part.name in NOT_FOR_EMPLOYER:
            raise ValidationError(
                field, f"{label}: het samenvoegveld {{{part.name}}} kan niet in een brief aan de werkgever: "
                       f"{NOT_FOR_EMPLOYER[part.name]}")
        if known.source not in sources:
            raise ValidationError(
                field, f"{label}: het samenvoegveld {{{part.name}}} hoort niet bij deze brief (het komt uit "
                       f"{known.source.label}).")


def check(template: LetterTemplate, subject: str, body: str) -> tuple[str, str]:
    """The subject and body as typed, or ValidationErrors naming the field at fault."""
    to_employer = template.recipient == Recipient.EMPLOYER
    f = Fields()
    subject = f.take("subject", lambda: validation.text(subject, "subject", label="Onderwerp", required=True,
                                                        max_length=MAX_SUBJECT))
    body = f.take("body", lambda: validation.text(body, "body", label="Tekst", required=True,
                                                  max_length=MAX_BODY, multiline=True))
    if subject is not None:
        f.take("subject", lambda: _check_one(subject, template.all_sources, label="Onderwerp", field="subject",
                                             to_employer=to_employer))
    if body is not None:
        f.take("body", lambda: _check_one(body, template.all_sources, label="Tekst", field="body",
                                          to_employer=to_employer))
    f.done()
    return subject, body  # type: ignore[return-value]


MAX_VALUE = 5000


def check_value(name: str, value: str) -> str:
    """A value typed for a field when the letter is made: free text, kept exactly as typed."""
    known = FIELDS.get(name)
    label = known.description if known else name
    multiline = name.startswith("brief.") or name == "afspraak.meenemen"
    return validation.text(value, name, label=label, max_length=MAX_VALUE if multiline else 200,
                           multiline=multiline)


def render(text: str, values: Mapping[str, str]) -> str:
    """The text with every field replaced by its value, inserted as text. An appointment field
    without a value prints as ``MISSING`` (a gap to fill by hand); any other field without a value
    prints as nothing."""
    out = []
    for part in parse(text):
        if isinstance(part, _Text):
            out.append(part.text)
            continue
        value = values.get(part.name, "")
        if not value and part.name in FIELDS and FIELDS[part.name].source is Source.APPOINTMENT:
            value = MISSING
        out.append(value)
    return "".join(out)


def paragraphs(text: str) -> list[str]:
    """A rendered body split into paragraphs at blank lines; single newlines stay in a paragraph."""
    blocks, current = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks
