"""Early sick reports to UWV (Ziektewet) for pregnancy-related illness and safety-net cases.

Most cases are reported to UWV in week 42 (``poortwachter``). Where UWV pays a Ziektewet
benefit while the employee is still employed (the safety net, "vangnet") the report is due much
earlier. The rules, their sources and what happens when a fact is missing are in
``docs/decisions/0006-uwv-report-deadlines.md``; in short (F = the first sick day of the current
episode, sick day 1; R = the first day worked again):

- pregnancy-related illness before the leave: within 6 weeks after F, i.e. by F + 41 (the last
  day of the sixth week); if she is still sick and not yet reported when the flexibilisation
  period starts, by its 4th day;
- any illness of a pregnant employee that starts in the flexibilisation period (6 to 4 weeks
  before the day after the expected date; 10 to 8 weeks for twins or more): by the 4th sick day,
  F + 3;
- illness caused by pregnancy or childbirth after the leave: by the 4th sick day;
- illness during the leave: no report (the leave benefit runs on);
- no-riskpolis (Ziektewet art. 29b, "looncompensatie bij ziekte"): within 6 weeks, by F + 41;
- organ donation: by the 4th sick day (sources differ: 6 weeks or 4 working days; the stricter);
- fictitious employment (fictief dienstverband: home workers, trainees, pupils, contractors not
  in their own business, commission workers): by the 4th sick day;
- a safety-net case whose ground is not recorded: by the 4th sick day, the strictest rule;
- a 6-week report not yet made when the employee recovers: together with the recovery report,
  within 2 days of it, i.e. by R + 1 (if that is earlier);
- employment ending while sick (ziek uit dienst), any kind of case: on the last day of the
  employment.

These are deadlines for the practice. Neither the kind of case, nor the ground, nor these
milestones may reach the employer without the employee's consent (DESIGN.md §5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_app.domain.absence_kind import AbsenceKind
from desktop_app.domain.dates import nl_date

SIX_WEEKS_LAST_DAY = 41  # F + 41 is the last day of the sixth week from F
FOURTH_SICK_DAY = 3  # F + 3
AFTER_RECOVERY_DAYS = 1  # "binnen 2 dagen" after the recovery report, strictest reading
FLEX_WEEKS = (6, 4)  # before the day after the expected date
FLEX_WEEKS_MULTIPLE = (10, 8)


class SafetyNetGround(StrEnum):
    NO_RISK_POLICY = "no_risk_policy"
    ORGAN_DONATION = "organ_donation"
    FICTITIOUS_EMPLOYMENT = "fictitious_employment"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "no_risk_policy": "No-riskpolis (looncompensatie bij ziekte)",
            "organ_donation": "Orgaandonatie",
            "fictitious_employment": "Fictief dienstverband",
            "other": "Andere vangnetgrond",
        }[self.value]


class ReportRule(StrEnum):
    """Which rule set an early report's due date (see the decision note)."""

    PREGNANCY_SIX_WEEKS = "pregnancy_six_weeks"
    PREGNANCY_FLEX_STARTS = "pregnancy_flex_starts"
    FLEX_PERIOD = "flex_period"
    AFTER_LEAVE = "after_leave"
    DURING_LEAVE = "during_leave"
    NO_RISK_POLICY = "no_risk_policy"
    ORGAN_DONATION = "organ_donation"
    FICTITIOUS_EMPLOYMENT = "fictitious_employment"
    GROUND_UNKNOWN = "ground_unknown"
    RECOVERED_FIRST = "recovered_first"
    END_OF_EMPLOYMENT = "end_of_employment"


@dataclass(frozen=True)
class Pregnancy:
    """What the practice knows of a pregnancy: the expected date (uitgerekende datum), and the
    leave's first and last day when known."""

    expected_delivery: date
    multiple: bool = False  # twins or more
    leave_start: date | None = None
    leave_end: date | None = None  # last day of the pregnancy and childbirth leave

    @property
    def _day_after(self) -> date:
        return self.expected_delivery + timedelta(days=1)

    @property
    def flex_start(self) -> date:
        """First day of the flexibilisation period: 6 (twins: 10) weeks before the day after
        the expected date."""
        weeks = (FLEX_WEEKS_MULTIPLE if self.multiple else FLEX_WEEKS)[0]
        return self._day_after - timedelta(weeks=weeks)

    @property
    def latest_leave_start(self) -> date:
        """The leave starts at the latest 4 (twins: 8) weeks before the day after the date."""
        weeks = (FLEX_WEEKS_MULTIPLE if self.multiple else FLEX_WEEKS)[1]
        return self._day_after - timedelta(weeks=weeks)

    def phase(self, day: date) -> str:
        """"before", "flex", "leave" or "after" the leave, for a first sick day ``day``."""
        if self.leave_end is not None and day > self.leave_end:
            return "after"
        if self.leave_end is None and day > self.expected_delivery:
            return "after"  # assumed: she reported sick, so she was due to work again
        start = self.leave_start or self.latest_leave_start
        if day >= start:
            return "leave"
        return "flex" if day >= self.flex_start else "before"


@dataclass(frozen=True)
class EarlyReport:
    rule: ReportRule
    due: date | None  # None: no report to UWV is needed
    note: str  # Dutch, for the practice


