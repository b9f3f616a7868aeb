"""The overview of billable work of one employer in one month, for the practice's bookkeeping:
date, employee, kind of work, minutes, who. No medical content; a consultation on the employee's
own question names no one (``domain.billing.Line.employee_shown``)."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm

from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    field_table,
    grid,
    long_date,
    para,
    spacer,
    styles,
)
from desktop_app.domain.billing import Overview, hours
from desktop_app.domain.dates import nl_date

TITLE = "Declarabele uren"


def overview_pdf(o: Overview, *, letterhead: Letterhead, created: datetime) -> bytes:
    st = styles()
    rows = [[nl_date(x.on_date), x.employee_shown, x.personnel_shown, x.kind.label, str(x.minutes), x.done_by]
            for x in o.lines] or [["—", "Geen declarabel werk in deze maand", "", "", "", ""]]
    totals = [[kind.label, str(n), str(minutes), hours(minutes)] for kind, n, minutes in o.totals()]
    totals.append(["Totaal", str(len(o.lines)), str(o.total_minutes), hours(o.total_minutes)])
    story = [
        para(TITLE, st["title"]),
        field_table([("Werkgever", o.employer_name), ("Maand", o.month.label),
                     ("Opgesteld op", long_date(created.date())), ("Aantal regels", str(len(o.lines)))], st),
        spacer(2),
        para("Voor de administratie van de praktijk. Dit overzicht bevat geen medische gegevens; een "
             "consult op eigen vraag van een werknemer staat erin zonder naam.", st["small"]),
        para("Totalen per soort werk", st["h2"]),
        grid(["Soort werk", "Aantal", "Minuten", "Uren"], totals, st, [60 * mm, 25 * mm, 30 * mm, 30 * mm]),
        para("Regels", st["h2"]),
        grid(["Datum", "Werknemer", "Pers.nr.", "Soort werk", "Min.", "Door"], rows, st,
             [22 * mm, 50 * mm, 22 * mm, 30 * mm, 12 * mm, 34 * mm]),
    ]
    return build_pdf(TITLE, story, letterhead=letterhead, created=created,
                     confidential="Vertrouwelijk – administratie van de praktijk")
