"""Issue 13, retention and destruction, attacked from the physician's retention page: the terms
are reached by moving the session's clock (as the existing retention tests do), everything else
goes through the public services."""

from datetime import date

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services import releases, requests, restrictions, retention
from tests.helpers.retention_practice import populate, years

T = date.today()


def _on(session, day: date) -> None:
    session.today = lambda: day


@pytest.fixture
def person(arts):
    return populate(arts, today=T)


def test_a_running_restriction_stops_the_term_based_destruction_of_personal_data(arts, person):
    """The employee disputes the dossier and asks to restrict processing (AVG art. 18): the data
    may only be stored. Five years after the end of employment the physician's retention page
    offers the personal data; destroying it during the dispute must be refused (or need a
    recorded reason, as the request path does)."""
    requests.restrict(arts, person.employee_id, "Werknemer betwist de juistheid van het dossier")
    _on(arts, years(person.employment_end, 5))
    with pytest.raises(ArbokluisError):
        retention.decide(arts, person.employee_id, "personal", "destroy")


def test_the_term_based_destruction_does_not_erase_a_running_restriction(arts, person):
    requests.restrict(arts, person.employee_id, "Werknemer betwist de juistheid van het dossier")
    _on(arts, years(person.employment_end, 5))
    try:
        retention.decide(arts, person.employee_id, "personal", "destroy")
    except ArbokluisError:
        pass
    assert restrictions.is_restricted(arts, person.employee_id)


def test_the_release_log_of_medical_data_stays_while_the_medical_dossier_stays(arts, person):
    """WGBO/AVG art. 15: as long as the medical dossier is kept, the employee may learn to whom
    medical data went. The 5-year personal term deletes the release log with the personal data
    while the medical dossier stays for 20 years, so the access-log extract says nothing was
    released."""
    assert releases.log_lines(arts, person.employee_id) != []
    _on(arts, years(person.employment_end, 5))
    retention.decide(arts, person.employee_id, "personal", "destroy")
    assert releases.log_lines(arts, person.employee_id) != []


def test_after_erasure_on_request_the_earlier_recipients_are_still_listed_to_be_told(arts, person):
    """AVG art. 19: after an erasure the practice tells each recipient of an earlier release. The
    employee asks to erase the personal data and the medical dossier; dr. P. Jansen received a
    consultation report before. The erasure deletes the release log (personal category) before
    the change is recorded, so the list of recipients to tell is empty."""
    from desktop_app.services import destruction, notices

    r = requests.receive(arts, person.employee_id, "destruction", T.strftime("%d-%m-%Y"))
    requests.identity_at_desk(arts, r.id, "passport", T.strftime("%d-%m-%Y"))
    requests.start(arts, r.id)
    destruction.destroy_on_request(arts, r.id, ["personal", "medical"])
    view = notices.for_request(arts, r.id)
    assert [x.name for x in view.recipients] == ["dr. P. Jansen"]


def test_data_entered_today_for_someone_still_employed_is_not_offered_for_destruction(arts):
    """The employer's contract with the practice is recorded as ended on 31-12-2019 (a typo for
    2029, or an old contract). Today the case manager enters an employee employed since 2022 and
    still employed, with address and contract hours. The retention page at once offers her
    personal data for destruction: the 5-year term ran out before the data existed. (Without
    contract hours her identity, name and BSN, is offered as well.)"""
    from desktop_app.domain.dossier import EmployeeForm, EmployerForm
    from desktop_app.services import employees, employers

    er = employers.create(arts, EmployerForm(name="Oud Contract B.V.", contract_end="31-12-2019"))
    e = employees.create(arts, EmployeeForm(employer_id=er.id, surname="Nieuw", given_names="Anna",
                                            street="Kerkstraat 1", postcode="1234 AB", city="Utrecht",
                                            contract_hours="32", employment_start="01-01-2022"))
    offered = {i.category.value for i in retention.due(arts) if i.employee_id == e.id}
    assert offered == set()


def test_an_exposure_whose_40_years_have_passed_does_not_block_erasure_on_request(arts):
    """The asbestos exposure ended 41 years ago: its 40-year duty (Arbobesluit art. 4.10c) is
    over. The employee asks to erase the medical dossier; the review still says "wordt niet
    vernietigd: blootstellingsregistratie ... bewaren tot <a date 1 year ago>", a legal duty that
    ended, so the request can never be honoured."""
    from desktop_app.services import destruction

    person = populate(arts, today=T, exposure_end=years(T, -41))
    r = requests.receive(arts, person.employee_id, "destruction", T.strftime("%d-%m-%Y"))
    requests.identity_at_desk(arts, r.id, "passport", T.strftime("%d-%m-%Y"))
    requests.start(arts, r.id)
    review = destruction.review(arts, r.id, categories=["medical"])
    assert review.verdict(destruction.Category.MEDICAL).allowed
