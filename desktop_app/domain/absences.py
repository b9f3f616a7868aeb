"""A physician's absence (holiday, course, illness), as the practice records it ahead or on the day.

While a physician is absent, the supervising physician (kerndeskundige) decides on the releases
addressed to that physician (DESIGN.md §5; KNMG-richtlijn Omgaan met medische gegevens, the
stand-in or "waarnemer"). The period is recorded by an admin or by the physician; the reason is
not asked (a physician's illness is nobody's business), only an optional short note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.dates import nl_date


@dataclass(frozen=True)
class Absence:
    id: int
    user_id: int
    physician_name: str
    starts_on: date
    ends_on: date | None  # None: until further notice
    note: str
    recorded_by: int
    recorded_by_name: str
    recorded_at: str
    withdrawn_at: str | None = None

    def covers(self, day: date) -> bool:
        if self.withdrawn_at is not None:
            return False
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def period(self) -> str:
        end = f"{nl_date(self.ends_on)}" if self.ends_on else "nader bericht"
        return f"{nl_date(self.starts_on)} t/m {end}"
