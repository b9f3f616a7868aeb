"""Signals when the operating system locks the screen or suspends, where the platform tells.

- Linux: D-Bus. On the session bus ``ActiveChanged(true)`` of the screensaver interfaces of
  freedesktop (KDE, Xfce, …), GNOME, MATE and Cinnamon; on the system bus logind's
  ``PrepareForSleep(true)`` and ``Lock`` of this program's own login session.
- Windows: ``WTSRegisterSessionNotification`` on a hidden native window, and a native event
  filter for WM_WTSSESSION_CHANGE (lock, disconnect) and WM_POWERBROADCAST (suspend).
- macOS: the "com.apple.screenIsLocked" distributed notification and the workspace's will-sleep
  notification, through pyobjc if it is installed; Arbokluis does not ship it, so there the idle
  timers are the guard.

``start()`` never raises: a missing bus just means fewer sources; ``attached()`` says which.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import Any

from PySide6.QtCore import SLOT, QAbstractNativeEventFilter, QCoreApplication, QObject, Signal, Slot

from ui.taskman import emit

log = logging.getLogger(__name__)

SCREEN_LOCKED = "scherm vergrendeld"
SLEEP = "slaapstand"
SESSION_LOCKED = "sessie vergrendeld"
SESSION_DISCONNECTED = "sessie losgekoppeld"

# Windows messages (winuser.h, wtsapi32.h)
WM_WTSSESSION_CHANGE = 0x02B1
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0

SCREENSAVER_INTERFACES = (
    "org.freedesktop.ScreenSaver",
    "org.gnome.ScreenSaver",
    "org.mate.ScreenSaver",
    "org.cinnamon.ScreenSaver",
)
LOGIN1 = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"

DUPLICATE_WINDOW = 2.0  # seconds in which the same reason is reported once


def windows_reason(message: int, wparam: int) -> str | None:
    """The lock reason for a Windows message, or None."""
    if message == WM_WTSSESSION_CHANGE:
        if wparam == WTS_SESSION_LOCK:
            return SCREEN_LOCKED
        if wparam in (WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT):
            return SESSION_DISCONNECTED
    if message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND:
        return SLEEP
    return None


def native_reason(event_type: Any, message: int) -> str | None:
    """Decode a native event as Qt hands it to a native event filter (``MSG*`` on Windows)."""
    kind = event_type.data() if hasattr(event_type, "data") else bytes(event_type)
    if kind != b"windows_generic_MSG" or not message:
        return None
    import ctypes.wintypes

    msg = ctypes.wintypes.MSG.from_address(int(message))
    return windows_reason(msg.message, msg.wParam)


def login1_session_path(session_id: str) -> str:
    """logind's object path for a session id (systemd's bus label escaping)."""
    escaped = "".join(
        c if c.isascii() and (c.isalpha() or (c.isdigit() and i > 0)) else f"_{ord(c):02x}"
        for i, c in enumerate(session_id)) or "_"
    return f"{LOGIN1_PATH}/session/{escaped}"


class _NativeFilter(QAbstractNativeEventFilter):
    def __init__(self, watcher: OsLockWatcher) -> None:
        super().__init__()
        self.watcher = watcher

    def nativeEventFilter(self, event_type, message):  # noqa: N802 - Qt API
        try:
            reason = native_reason(event_type, message)
        except Exception:  # pragma: no cover - never break the event loop
            reason = None
        if reason:
            self.watcher.notify(reason)
        return False, 0


class OsLockWatcher(QObject):
    """``locked(reason)`` when the OS locks the screen or the session, or goes to sleep."""

    locked = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._attached: list[str] = []
        self._dbus: list[tuple[Any, tuple]] = []
        self._native_filter: _NativeFilter | None = None
        self._native_app: Any = None
        self._window: Any = None
        self._mac: list[tuple[Any, Any]] = []
        self._last: tuple[str, float] = ("", 0.0)

    def attached(self) -> list[str]:
        return list(self._attached)

    def notify(self, reason: str) -> None:
        """Emit ``locked`` once per reason within a short time (sources often repeat)."""
        now = time.monotonic()
        if self._last[0] == reason and now - self._last[1] < DUPLICATE_WINDOW:
            return
        self._last = (reason, now)
        emit(self.locked, reason)

    def start(self, app: QCoreApplication | None = None, *, session_bus: Any = None,
              system_bus: Any = None) -> None:
        """Attach to what this platform offers; never raises. The buses can be given (tests)."""
        try:
            if sys.platform.startswith("linux") or session_bus is not None or system_bus is not None:
                self._start_dbus(session_bus, system_bus)
            elif sys.platform == "win32":  # pragma: no cover - Windows
                self._start_windows(app or QCoreApplication.instance())
            elif sys.platform == "darwin":  # pragma: no cover - macOS
                self._start_macos()
        except Exception as exc:  # never let a missing source stop the program
            log.info("OS lock signals unavailable: %s", type(exc).__name__)
        log.info("OS lock signals from: %s", ", ".join(self._attached) or "none")

    def stop(self) -> None:
        for bus, args in self._dbus:
            try:
                bus.disconnect(*args)
            except Exception:  # pragma: no cover
                pass
        self._dbus.clear()
        if self._native_filter is not None and self._native_app is not None:
            self._native_app.removeNativeEventFilter(self._native_filter)
        self._native_filter = self._native_app = None
        if self._window is not None:  # pragma: no cover - Windows
            try:
                import ctypes
                from ctypes import wintypes

                ctypes.windll.wtsapi32.WTSUnRegisterSessionNotification(
                    wintypes.HWND(int(self._window.winId())))
            except Exception:
                pass
            self._window.destroy()
            self._window = None
        for center, observer in self._mac:  # pragma: no cover - macOS
            center.removeObserver_(observer)
        self._mac.clear()
        self._attached.clear()

    # --- Linux -------------------------------------------------------------------------------

    def _start_dbus(self, session_bus: Any, system_bus: Any) -> None:
        from PySide6.QtDBus import QDBusConnection

        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        if session.isConnected():
            for interface in SCREENSAVER_INTERFACES:
                self._connect(interface, session, "", "", interface, "ActiveChanged",
                              "_screensaver(bool)")
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        if system.isConnected():
            self._connect("login1.PrepareForSleep", system, LOGIN1, LOGIN1_PATH,
                          "org.freedesktop.login1.Manager", "PrepareForSleep", "_sleep(bool)")
            path = self._own_session_path(system)
            if path:
                self._connect("login1.Session.Lock", system, LOGIN1, path,
                              "org.freedesktop.login1.Session", "Lock", "_session_lock()")

    def _connect(self, label: str, bus: Any, service: str, path: str, interface: str, name: str,
                 slot: str) -> None:
        args = (service, path, interface, name, self, SLOT(slot))
        try:
            if bus.connect(*args):
                self._dbus.append((bus, args))
                self._attached.append(label)
        except Exception as exc:  # pragma: no cover - a binding quirk must not stop the rest
            log.info("D-Bus %s unavailable: %s", label, type(exc).__name__)

    @staticmethod
    def _own_session_path(system: Any) -> str | None:
        """This program's logind session: asked of logind, else from XDG_SESSION_ID."""
        from PySide6.QtDBus import QDBus, QDBusMessage

        call = QDBusMessage.createMethodCall(LOGIN1, LOGIN1_PATH, "org.freedesktop.login1.Manager",
                                             "GetSession")
        call.setArguments(["auto"])
        reply = system.call(call, QDBus.CallMode.Block, 1000)
        if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
            found = reply.arguments()[0]
            path = found.path() if hasattr(found, "path") else str(found)
            if path.startswith(LOGIN1_PATH + "/session/"):
                return path
        session_id = os.environ.get("XDG_SESSION_ID", "")
        return login1_session_path(session_id) if session_id else None

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self.notify(SCREEN_LOCKED)

    @Slot(bool)
    def _sleep(self, going: bool) -> None:
        if going:
            self.notify(SLEEP)

    @Slot()
    def _session_lock(self) -> None:
        self.notify(SESSION_LOCKED)

    # --- Windows -----------------------------------------------------------------------------

    def _start_windows(self, app: Any) -> None:  # pragma: no cover - Windows
        import ctypes
        from ctypes import wintypes

        from PySide6.QtGui import QWindow

        self._native_filter = _NativeFilter(self)
        app.installNativeEventFilter(self._native_filter)
        self._native_app = app
        self._attached.append("WM_POWERBROADCAST")
        self._window = QWindow()  # hidden; WTS messages need a window handle of our own
        self._window.create()
        register = ctypes.windll.wtsapi32.WTSRegisterSessionNotification
        register.argtypes = [wintypes.HWND, wintypes.DWORD]
        register.restype = wintypes.BOOL
        if register(int(self._window.winId()), NOTIFY_FOR_THIS_SESSION):
            self._attached.append("WTSSessionNotification")

    # --- macOS -------------------------------------------------------------------------------

    def _start_macos(self) -> None:  # pragma: no cover - macOS
        try:
            from Foundation import NSDistributedNotificationCenter
        except ImportError:
            log.info("screen-lock notifications need pyobjc (Foundation), which is not installed; "
                     "the idle timers are the guard")
            return
        center = NSDistributedNotificationCenter.defaultCenter()
        observer = center.addObserverForName_object_queue_usingBlock_(
            "com.apple.screenIsLocked", None, None, lambda _note: self.notify(SCREEN_LOCKED))
        self._mac.append((center, observer))
        self._attached.append("com.apple.screenIsLocked")
        try:
            from AppKit import NSWorkspace, NSWorkspaceWillSleepNotification
        except ImportError:
            return
        workspace = NSWorkspace.sharedWorkspace().notificationCenter()
        observer = workspace.addObserverForName_object_queue_usingBlock_(
            NSWorkspaceWillSleepNotification, None, None, lambda _note: self.notify(SLEEP))
        self._mac.append((workspace, observer))
        self._attached.append("NSWorkspaceWillSleepNotification")
