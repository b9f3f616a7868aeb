"""The import dialog driven as a user does (offscreen): a file of good, bad and duplicate rows,
the mapping remembered per employer, the report per row and column, the side-by-side match
with its checkbox, and the two import buttons. Also the screenshot of the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.dossier import EmployeeForm, EmployerForm
from desktop_app.services import employees, employers
from tests.helpers.practices import CASEMANAGER
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
FILE = ("Achternaam;Voornamen;Geboortedatum;BSN;Postcode;Personeelsnr\n"
        "Jansen;Piet;12-03-1980;123456782;1234 AB;P-1\n"
        "de Vries;Klaas;31-02-1990;123456789;12345;P-2\n"
        "Bestaand;Anna;;111222333;5678 CD;\n"
        "Smit;Els;01-05-1985;123456782;;P-3\n")


@pytest.fixture
def main(qtbot, controller):
    return log_in(qtbot, controller, CASEMANAGER)


@pytest.fixture
def employer(controller, main):
    ctx = controller.ctx
    employer = ctx.call(employers.create, EmployerForm(name="Importtest B.V."))
    ctx.call(employees.create, EmployeeForm(employer_id=employer.id, surname="Bestaand", given_names="Anna",
                                            bsn="111222333", postcode="1234 AB"))
    return employer


def _dialog(qtbot, controller, employer, path):
    from ui.import_dialog import ImportDialog

    dialog = ImportDialog(controller.ctx, employer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(str(path))
    qtbot.waitUntil(lambda: dialog.combos["surname"].count() > 1, timeout=15000)
    return dialog


def _checked(qtbot, dialog):
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=15000)


def _screenshots(dialog, tmp_path) -> None:
    """The report and the matches as grabbed offscreen at 1366x768 (less a taskbar); into
    docs/screenshots when ARBOKLUIS_SCREENSHOTS is set (1, or the folder to write to), else only
    into the test's folder."""
    import os

    wanted = os.environ.get("ARBOKLUIS_SCREENSHOTS", "")
    out = tmp_path if not wanted else ROOT / "docs" / "screenshots" / "1366x768" if wanted == "1" else Path(wanted)
    dialog.resize(1366 - 40, 768 - 60)
    for tab, name in ((1, "46-import-controle"), (2, "47-import-bestaande-werknemers")):
        dialog.tabs.setCurrentIndex(tab)
        assert dialog.grab().save(str(out / f"{name}.png"))


def test_the_report_and_the_import_of_the_good_rows(qtbot, controller, employer, tmp_path, recorded_messages):
    path = tmp_path / "personeel.csv"
    path.write_text(FILE, encoding="utf-8")
    dialog = _dialog(qtbot, controller, employer, path)
    assert dialog.combos["bsn"].currentText() == "BSN"
    assert dialog.combos["personnel_number"].currentText() == "Personeelsnr"
    assert not dialog.all_button.isEnabled()
    assert not dialog.good_button.isEnabled()
    _checked(qtbot, dialog)
    rows = [[dialog.report.item(r, c).text() for c in range(3)] for r in range(dialog.report.rowCount())]
    assert [(r[0], r[1]) for r in rows] == [("3", "Geboortedatum"), ("3", "BSN"), ("3", "Postcode"), ("5", "BSN")]
    assert not dialog.all_button.isEnabled()  # errors: only the good rows
    assert dialog.good_button.isEnabled()
    match = dialog.matches.topLevelItem(0)
    assert dialog.matches.topLevelItemCount() == 1
    side = [match.child(k).text(c) for k in range(match.childCount()) for c in range(3)]
    assert side == ["Postcode", "1234 AB", "5678 CD"]
    match.setCheckState(0, Qt.CheckState.Checked)
    _screenshots(dialog, tmp_path)
    dialog.good_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15000)
    assert (dialog.result.created, dialog.result.updated, dialog.result.skipped) == (1, 1, 2)
    people = {e.surname: e for e in controller.ctx.call(employees.page, employer_id=employer.id)}
    assert set(people) == {"Jansen", "Bestaand"}
    assert people["Bestaand"].postcode == "5678 CD"


