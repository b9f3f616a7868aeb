"""OS lock signals: what can be checked without the platforms themselves."""

import pytest

from ui.os_lock import OsLockWatcher, windows_reason

pytestmark = pytest.mark.gui


def test_windows_messages_are_decoded():
    assert windows_reason(0x02B1, 0x7) == "scherm vergrendeld"
    assert windows_reason(0x02B1, 0x8) is None  # unlock
    assert windows_reason(0x0218, 0x4) == "slaapstand"
    assert windows_reason(0x0010, 0x7) is None


def test_dbus_slots_emit_lock_only_when_locking(qtbot):
    watcher = OsLockWatcher()
    seen = []
    watcher.locked.connect(seen.append)
    watcher._screensaver(False)
    watcher._sleep(False)
    assert seen == []
    watcher._screensaver(True)
    watcher._sleep(True)
    watcher._session_lock()
    assert seen == ["scherm vergrendeld", "slaapstand", "sessie vergrendeld"]


def test_start_without_buses_does_not_raise(qtbot):
    watcher = OsLockWatcher()
    watcher.start()
    assert isinstance(watcher.attached(), list)


def test_the_controller_locks_on_an_os_signal(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, CASEMANAGER)
    controller.os_lock.locked.emit("scherm vergrendeld")
    assert not main.isVisible() and controller.login.isVisible()
