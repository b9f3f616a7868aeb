"""First run: the wizard creates the practice, shows the recovery key once, then the first login."""

import pytest

pytestmark = pytest.mark.gui


def test_wizard_to_first_login(qtbot, tmp_path, memory_keyring, recorded_messages):
    from ui.app import build

    folder = tmp_path / "nieuw"
    _app, ctl = build(["--data-dir", str(folder)])
    ctl.start()
    wizard = ctl.wizard
    assert wizard is not None
    assert wizard.isVisible()
    assert ctl.login is None

    page = wizard.practice_page
    page.form.set_value("practice_name", "")
    wizard.next()
    assert wizard.currentPage() is page
    assert "vul dit in" in page.form.error("practice_name")
    page.form.set_value("practice_name", "Arbopraktijk Çelik & Nguyễn")
    page.form.set_value("practice_city", "Utrecht")
    wizard.next()

    account = wizard.account_page
    values = {"display_name": "dr. Ö. Çelik", "username": "celik", "password": "Eerste-wachtwoord-1!",
              "password2": "Eerste-wachtwoord-1!", "medical_passphrase": "Eerste-wachtwoord-1!",
              "medical_passphrase2": "Eerste-wachtwoord-1!"}
    for name, value in values.items():
        account.form.set_value(name, value)
    assert account.strength.value() >= 3
    wizard.next()  # the passphrase equals the password: refused at that field
    assert wizard.currentPage() is account
    assert "andere dan het wachtwoord" in account.form.error("medical_passphrase")
    account.form.set_value("medical_passphrase", "Medische-zin-voor-mij-2!")
    account.form.set_value("medical_passphrase2", "Medische-zin-voor-mij-2!")
    wizard.next()
    wizard.next()  # past the keyring explanation; the practice is created now

    recovery = wizard.recovery_page
    qtbot.waitUntil(lambda: recovery.created is not None, timeout=15000)
    key = recovery.key.text()
    assert len(key.split("-")) == 9
    assert not recovery.isComplete()  # not before "I have stored it"
    recovery.stored.setChecked(True)
    assert recovery.isComplete()
    assert (folder / "vault.json").exists()
    assert (folder / "medical.db").exists()
    assert len(memory_keyring.store) == 1  # bound to the workstation's keyring
    wizard.accept()

    qtbot.waitUntil(lambda: ctl.login is not None and ctl.login.isVisible(), timeout=5000)
    ctl.login.form.set_value("username", "celik")
    ctl.login.form.set_value("password", "Eerste-wachtwoord-1!")
    ctl.login.submit()
    qtbot.waitUntil(lambda: ctl.main is not None and ctl.main.isVisible(), timeout=10000)
    assert ctl.ctx.session.user.is_admin
    assert ctl.ctx.settings["practice_name"] == "Arbopraktijk Çelik & Nguyễn"
    ctl.main.close()
    ctl.shutdown()


def test_first_run_can_restore_a_backup_with_the_recovery_key(qtbot, tmp_path, practice, recovery_key,
                                                              recorded_messages):
    from desktop_app.services import backup
    from tests.helpers.practices import ARTS, login_as
    from ui.app import build
    from ui.restore_dialog import RestoreDialog

    s = login_as(practice, ARTS, unlock=True)
    info = backup.create_backup(s, tmp_path / "b")
    s.close()
    _app, ctl = build(["--data-dir", str(tmp_path / "nieuw")])
    ctl.start()
    dialog = RestoreDialog(ctl.ctx)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert "Kies eerst" in dialog.error.text()
    dialog.path = str(info.path)
    dialog.form.set_value("recovery_key", "AAAA-BBBB")
    dialog.submit()
    qtbot.waitUntil(lambda: "herstelsleutel" in dialog.error.text().lower(), timeout=10000)
    dialog.form.set_value("recovery_key", recovery_key)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.restored, timeout=15000)
    assert (tmp_path / "nieuw" / "vault.json").exists()
    ctl.wizard.close()
    ctl.shutdown()
