"""Dutch dates on paper: "23 november 2026" in running text, and the PDF's own date stamp.
"23-11-2026" in tables and fields is ``domain.dates.nl_date``, as everywhere else."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def long_date(d: date) -> str:
    """``23 november 2026``: no leading zero, month in lower case as Dutch writes it."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def as_datetime(moment: date | datetime) -> datetime:
    """A date stands for the start of that day."""
    if isinstance(moment, datetime):
        return moment
    return datetime(moment.year, moment.month, moment.day)


def pdf_date(moment: date | datetime) -> str:
    """A PDF date string (ISO 32000 §7.9.4): ``D:YYYYMMDDHHmmSS`` with the offset when known."""
    moment = as_datetime(moment)
    stamp = moment.strftime("D:%Y%m%d%H%M%S")
    offset = moment.utcoffset()
    if offset is None:
        return stamp
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return stamp + "Z"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{stamp}{sign}{hours:02d}'{mins:02d}'"
