"""Retention periods (settings with these defaults) and the date each category of an employee's
data is due, counted from the event each rule names. An exposure registration lengthens the
medical period: 40 years after carcinogenic or biological exposure, 30 after ionising radiation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.requests import add_months


class Category(StrEnum):
    PERSONAL = "personal"
    MEDICAL = "medical"
    TRAJECTORY = "trajectory"

    @property
    def label(self) -> str:
        return {"personal": "Persoonsgegevens", "medical": "Medisch dossier",
                "trajectory": "Re-integratietraject"}[self.value]


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    years: int
    counts_from: str


DEFAULT_RULES = {
    "personal": Rule("retention_personal_years", "Persoonsgegevens werknemer", 5, "einde dienstverband"),
    "payroll": Rule("retention_payroll_years", "Loongerelateerde gegevens", 7, "einde dienstverband"),
    "medical": Rule("retention_medical_years", "Medisch dossier (WGBO: 20 jaar sinds 2020)", 15,
                    "laatste wijziging van het dossier"),
    "carcinogenic": Rule("retention_carcinogenic_years", "Na blootstelling aan kankerverwekkende stoffen of "
                         "biologische agentia", 40, "einde blootstelling"),
    "radiation": Rule("retention_radiation_years", "Na blootstelling aan ioniserende straling", 30,
                      "einde blootstelling"),
    "trajectory": Rule("retention_trajectory_years", "Re-integratietraject (daarna anonimiseren)", 2,
                       "einde traject"),
}


@dataclass(frozen=True)
class Facts:
    employee_id: int
    name: str
    employment_end: date | None
    contract_end: date | None  # of the employer with the practice
    medical_last_change: date | None
    exposure_ends: tuple[tuple[str, date | None], ...] = ()  # (category, end; None = ongoing)
    trajectory_end: date | None = None


@dataclass(frozen=True)
class Due:
    employee_id: int
    name: str
    category: Category
    due: date
    basis: str


def _end_of_relationship(f: Facts) -> date | None:
    ends = [d for d in (f.employment_end, f.contract_end) if d]
    return min(ends) if ends else None


def due_dates(f: Facts, years: dict[str, int]) -> list[Due]:
    out = []
    end = _end_of_relationship(f)
    if end is not None:
        out.append(Due(f.employee_id, f.name, Category.PERSONAL, add_months(end, 12 * years["personal"]),
                       f"{years['personal']} jaar na einde dienstverband of contract ({end:%d-%m-%Y})"))
    if f.medical_last_change is not None and end is not None:
        base = max(end, f.medical_last_change)
        due = add_months(base, 12 * years["medical"])
        basis = f"{years['medical']} jaar na de laatste wijziging ({f.medical_last_change:%d-%m-%Y})"
        for category, exposure_end in f.exposure_ends:
            if exposure_end is None:
                due, basis = date.max, "blootstelling loopt nog"
                break
            n = years["radiation"] if category == "ionising_radiation" else years["carcinogenic"]
            candidate = add_months(exposure_end, 12 * n)
            if candidate > due:
                due, basis = candidate, f"{n} jaar na einde blootstelling ({exposure_end:%d-%m-%Y})"
        if due != date.max:
            out.append(Due(f.employee_id, f.name, Category.MEDICAL, due, basis))
    if f.trajectory_end is not None:
        out.append(Due(f.employee_id, f.name, Category.TRAJECTORY, add_months(f.trajectory_end, 12 * years["trajectory"]),
                       f"{years['trajectory']} jaar na einde traject ({f.trajectory_end:%d-%m-%Y})"))
    return out
