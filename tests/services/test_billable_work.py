"""Billable work: time and kind recorded with a consultation, an examination or an activity, kept
in practice.db without medical content; the overview per employer per month as PDF and CSV; who
may see it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from desktop_app.domain.cases import ActivityForm
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.errors import ValidationError, ValidationErrors
from desktop_app.services import (
    activities,
    billable_overview,
    employees,
    employers,
    medical_entries,
)
from desktop_app.services.authz import Refused
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ARTS, ASSISTENT, CASEMANAGER, login_as

MEDICAL = "Zeldzame-Marmotziekte met tintelingen"


@pytest.fixture
def physician(practice):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


@pytest.fixture
def setup(physician):
    employer = employers.create(physician, EmployerForm(name="=HYPERLINK(\"x\") B.V."))
    e = employees.create(physician, EmployeeForm(surname="Declarabel", given_names="Sem", employer_id=str(employer.id),
                                                 personnel_number="P-77"))
    return employer.id, e.id


def _month(s):
    t = s.today()
    return t.year, t.month


def _consult(s, employee_id, kind=EntryKind.CONSULTATION, form=None, minutes="30", work_kind="spreekuur"):
    return medical_entries.add_entry(s, employee_id, kind, form or {"s": MEDICAL},
                                     work={"work_kind": work_kind, "minutes": minutes})


def test_a_consultation_with_time_shows_in_the_month_overview(physician, setup):
    employer_id, employee_id = setup
    _consult(physician, employee_id)
    o = billable_overview.overview(physician, employer_id, *_month(physician))
    assert [(x.kind.value, x.minutes, x.employee_name) for x in o.lines] == [("spreekuur", 30, "Sem Declarabel")]


def test_an_activity_and_an_examination_carry_their_time_too(physician, setup):
    employer_id, employee_id = setup
    activities.add_activity(physician, employee_id, ActivityForm(on_date=physician.today().strftime("%d-%m-%Y"),
                                                                 description="Overleg met leidinggevende"),
                            work={"work_kind": "overleg", "minutes": "15"})
    _consult(physician, employee_id, EntryKind.EXAMINATION,
             {"examination": "periodic", "findings": MEDICAL, "outcome": "fit"}, "45", "keuring")
    o = billable_overview.overview(physician, employer_id, *_month(physician))
    assert sorted((x.kind.value, x.minutes) for x in o.lines) == [("keuring", 45), ("overleg", 15)]


def test_the_pdf_and_csv_carry_no_medical_content(physician, setup):
    employer_id, employee_id = setup
    _consult(physician, employee_id)
    _consult(physician, employee_id, EntryKind.EXAMINATION,
             {"examination": "pre_employment", "findings": MEDICAL, "outcome": "unfit"}, "20", "keuring")
    pdf = billable_overview.overview_pdf(physician, employer_id, *_month(physician))
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    csv = billable_overview.overview_csv(physician, employer_id, *_month(physician)).decode("utf-8-sig")
    for shown in (text, csv):
        assert "Sem Declarabel" in shown
        assert "Marmot" not in shown
        assert "tintelingen" not in shown
        assert "niet geschikt" not in shown
        assert "Aanstellingskeuring" not in shown


def test_the_csv_is_for_dutch_excel_and_defuses_formulas(physician, setup):
    employer_id, employee_id = setup
    _consult(physician, employee_id)
    data = billable_overview.overview_csv(physician, employer_id, *_month(physician))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = data.decode("utf-8-sig").split("\r\n")
    assert rows[0] == "Werkgever;Maand;Datum;Werknemer;Personeelsnummer;Soort werk;Minuten;Door"
    assert rows[1].startswith("\"'=HYPERLINK(\"\"x\"\") B.V.\";")
    assert ";30;" in rows[1]


def test_an_own_question_names_no_one_in_the_overview(physician, setup):
    employer_id, employee_id = setup
    _consult(physician, employee_id, EntryKind.OPEN_CONSULTATION, {"occasion": "own_question", "s": MEDICAL})
    o = billable_overview.overview(physician, employer_id, *_month(physician))
    csv = billable_overview.overview_csv(physician, employer_id, *_month(physician)).decode("utf-8-sig")
    assert o.lines[0].employee_shown.startswith("Vertrouwelijk")
    assert "Declarabel" not in csv
    assert "P-77" not in csv


def test_wrong_time_is_refused_at_its_field_and_nothing_is_written(physician, setup):
    employer_id, employee_id = setup
    with pytest.raises(ValidationErrors) as refused:
        _consult(physician, employee_id, minutes="-5")
    assert refused.value.errors["minutes"].startswith("Tijd (minuten)")
    assert medical_entries.list_entries(physician, employee_id) == []


def test_a_note_carries_no_time(physician, setup):
    _employer_id, employee_id = setup
    with pytest.raises(ValidationErrors) as refused:
        _consult(physician, employee_id, EntryKind.NOTE, {"text": "x"})
    assert "work_kind" in refused.value.errors


def test_no_time_given_writes_no_line(physician, setup):
    employer_id, employee_id = setup
    medical_entries.add_entry(physician, employee_id, EntryKind.CONSULTATION, {"s": "x"},
                              work={"work_kind": "", "minutes": ""})
    assert billable_overview.overview(physician, employer_id, *_month(physician)).lines == ()


def test_another_month_is_empty(physician, setup):
    employer_id, employee_id = setup
    _consult(physician, employee_id)
    assert billable_overview.overview(physician, employer_id, 2001, 1).lines == ()


def test_a_month_that_does_not_exist_is_refused(physician, setup):
    employer_id, _e = setup
    with pytest.raises(ValidationError) as refused:
        billable_overview.overview(physician, employer_id, 2026, 13)
    assert refused.value.field == "month"


def test_the_case_manager_is_refused_the_overview_and_the_refusal_is_audited(practice, physician, setup):
    employer_id, _e = setup
    s = login_as(practice, CASEMANAGER)
    before = last_seq(s)
    with pytest.raises(Refused) as refused:
        billable_overview.overview_csv(s, employer_id, *_month(s))
    assert "administratie van de praktijk" in refused.value.message
    assert [e[0] for e in events_after(s, before)] == ["access_denied"]
    s.close()


def test_the_assistant_makes_the_overview(practice, setup):
    employer_id, _e = setup
    s = login_as(practice, ASSISTENT)
    assert billable_overview.overview_pdf(s, employer_id, *_month(s)).startswith(b"%PDF")
    s.close()


def test_the_case_manager_records_time_on_an_activity(practice, setup, physician):
    employer_id, employee_id = setup
    s = login_as(practice, CASEMANAGER)
    activities.add_activity(s, employee_id, ActivityForm(on_date=s.today().strftime("%d-%m-%Y"), description="Belafspraak"),
                            work={"work_kind": "telefonisch_consult", "minutes": "10"})
    s.close()
    assert billable_overview.overview(physician, employer_id, *_month(physician)).total_minutes == 10


def test_months_offers_this_month_first(physician):
    first = billable_overview.months(physician)[0]
    assert (first.year, first.month) == _month(physician)
    assert date(first.year, first.month, 1) == first.first_day
