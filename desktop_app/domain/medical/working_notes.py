"""The physician's personal working notes: kept apart from the dossier, seen by their author only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NewType

from desktop_app.domain import validation
from desktop_app.domain.medical.free_text import MAX_TEXT

WorkingNoteId = NewType("WorkingNoteId", int)


@dataclass(frozen=True)
class WorkingNote:
    """Kept apart from the dossier: never in an inspection or a copy; only its author sees it."""

    id: WorkingNoteId
    employee_id: int
    author_id: int
    body: str
    created_at: str
    updated_at: str


def parse_working_note(body: str) -> str:
    return validation.text(body, "body", label="Werkaantekening", required=True,
                           max_length=MAX_TEXT, multiline=True)
