"""The occupational-disease report to the NCvB (Arbowet art. 9 lid 3): what the NCvB asks for,
without the employee's identity.

The report names the disease, the exposure in the work that caused it, the sector and the
profession, and of the employee only their sex and an age class of five years: no name, no BSN,
no birth date, no employer. The reporting physician is named (the NCvB may ask them more). It goes
out as a release under a legal duty (``services.ncvb``), reviewed like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain import validation
from desktop_app.domain.field_errors import Fields

SEX_LABELS = {"M": "man", "V": "vrouw", "X": "anders of onbekend", "": "onbekend"}
ABSENCE = (("geen", "geen verzuim"), ("kort", "korter dan 6 weken"), ("lang", "6 weken of langer"),
           ("onbekend", "onbekend"))


@dataclass(frozen=True)
class NcvbForm:
    disease: str  # the diagnosis, in words
    exposure: str  # what in the work caused it
    sector: str
    profession: str
    disease_code: str = ""  # the NCvB's or an ICD code, if known
    absence: str = "onbekend"
    remarks: str = ""


@dataclass(frozen=True)
class NcvbReport:
    form: NcvbForm
    sex: str  # as printed
    age_class: str
    reported_on: date
    physician: str
    registration: str  # the physician's BIG number


def age_class(birth: date | None, on: date) -> str:
    """Five-year classes ("40–44 jaar"); "onbekend" without a birth date."""
    if birth is None:
        return "onbekend"
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    low = max(0, age - age % 5)
    return f"{low}–{low + 4} jaar"


def check(form: NcvbForm) -> NcvbForm:
    """The form as given, or ValidationErrors naming each field at fault (in Dutch)."""
    f = Fields()
    for name, label, required, length, multiline in (
            ("disease", "Beroepsziekte (diagnose)", True, 300, False),
            ("disease_code", "Code", False, 40, False),
            ("exposure", "Belasting of blootstelling in het werk", True, 4000, True),
            ("sector", "Sector", True, 200, False),
            ("profession", "Beroep", True, 200, False),
            ("remarks", "Toelichting", False, 4000, True)):
        f.take(name, validation.text, getattr(form, name), name, label=label, required=required,
               max_length=length, multiline=multiline)
    if form.absence not in dict(ABSENCE):
        f.fail("absence", "Verzuim: kies uit de lijst.")
    f.done()
    return form
