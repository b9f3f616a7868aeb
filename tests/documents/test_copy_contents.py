"""The dossier copy holds everything the employee is entitled to (issue 15, AVG art. 15 and WGBO
art. 7:456): absence and re-integration data, feedback, activities, consents, medical entries,
statements and attachments. A copy is made of a dossier with one of each, and read back with pypdf."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = date.today()
# One word per kind of record, found nowhere else in the dossier.
MARKERS = {
    "absence": "Arbeidsongeval",
    "milestone": "Probleemanalyse-stap-Wolkenkrabber",
    "trajectory": "Re-integratiebureau Zonnebloem",
    "trajectory_report": "Trajectrapport-Kameleon",
    "feedback": "Advies-Pelikaan",
    "activity": "Gesprek-Vuurtoren",
    "consent": "Toestemmingsdoel-Zeppelin",
    "medical_entry": "Consult-Marmot",
    "statement": "Verklaring-Kolibrie",
    "attachment": "bijlage-walrus.pdf",
}


@pytest.fixture
def copy_text(arts, employee):
    from desktop_app.domain.cases import ActivityForm, CaseForm, FeedbackForm
    from desktop_app.domain.medical.statements import StatementForm
    from desktop_app.domain.trajectory import ReportForm, TrajectoryForm
    from desktop_app.services import (
        activities,
        attachments,
        cases,
        consents,
        documents,
        medical_entries,
        statements,
        trajectories,
    )
    from desktop_app.services.demo_medical import _tiny_png

    s, e = arts, employee.id
    case = cases.open_case(s, e, CaseForm(first_day=nl(TODAY - timedelta(days=60)), kind="work_accident",
                                          percentage="100"))
    cases.record_milestone(s, case.id, "problem_analysis", nl(TODAY - timedelta(days=50)), MARKERS["milestone"])
    t = trajectories.start(s, e, TrajectoryForm(provider=MARKERS["trajectory"], started_on=nl(TODAY - timedelta(days=20))),
                           case.id)
    trajectories.add_report(s, t.id, ReportForm(kind="provider_report", on_date=nl(TODAY - timedelta(days=10)),
                                                summary=MARKERS["trajectory_report"]))
    fb = activities.add_feedback(s, e, FeedbackForm(
        assessed_on=nl(TODAY - timedelta(days=5)), fitness="partly_fit", limitations="Niet tillen",
        remaining_capacity="Zittend werk", expected_duration="1-6w", advice=MARKERS["feedback"], adjustments=""), case.id)
    activities.approve_feedback(s, fb.id)
    activities.add_activity(s, e, ActivityForm(on_date=nl(TODAY - timedelta(days=4)), kind="gesprek",
                                               description=MARKERS["activity"]), case.id)
    consents.record(s, e, consents.ConsentForm(
        physician="arts", recipient_name="dr. P. Jansen", recipient_organisation="Ziekenhuis Oost",
        recipient_role="specialist", data_scope="Het consultverslag over de knieklachten",
        purpose=MARKERS["consent"], given_on=nl(TODAY - timedelta(days=3)),
        valid_until=nl(TODAY + timedelta(days=60))), signature_png=_tiny_png())
    medical_entries.add_entry(s, e, "consultation", {"entry_date": nl(TODAY - timedelta(days=2)),
                                                     "s": MARKERS["medical_entry"]})
    statements.add_statement(s, e, StatementForm(statement=MARKERS["statement"], received_on=nl(TODAY)))
    attachments.add_attachment(s, e, MARKERS["attachment"], b"%PDF-1.4\n%%EOF\n", description="Brief")
    pdf = documents.dossier_copy_pdf(s, e)
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


@pytest.mark.parametrize("kind", sorted(MARKERS))
def test_the_copy_holds_each_kind_of_record(copy_text, kind):
    assert MARKERS[kind] in copy_text


def test_the_copy_says_the_feedback_was_approved(copy_text):
    assert "goedgekeurd door" in copy_text


def test_the_copy_made_without_a_request_does_not_claim_an_approval(copy_text):
    assert "Goedgekeurd door" not in copy_text
