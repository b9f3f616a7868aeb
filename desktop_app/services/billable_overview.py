"""The overview of billable work per employer per month (PDF and CSV) for the practice's
bookkeeping, with no medical content (``domain.billing``). It is the practice's administration
(``Permission.BILLING``): the physicians and the assistant, not a case manager
(docs/decisions/0011).
"""

from __future__ import annotations

from desktop_app.documents import billable_csv
from desktop_app.documents import billable_overview as document
from desktop_app.domain.billing import Month, Overview, parse_month
from desktop_app.domain.permissions import Permission
from desktop_app.services import employers
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session
from desktop_app.storage import billable_work as store

__all__ = ["Month", "Overview", "months", "overview", "overview_csv", "overview_pdf"]


@requires(Permission.BILLING)
def months(session: Session, count: int = 13) -> list[Month]:
    """The months on offer, this month first."""
    today = session.today()
    out = []
    year, month = today.year, today.month
    for _ in range(count):
        out.append(Month(year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out


@requires(Permission.BILLING)
def overview(session: Session, employer_id: int, year: int | str, month: int | str) -> Overview:
    chosen = parse_month(year, month)
    employer = employers.get(session, employer_id)
    lines = store.lines_for(session.db, employer_id, chosen.first_day, chosen.next_first_day)
    return Overview(employer.name, chosen, tuple(lines))


@requires(Permission.BILLING)
def overview_pdf(session: Session, employer_id: int, year: int | str, month: int | str) -> bytes:
    made = overview(session, employer_id, year, month)
    pdf = document.overview_pdf(made, letterhead=letterhead(session), created=now())
    record_made(session, document.TITLE)
    return pdf


@requires(Permission.BILLING)
def overview_csv(session: Session, employer_id: int, year: int | str, month: int | str) -> bytes:
    """The same lines for a spreadsheet: UTF-8 with BOM, ";" between fields, formulas defused."""
    made = overview(session, employer_id, year, month)
    data = billable_csv.overview_csv(made)
    record_made(session, document.TITLE, how="csv")
    return data
