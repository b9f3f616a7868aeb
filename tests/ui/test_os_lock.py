"""OS lock signals: D-Bus on a private bus, Windows messages decoded here; macOS not testable."""

from __future__ import annotations

import ctypes
import ctypes.wintypes
import shutil
import subprocess
import uuid

import pytest
from PySide6.QtCore import QByteArray

from ui.os_lock import (
    LOGIN1,
    SCREENSAVER_INTERFACES,
    OsLockWatcher,
    _NativeFilter,
    login1_session_path,
    native_reason,
    windows_reason,
)

pytestmark = pytest.mark.gui


# --- Windows: the decoding is plain Python --------------------------------------------------


def test_windows_messages_are_decoded():
    assert windows_reason(0x02B1, 0x7) == "scherm vergrendeld"
    assert windows_reason(0x02B1, 0x8) is None  # unlock
    assert windows_reason(0x02B1, 0x4) == "sessie losgekoppeld"  # remote desktop disconnected
    assert windows_reason(0x0218, 0x4) == "slaapstand"
    assert windows_reason(0x0218, 0x7) is None  # resume
    assert windows_reason(0x0010, 0x7) is None


def _msg(message: int, wparam: int) -> ctypes.wintypes.MSG:
    msg = ctypes.wintypes.MSG()
    msg.message, msg.wParam = message, wparam
    return msg


def test_native_events_are_read_as_a_windows_msg(qtbot):
    lock, other = _msg(0x02B1, 0x7), _msg(0x0100, 0x41)
    assert native_reason(QByteArray(b"windows_generic_MSG"), ctypes.addressof(lock)) == "scherm vergrendeld"
    assert native_reason(b"windows_generic_MSG", ctypes.addressof(other)) is None
    assert native_reason(b"xcb_generic_event_t", ctypes.addressof(lock)) is None
    assert native_reason(b"windows_generic_MSG", 0) is None

    watcher = OsLockWatcher()
    seen = []
    watcher.locked.connect(seen.append)
    native_filter = _NativeFilter(watcher)
    assert native_filter.nativeEventFilter(QByteArray(b"windows_generic_MSG"),
                                           ctypes.addressof(_msg(0x0218, 0x4))) == (False, 0)
    assert seen == ["slaapstand"]


# --- the slots and their de-duplication -----------------------------------------------------


def test_slots_emit_lock_only_when_locking(qtbot):
    watcher = OsLockWatcher()
    seen = []
    watcher.locked.connect(seen.append)
    watcher._screensaver(False)
    watcher._sleep(False)
    assert seen == []
    watcher._screensaver(True)
    watcher._screensaver(True)  # KDE announces on two paths: reported once
    watcher._sleep(True)
    watcher._session_lock()
    assert seen == ["scherm vergrendeld", "slaapstand", "sessie vergrendeld"]


def test_login1_session_paths_are_escaped_like_systemd():
    assert login1_session_path("c2") == "/org/freedesktop/login1/session/c2"
    assert login1_session_path("3") == "/org/freedesktop/login1/session/_33"
    assert login1_session_path("a-b") == "/org/freedesktop/login1/session/a_2db"


def test_start_without_buses_does_not_raise(qtbot):
    watcher = OsLockWatcher()
    watcher.start()
    assert isinstance(watcher.attached(), list)
    watcher.stop()


def test_start_with_broken_buses_does_not_raise(qtbot):
    watcher = OsLockWatcher()
    watcher.start(session_bus=object(), system_bus=object())
    assert watcher.attached() == []


# --- D-Bus on a private bus -----------------------------------------------------------------


