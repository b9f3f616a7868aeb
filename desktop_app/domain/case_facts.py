"""The facts of a case that set its early UWV reports (decision 0006): the safety-net ground of
a safety-net case, and what the practice knows of a pregnancy (expected date, twins or more,
the leave's first and last day). They can be recorded when the case is reported and later.

These facts are for the practice: nothing built from them goes to the employer (DESIGN.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain import validation
from desktop_app.domain.absence_kind import AbsenceKind
from desktop_app.domain.dates import nl_date
from desktop_app.domain.field_errors import Fields, optional
from desktop_app.domain.uwv_reports import Pregnancy, SafetyNetGround

MAX_EXPECTED_AHEAD_DAYS = 300  # a pregnancy lasts about 280 days
EARLIEST_LEAVE_WEEKS = 20  # a leave after a very premature birth: at most this far before the date
MAX_LEAVE_WEEKS = 52  # the leave with every extension (hospitalisation, multiple birth) fits in


@dataclass
class ReportFactsForm:
    ground: str = ""  # SafetyNetGround value; empty: not known
    expected_delivery: str = ""  # dd-mm-jjjj; empty: not pregnant, or not known
    multiple_pregnancy: bool = False
    leave_start: str = ""
    leave_end: str = ""

    @classmethod
    def of(cls, ground: SafetyNetGround | None, pregnancy: Pregnancy | None) -> ReportFactsForm:
        d = nl_date
        if pregnancy is None:
            return cls(ground.value if ground else "")
        return cls(ground.value if ground else "", d(pregnancy.expected_delivery), pregnancy.multiple,
                   d(pregnancy.leave_start) if pregnancy.leave_start else "",
                   d(pregnancy.leave_end) if pregnancy.leave_end else "")


@dataclass(frozen=True)
class ReportFacts:
    ground: SafetyNetGround | None
    pregnancy: Pregnancy | None


GROUND_CHOICES: tuple[tuple[str, str], ...] = (("", "niet bekend"),) + tuple(
    (g.value, g.label) for g in SafetyNetGround)


def parse_report_facts(form: ReportFactsForm, kind: AbsenceKind, today: date) -> ReportFacts:
    f = Fields()
    ground = None
    if form.ground.strip():
        try:
            ground = SafetyNetGround(form.ground.strip())
        except ValueError:
            f.fail("ground", "Vangnetgrond: kies een grond uit de lijst.")
        if kind is not AbsenceKind.SAFETY_NET:
            f.fail("ground", "Vangnetgrond: alleen bij een vangnetgeval.")
    expected = f.take("expected_delivery", optional(validation.parse_date_nl),
                      form.expected_delivery, "expected_delivery", label="Uitgerekende datum")
    start = f.take("leave_start", optional(validation.parse_date_nl), form.leave_start,
                   "leave_start", label="Begin verlof")
    end = f.take("leave_end", optional(validation.parse_date_nl), form.leave_end, "leave_end",
                 label="Einde verlof")
    pregnancy = None
    if expected is None:
        if start is not None:
            f.fail("leave_start", "Begin verlof: vul eerst de uitgerekende datum in.")
        if end is not None:
            f.fail("leave_end", "Einde verlof: vul eerst de uitgerekende datum in.")
        if form.multiple_pregnancy:
            f.fail("expected_delivery", "Uitgerekende datum: vul die in bij een meerling.")
    else:
        if (expected - today).days > MAX_EXPECTED_AHEAD_DAYS:
            f.fail("expected_delivery", "Uitgerekende datum: ligt meer dan 300 dagen in de toekomst.")
        pregnancy = Pregnancy(expected, multiple=form.multiple_pregnancy)
        latest = pregnancy.latest_leave_start
        if start is not None and start > latest:
            f.fail("leave_start", "Begin verlof: uiterlijk "
                   f"{nl_date(latest)} ({8 if form.multiple_pregnancy else 4} "
                   "weken vóór de dag na de uitgerekende datum).")
        if start is not None and start < expected - timedelta(weeks=EARLIEST_LEAVE_WEEKS):
            f.fail("leave_start", f"Begin verlof: ligt meer dan {EARLIEST_LEAVE_WEEKS} weken vóór de "
                                  "uitgerekende datum.")
        if end is not None and start is None:
            f.fail("leave_start", "Begin verlof: vul dit in als het einde van het verlof bekend is.")
        if start is not None and end is not None:
            if end < start:
                f.fail("leave_end", "Einde verlof: ligt vóór het begin van het verlof.")
            elif end > start + timedelta(weeks=MAX_LEAVE_WEEKS):
                f.fail("leave_end", f"Einde verlof: ligt meer dan {MAX_LEAVE_WEEKS} weken na het begin.")
        pregnancy = Pregnancy(expected, form.multiple_pregnancy, start, end)
    f.done()
    return ReportFacts(ground, pregnancy)