def early_report(kind: AbsenceKind | str, first_day: date, *, recovered_on: date | None = None,
                 ground: SafetyNetGround | str | None = None,
                 pregnancy: Pregnancy | None = None) -> EarlyReport | None:
    """The early UWV report of the episode that starts on ``first_day``, or None when the
    normal week-42 rule is the only one (an ordinary illness, a work accident)."""
    kind = AbsenceKind(kind)
    ground = SafetyNetGround(ground) if ground else None
    f = first_day
    candidates: list[EarlyReport] = []
    sick_at_flex = pregnancy is not None and (recovered_on is None or recovered_on > pregnancy.flex_start)

    if kind is AbsenceKind.PREGNANCY:
        if pregnancy is None:
            candidates.append(EarlyReport(
                ReportRule.PREGNANCY_SIX_WEEKS, f + timedelta(days=SIX_WEEKS_LAST_DAY),
                "Ziek door zwangerschap: binnen 6 weken na de eerste ziektedag ziek melden bij "
                "UWV. De uitgerekende datum is niet vastgelegd; valt de ziekte in de 6 weken "
                "vóór die datum, dan uiterlijk op de 4e ziektedag."))
        else:
            phase = pregnancy.phase(f)
            if phase == "leave":
                return EarlyReport(ReportRule.DURING_LEAVE, None,
                                   "Ziek tijdens het zwangerschaps- en bevallingsverlof: geen "
                                   "ziekmelding bij UWV.")
            if phase == "after":
                candidates.append(EarlyReport(
                    ReportRule.AFTER_LEAVE, f + timedelta(days=FOURTH_SICK_DAY),
                    "Ziek door zwangerschap of bevalling na het verlof: uiterlijk op de 4e "
                    "ziektedag ziek melden bij UWV."))
            elif phase == "before":
                candidates.append(EarlyReport(
                    ReportRule.PREGNANCY_SIX_WEEKS, f + timedelta(days=SIX_WEEKS_LAST_DAY),
                    "Ziek door zwangerschap, vóór het verlof: binnen 6 weken na de eerste "
                    "ziektedag ziek melden bij UWV."))
    elif kind is AbsenceKind.SAFETY_NET:
        if ground is SafetyNetGround.NO_RISK_POLICY:
            candidates.append(EarlyReport(
                ReportRule.NO_RISK_POLICY, f + timedelta(days=SIX_WEEKS_LAST_DAY),
                "No-riskpolis: binnen 6 weken na de eerste ziektedag ziek melden bij UWV."))
        elif ground is SafetyNetGround.ORGAN_DONATION:
            candidates.append(EarlyReport(
                ReportRule.ORGAN_DONATION, f + timedelta(days=FOURTH_SICK_DAY),
                "Orgaandonatie: uiterlijk op de 4e ziektedag ziek melden bij UWV (bronnen noemen "
                "ook 6 weken; de kortste termijn is aangehouden)."))
        elif ground is SafetyNetGround.FICTITIOUS_EMPLOYMENT:
            candidates.append(EarlyReport(
                ReportRule.FICTITIOUS_EMPLOYMENT, f + timedelta(days=FOURTH_SICK_DAY),
                "Fictief dienstverband: uiterlijk op de 4e ziektedag ziek melden bij UWV."))
        else:
            candidates.append(EarlyReport(
                ReportRule.GROUND_UNKNOWN, f + timedelta(days=FOURTH_SICK_DAY),
                "Vangnet zonder vastgelegde grond: de kortste termijn is aangehouden, uiterlijk "
                "op de 4e ziektedag ziek melden bij UWV. Leg de grond vast."))

    if pregnancy is not None:
        phase = pregnancy.phase(f)
        if phase == "flex":
            candidates.append(EarlyReport(
                ReportRule.FLEX_PERIOD, f + timedelta(days=FOURTH_SICK_DAY),
                f"Ziek in de flexibiliseringsperiode (vanaf {nl_date(pregnancy.flex_start)}): "
                "uiterlijk op de 4e ziektedag ziek melden bij UWV."))
        elif phase == "before" and sick_at_flex:
            candidates.append(EarlyReport(
                ReportRule.PREGNANCY_FLEX_STARTS,
                pregnancy.flex_start + timedelta(days=FOURTH_SICK_DAY),
                f"Nog ziek wanneer de flexibiliseringsperiode begint ({nl_date(pregnancy.flex_start)}) "
                "en nog niet gemeld: uiterlijk op de 4e dag daarvan ziek melden bij UWV."))
    if not candidates:
        return None
    first = min(candidates, key=lambda r: (r.due, list(ReportRule).index(r.rule)))
    if (recovered_on is not None and first.rule in _SIX_WEEK_RULES
            and recovered_on + timedelta(days=AFTER_RECOVERY_DAYS) < first.due):  # type: ignore[operator]
        return EarlyReport(
            ReportRule.RECOVERED_FIRST, recovered_on + timedelta(days=AFTER_RECOVERY_DAYS),
            f"Hersteld per {nl_date(recovered_on)} vóór de ziekmelding bij UWV: ziek- en "
            "betermelding samen doen, binnen 2 dagen na de betermelding.")
    return first


_SIX_WEEK_RULES = frozenset({ReportRule.PREGNANCY_SIX_WEEKS, ReportRule.NO_RISK_POLICY})


def end_of_employment_report(spans: Sequence[tuple[date, date | None]],
                             employment_end: date | None) -> EarlyReport | None:
    """The report of an employee who is sick on the last day of the employment (ziek uit
    dienst): due that day. ``spans`` are the episodes as (first sick day, recovery)."""
    if employment_end is None:
        return None
    sick_then = any(s <= employment_end and (e is None or employment_end < e) for s, e in spans)
    if not sick_then:
        return None
    return EarlyReport(ReportRule.END_OF_EMPLOYMENT, employment_end,
                       f"Het dienstverband eindigt op {nl_date(employment_end)} tijdens ziekte: op die "
                       "laatste dag ziek melden bij UWV (Ziektewet).")
