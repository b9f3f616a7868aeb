"""One stored version of a medical entry, as read back, with the text to show or print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.dates import nl_date
from desktop_app.domain.medical.bodies import Body, CodingSystem, body_from_json
from desktop_app.domain.medical.fml import FmlBody
from desktop_app.domain.medical.kinds import BODY_FIELDS, EntryId, EntryKind


@dataclass(frozen=True)
class MedicalEntry:
    """One version of an entry. ``body`` is the stored JSON object; ``content`` the typed body."""

    id: EntryId
    employee_id: int
    case_id: int | None
    kind: EntryKind
    entry_date: date
    version: int
    body: dict
    author_id: int
    author_name: str
    created_at: str
    reason: str = ""
    third_party_privacy: bool = False
    on_behalf_of: str = ""

    @property
    def title(self) -> str:
        return self.kind.label

    @property
    def content(self) -> Body:
        return body_from_json(self.kind, self.body)

    def display_lines(self) -> list[tuple[str, str]]:
        """(Dutch label, text) pairs to show or print, dates as dd-mm-jjjj."""
        content = self.content
        if isinstance(content, FmlBody):
            lines = [("Toelichting", content.summary)] if content.summary else []
            return lines + [(f"{r.numeral} {r.title}", r.describe())
                            for r in content.overview().rubrics]
        out = []
        for name, label, _required in BODY_FIELDS[self.kind]:
            value = getattr(content, name)
            if isinstance(value, CodingSystem):
                value = value.value
            elif isinstance(value, StrEnum):  # an occasion, a kind of examination, an outcome
                value = value.label
            elif isinstance(value, date):
                value = nl_date(value)
            if value:
                out.append((label, value))
        return out

    def summary(self, limit: int = 120) -> str:
        content = self.content
        if isinstance(content, FmlBody):
            overview = content.overview()
            if overview.all_normal:
                return "Geen beperkingen"
            limited = overview.limited
            return (f"{len(limited)} beperking(en): " + ", ".join(i.label for i in limited[:4])
                    + (", …" if len(limited) > 4 else ""))
        text = " · ".join(value for _label, value in self.display_lines())
        return text if len(text) <= limit else text[: limit - 1] + "…"
