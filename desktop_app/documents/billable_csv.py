"""The overview of billable work as CSV (``csv_text``): one row per line, no medical content."""

from __future__ import annotations

from desktop_app.documents.csv_text import csv_bytes
from desktop_app.domain.billing import Overview
from desktop_app.domain.dates import nl_date

HEADER = ("Werkgever", "Maand", "Datum", "Werknemer", "Personeelsnummer", "Soort werk", "Minuten", "Door")


def overview_csv(o: Overview) -> bytes:
    rows = [(o.employer_name, o.month.label, nl_date(x.on_date), x.employee_shown,
             x.personnel_shown, x.kind.label, x.minutes, x.done_by)
            for x in o.lines]
    return csv_bytes(HEADER, rows)
