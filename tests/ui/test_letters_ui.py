"""Letters through the screen: "Brief maken…" in the dossier with a template, its fields, a
preview from memory and the letter kept in the dossier; the template editor refuses an unknown
merge field at the field and saves nothing."""

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QPushButton

pytestmark = pytest.mark.gui

WAIT = 15000
TODAY = date.today().strftime("%d-%m-%Y")


@pytest.fixture
def physician(qtbot, controller):
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, ARTS)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    return controller, main, main.employees_model.rows[0]


def open_letter_dialog(qtbot, main, employee):
    main.open_dossier(employee.id)
    dossier = main.dossiers[employee.id]
    qtbot.waitUntil(lambda: dossier.dossier is not None, timeout=WAIT)
    button = next(b for b in dossier.findChildren(QPushButton) if b.text() == "Brief maken…")
    button.click()
    dialog = dossier.letter_dialog
    qtbot.waitUntil(lambda: dialog.options is not None, timeout=WAIT)
    return dialog


def choose(dialog, key):
    dialog.template_box.setCurrentIndex(dialog.template_box.findData(key))


def test_a_letter_is_previewed_and_kept_in_the_dossier(qtbot, physician):
    from desktop_app.services import letters

    ctl, main, employee = physician
    dialog = open_letter_dialog(qtbot, main, employee)
    choose(dialog, "uitnodiging_spreekuur")
    dialog.form.set_value("afspraak.datum", "14-12-2026")
    dialog.form.set_value("afspraak.tijd", "10:30")
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=WAIT)
    assert dialog.preview.page_count >= 1
    assert ctl.ctx.call(letters.kept_letters, employee.id) == []
    dialog.preview.close()
    dialog.make_button.click()
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=WAIT)
    kept = ctl.ctx.call(letters.kept_letters, employee.id)
    assert [k.id for k in kept] == [dialog.made.letter_id]
    assert "14-12-2026" in kept[0].body


def test_the_request_to_a_treating_physician_without_a_consent_is_refused_at_the_field(qtbot, physician):
    ctl, main, employee = physician
    dialog = open_letter_dialog(qtbot, main, employee)
    choose(dialog, "informatieverzoek_behandelaar")
    dialog.form.set_value("consent_id", "")
    dialog.make_button.click()
    qtbot.waitUntil(lambda: dialog.form.error("consent_id") != "", timeout=WAIT)
    assert "geldige toestemming" in dialog.form.error("consent_id")
    assert dialog.made is None


def test_the_template_editor_refuses_an_unknown_field_and_saves_nothing(qtbot, physician):
    from desktop_app.services import letters
    from ui.template_editor import TemplateEditor

    ctl, main, _employee = physician
    editor = TemplateEditor(ctl.ctx, main, may_change=True)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.items != [], timeout=WAIT)
    before = ctl.ctx.call(letters.template, editor.current.key)
    editor.form.set_value("body", "Beste {werknemer.bijnaam},")
    editor.save()
    qtbot.waitUntil(lambda: editor.form.error("body") != "", timeout=WAIT)
    assert "{werknemer.bijnaam}" in editor.form.error("body")
    assert ctl.ctx.call(letters.template, before.key) == before


def test_the_template_editor_saves_the_practices_text(qtbot, physician):
    from desktop_app.services import letters
    from ui.template_editor import TemplateEditor

    ctl, main, _employee = physician
    editor = TemplateEditor(ctl.ctx, main, may_change=True)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.items != [], timeout=WAIT)
    key = editor.current.key
    editor.form.set_value("body", "Beste {werknemer.voornamen},\n\nTot ziens.")
    editor.save()
    qtbot.waitUntil(lambda: editor.saves == 1, timeout=WAIT)
    assert ctl.ctx.call(letters.template, key).body == "Beste {werknemer.voornamen},\n\nTot ziens."


def test_a_kept_letter_is_listed_and_opens_again(qtbot, physician):
    ctl, main, employee = physician
    dialog = open_letter_dialog(qtbot, main, employee)
    choose(dialog, "algemene_brief")
    dialog.form.set_value("brief.tekst", "Uw nieuwe adres is verwerkt.")
    dialog.make_button.click()
    qtbot.waitUntil(lambda: len(dialog.kept_letters) == 1, timeout=WAIT)
    first = dialog.preview
    dialog.kept.selectRow(0)
    dialog.open_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not first, timeout=WAIT)
    assert dialog.preview.pdf == dialog.made.pdf


def test_a_medical_letter_shows_in_the_medical_tab(qtbot, physician):
    from desktop_app.services import consents
    from desktop_app.services.demo_medical import _tiny_png

    ctl, main, employee = physician
    consent = ctl.ctx.call(consents.record, employee.id, consents.ConsentForm(
        physician="arts", recipient_name="dr. H. de Vries", recipient_role="treating_physician",
        data_scope="Behandelgegevens", purpose="Begeleiding", given_on=TODAY,
        valid_until=(date.today() + timedelta(days=30)).strftime("%d-%m-%Y")), signature_png=_tiny_png())
    dialog = open_letter_dialog(qtbot, main, employee)
    choose(dialog, "informatieverzoek_behandelaar")
    dialog.form.set_value("consent_id", str(consent.id))
    dialog.form.set_value("brief.vraag", "Wat is de prognose?")
    dossier = main.dossiers[employee.id]
    before = len(dossier.medical.entries or [])
    dialog.make_button.click()
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: len(dossier.medical.entries or []) == before + 1, timeout=WAIT)
    assert dossier.medical.entries[0].kind.label == "Brief aan behandelaar"


def test_a_medical_letter_is_filled_in_once_the_medical_part_is_unlocked(qtbot, controller):
    """With the medical part locked, the request to the treating physician shows no fields (what
    is typed there could not be sealed at a lock: drafts are kept under the medical key) and
    says why; unlocked, back in the dialog, the fields are there and the letter can be made."""
    from tests.helpers.practices import ARTS
    from tests.ui.conftest import log_in
    from ui import medical_windows

    main = log_in(qtbot, controller, ARTS)
    employee = main.employees_model.rows[0]
    dialog = open_letter_dialog(qtbot, main, employee)
    choose(dialog, "informatieverzoek_behandelaar")
    assert dialog.form is None
    assert "Ontgrendel eerst het medische deel" in dialog.where.text()
    assert not dialog.make_button.isEnabled()
    assert not dialog.preview_button.isEnabled()
    assert not dialog.property(medical_windows.PROPERTY)
    choose(dialog, "algemene_brief")  # a general letter needs no unlock
    assert dialog.form is not None
    assert dialog.make_button.isEnabled()
    choose(dialog, "informatieverzoek_behandelaar")
    dossier = main.dossiers[employee.id]
    dossier.activateWindow()  # the physician unlocks in the dossier's Medisch tab
    qtbot.waitUntil(lambda: not dialog.isActiveWindow(), timeout=WAIT)
    controller.ctx.tasks.call(controller.ctx.session.unlock_medical, ARTS.medical_passphrase)
    dialog.activateWindow()  # and goes back to the letter
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=WAIT)
    assert "brief.vraag" in dialog.form.widgets
    assert dialog.make_button.isEnabled()
    assert dialog.property(medical_windows.EMPLOYEE) == employee.id  # sealed by its Medisch tab at a lock
    choose(dialog, "algemene_brief")
    assert not dialog.property(medical_windows.PROPERTY)  # a general letter is not closed by the medical lock
