"""Issue 16 ("the practice's working day") attacked by break16: each test asserts the behaviour
the rules ask for and fails on the code as it stood when written."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timedelta

import pytest
from pypdf import PdfReader

from desktop_app.domain.agenda import invitation_values
from desktop_app.domain.cases import CaseForm
from desktop_app.domain.letter_defaults import EMPLOYER_NOTICE, NO_SHOW_NOTICE
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.errors import ArbokluisError, ValidationErrors
from desktop_app.services import (
    agenda,
    billable_overview,
    cases,
    employers,
    letters,
    medical_entries,
)
from tests.helpers.dossiers import add_employee
from tests.helpers.practices import ARTS, login_as

TODAY = date.today()
NEXT_MONDAY = TODAY + timedelta(days=7 - TODAY.weekday())


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def arts(practice, clock):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


# --- leaks towards the employer --------------------------------------------------------------


def test_an_employer_letter_cannot_carry_the_kind_of_absence(arts):
    """DESIGN §5: the employer does not learn that a case falls under the safety net (nor that it
    is pregnancy-related). {verzuim.soort} prints "Vangnet (Ziektewet)"; the template check lets an
    employer letter use it, so one edit of the template tells every employer."""
    key = EMPLOYER_NOTICE
    t = letters.template(arts, key)
    with pytest.raises(ValidationErrors) as caught:
        letters.save_template(arts, key, t.subject, t.body + "\n\nSoort verzuim: {verzuim.soort}")
    assert "body" in caught.value.errors


def _no_case_booking(arts, clock):
    """Piet has no absence case: an appointment for him is his own question (open spreekuur)."""
    block = agenda.add_block(arts, arts.user.id, "practice", nl(NEXT_MONDAY), "09:00", "10:00", "20")
    piet = add_employee(arts)
    b = agenda.book(arts, piet.id, block.id, datetime.combine(NEXT_MONDAY, time(9, 20)))
    return piet, b


def test_a_no_show_at_an_own_question_visit_is_not_told_to_the_employer(arts, clock):
    """An employee without an absence case comes on his own question; the employer must not learn
    that the visit was planned at all. "Niet verschenen" still keeps a notice for the employer
    (and puts the letter on Vandaag for the case manager): the employer letter says "Uw medewerker
    was uitgenodigd voor het spreekuur … en is niet verschenen"."""
    piet, b = _no_case_booking(arts, clock)
    assert cases.for_employee(arts, piet.id) == []
    clock["now"] = datetime.combine(NEXT_MONDAY, time(11))
    agenda.record_outcome(arts, b.id, "no_show")
    made = None
    try:
        made = letters.make_letter(arts, piet.id, NO_SHOW_NOTICE, {}, booking_id=b.id)
    except ArbokluisError:
        pass
    assert agenda.no_show_notices(arts, piet.id) == [], "a notice for the employer of an own-question visit"
    assert made is None, "the employer letter about an own-question visit was made"


def test_the_employer_notice_is_refused_for_an_employee_without_absence_case(arts, clock):
    """"Melding werkgever…" of the agenda makes the employer's notice for any booking, also the one
    of an employee who has no absence case (his own question): the employer hears of the visit."""
    piet, _b = _no_case_booking(arts, clock)
    values = invitation_values(agenda.free_slots(arts, NEXT_MONDAY, NEXT_MONDAY)[0])
    values = {k: v for k, v in values.items() if k != "afspraak.meenemen"}
    with pytest.raises(ArbokluisError):
        letters.make_letter(arts, piet.id, EMPLOYER_NOTICE, values)
    assert letters.kept_letters(arts, piet.id) == []


# --- billable work ---------------------------------------------------------------------------


def test_a_corrected_occasion_makes_the_billable_line_confidential(arts):
    """The physician records an open consultation as "preventief", then corrects the occasion to
    the employee's own question. The bookkeeping line was written once, with the old flag, and
    keeps naming the employee in the overview the employer is billed from."""
    piet = add_employee(arts, surname="Eigenvraag", given="Piet")
    employer_id = piet.employer_id
    entry = medical_entries.add_entry(arts, piet.id, EntryKind.OPEN_CONSULTATION,
                                      {"occasion": "preventive", "s": "Vraag over werkdruk"},
                                      work={"work_kind": "spreekuur", "minutes": "30"})
    medical_entries.correct_entry(arts, entry.id, {"occasion": "own_question", "s": "Vraag over werkdruk"},
                                  "Aanleiding verkeerd gekozen")
    t = arts.today()
    o = billable_overview.overview(arts, employer_id, t.year, t.month)
    assert [x.employee_shown for x in o.lines] == ["Vertrouwelijk (eigen vraag werknemer)"]
    csv = billable_overview.overview_csv(arts, employer_id, t.year, t.month).decode("utf-8-sig")
    assert "Eigenvraag" not in csv


