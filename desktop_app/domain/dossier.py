"""The practice section's records (DESIGN.md §4) and the parsing of what a user typed into them.

Forms carry strings exactly as typed; ``parse_*`` turns them into typed records or raises
ValidationErrors naming every wrong field with a Dutch message. Free text is kept exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import NewType

from desktop_app.domain import names, validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.field_errors import Fields, optional
from desktop_app.errors import ValidationError

EmployerId = NewType("EmployerId", int)
EmployeeId = NewType("EmployeeId", int)
CaseId = NewType("CaseId", int)

DEFAULT_FULL_TIME_HOURS = Decimal(40)  # assumed when an employer's full-time week is not known


class ServicePackage(StrEnum):
    BASIC = "basis"
    EXTENDED = "uitgebreid"
    CUSTOM = "maatwerk"

    @property
    def label(self) -> str:
        return {"basis": "Basiscontract", "uitgebreid": "Uitgebreid pakket", "maatwerk": "Maatwerk"}[self.value]


# --- employer ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Employer:
    id: EmployerId | None
    name: str
    kvk: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contract_start: date | None = None
    contract_end: date | None = None
    service_package: str = ""
    # The employer's full-time week in hours (the statistics' part-time factor); None: not known.
    full_time_hours: Decimal | None = None


@dataclass
class EmployerForm:
    name: str = ""
    kvk: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contract_start: str = ""
    contract_end: str = ""
    service_package: str = ""
    full_time_hours: str = ""

    @classmethod
    def of(cls, e: Employer) -> EmployerForm:
        return cls(e.name, e.kvk, e.street, e.postcode, e.city, e.contact_name, e.contact_email,
                   e.contact_phone, _d(e.contract_start), _d(e.contract_end), e.service_package,
                   hours_text(e.full_time_hours))


def _d(value: date | None) -> str:
    return nl_date(value) if value else ""


def hours_text(hours: Decimal | None) -> str:
    """Hours as a Dutch user types them: 36, 24,5."""
    return "" if hours is None else format(hours.normalize(), "f").replace(".", ",")


def full_time_hours(value: str, field_name: str = "full_time_hours") -> Decimal:
    """The employer's full-time week: a number of hours, more than 0 and at most 60."""
    label = "Voltijdse werkweek"
    try:
        hours = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(field_name, f"{label}: vul een aantal uren in, bijvoorbeeld 36 of "
                                          "38,5.") from None
    if not hours.is_finite() or hours <= 0 or hours > 60:
        raise ValidationError(field_name, f"{label}: meer dan 0 en hoogstens 60 uur.")
    return hours


def _line(value: str, field_name: str, label: str, *, required: bool = False, max_length: int = 200) -> str:
    text = validation.text(value, field_name, label=label, required=required, max_length=max_length)
    if text != text.strip():
        raise ValidationError(field_name, f"{label}: verwijder de spaties aan het begin of eind.")
    return text


def parse_employer(form: EmployerForm, employer_id: EmployerId | None = None) -> Employer:
    f = Fields()
    name = f.take("name", _line, form.name, "name", "Naam werkgever", required=True)
    kvk = f.take("kvk", optional(validation.kvk), form.kvk, "kvk")
    street = f.take("street", _line, form.street, "street", "Adres")
    postcode = f.take("postcode", optional(validation.postcode), form.postcode, "postcode")
    city = f.take("city", _line, form.city, "city", "Plaats", max_length=100)
    contact = f.take("contact_name", _line, form.contact_name, "contact_name", "Contactpersoon")
    email = f.take("contact_email", optional(validation.email), form.contact_email, "contact_email")
    phone = f.take("contact_phone", optional(validation.phone), form.contact_phone, "contact_phone")
    start = f.take("contract_start", optional(validation.parse_date_nl), form.contract_start,
                   "contract_start")
    end = f.take("contract_end", optional(validation.parse_date_nl), form.contract_end,
                 "contract_end")
    if start and end and end < start:
        f.fail("contract_end", "Einde contract: ligt vóór het begin van het contract.")
    package = form.service_package
    if package and package not in {p.value for p in ServicePackage}:
        f.fail("service_package", "Dienstenpakket: kies een pakket uit de lijst.")
    week = f.take("full_time_hours", optional(full_time_hours), form.full_time_hours)
    f.done()
    return Employer(employer_id, name or "", kvk or "", street or "", postcode or "", city or "",
                    contact or "", email or "", phone or "", start, end, package, week)


# --- employee ------------------------------------------------------------------------------


class Gender(StrEnum):
    MALE = "M"
    FEMALE = "V"
    OTHER = "X"

    @property
    def label(self) -> str:
        return {"M": "man", "V": "vrouw", "X": "anders / onbekend"}[self.value]


