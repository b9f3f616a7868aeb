"""The users dialog: it asks for the medical passphrase first, and a removal shows its progress."""

import pytest

from desktop_app.services.practice import login
from tests.helpers.practices import ARTS, CASEMANAGER
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui


def _dialog(qtbot, controller):
    from ui.users_dialog import UsersDialog

    log_in(qtbot, controller, ARTS)
    dialog = UsersDialog(controller.ctx, controller.main)
    qtbot.addWidget(dialog)
    return dialog


def test_changes_wait_for_the_medical_passphrase(qtbot, controller):
    from ui.users_dialog import LOCKED_NOTICE, UNLOCKED_NOTICE

    dialog = _dialog(qtbot, controller)
    assert dialog.notice.text() == LOCKED_NOTICE
    assert not any(b.isEnabled() for b in dialog.change_buttons)
    dialog.passphrase.setText("Verkeerde-wachtzin-2026!")
    dialog._unlock()
    qtbot.waitUntil(lambda: "onjuist" in dialog.notice.text(), timeout=15000)
    dialog.passphrase.setText(ARTS.medical_passphrase)
    dialog._unlock()
    qtbot.waitUntil(lambda: dialog.notice.text() == UNLOCKED_NOTICE, timeout=15000)
    assert all(b.isEnabled() for b in dialog.change_buttons)
    assert dialog.passphrase.text() == ""


def test_removing_a_user_runs_with_progress_and_locks_them_out(qtbot, controller, practice):
    from desktop_app.errors import InvalidCredentials

    dialog = _dialog(qtbot, controller)
    dialog.passphrase.setText(ARTS.medical_passphrase)
    dialog._unlock()
    qtbot.waitUntil(lambda: dialog.change_buttons[-1].isEnabled(), timeout=15000)
    row = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())].index("casemanager")
    dialog.table.setCurrentCell(row, 0)
    operation = dialog._remove()
    qtbot.waitUntil(lambda: operation.finished, timeout=30000)
    assert operation._last == (4, 4, "Klaar")  # the rotation's progress reached the client
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=30000)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["arts", "assistent"]
    with pytest.raises(InvalidCredentials):
        login(practice, "casemanager", CASEMANAGER.password)


def test_a_user_back_through_a_restore_is_named_and_can_be_let_back_in(qtbot, practice, tmp_path,
                                                                       recorded_messages):
    """Issue 12, finding 9: the admin sees who came back with an older backup and decides."""
    from desktop_app.errors import HeldAfterRestore
    from desktop_app.services import backup, users
    from tests.helpers.practices import login_as
    from ui.app import build
    from ui.restore_dialog import held_notice

    admin = login_as(practice, ARTS, unlock=True)
    made = backup.create_backup(admin, tmp_path / "oud")
    users.remove_user(admin, "casemanager")
    admin.close()
    restored = backup.restore(made.path, tmp_path / "terug", username="arts", password=ARTS.password,
                              medical_passphrase=ARTS.medical_passphrase)
    assert "casemanager" in held_notice(restored.held)  # what the restore dialog tells the restorer
    with pytest.raises(HeldAfterRestore):
        login(tmp_path / "terug", "casemanager", CASEMANAGER.password)
    _app, ctl = build(["--data-dir", str(tmp_path / "terug")])
    ctl.start()
    try:
        dialog = _dialog(qtbot, ctl)
        qtbot.waitUntil(lambda: not dialog.held_notice.isHidden(), timeout=15000)
        assert "casemanager" in dialog.held_notice.text()
        dialog.passphrase.setText(ARTS.medical_passphrase)
        dialog._unlock()
        qtbot.waitUntil(lambda: dialog.change_buttons[-1].isEnabled(), timeout=15000)
        row = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())].index("casemanager")
        dialog.table.setCurrentCell(row, 0)
        operation = dialog._admit()
        qtbot.waitUntil(lambda: operation.finished, timeout=30000)
        qtbot.waitUntil(lambda: dialog.held_notice.isHidden(), timeout=15000)
        login(tmp_path / "terug", "casemanager", CASEMANAGER.password).close()
    finally:
        ctl.main.close()
        ctl.shutdown()
