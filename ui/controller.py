"""Starts the client: first-run wizard or login, the main window, idle and manual locking.

Locking hides every window and dialog of the session (``ui.lock_curtain``), modal ones included,
after the Medisch tabs have sealed their unsaved work as drafts (``services.drafts``). The same
user logging in again gets the windows back as they were; another user gets none of them, and
the drafts of the user before are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from desktop_app.domain.permissions import Permission
from ui import messages
from ui.context import AppContext
from ui.idle import IdleWatcher


class Controller(QObject):
    def __init__(self, app, ctx: AppContext) -> None:
        super().__init__()
        self.app = app
        self.ctx = ctx
        self.main = None
        self.login = None
        self.wizard = None
        from ui import lock_curtain

        self.curtain = lock_curtain.install()
        self.idle = IdleWatcher(app, parent=self)
        self.idle.pause()
        self.idle.medical_idle.connect(self.lock_medical)
        self.idle.full_idle.connect(lambda: self.lock("inactief"))
        from ui.os_lock import OsLockWatcher

        self.os_lock = OsLockWatcher(self)
        self.os_lock.locked.connect(self.lock)
        self.os_lock.start(app)
        from ui.lock_keys import ModalLockKeys

        self.lock_keys = ModalLockKeys(app, self)  # Ctrl+L and Ctrl+Shift+L in a modal window too
        from PySide6.QtCore import QTimer

        # The structure checks run in the background after login and unlock (decision 0005);
        # this asks for their findings without waiting on the database thread.
        self.damage_timer = QTimer(self)
        self.damage_timer.setInterval(1000)
        self.damage_timer.timeout.connect(self._ask_for_damage)
        self.damage_timer.timeout.connect(self.show_medical_state)
        self._damage_shown: set[str] = set()
        self._medical_state_shown: tuple[int, str] = (0, "")

    def start(self) -> None:
        import os

        from desktop_app.services.files import PracticeFiles

        if os.environ.get("ARBOKLUIS_PROBE_LOGIN"):
            self._probe()

        if not PracticeFiles.at(self.ctx.data_dir).any_present():
            from ui.setup_wizard import SetupWizard

            self.wizard = SetupWizard(self.ctx)
            self.wizard.finished_setup.connect(lambda: self.show_login())
            self.wizard.show()
        else:
            self.show_login()

    def _probe(self) -> None:
        """For the bundle benchmark: report when the first window shows, then quit."""
        import time

        from PySide6.QtCore import QEvent, QObject, QTimer

        controller = self

        class Probe(QObject):
            def eventFilter(self, obj, event):  # noqa: N802
                if event.type() == QEvent.Type.Show and obj.objectName() in ("login", "setup_wizard"):
                    print(f"LOGIN_SHOWN {time.time():.6f}", flush=True)
                    QTimer.singleShot(0, controller.app.quit)
                return False

        self._probe_filter = Probe(self)
        self.app.installEventFilter(self._probe_filter)

    def show_login(self, *, username: str = "", locked: bool = False, unsaved: bool = False) -> None:
        from ui.login import LoginDialog

        self.login = LoginDialog(self.ctx, self.ctx.settings.get("practice_name", ""),
                                 username=username, locked=locked, unsaved=unsaved)
        self.login.logged_in.connect(self._logged_in)
        self.login.rejected.connect(self._login_cancelled)
        self.login.show()

    def _login_cancelled(self) -> None:
        if self.main is None or not self.main.isVisible():
            self._drop_held_work(self.ctx.session)
            self.app.quit()

    def _drop_held_work(self, session) -> None:
        """The session's drafts and hidden windows go: logout, another user, quitting."""
        from desktop_app.services import drafts

        if session is not None:
            drafts.drop_all(session)
        self.curtain.drop(everything=True)

    def _logged_in(self, session) -> None:
        from desktop_app.services import settings
        from ui.operations import Operation

        previous = self.ctx.session
        self.ctx.session = session
        self.ctx.locked = False

        def load(s):  # one read for what every window is built from (ui15ops)
            return settings.all_settings(s), s.permissions()

        Operation(None, self.ctx.tasks, load, session) \
            .success(lambda loaded: self._open_main(session, previous, *loaded)).run_in_background()

    def _open_main(self, session, previous, practice_settings, held) -> None:

        if self.ctx.session is not session:
            return  # locked or logged out meanwhile
        self.ctx.settings, self.ctx.held = practice_settings, held
        if session.failed_logins_before.count:
            messages.show_info(None, f"Sinds uw vorige aanmelding is {session.failed_logins_before.count} "
                                     "keer geprobeerd met een verkeerd wachtwoord aan te melden onder uw naam.")
        same_user = previous is not None and previous.user.id == session.user.id and self.main is not None
        if not same_user:
            self._drop_held_work(previous)
        if self.main is not None and not same_user:
            self.main.close_dossiers(force=True)
            self.main.close()
            self.main.deleteLater()
            self.main = None
        if self.main is None:
            from ui.main_window import MainWindow

            self.main = MainWindow(self.ctx)
            self.main.lock_requested.connect(self.lock)
            self.main.lock_medical_requested.connect(lambda: self.lock_medical("handmatig"))
            self.main.logout_requested.connect(self.logout)
            self.main.settings_changed.connect(self.apply_settings)
            from ui import gc_guard

            gc_guard.after_first_window()  # the main window's widgets and styles
            self.lock_keys.use([self.main.lock_action, self.main.lock_medical_action])
        else:
            self.main.refresh()
            for window in self.main.dossiers.values():
                window.reload()
            self.curtain.release()  # the windows and dialogs as they were (medical ones: at unlock)
        self.main.show()
        self.apply_settings()
        self.show_medical_state()
        self.idle.resume()
        self._damage_shown = set()
        self.damage_timer.start()

    def apply_settings(self) -> None:
        """The lock times as set now: a changed setting counts from the moment it is saved."""
        from desktop_app.services import settings

        self.idle.set_times(settings.minutes(self.ctx.settings, "medical_lock_minutes") * 60,
                            settings.minutes(self.ctx.settings, "full_lock_minutes") * 60)

    def show_medical_state(self) -> None:
        """The status bar says what the medical section really is: open or locked."""
        session = self.ctx.session
        if self.main is None or session is None or not session.is_open:
            return
        if session.medical_unlocked:
            text = "Medisch deel open"
        elif Permission.MEDICAL_READ in self.main.held:  # asked once when the window was built
            text = "Medisch deel vergrendeld"
        else:
            text = ""
        if self.main.lock_medical_action is not None:  # only what can be done is offered
            self.main.lock_medical_action.setEnabled(session.medical_unlocked)
        if (id(self.main), text) != self._medical_state_shown:  # other messages stay until it changes
            self._medical_state_shown = (id(self.main), text)
            self.main.statusBar().showMessage(text)

    def _ask_for_damage(self) -> None:
        session = self.ctx.session
        if session is None or not session.is_open:
            self.damage_timer.stop()
            return
        self.ctx.tasks.run(session.structure_problem, on_success=self._show_damage,
                           on_failure=lambda exc: None, owner=self)

    def _show_damage(self, problem) -> None:
        if problem is None or getattr(problem, "file", "") in self._damage_shown:
            return
        self._damage_shown.add(getattr(problem, "file", ""))
        messages.show_error(self.main, problem.message)

    def lock_medical(self, reason: str = "inactief") -> None:
        from ui import medical_windows

        session = self.ctx.session
        if session is None or not session.medical_unlocked:
            return
        session.begin_lock_medical()  # locked for the windows now, not when the queue gets there
        self.ctx.tasks.run(session.lock_medical, reason)  # queued; the windows lock at once
        if self.main is not None:
            self.main.medical_locked()  # each Medisch tab seals its unsaved work first
        medical_windows.close_all()  # and the medical windows opened elsewhere close
        self.show_medical_state()

    def lock(self, reason: str = "handmatig") -> None:
        """Hide all personal data and close the session; the same user (or another) logs in again."""
        session = self.ctx.session
        if session is None or not session.is_open:
            return
        self.idle.pause()
        self.ctx.locked = True  # answers to work asked for before the lock are dropped (ui.operations)
        session.begin_lock_medical()  # no window opens the medical section before the close has run
        if self.main is not None:
            self.main.medical_locked()  # the Medisch tabs seal their unsaved work and hold its windows
        from ui import medical_windows

        medical_windows.close_all()  # the medical section locks too: its other windows do not come back
        self.curtain.hold(leave=(self.login,) if self.login is not None else ())
        self.damage_timer.stop()
        from desktop_app.services import drafts

        unsaved = drafts.count(session) > 0 or any(isinstance(w, QDialog) for w in self.curtain.held())
        self.ctx.tasks.run(session.close, reason)  # queued: never waits behind a running job
        self.show_login(username=session.user.username, locked=True, unsaved=unsaved)

    def logout(self) -> None:
        from desktop_app.services import drafts

        session = self.ctx.session
        kept = drafts.count(session) if session is not None else 0
        if kept and not messages.ask_yes_no(
                self.main, f"Er {'is' if kept == 1 else 'zijn'} {kept} niet-opgeslagen "
                           f"concept{'' if kept == 1 else 'en'} bewaard bij het vergrendelen van het "
                           "medische deel. Bij afmelden gaat dit werk verloren. Toch afmelden?"):
            return
        if self.main is not None and not self.main.close_dossiers():
            return
        self.idle.pause()
        self.damage_timer.stop()
        self._drop_held_work(session)
        if session is not None:
            self.ctx.tasks.run(session.close, "logout")
        self.ctx.session = None
        if self.main is not None:
            self.main.close()
            self.main.deleteLater()
            self.main = None
        self.show_login()

    def shutdown(self) -> None:
        self.damage_timer.stop()
        session = self.ctx.session
        self._drop_held_work(session)
        if session is not None:
            self.ctx.tasks.run(session.close, "logout")  # runs before close() joins the thread
            self.ctx.session = None
        self.ctx.tasks.close()