def test_the_mapping_is_remembered_for_the_employer(qtbot, controller, employer, tmp_path, recorded_messages):
    path = tmp_path / "lijst.csv"
    path.write_text("Familienaam;Roep\nKlaassen;Kees\n", encoding="utf-8")
    dialog = _dialog(qtbot, controller, employer, path)
    assert dialog.combos["surname"].currentData() == ""  # not guessable
    dialog.combos["surname"].setCurrentIndex(dialog.combos["surname"].findData("Familienaam"))
    dialog.combos["given_names"].setCurrentIndex(dialog.combos["given_names"].findData("Roep"))
    _checked(qtbot, dialog)
    assert dialog.all_button.isEnabled()
    dialog.all_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15000)
    again = _dialog(qtbot, controller, employer, path)
    assert again.combos["surname"].currentData() == "Familienaam"
    assert again.combos["given_names"].currentData() == "Roep"


def test_changing_a_column_after_the_check_asks_for_a_new_check(qtbot, controller, employer, tmp_path,
                                                                 recorded_messages):
    path = tmp_path / "personeel.csv"
    path.write_text(FILE, encoding="utf-8")
    dialog = _dialog(qtbot, controller, employer, path)
    _checked(qtbot, dialog)
    dialog.combos["postcode"].setCurrentIndex(0)
    assert dialog.preview is None
    assert not dialog.good_button.isEnabled()


def test_an_unreadable_file_says_so_at_the_dialog(qtbot, controller, employer, tmp_path, recorded_messages):
    from ui.import_dialog import ImportDialog

    path = tmp_path / "kapot.xlsx"
    path.write_bytes(b"geen zip")
    dialog = ImportDialog(controller.ctx, employer)
    qtbot.addWidget(dialog)
    dialog.open_file(str(path))
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=15000)
    assert "Excel-bestand" in dialog.error.text()


def test_employers_from_the_menu(qtbot, controller, main, tmp_path, recorded_messages, monkeypatch):
    from ui import import_dialog

    path = tmp_path / "werkgevers.csv"
    path.write_text("Naam werkgever;KvK-nummer\nSchilder Blauw;11223344\n", encoding="utf-8")
    opened = []
    monkeypatch.setattr(import_dialog.ImportDialog, "exec", lambda self: opened.append(self) or 0)
    action = next(a for m in main.menuBar().actions() for a in m.menu().actions()
                  if a.text() == "Werkgevers importeren…")
    action.trigger()
    dialog = opened[0]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(str(path))
    qtbot.waitUntil(lambda: dialog.combos["name"].count() > 1, timeout=15000)
    assert dialog.combos["kvk"].currentText() == "KvK-nummer"
    _checked(qtbot, dialog)
    dialog.all_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=15000)
    assert "Schilder Blauw" in {e.name for e in controller.ctx.call(employers.list_all)}


def test_employees_are_imported_from_the_employers_page(qtbot, controller, main, employer, monkeypatch,
                                                        recorded_messages):
    from PySide6.QtWidgets import QPushButton

    from ui import import_dialog

    opened = []
    monkeypatch.setattr(import_dialog.ImportDialog, "exec", lambda self: opened.append(self) or 0)
    main.employers_model.reload()
    controller.ctx.tasks.wait_idle(15)
    view = main.employers_view
    row = next(r for r in range(view.model().rowCount())
               if view.model().index(r, 0).data() == "Importtest B.V.")
    view.setCurrentIndex(view.model().index(row, 0))
    main.findChild(QPushButton, "employer_import").click()
    qtbot.waitUntil(lambda: bool(opened), timeout=15000)
    qtbot.addWidget(opened[0])
    assert opened[0].employer.id == employer.id
    assert opened[0].windowTitle() == "Werknemers importeren — Importtest B.V."
