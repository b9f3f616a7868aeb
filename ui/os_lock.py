"""Signals when the operating system locks the screen or suspends, where the platform tells.

- Linux: D-Bus — org.freedesktop.ScreenSaver / org.gnome.ScreenSaver ``ActiveChanged(true)`` on
  the session bus, and logind's ``PrepareForSleep(true)`` and session ``Lock`` on the system bus.
- Windows: ``WTSRegisterSessionNotification``; WM_WTSSESSION_CHANGE with WTS_SESSION_LOCK, and
  WM_POWERBROADCAST with PBT_APMSUSPEND, through a native event filter.
- macOS: the "com.apple.screenIsLocked" distributed notification needs pyobjc, which Arbokluis
  does not ship; there the idle timers remain the guard (reported by ``attached()``).
``start()`` never raises: a missing bus just means fewer sources.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QObject, Signal, Slot

log = logging.getLogger(__name__)

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4


def windows_reason(message: int, wparam: int) -> str | None:
    """The lock reason for a Windows message, or None."""
    if message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK:
        return "scherm vergrendeld"
    if message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND:
        return "slaapstand"
    return None


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, watcher: OsLockWatcher) -> None:
        super().__init__()
        self.watcher = watcher

    def nativeEventFilter(self, event_type, message):  # noqa: N802  # pragma: no cover - Windows
        if bytes(event_type) == b"windows_generic_MSG":
            import ctypes.wintypes

            msg = ctypes.wintypes.MSG.from_address(int(message))
            reason = windows_reason(msg.message, msg.wParam)
            if reason:
                self.watcher.locked.emit(reason)
        return False, 0


class OsLockWatcher(QObject):
    locked = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._attached: list[str] = []
        self._filter = None

    def attached(self) -> list[str]:
        return list(self._attached)

    def start(self, app=None, window_id: int | None = None) -> None:
        try:
            if sys.platform.startswith("linux"):
                self._start_dbus()
            elif sys.platform == "win32":  # pragma: no cover - Windows
                self._start_windows(app, window_id)
            elif sys.platform == "darwin":  # pragma: no cover - macOS
                log.info("screen-lock notifications need pyobjc; relying on the idle timers")
        except Exception as exc:  # never let a missing bus stop the program
            log.info("OS lock signals unavailable: %s", type(exc).__name__)

    def _start_dbus(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path in (("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                                  ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver")):
                if session.connect("", path, service, "ActiveChanged", self, "_screensaver(bool)"):
                    self._attached.append(service)
        system = QDBusConnection.systemBus()
        if system.isConnected():
            if system.connect("org.freedesktop.login1", "/org/freedesktop/login1",
                              "org.freedesktop.login1.Manager", "PrepareForSleep", self, "_sleep(bool)"):
                self._attached.append("login1.PrepareForSleep")
            if system.connect("org.freedesktop.login1", "", "org.freedesktop.login1.Session", "Lock",
                              self, "_session_lock()"):
                self._attached.append("login1.Session.Lock")

    def _start_windows(self, app, window_id) -> None:  # pragma: no cover - Windows
        import ctypes

        if window_id is not None:
            ctypes.windll.wtsapi32.WTSRegisterSessionNotification(window_id, 0)
        self._filter = _WindowsFilter(self)
        app.installNativeEventFilter(self._filter)
        self._attached.append("WTS")

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self.locked.emit("scherm vergrendeld")

    @Slot(bool)
    def _sleep(self, going: bool) -> None:
        if going:
            self.locked.emit("slaapstand")

    @Slot()
    def _session_lock(self) -> None:
        self.locked.emit("sessie vergrendeld")
