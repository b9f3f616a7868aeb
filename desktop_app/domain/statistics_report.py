"""The absence statistics of one employer as the practice shows and prints them: the figures
(``domain.statistics``), the period, and in words which sources were used: the workforce
(entered by the employer or the dossier), the full-time week (known or assumed) and how the
frequency was made a yearly figure. The screen and the PDF take these same lines.

It also turns the practice's cases into the statistics' cases. A pregnancy and childbirth
leave is never absence: an illness before the leave ends on its first day, and what follows the
leave is a case of its own (1996 standard §2.3, see ``domain.statistics``), so a case whose
episodes go past the start of the leave becomes two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.absence_kind import AbsenceKind
from desktop_app.domain.cases import AbsenceCase
from desktop_app.domain.statistics import (
    MIN_CELL,
    MIN_GROUP,
    Figures,
    FullTimeSource,
    StatCase,
    Statistics,
    WorkforceSource,
    shown,
)
from desktop_app.domain.statistics_periods import Period

LEAVE_END_UNKNOWN = ("Bij een zwangerschaps- en bevallingsverlof is het einde niet vastgelegd: "
                     "ziekte die na het verlof doorliep, is niet meegeteld. Leg het einde vast "
                     "bij de ziekmelding (Verzuim › Zwangerschap en vangnet).")


@dataclass(frozen=True)
class StatisticsReport:
    employer_id: int
    employer_name: str
    period: Period
    statistics: Statistics
    # For the practice only, never printed: they may say something of one employee's health.
    practice_notes: tuple[str, ...] = ()

    @property
    def sources(self) -> list[tuple[str, str]]:
        return source_lines(self.statistics)


def _hours(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def source_lines(s: Statistics) -> list[tuple[str, str]]:
    """(label, text) in Dutch: where the figures' inputs came from, then the notes."""
    if s.workforce_source is WorkforceSource.ENTERED:
        workforce = "opgegeven door de werkgever voor de hele periode"
    else:
        workforce = "berekend uit de werknemers in het dossier van de praktijk"
    week = _hours(s.full_time_hours)
    full_time = {
        FullTimeSource.WORKFORCE: f"{week} uur, zoals opgegeven bij het personeelsbestand",
        FullTimeSource.EMPLOYER: f"{week} uur, vastgelegd bij de werkgever",
        FullTimeSource.DEFAULT: f"{week} uur aangenomen: de voltijdse werkweek van de werkgever is "
                                "niet vastgelegd",
    }[s.full_time_source]
    lines = [("Personeelsbestand", workforce), ("Voltijdse werkweek", full_time),
             ("Meldingsfrequentie per jaar", s.annualisation_basis),
             ("Kleine aantallen", f"geen cijfers bij minder dan {MIN_GROUP} werknemers; aantallen "
                                  f"onder {MIN_CELL} als '< {MIN_CELL}'")]
    lines += [("Toelichting", note) for note in s.notes
              if not (s.full_time_source is FullTimeSource.DEFAULT and note.startswith(_WEEK_NOTE))]
    return lines


_WEEK_NOTE = "De voltijdse werkweek van de werkgever is niet vastgelegd"


def _dec(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",") + suffix


FIGURE_LABELS = ("Verzuimpercentage", "Meldingsfrequentie", "Gemiddelde verzuimduur", "Ziekmeldingen",
                 "Beëindigde verzuimgevallen", "Gemiddeld aantal werknemers", "Gemiddeld aantal fte")


def figure_rows(f: Figures) -> list[tuple[str, str]]:
    """(label, value) of one set of figures, as shown and printed. An average duration of fewer
    than ``MIN_CELL`` ended cases would be the duration of a recognisable employee: not shown.
    A withheld column (``Figures.withheld``) shows none of its figures."""
    if f.withheld:
        return [(label, f.withheld) for label in FIGURE_LABELS]
    if f.average_duration is None:
        duration = "—"
    elif f.ended_cases < MIN_CELL:
        duration = f"niet getoond (minder dan {MIN_CELL} beëindigde verzuimgevallen)"
    else:
        duration = _dec(f.average_duration, 1, " dagen")
    return [
        ("Verzuimpercentage", _dec(f.absence_percentage, 2, " %")),
        ("Meldingsfrequentie", _dec(f.notification_frequency, 2, " per werknemer per jaar")),
        ("Gemiddelde verzuimduur", duration),
        ("Ziekmeldingen", shown(f.reports)),
        ("Beëindigde verzuimgevallen", shown(f.ended_cases)),
        ("Gemiddeld aantal werknemers", _dec(f.average_headcount, 1)),
        ("Gemiddeld aantal fte", _dec(f.average_fte, 2)),
    ]


def class_cells(f: Figures, counts: list[int]) -> list[str]:
    """The cells of one column of the duration classes, as shown and printed: a withheld column
    (``Figures.withheld``) shows none, for the classes would give away the difference too."""
    if f.withheld:
        return ["niet getoond"] * len(counts)
    return [shown(c) for c in counts]


def stat_cases(case: AbsenceCase, index: int) -> tuple[list[StatCase], list[str]]:
    """The case as the statistics count it (one or two ``StatCase``), and any note."""
    p = case.pregnancy
    if p is None or p.leave_start is None or not case.episodes:
        return [case.stat_case(index)], []
    leave, leave_end = p.leave_start, p.leave_end
    before: list[tuple[date, date | None]] = []
    after: list[tuple[date, date | None]] = []
    notes: list[str] = []
    resume = leave_end + timedelta(days=1) if leave_end is not None else None
    for ep in case.episodes:
        if ep.start < leave:
            before.append((ep.start, ep.end))
            if ep.end is None or ep.end > leave:  # still sick when the leave started
                if resume is None:
                    notes.append(LEAVE_END_UNKNOWN)
                elif ep.end is None or ep.end > resume:
                    after.append((resume, ep.end))
        else:
            start = ep.start
            if resume is not None and start < resume:
                start = resume  # the days within the leave are leave, not absence
                if ep.end is not None and ep.end <= start:
                    continue
            after.append((start, ep.end))
    pregnancy = case.kind is AbsenceKind.PREGNANCY
    levels = tuple((lv.from_date, lv.percentage) for lv in case.levels)
    out = []
    if before:
        out.append(StatCase(index, before[0][0], before[-1][1], pregnancy, levels, tuple(before),
                            leave_start=leave))
    if after:
        out.append(StatCase(index, after[0][0], after[-1][1], pregnancy, levels, tuple(after)))
    return out, notes


def all_stat_cases(cases: Sequence[AbsenceCase], index: dict[int, int]) -> tuple[list[StatCase], list[str]]:
    out: list[StatCase] = []
    notes: list[str] = []
    for c in cases:
        if c.employee_id not in index:
            continue
        parts, why = stat_cases(c, index[c.employee_id])
        out += parts
        notes += [n for n in why if n not in notes]
    return out, notes