@pytest.fixture
def private_bus(qapp):
    """Connections to a private dbus-daemon, or a skip where none can be started."""
    from PySide6.QtDBus import QDBusConnection

    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed, so no private D-Bus can be started")
    process = subprocess.Popen([daemon, "--session", "--nofork", "--nopidfile", "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = process.stdout.readline().strip()
    if not address:
        process.kill()
        process.wait(5)
        pytest.skip("dbus-daemon did not start a bus here")
    names: list[str] = []

    def connect():
        name = f"arbokluis-test-{uuid.uuid4().hex}"
        names.append(name)
        connection = QDBusConnection.connectToBus(address, name)
        if not connection.isConnected():
            pytest.skip("could not connect to the private D-Bus")
        return connection

    yield connect
    for name in names:
        QDBusConnection.disconnectFromBus(name)
    process.terminate()
    process.wait(5)
    process.stdout.close()


def _signal(connection, path: str, interface: str, name: str, *args) -> None:
    from PySide6.QtDBus import QDBusMessage

    message = QDBusMessage.createSignal(path, interface, name)
    message.setArguments(list(args))
    assert connection.send(message)


def _watch(watcher: OsLockWatcher) -> list[str]:
    seen: list[str] = []
    watcher.locked.connect(seen.append)
    return seen


@pytest.mark.parametrize("interface", SCREENSAVER_INTERFACES)
def test_a_screensaver_activating_locks(qtbot, private_bus, interface):
    watcher = OsLockWatcher()
    bus, desktop = private_bus(), private_bus()
    watcher.start(session_bus=bus, system_bus=private_bus())
    assert set(SCREENSAVER_INTERFACES) <= set(watcher.attached())
    seen = _watch(watcher)
    path = "/" + interface.replace(".", "/")
    _signal(desktop, path, interface, "ActiveChanged", False)
    qtbot.wait(150)
    assert seen == []
    with qtbot.waitSignal(watcher.locked, timeout=3000) as blocker:
        _signal(desktop, path, interface, "ActiveChanged", True)
    assert blocker.args == ["scherm vergrendeld"]
    watcher.stop()
    assert watcher.attached() == []


def test_logind_sleep_and_session_lock(qtbot, private_bus, monkeypatch):
    monkeypatch.setenv("XDG_SESSION_ID", "c2")
    system, logind, impostor = private_bus(), private_bus(), private_bus()
    assert logind.registerService(LOGIN1)
    watcher = OsLockWatcher()
    watcher.start(session_bus=private_bus(), system_bus=system)
    assert {"login1.PrepareForSleep", "login1.Session.Lock"} <= set(watcher.attached())
    seen = _watch(watcher)
    manager = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager")
    _signal(logind, *manager, "PrepareForSleep", False)  # waking up
    _signal(impostor, *manager, "PrepareForSleep", True)  # not from logind
    _signal(logind, "/org/freedesktop/login1/session/c7", "org.freedesktop.login1.Session", "Lock")
    qtbot.wait(200)
    assert seen == []
    with qtbot.waitSignal(watcher.locked, timeout=3000) as sleep:
        _signal(logind, *manager, "PrepareForSleep", True)
    with qtbot.waitSignal(watcher.locked, timeout=3000) as lock:
        _signal(logind, "/org/freedesktop/login1/session/c2", "org.freedesktop.login1.Session", "Lock")
    assert (sleep.args, lock.args) == (["slaapstand"], ["sessie vergrendeld"])
    watcher.stop()


def test_after_stop_nothing_arrives(qtbot, private_bus):
    watcher = OsLockWatcher()
    bus, desktop = private_bus(), private_bus()
    watcher.start(session_bus=bus, system_bus=private_bus())
    watcher.stop()
    seen = _watch(watcher)
    _signal(desktop, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged", True)
    qtbot.wait(200)
    assert seen == []


# --- the controller -------------------------------------------------------------------------


def test_the_controller_locks_on_an_os_signal(qtbot, controller):
    from tests.helpers.practices import CASEMANAGER
    from tests.ui.conftest import log_in

    main = log_in(qtbot, controller, CASEMANAGER)
    controller.os_lock.locked.emit("scherm vergrendeld")
    assert not main.isVisible()
    assert controller.login.isVisible()
