"""Dates as a Dutch practice writes them: ``dd-mm-jjjj`` (``23-11-2026``), a moment with ``hh:mm``.

The one formatter of the program (issue 14). The core, the documents and the ui call it; no module
writes ``%d-%m-%Y`` itself (``tests/test_code_rules.py`` finds any that does). Reading a typed date
is ``validation.parse_date_nl``; letters write the month in words (``documents.dates.long_date``).
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["nl_date", "nl_date_time"]


def nl_date(day: date | None) -> str:
    """``dd-mm-jjjj``, the year in four digits; empty for no date. A datetime shows its own day:
    convert it to local time first."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}" if day else ""  # a date is never falsy


def nl_date_time(moment: datetime) -> str:
    """``dd-mm-jjjj hh:mm`` (24 hours), of the moment as given."""
    return f"{nl_date(moment)} {moment.hour:02d}:{moment.minute:02d}"
