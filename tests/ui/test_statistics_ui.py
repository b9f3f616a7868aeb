"""The screens of the statistics and the early UWV reports, driven as a user does (offscreen):
the case form, the pregnancy and safety-net facts, the Verzuim tab, Vandaag, the employer's
full-time week and workforce, the statistics dialog and its PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from desktop_app.domain.cases import CaseForm
from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.services import cases, employees, employers, workforce
from tests.helpers.practices import CASEMANAGER
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


@pytest.fixture
def main(qtbot, controller):
    return log_in(qtbot, controller, CASEMANAGER)


@pytest.fixture
def person(controller, main):
    ctx = controller.ctx
    employer = ctx.call(employers.create, EmployerForm(name="Schermtest B.V."))
    return ctx.call(employees.create, EmployeeForm(employer_id=employer.id, surname="Scherm",
                                                   given_names="Saskia"))


def _ground_shown(dialog) -> bool:
    return dialog.form.widgets["ground"].parentWidget().isVisible()


def test_the_ground_is_asked_only_for_a_safety_net_case(qtbot, controller, person):
    from ui.dossier_forms import CaseDialog

    dialog = CaseDialog(controller.ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not _ground_shown(dialog)
    dialog.form.set_value("kind", "safety_net")
    assert _ground_shown(dialog)


def test_a_safety_net_case_is_saved_with_its_ground(qtbot, controller, person):
    from ui.dossier_forms import CaseDialog

    dialog = CaseDialog(controller.ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.set_value("first_day", nl(date.today()))
    dialog.form.set_value("kind", "safety_net")
    dialog.form.set_value("ground", "no_risk_policy")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    assert str(dialog.saved.ground) == "no_risk_policy"


def test_twins_and_the_expected_date_are_saved(qtbot, controller, person):
    from ui.dossier_forms import CaseDialog

    dialog = CaseDialog(controller.ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.set_value("first_day", nl(date.today()))
    dialog.form.set_value("kind", "pregnancy")
    dialog.form.set_value("expected_delivery", nl(date.today() + timedelta(days=90)))
    dialog.form.widgets["multiple_pregnancy"].setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    assert dialog.saved.pregnancy.multiple is True


def test_a_ground_left_over_from_another_kind_is_not_sent(qtbot, controller, person):
    from ui.dossier_forms import CaseDialog

    dialog = CaseDialog(controller.ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.set_value("first_day", nl(date.today()))
    dialog.form.set_value("kind", "safety_net")
    dialog.form.set_value("ground", "organ_donation")
    dialog.form.set_value("kind", "illness")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    assert dialog.saved.ground is None


def test_the_verzuim_tab_shows_the_early_report_with_its_rule(qtbot, controller, main, person):
    controller.ctx.call(cases.open_case, person.id, CaseForm(first_day=nl(date.today() - timedelta(days=1)),
                                                             kind="safety_net"))
    main.open_dossier(person.id)
    window = main.dossiers[person.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    rows = {window.timeline.item(r, 0).text(): window.timeline.item(r, 4).text()
            for r in range(window.timeline.rowCount())}
    assert "Leg de grond vast" in rows["Ziekmelding UWV (Ziektewet)"]


def test_the_verzuim_tab_names_the_missing_ground(qtbot, controller, main, person):
    controller.ctx.call(cases.open_case, person.id, CaseForm(first_day=nl(date.today()), kind="safety_net"))
    main.open_dossier(person.id)
    window = main.dossiers[person.id]
    qtbot.waitUntil(lambda: window.dossier is not None, timeout=10000)
    assert window.case_facts.text() == "Vangnetgrond: niet vastgelegd"


def test_the_ground_recorded_later_through_its_dialog(qtbot, controller, main, person):
    from ui.dossier_forms import ReportFactsDialog

    case = controller.ctx.call(cases.open_case, person.id, CaseForm(first_day=nl(date.today()),
                                                                    kind="safety_net"))
    dialog = ReportFactsDialog(controller.ctx, case)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.set_value("ground", "fictitious_employment")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    assert str(controller.ctx.call(cases.get, case.id).ground) == "fictitious_employment"


def test_vandaag_shows_a_missed_early_report_of_a_recovered_case(qtbot, controller, main, person):
    ctx = controller.ctx
    case = ctx.call(cases.open_case, person.id, CaseForm(first_day=nl(date.today() - timedelta(days=20)),
                                                         kind="safety_net"))
    ctx.call(cases.report_recovery, case.id, nl(date.today() - timedelta(days=2)))
    main.today.refresh()
    today = main.today

    def found() -> bool:
        keys = today.section_keys()
        return bool(keys) and any(
            today.line_index(keys[0], r).data() == "Saskia Scherm"
            and today.line_index(keys[0], r, 2).data() == "Ziekmelding UWV (Ziektewet)"
            for r in range(today.line_count(keys[0])))

    qtbot.waitUntil(found, timeout=10000)


def test_the_employers_full_time_week_through_its_form(qtbot, controller, main):
    from ui.dossier_forms import EmployerDialog

    dialog = EmployerDialog(controller.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.set_value("name", "Werkweek B.V.")
    dialog.form.set_value("full_time_hours", "36")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10000)
    assert dialog.saved.full_time_hours == Decimal(36)


def test_a_workforce_entry_through_its_dialog(qtbot, controller, main):
    from ui.dossier_forms import WorkforceEntryDialog
    from ui.workforce_dialog import WorkforceDialog

    employer = controller.ctx.call(employers.create, EmployerForm(name="Bestand B.V."))
    listing = WorkforceDialog(controller.ctx, employer)
    qtbot.addWidget(listing)
    entry = WorkforceEntryDialog(controller.ctx, employer.id, parent=listing)
    entry.show()
    for name, value in (("start", "01-01-2026"), ("end", "31-03-2026"), ("headcount", "42"), ("fte", "35,5")):
        entry.form.set_value(name, value)
    entry.submit()
    qtbot.waitUntil(lambda: entry.saved is not None, timeout=10000)
    listing.reload()
    qtbot.waitUntil(lambda: listing.table.rowCount() == 1, timeout=10000)
    assert listing.table.item(0, 3).text() == "35,5"


def test_an_overlapping_workforce_entry_is_refused_at_the_field(qtbot, controller, main):
    from desktop_app.domain.workforce import WorkforceForm
    from ui.dossier_forms import WorkforceEntryDialog

    employer = controller.ctx.call(employers.create, EmployerForm(name="Dubbel B.V."))
    controller.ctx.call(workforce.add, employer.id, WorkforceForm("01-01-2026", "31-03-2026", "42", "35"))
    entry = WorkforceEntryDialog(controller.ctx, employer.id)
    qtbot.addWidget(entry)
    entry.show()
    for name, value in (("start", "01-03-2026"), ("end", "30-06-2026"), ("headcount", "42"), ("fte", "35")):
        entry.form.set_value(name, value)
    entry.submit()
    qtbot.waitUntil(lambda: entry.form.error("start") != "", timeout=10000)
    assert "overlapt" in entry.form.error("start")


# --- the statistics dialog ---------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot, controller, main):
    from ui.statistics_dialog import StatisticsDialog

    employer = max(controller.ctx.call(employers.list_all),
                   key=lambda e: controller.ctx.call(employers.employee_counts).get(e.id, 0))
    d = StatisticsDialog(controller.ctx, employer.id)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.loaded, timeout=10000)
    return d


def _rows(table):
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def test_the_dialog_offers_the_cores_periods(dialog):
    assert dialog.period.itemText(0).endswith(")")
    assert "kwartaal" in dialog.period.itemText(0)


def test_the_dialog_shows_which_sources_were_used(qtbot, dialog):
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    assert _rows(dialog.sources)["Personeelsbestand"] == "berekend uit de werknemers in het dossier van de praktijk"


def test_a_wrong_custom_period_is_refused_by_the_core(qtbot, dialog):
    dialog.period.setCurrentIndex(dialog.period.count() - 1)
    dialog.start.setText("01-04-2026")
    dialog.end.setText("31-03-2026")
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10000)
    assert dialog.error.text() == "Tot en met: ligt vóór de begindatum."


def test_the_pdf_from_the_dialog_prints_the_sources_shown(qtbot, dialog, monkeypatch):
    from ui import pdf_preview

    made = []
    monkeypatch.setattr(pdf_preview.PdfPreview, "exec", lambda self: made.append(self.pdf) or 0)
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    dialog.make_pdf()
    qtbot.waitUntil(lambda: len(made) == 1, timeout=15000)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(made[0])).pages)
    assert all(f"{label} {value}" in text for label, value in _rows(dialog.sources).items())