# --- strange input ---------------------------------------------------------------------------


def test_a_block_far_in_the_future_is_a_dutch_message_not_a_crash(arts):
    """The date field takes any year from 1900 on; a block on 31-12-9999 is accepted, and then
    every reading of that day (``Block.days`` steps a week past ``date.max``) and a second block
    that day end in OverflowError instead of a message at the field."""
    try:
        agenda.add_block(arts, arts.user.id, "practice", "31-12-9999", "09:00", "10:00", "20")
    except ValidationErrors as exc:
        assert "first_day" in exc.errors
        return
    agenda.day_list(arts, date(9999, 12, 31))  # the day list of the block's own day
    with pytest.raises(ArbokluisError):  # overlaps the first: a Dutch refusal
        agenda.add_block(arts, arts.user.id, "practice", "31-12-9999", "09:30", "10:30", "20")


def test_a_block_at_an_employer_that_is_not_there_is_refused_at_the_field(arts):
    """``add_block`` checks that an employer is chosen for "bij de werkgever", not that it exists
    (an employer removed while the dialog was open, a stale id): the insert runs into the foreign
    key and a raw sqlcipher IntegrityError reaches the crash hook instead of a Dutch message."""
    with pytest.raises(ValidationErrors) as caught:
        agenda.add_block(arts, arts.user.id, "employer", nl(NEXT_MONDAY), "09:00", "10:00", "20",
                         employer_id=999_999)
    assert "employer_id" in caught.value.errors


# --- import ----------------------------------------------------------------------------------


def test_a_cp1252_csv_with_a_byte_order_mark_finds_its_first_column(arts, tmp_path):
    """A CSV saved as Windows-1252 behind a UTF-8 byte-order mark (what some HR exports write):
    UTF-8 fails on "Müller", the cp1252 fallback keeps the mark as "ï»¿", and the first column is
    called "ï»¿Achternaam": not recognised, shown to the user as such, and the import refuses for
    want of a surname column."""
    from desktop_app.services import imports

    path = tmp_path / "personeel.csv"
    path.write_bytes(b"\xef\xbb\xbfAchternaam;Voornamen;Woonplaats\r\nM\xfcller;Jos\xe9;Utrecht\r\n")
    piet = add_employee(arts)
    cols = imports.columns(arts, path, piet.employer_id)
    assert cols.headers[0] == "Achternaam"
    assert cols.proposed.get("surname") == "Achternaam"


def test_a_tiny_xlsx_that_claims_the_whole_sheet_is_refused_not_run_out_of_memory(tmp_path):
    """A 5 KB .xlsx whose sheet says it spans A1:XFD1048576 and has a (empty) last row: openpyxl's
    read-only reader pads every row up to it to 16,384 cells, ``_xlsx_cells`` collects 100,001 of
    them (1.6 billion cells) before its row limit stops it. Run here under a 1.5 GB address-space
    limit: a MemoryError (on a workstation: the whole machine swapping) instead of a Dutch message."""
    import os
    import subprocess
    import sys
    import zipfile

    import openpyxl

    base, huge = tmp_path / "base.xlsx", tmp_path / "personeel.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["A2"] = "Achternaam", "Jansen"
    wb.save(base)
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', data)
                data = data.replace(b"</sheetData>", b'<row r="1048576"/></sheetData>')
            zout.writestr(item, data)
    assert huge.stat().st_size < 10_000
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))\n"
        "from desktop_app.domain.import_files import ImportFileError, read_table\n"
        "try:\n"
        f"    t = read_table({str(huge)!r})\n"
        "    print('READ', len(t.headers), len(t.rows))\n"
        "except ImportFileError as exc:\n"
        "    print('REFUSED', exc.message)\n"
        "except MemoryError:\n"
        "    print('MEMORY')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          cwd=os.getcwd())
    assert done.stdout.startswith(("REFUSED", "READ 1 ")), done.stdout + done.stderr[-500:]


