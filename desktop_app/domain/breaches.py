"""The data-breach register (AVG art. 33 lid 5): every breach is documented — the facts, the
effects, the measures — whether or not it is reported. It is reported to the Autoriteit
Persoonsgegevens without undue delay and where feasible within 72 hours after discovery, unless it
is unlikely to result in a risk; a later report gives the reasons for the delay (art. 33 lid 1).
With a high risk the people concerned are told too, or the register says why not (art. 34).

Whose data is recorded by category and number, never by name: the register itself stays
content-free where it can.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date_time
from desktop_app.errors import ValidationError

REPORT_HOURS = 72

DATA_CATEGORIES = {
    "contact": "naam- en contactgegevens", "bsn": "BSN", "absence": "verzuimgegevens",
    "medical": "medische gegevens (gezondheid)", "id_copies": "kopieën van identiteitsbewijzen",
    "credentials": "inloggegevens of sleutels", "other": "andere gegevens",
}
SUBJECT_CATEGORIES = {
    "employees": "werknemers van klanten", "employer_contacts": "contactpersonen van werkgevers",
    "staff": "medewerkers van de praktijk", "other": "anderen",
}
RISKS = {"unlikely": "geen risico waarschijnlijk", "risk": "risico voor de betrokkenen",
         "high": "hoog risico voor de betrokkenen"}


@dataclass(frozen=True)
class NewBreach:
    summary: str
    occurred_at: datetime
    discovered_at: datetime
    data_categories: frozenset[str]
    subject_categories: frozenset[str]
    subjects_count: int
    count_estimated: bool
    consequences: str
    risk: str
    risk_assessment: str
    measures: str


@dataclass(frozen=True)
class Breach:
    id: int
    summary: str
    occurred_at: datetime
    discovered_at: datetime
    data_categories: frozenset[str]
    subject_categories: frozenset[str]
    subjects_count: int
    count_estimated: bool
    consequences: str
    risk: str
    risk_assessment: str
    reported_at: datetime | None
    ap_reference: str
    not_reported_reason: str
    late_reason: str
    subjects_informed_on: date | None
    subjects_not_informed_reason: str
    measures: str
    closed_on: date | None
    recorded_by: int

    @property
    def report_deadline(self) -> datetime:
        """72 hours after discovery."""
        return self.discovered_at + timedelta(hours=REPORT_HOURS)

    @property
    def report_settled(self) -> bool:
        return self.reported_at is not None or bool(self.not_reported_reason)

    @property
    def subjects_settled(self) -> bool:
        return self.risk != "high" or self.subjects_informed_on is not None or bool(self.subjects_not_informed_reason)

    def report_status(self, now: datetime) -> str:
        """What the register shows about the report to the AP."""
        if self.reported_at is not None:
            late = " (na 72 uur)" if self.reported_at > self.report_deadline else ""
            return f"gemeld bij de AP op {nl_date_time(self.reported_at)}{late}"
        if self.not_reported_reason:
            return "niet gemeld: " + self.not_reported_reason
        left = self.report_deadline - now
        if left.total_seconds() < 0:
            return f"melden bij de AP: termijn verstreken op {nl_date_time(self.report_deadline)}"
        hours = int(left.total_seconds() // 3600)
        return f"melden bij de AP vóór {nl_date_time(self.report_deadline)} (nog {hours} uur)"


def parse_moment(day: str, time: str, field: str, label: str) -> datetime:
    """"dd-mm-jjjj" and "uu:mm" into a local date and time."""
    d = validation.parse_date_nl(day, field, label=label)
    raw = time.strip() if isinstance(time, str) else ""
    parts = raw.replace(".", ":").split(":")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts) or not (1 <= len(parts[0]) <= 2) \
            or len(parts[1]) != 2:
        raise ValidationError(field + "_time", f"{label} (tijd): gebruik de vorm uu:mm, bijvoorbeeld 14:30.")
    hour, minute = int(parts[0]), int(parts[1])
    if hour > 23 or minute > 59:
        raise ValidationError(field + "_time", f"{label} (tijd): die tijd bestaat niet; gebruik uu:mm.")
    return datetime(d.year, d.month, d.day, hour, minute)


def _no_bsn(text: str, field: str, label: str) -> None:
    """The register names no one: a number that passes the BSN check is refused."""
    digits = ""
    for ch in text + " ":
        if ch.isascii() and ch.isdigit():
            digits += ch
            continue
        if len(digits) == 9 and validation.is_valid_bsn(digits):
            raise ValidationError(field, f"{label}: noem geen BSN of andere gegevens waarmee iemand te herkennen "
                                         "is; beschrijf het datalek in algemene termen.")
        digits = ""


def _categories(values, allowed: dict[str, str], field: str, label: str) -> frozenset[str]:
    chosen = frozenset(values)
    if not chosen or not chosen <= set(allowed):
        raise ValidationError(field, f"{label}: kies ten minste één uit de lijst.")
    return chosen


def parse_breach(*, summary: str, occurred_on: str, occurred_time: str, discovered_on: str, discovered_time: str,
                 data_categories, subject_categories, subjects_count: str, count_estimated: bool,
                 consequences: str, risk: str, risk_assessment: str, measures: str, now: datetime) -> NewBreach:
    summary = validation.text(summary, "summary", label="Wat is er gebeurd", required=True, max_length=4000,
                              multiline=True)
    _no_bsn(summary, "summary", "Wat is er gebeurd")
    occurred = parse_moment(occurred_on, occurred_time, "occurred", "Gebeurd op")
    discovered = parse_moment(discovered_on, discovered_time, "discovered", "Ontdekt op")
    if discovered > now:
        raise ValidationError("discovered", "Ontdekt op: ligt in de toekomst.")
    if occurred > discovered:
        raise ValidationError("occurred", "Gebeurd op: ligt na het moment van ontdekking.")
    data = _categories(data_categories, DATA_CATEGORIES, "data_categories", "Welke gegevens")
    subjects = _categories(subject_categories, SUBJECT_CATEGORIES, "subject_categories", "Van wie")
    raw = subjects_count.strip() if isinstance(subjects_count, str) else ""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise ValidationError("subjects_count", "Aantal betrokkenen: vul een heel getal in (een schatting mag).")
    consequences = validation.text(consequences, "consequences", label="Mogelijke gevolgen", max_length=4000,
                                   multiline=True)
    _no_bsn(consequences, "consequences", "Mogelijke gevolgen")
    if risk not in RISKS:
        raise ValidationError("risk", "Risico: kies uit de lijst.")
    risk_assessment = validation.text(risk_assessment, "risk_assessment", label="Afweging van het risico",
                                      required=True, max_length=4000, multiline=True)
    measures = validation.text(measures, "measures", label="Genomen maatregelen", max_length=4000, multiline=True)
    return NewBreach(summary, occurred, discovered, data, subjects, int(raw), bool(count_estimated), consequences,
                     risk, risk_assessment, measures)


def check_report(b: Breach, reported_at: datetime, reference: str, late_reason: str, now: datetime) -> tuple[str, str]:
    if b.reported_at is not None:
        raise ValidationError("reported", "Dit datalek is al gemeld.")
    if reported_at > now:
        raise ValidationError("reported", "Gemeld op: ligt in de toekomst.")
    if reported_at < b.discovered_at:
        raise ValidationError("reported", "Gemeld op: ligt vóór de ontdekking.")
    reference = validation.text(reference, "ap_reference", label="Meldingsnummer van de AP", required=True,
                                max_length=100)
    late_reason = validation.text(late_reason, "late_reason", label="Reden van de late melding", max_length=2000,
                                  multiline=True)
    if reported_at > b.report_deadline and not late_reason.strip():
        raise ValidationError("late_reason", "Gemeld na meer dan 72 uur: geef de reden van de vertraging "
                                             "(AVG art. 33 lid 1).")
    return reference, late_reason


def check_not_reported(b: Breach, reason: str) -> str:
    if b.reported_at is not None:
        raise ValidationError("not_reported_reason", "Dit datalek is al gemeld.")
    if b.risk != "unlikely":
        raise ValidationError("not_reported_reason", "Met een risico voor de betrokkenen is melden bij de AP "
                                                     "verplicht (AVG art. 33 lid 1).")
    return validation.text(reason, "not_reported_reason", label="Waarom niet gemeld", required=True,
                           max_length=2000, multiline=True)


def check_close(b: Breach) -> None:
    if not b.report_settled:
        raise ValidationError("close", "Afsluiten: leg eerst de melding bij de AP vast, of waarom niet.")
    if not b.subjects_settled:
        raise ValidationError("close", "Afsluiten: bij een hoog risico worden de betrokkenen geïnformeerd; leg "
                                       "vast wanneer, of waarom niet (AVG art. 34).")
    if not b.measures.strip():
        raise ValidationError("close", "Afsluiten: leg eerst de genomen maatregelen vast.")
