"""Issue 13, statistics, attacked with a small employer as a case manager enters it."""

from datetime import date

import pytest

from desktop_app.domain.cases import CaseForm
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.domain.statistics_report import figure_rows
from desktop_app.services import cases, employees, employers, statistics
from tests.helpers.practices import CASEMANAGER, login_as

TODAY = date(2027, 1, 15)
Q1 = (date(2026, 1, 1), date(2026, 3, 31))


@pytest.fixture
def session(bare_practice):
    s = login_as(bare_practice, CASEMANAGER)
    s.today = lambda: TODAY
    yield s
    s.close()


def _employer(session, n):
    e = employers.create(session, EmployerForm(name="Klein B.V.", full_time_hours="40"))
    people = [employees.create(session, EmployeeForm(employer_id=e.id, surname=f"Medewerker{i:02d}",
                                                     given_names="Test")) for i in range(n)]
    return e, people


def _sick(session, person, first, recovered, kind="illness"):
    case = cases.open_case(session, person.id, CaseForm(first_day=first, kind=kind))
    cases.report_recovery(session, case.id, recovered)


def _value(rows, label):
    return dict(rows)[label]


def test_the_two_columns_do_not_give_away_one_pregnant_employees_absence(session):
    """Ten employees; four ordinary cases of 10 days each and one pregnancy-related case of 23
    days (2..24 February), all ended in Q1. Each column on its own respects the small-number
    rule, but the employer subtracts: 5 − 4 = one pregnancy-related report, and
    5 × 12,6 − 4 × 10,0 = 23 days. The employer knows who is pregnant, so it learns that her
    absence was pregnancy-related and how long it lasted (a fact about her health)."""
    e, people = _employer(session, 10)
    for i, first in enumerate(("05-01-2026", "12-01-2026", "02-02-2026", "02-03-2026")):
        day = date(2026, int(first[3:5]), int(first[:2]))
        _sick(session, people[i], first, f"{day.day + 10:02d}-{day.month:02d}-2026")
    _sick(session, people[9], "02-02-2026", "25-02-2026", kind="pregnancy")
    report = statistics.report(session, e.id, *Q1)
    with_p = figure_rows(report.statistics.with_pregnancy)
    without = figure_rows(report.statistics.without_pregnancy)
    derivable = False
    try:
        n1 = int(_value(with_p, "Beëindigde verzuimgevallen"))
        n0 = int(_value(without, "Beëindigde verzuimgevallen"))
        d1 = float(_value(with_p, "Gemiddelde verzuimduur").split()[0].replace(",", "."))
        d0 = float(_value(without, "Gemiddelde verzuimduur").split()[0].replace(",", "."))
        derivable = n1 - n0 == 1 and round(n1 * d1 - n0 * d0) == 23
    except ValueError:
        pass
    assert not derivable


def test_the_printed_duration_classes_do_not_give_away_the_withheld_column(session):
    """The same example: the duration-class table of the PDF counts one 23-day case more with
    pregnancy than without; with the column withheld, the PDF shows none of its classes."""
    import io

    from pypdf import PdfReader

    e, people = _employer(session, 10)
    for i, first in enumerate(("05-01-2026", "12-01-2026", "02-02-2026", "02-03-2026")):
        day = date(2026, int(first[3:5]), int(first[:2]))
        _sick(session, people[i], first, f"{day.day + 10:02d}-{day.month:02d}-2026")
    _sick(session, people[9], "02-02-2026", "25-02-2026", kind="pregnancy")
    report = statistics.report(session, e.id, *Q1)
    assert report.statistics.with_pregnancy.withheld
    pdf = statistics.statistics_pdf(session, e.id, *Q1)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert text.count("niet getoond") >= 10  # the 5 classes twice (in the period, ended)