def test_a_formula_without_a_computed_value_is_reported_not_read_as_empty(arts, tmp_path):
    """An .xlsx written by a script (no cached values) has "=PROPER(...)" in the Functie column.
    ``data_only=True`` reads the formula cell as None: the row is "good", imported with an empty
    job title, and the report says nothing about a cell the user sees filled in."""
    import openpyxl

    from desktop_app.domain.imports import ColumnMapping
    from desktop_app.services import imports

    path = tmp_path / "personeel.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Achternaam", "Voornamen", "Functie"])
    ws.append(["Bakker", "Kees", '=PROPER("heftruckchauffeur")'])
    wb.save(path)
    piet = add_employee(arts)
    mapping = ColumnMapping(piet.employer_id, {"surname": "Achternaam", "given_names": "Voornamen",
                                               "job_title": "Functie"})
    preview = imports.preview(arts, path, mapping)
    [row] = preview.rows
    assert row.problems, "a formula cell silently became an empty job title"
    assert any("Functie" == p.column for p in row.problems)


# --- the sealed information for UWV --------------------------------------------------------


@pytest.mark.parametrize("handed_to", ["Glans", "HR-afdeling Glans", "de werkgever", "leidinggevende"])
def test_the_sealed_envelope_is_recorded_as_received_by_the_employee_only(arts, handed_to):
    """The sealed information for UWV's insurance physician goes via the employee, never the
    employer. ``mark_released`` insists on the method "meegegeven aan de werknemer" but takes any
    "Aan (wie het ontving)": the employer check only matches the employer's whole name or its
    contact's, so "Glans" (for "Schoonmaakbedrijf Glans B.V."), "HR-afdeling Glans", "de
    werkgever" or "leidinggevende" are recorded as the receiver of the medical envelope."""
    from desktop_app.domain.dossier import EmployeeForm, EmployerForm
    from desktop_app.domain.uwv_documents import SealedForm
    from desktop_app.errors import PermissionDenied, ValidationError
    from desktop_app.services import employees, releases, uwv_sealed

    glans = employers.create(arts, EmployerForm(name="Schoonmaakbedrijf Glans B.V.", contact_name="W. Horst"))
    piet = employees.create(arts, EmployeeForm(employer_id=glans.id, surname="Jansen", given_names="Piet"))
    entry = medical_entries.add_entry(arts, piet.id, EntryKind.NOTE, {"text": "Hernia L5-S1"})
    sealed = uwv_sealed.request_sealed(arts, piet.id, SealedForm(entry_ids=[entry.id]), physician="arts")
    releases.approve(arts, sealed.id)
    with pytest.raises((PermissionDenied, ValidationError, ValidationErrors)):
        releases.mark_released(arts, sealed.id, "to_employee", handed_to=handed_to)


# --- the employee's copy ---------------------------------------------------------------------


def test_the_employees_dossier_copy_holds_the_problem_analysis_and_current_assessment(arts):
    """DESIGN §5: the employee may inspect the whole dossier and get a copy. The problem analysis's
    functional part and the physician's current assessment are kept in the practice section
    (``uwv_documents``), and the copy's practice part (``documents._practice_part``) lists cases,
    trajectories, feedback, activities, consents and letters, but not these: what the employer
    received about the employee is missing from the employee's own copy."""
    from desktop_app.domain.dossier import EmployeeForm, EmployerForm
    from desktop_app.domain.uwv_documents import CurrentOpinionForm, ProblemAnalysisForm
    from desktop_app.services import documents, employees, uwv_documents

    employer = employers.create(arts, EmployerForm(name="Bouwbedrijf De Vries"))
    e = employees.create(arts, EmployeeForm(employer_id=employer.id, surname="Yilmaz", given_names="Ayse",
                                            birth_date="02-03-1980"))
    case = cases.open_case(arts, e.id, CaseForm(first_day=nl(TODAY - timedelta(days=40))))
    pa = uwv_documents.make_problem_analysis(arts, e.id, case.id, ProblemAnalysisForm(
        assessed_on=nl(TODAY), fitness="partly_fit", limitations="Niet tillen boven vijf kilo",
        advice="Start met halve dagen aangepast werk", medical="Lumbale hernia"))
    uwv_documents.approve(arts, pa.id)
    co = uwv_documents.make_current_opinion(arts, e.id, case.id, CurrentOpinionForm(
        assessed_on=nl(TODAY), fitness="partly_fit", opinion="Benutbare mogelijkheden voor licht werk"))
    uwv_documents.approve(arts, co.id)
    text = text_of(documents.dossier_copy_pdf(arts, e.id))
    assert "Start met halve dagen aangepast werk" in text
    assert "Benutbare mogelijkheden voor licht werk" in text
