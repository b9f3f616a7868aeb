"""Issue 16, second round of break16c: own-question appointments, the sealed UWV envelope, the
import reader, the rollback of a problem analysis, the dossier copy and the employer letters.
Each test asserts the behaviour the rules ask for and fails on the code as it stood when written."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desktop_app.domain.agenda import invitation_values
from desktop_app.domain.letter_defaults import INVITATION
from desktop_app.errors import ArbokluisError
from desktop_app.services import agenda, letters
from tests.helpers.dossiers import add_employee, add_sick_employee
from tests.helpers.practices import ARTS, CASEMANAGER, login_as

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


@pytest.fixture
def arts(practice, clock):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


@pytest.fixture
def cm(practice, clock):
    s = login_as(practice, CASEMANAGER)
    yield s
    s.close()


@pytest.fixture
def own_question(arts):
    """Piet's own-question appointment on next Monday 09:00, booked by the physician."""
    block = agenda.add_block(arts, arts.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    piet = add_employee(arts, surname="Geheimhouder")
    b = agenda.book(arts, piet.id, block.id, at(NEXT_MONDAY, 9), confidential=True)
    return block, piet, b


# --- 1. own-question appointments: leaks to the case manager ---------------------------------


def test_the_invitation_for_an_own_question_visit_is_not_shown_to_the_case_manager(arts, cm, own_question):
    """The agenda's "Uitnodiging…" on an own-question appointment makes the employee's invitation
    and keeps it in the dossier, in practice.db. The case manager (possibly the employer's HR
    adviser) lists the dossier's letters and reads "Uitnodiging voor het spreekuur", with the date,
    time and place of the visit the employer must not know of (0013)."""
    block, piet, b = own_question
    slot = agenda.day_list(arts, NEXT_MONDAY).lines[0].slot
    letters.make_letter(arts, piet.id, INVITATION, invitation_values(slot))
    shown = letters.kept_letters(cm, piet.id)
    assert [x.title for x in shown] == []


def test_the_case_manager_cannot_tell_an_own_question_visit_by_a_refused_booking(arts, cm, own_question):
    """The case manager sees 09:00 "bezet" with no name. Trying to book Piet into a free slot of
    another hour at 09:00 is refused ("kan niet"), booking Kees there is not: the refusal itself
    tells the case manager whose the hidden appointment is. The core should answer the same for
    both employees (the clash is the physician's to sort out, or refused for everyone alike)."""
    _block, piet, _b = own_question
    from desktop_app.domain.roles import Role
    from desktop_app.services import users
    from desktop_app.services.practice import NewUser

    second = users.add_user(arts, NewUser("tweede", "dr. T. Tweede", Role.PHYSICIAN, "Tweede-arts-2026!",
                                          "Tweede-medisch-2026!"))
    phone = agenda.add_block(arts, second.id, "phone", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    kees = add_employee(arts, surname="Bakker")

    def outcome(employee_id, minute=0):
        try:
            agenda.book(cm, employee_id, phone.id, at(NEXT_MONDAY, 9, minute))
        except ArbokluisError as refused:
            return type(refused).__name__
        return "ingepland"

    assert (outcome(piet.id), outcome(kees.id, 20)) == ("ingepland", "ingepland")


# --- 2. the sealed envelope for UWV ---------------------------------------------------------


def _sealed_release(arts, **employee):
    """An approved sealed release for UWV of an employee in week 6 of a case."""
    from desktop_app.domain.cases import CaseForm
    from desktop_app.domain.dossier import EmployeeForm, EmployerForm
    from desktop_app.domain.uwv_documents import ProblemAnalysisForm, SealedForm
    from desktop_app.services import (
        cases,
        employees,
        employers,
        releases,
        uwv_documents,
        uwv_sealed,
    )

    employer = employers.create(arts, EmployerForm(name="Bouwbedrijf De Vries", contact_name="W. Horst"))
    e = employees.create(arts, EmployeeForm(employer_id=employer.id, **employee))
    case = cases.open_case(arts, e.id, CaseForm(first_day=nl(TODAY - timedelta(days=40))))
    doc = uwv_documents.make_problem_analysis(arts, e.id, case.id, ProblemAnalysisForm(
        assessed_on=nl(TODAY), fitness="partly_fit", limitations="Niet tillen boven 5 kg",
        capacities="Zittend werk", expected_duration="6-12w", prognosis="Over 8 weken hervat",
        advice="Aangepast werk", adjustments="Sta-zitbureau", medical="Lumbale hernia"))
    release = uwv_sealed.request_sealed(arts, e.id, SealedForm(entry_ids=[doc.medical_entry_id]), physician="arts")
    releases.approve(arts, release.id)
    return e, release


@pytest.mark.parametrize("handed_to", ["P. Jansen", "Jansen, P.", "mevr. P. Jansen"])
def test_the_envelope_may_be_recorded_as_given_to_the_employee_by_initial(arts, handed_to):
    """Piet (P.) Jansen takes the envelope; the physician writes "P. Jansen". The check reads the
    initial "P" as the "P" of "P&O" (an employer's word) and refuses the employee's own name."""
    from desktop_app.services import releases

    e, release = _sealed_release(arts, surname="Jansen", given_names="Pieter", initials="P.")
    done = releases.mark_released(arts, release.id, "to_employee", handed_on=nl(TODAY), handed_to=handed_to)
    assert done.handed_to == handed_to


@pytest.mark.parametrize("surname,given", [("Baas", "Henk"), ("O'Brien", "Sean"), ("de Baas", "Rik")])
def test_the_envelope_default_hand_over_works_whatever_the_employee_is_called(arts, surname, given):
    """"Baas" is a Dutch surname; "O'Brien" splits into "o" and "brien", and "o" (of "P&O") is an
    employer word. Both are in the list of employer words, so the envelope can never be recorded as
    given to Mr Baas or Mr O'Brien, not even with the field left empty (the default is the
    employee's own name)."""
    from desktop_app.services import uwv_sealed

    e, release = _sealed_release(arts, surname=surname, given_names=given)
    done = uwv_sealed.hand_over_sealed(arts, release.id, handed_on=nl(TODAY))
    assert done.method == "to_employee"


@pytest.mark.parametrize("handed_to", ["Jansen (casemanager)", "Jansen, HRM-adviseur", "Jansen, verzuimcoördinator",
                                       "afdelingsmanager Jansen", "Jansen, eigenaar", "Jansen namens Horst"])
def test_the_envelope_is_not_recorded_as_given_to_someone_of_the_employer_who_shares_the_name(arts, handed_to):
    """The employer's case manager, HR adviser, owner or contact person called Jansen is not the
    employee Jansen: the sealed information must not go to the employer's side (DESIGN §5)."""
    from desktop_app.errors import PermissionDenied, ValidationError
    from desktop_app.services import releases

    _e, release = _sealed_release(arts, surname="Jansen", given_names="Pieter")
    with pytest.raises((ValidationError, PermissionDenied)):
        releases.mark_released(arts, release.id, "to_employee", handed_on=nl(TODAY), handed_to=handed_to)


# --- 3. reading import files ----------------------------------------------------------------


def _csv(tmp_path, data: bytes):
    from desktop_app.domain.import_files import read_table

    path = tmp_path / "personeel.csv"
    path.write_bytes(data)
    return read_table(path)


def test_excels_sep_line_naming_a_tab_is_read(tmp_path):
    """Excel's first line "sep=<tab>" names the tab as delimiter. The check strips the line before
    looking at it, so the tab itself is stripped away, the line is not recognised, and "sep=" is
    taken for the header row: the real column names become a row of data."""
    t = _csv(tmp_path, b"sep=\t\r\nAchternaam\tVoornaam\r\nJansen\tPiet\r\n")
    assert t.headers == ("Achternaam", "Voornaam")
    assert t.rows == (("Jansen", "Piet"),)
    assert t.lines == (3,)


def test_a_sep_line_in_a_file_with_cr_line_ends_is_read(tmp_path):
    """An old-Mac export ends its lines with CR only. The sep= line is looked for before the first
    "\\n", which such a file does not have: the whole file is taken as the first line, the sep=
    line is not recognised and becomes the header."""
    t = _csv(tmp_path, b"sep=;\rAchternaam;Voornaam\rJansen;Piet\r")
    assert t.headers == ("Achternaam", "Voornaam")
    assert t.rows == (("Jansen", "Piet"),)


def test_duplicated_column_names_stay_distinct(tmp_path):
    """Two columns "Naam" next to an existing "Naam (2)": the second "Naam" is renamed to
    "Naam (2)" as well, two columns share a name, and a mapping to "Naam (2)" reads either."""
    t = _csv(tmp_path, b"Naam (2);Naam;Naam\r\na;b;c\r\n")
    assert len(set(t.headers)) == len(t.headers), t.headers


def _xlsx_with_formula(tmp_path, cell_xml: str):
    """A workbook whose B2 is replaced by ``cell_xml`` (a formula cell as Excel writes it)."""
    import re
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Achternaam", "Voornaam", "Functie"])
    ws.append(["Jansen", "PLACEHOLDER", "Monteur"])
    src = tmp_path / "src.xlsx"
    wb.save(src)
    out = tmp_path / "personeel.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = re.sub(r'<c r="B2"[^>]*>.*?</c>', cell_xml, text, count=1)
                data = text.encode()
            zout.writestr(item, data)
    return out


def test_a_formula_whose_computed_value_is_empty_is_not_reported_unreadable(tmp_path):
    """=ALS(...;"";...) is how HR sheets leave a cell empty; Excel saves the formula with its computed
    value, the empty text. The reader takes every empty value with a formula behind it for a
    formula "zonder berekende waarde" and refuses the row, telling the user to open and save the
    file in Excel, which changes nothing."""
    from desktop_app.domain.import_files import read_table

    path = _xlsx_with_formula(tmp_path, '<c r="B2" t="str"><f>IF(1=1,"","x")</f><v></v></c>')
    t = read_table(path)
    assert t.rows == (("Jansen", "", "Monteur"),)
    assert t.unreadable == {}


# --- 4. a medical entry whose practice part cannot be written ---------------------------------


def test_a_consultation_whose_billable_time_cannot_be_kept_is_taken_back(arts, monkeypatch):
    """The same two-file split as the problem analysis, left open: a consultation with its time
    goes into medical.db first, the billable line into practice.db after. When that second write
    fails (disk full), the user sees the error and the consultation is still there; recording it
    again (as the error invites) makes it twice. The entry should be taken back, as
    ``add_entry_for`` does for the problem analysis."""
    from desktop_app.domain.medical.kinds import EntryKind
    from desktop_app.errors import DiskFull
    from desktop_app.services import medical_entries
    from desktop_app.storage import billable_work as work_store

    piet = add_sick_employee(arts)
    before = [e.id for e in medical_entries.list_entries(arts, piet.id)]

    def full(*_a, **_k):
        raise DiskFull(detail="practice.db: database or disk is full")

    monkeypatch.setattr(work_store, "insert", full)
    with pytest.raises(DiskFull):
        medical_entries.add_entry(arts, piet.id, EntryKind.CONSULTATION, {"s": "Rugklachten, werkt halve dagen"},
                                  work={"work_kind": "spreekuur", "minutes": "30"})
    assert [e.id for e in medical_entries.list_entries(arts, piet.id)] == before


# --- 5. the employee's dossier copy ---------------------------------------------------------


def test_the_dossier_copy_lists_the_employees_appointments(arts, own_question):
    """DESIGN §5: the employee may inspect the whole dossier and get a copy. The appointments
    (planned, seen, not appeared at, with the notice to the employer) are the employee's personal
    data in practice.db (they count as such for destruction, ``practice_erasure.has_personal``),
    yet the copy's practice part lists none of them: the employee never sees that a "niet
    verschenen" was recorded and told to the employer."""
    import io
    import re

    from pypdf import PdfReader

    from desktop_app.services import documents

    _block, piet, _b = own_question
    pdf = documents.dossier_copy_pdf(arts, piet.id)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert nl(NEXT_MONDAY) in text


def test_a_consultation_opened_from_an_own_question_appointment_is_an_own_question(arts):
    """An employee in an absence case may still come on their own question (0013): the physician
    books it with "Op eigen vraag". "Dossier en consult openen" on that appointment starts the
    consultation with the default occasion, which looks only at the case: "verzuim". Saved as is,
    it is an ordinary consultation whose billable line names the employee to the bookkeeping,
    and the own question is recorded as absence guidance."""
    from desktop_app.domain.medical.open_consultations import Occasion
    from desktop_app.services import open_consultations

    block = agenda.add_block(arts, arts.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    piet = add_sick_employee(arts, surname="Ziek")
    agenda.book(arts, piet.id, block.id, at(NEXT_MONDAY, 9), confidential=True)
    assert open_consultations.default_occasion(arts, piet.id, NEXT_MONDAY) == Occasion.OWN_QUESTION.value