@dataclass(frozen=True)
class Employee:
    id: EmployeeId | None
    employer_id: EmployerId
    surname: str
    prefix: str = ""
    given_names: str = ""
    initials: str = ""
    birth_date: date | None = None
    gender: str = ""
    bsn: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    personnel_number: str = ""
    job_title: str = ""
    contract_hours: Decimal | None = None
    employment_start: date | None = None
    employment_end: date | None = None
    employer_name: str = field(default="", compare=False)

    @property
    def display_name(self) -> str:
        return names.employee_name(self.given_names, self.initials, self.prefix, self.surname)

    @property
    def list_name(self) -> str:
        return names.list_name(self.surname, self.prefix, self.initials or self.given_names)

    @property
    def masked_bsn(self) -> str:
        return validation.mask_bsn(self.bsn) if self.bsn else ""

    def part_time_factor(self, full_time_hours: Decimal | None = None) -> Decimal:
        """Contract hours over the employer's full-time week (40 hours when it is not known),
        not capped: the Vernet statistics' weight (``domain.statistics.part_time_factor``)."""
        if self.contract_hours is None:
            return Decimal(1)
        return self.contract_hours / (full_time_hours or DEFAULT_FULL_TIME_HOURS)


@dataclass
class EmployeeForm:
    employer_id: int | None = None
    surname: str = ""
    prefix: str = ""
    given_names: str = ""
    initials: str = ""
    birth_date: str = ""
    gender: str = ""
    bsn: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    personnel_number: str = ""
    job_title: str = ""
    contract_hours: str = ""
    employment_start: str = ""
    employment_end: str = ""

    @classmethod
    def of(cls, e: Employee) -> EmployeeForm:
        hours = "" if e.contract_hours is None else format(e.contract_hours.normalize(), "f").replace(".", ",")
        return cls(e.employer_id, e.surname, e.prefix, e.given_names, e.initials, _d(e.birth_date),
                   e.gender, e.bsn, e.street, e.postcode, e.city, e.phone, e.email,
                   e.personnel_number, e.job_title, hours, _d(e.employment_start),
                   _d(e.employment_end))


def contract_hours(value: str, field_name: str = "contract_hours") -> Decimal:
    try:
        hours = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(field_name, "Contracturen per week: vul een getal in, bijvoorbeeld 32 of 24,5.") from None
    if not hours.is_finite() or hours <= 0 or hours > 60:
        raise ValidationError(field_name, "Contracturen per week: tussen 0 en 60 uur.")
    return hours


def parse_employee(form: EmployeeForm, today: date, employee_id: EmployeeId | None = None) -> Employee:
    f = Fields()
    if form.employer_id is None:
        f.fail("employer_id", "Werkgever: kies een werkgever.")
    surname = f.take("surname", _line, form.surname, "surname", "Achternaam", required=True, max_length=100)
    prefix = f.take("prefix", _line, form.prefix, "prefix", "Tussenvoegsel", max_length=20)
    given = f.take("given_names", _line, form.given_names, "given_names", "Voornamen", max_length=150)
    initials = f.take("initials", optional(validation.initials), form.initials, "initials")
    birth = f.take("birth_date", optional(validation.parse_date_nl), form.birth_date, "birth_date")
    if birth is not None:
        f.take("birth_date", validation.birth_date, birth, today, "birth_date")
    gender = f.take("gender", optional(validation.gender), form.gender, "gender")
    bsn = f.take("bsn", optional(validation.bsn), form.bsn, "bsn")
    street = f.take("street", _line, form.street, "street", "Adres")
    postcode = f.take("postcode", optional(validation.postcode), form.postcode, "postcode")
    city = f.take("city", _line, form.city, "city", "Woonplaats", max_length=100)
    phone = f.take("phone", optional(validation.phone), form.phone, "phone")
    email = f.take("email", optional(validation.email), form.email, "email")
    personnel = f.take("personnel_number", optional(validation.personnel_number),
                       form.personnel_number, "personnel_number")
    job = f.take("job_title", _line, form.job_title, "job_title", "Functie", max_length=150)
    hours = f.take("contract_hours", optional(contract_hours), form.contract_hours)
    start = f.take("employment_start", optional(validation.parse_date_nl), form.employment_start,
                   "employment_start")
    end = f.take("employment_end", optional(validation.parse_date_nl), form.employment_end,
                 "employment_end")
    if start and end:
        f.take("employment_end", validation.employment_period, start, end)
    if birth and start and start < birth:
        f.fail("employment_start", "Datum in dienst: ligt vóór de geboortedatum.")
    f.done()
    return Employee(
        employee_id, EmployerId(int(form.employer_id or 0)), surname or "", prefix or "",
        given or "", initials or "", birth, gender or "", bsn or "", street or "", postcode or "",
        city or "", phone or "", email or "", personnel or "", job or "", hours, start, end,
    )
