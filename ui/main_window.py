"""The main window: Vandaag, employers, employees, open cases, the search box, locking."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.permissions import Permission
from ui import permissions
from ui.absences_dialog import open_absences
from ui.columns import SIZE_FROM_ROWS, fit_columns, size_to_contents
from ui.columns import install as install_column_tips
from ui.context import AppContext
from ui.models import EmployeesModel, EmployersModel, IdRole, OpenCasesModel
from ui.operations import read
from ui.screen_fit import fit
from ui.search_box import SearchBox
from ui.today import TodayView


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    # Sized from the rows on screen and some below (ui.columns); a longer text further down elides,
    # with its whole text as tooltip.
    view.horizontalHeader().setResizeContentsPrecision(SIZE_FROM_ROWS)
    # rows arrive after the window shows; a view closed meanwhile is left alone
    model.modelReset.connect(lambda: shiboken6.isValid(view) and size_to_contents(view))
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    install_column_tips(view)  # a cut cell shows its whole text as tooltip
    return view


class MainWindow(QMainWindow):
    lock_requested = Signal(str)
    lock_medical_requested = Signal()
    logout_requested = Signal()
    settings_changed = Signal()  # the controller applies new lock times at once

    PAGES = ("Vandaag", "Werkgevers", "Werknemers", "Ziekmeldingen", "Bewaartermijnen")

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dossiers: dict[int, QWidget] = {}
        self._dossiers_opened = 0
        self.agenda: QWidget | None = None
        user = ctx.session.user
        self.held = permissions.held(ctx)
        self.setWindowTitle(f"Arbokluis — {ctx.settings.get('practice_name', '')}")
        self.setObjectName("main_window")

        toolbar = QToolBar("Hoofdbalk")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.search = SearchBox(ctx)
        self.search.open_employee.connect(self.open_dossier)
        toolbar.addWidget(self.search)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        toolbar.addWidget(spacer)
        who = QLabel(f"{user.display_name} · {user.role_label}  ")
        who.setTextFormat(Qt.TextFormat.PlainText)
        who.setObjectName("current_user")
        toolbar.addWidget(who)
        self.lock_action = QAction("Vergrendelen", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # in every window
        self.lock_action.triggered.connect(lambda: self.lock_requested.emit("handmatig"))
        toolbar.addAction(self.lock_action)
        self.lock_medical_action = None
        if Permission.MEDICAL_READ in self.held:  # the physician steps away from the medical part only
            self.lock_medical_action = QAction("Medisch vergrendelen", self)
            self.lock_medical_action.setObjectName("action_lock_medical")
            self.lock_medical_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
            self.lock_medical_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            self.lock_medical_action.setToolTip("Het medische deel sluiten; de rest van het programma blijft open "
                                                "(Ctrl+Shift+L)")
            self.lock_medical_action.triggered.connect(self.lock_medical_requested)
            toolbar.addAction(self.lock_medical_action)

        find = QAction("Zoeken", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # the dossier window too
        find.triggered.connect(self._focus_search)
        self.addAction(find)

        menu = self.menuBar().addMenu("&Praktijk")
        if Permission.USERS_MANAGE in self.held:
            users = menu.addAction("Gebruikers…")
            users.triggered.connect(self._users)
        if Permission.BACKUP in self.held:
            menu.addAction("Back-up maken…").triggered.connect(self._backup)
        if Permission.RELEASE_APPROVE in self.held:  # releases helper: who decides while a physician is away
            menu.addAction("Afwezigheid artsen…").triggered.connect(lambda: open_absences(self.ctx, self))
        settings = menu.addAction("Instellingen…")
        settings.triggered.connect(self._settings)
        templates = menu.addAction("Briefsjablonen…")
        templates.setObjectName("action_letter_templates")
        templates.triggered.connect(self._letter_templates)
        if {Permission.COMPLAINTS, Permission.BREACH_REGISTER} & self.held:
            menu.addAction("Klachten en datalekken…").triggered.connect(self._registers)
        menu.addSeparator()
        if self.lock_medical_action is not None:
            menu.addAction(self.lock_medical_action)
        menu.addAction(self.lock_action)
        logout = menu.addAction("Afmelden")
        logout.triggered.connect(self.logout_requested)
        docs = self.menuBar().addMenu("&Documenten")
        docs.addAction("Verzuimstatistiek werkgever…").triggered.connect(self._statistics)
        docs.addAction("Dashboard verzuim…").triggered.connect(self._dashboard)
        docs.addAction("Personeelsbestand werkgever…").triggered.connect(self._workforce)
        docs.addAction("Register van verwerkingsactiviteiten").triggered.connect(self._register)
        if Permission.BILLING in self.held:  # work16: the practice's bookkeeping
            billable = docs.addAction("Declarabele uren…")
            billable.setObjectName("action_billable")
            billable.triggered.connect(self._billable)
        hours = self.menuBar().addMenu("&Spreekuur")
        hours.addAction("Daglijst en week…").triggered.connect(self.open_agenda)
        new = self.menuBar().addMenu("&Nieuw")
        new.addAction("Werkgever…").triggered.connect(self._new_employer)
        new.addAction("Werknemer…").triggered.connect(self._new_employee)
        new.addAction("Werknemers importeren…").triggered.connect(self._import)
        new.addAction("Werkgevers importeren…").triggered.connect(self._import_employers)

        body = QWidget()
        row = QHBoxLayout(body)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.addItems(self.PAGES)
        for i in range(self.nav.count()):
            self.nav.item(i).setSizeHint(QSize(0, self.nav.fontMetrics().height() + 14))
        self.nav.setMaximumWidth(180)
        row.addWidget(self.nav)
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)
        self.today = TodayView(ctx)
        self.today.open_employee.connect(self.open_dossier)
        self.stack.addWidget(self.today)
        # The lists read from the start; their pages are built a turn later (ui.turns) or when
        # first asked for, so that logging in does not wait for windows not shown yet.
        self.employers_model = EmployersModel(ctx, self)
        self.employees_model = EmployeesModel(ctx, parent=self)
        self.cases_model = OpenCasesModel(ctx, self)
        self._lists: dict[str, QWidget] | None = None
        for _page in range(len(self.PAGES) - 1):
            self.stack.addWidget(QWidget())  # a stand-in until the lists are built
        self.nav.currentRowChanged.connect(self._page_chosen)
        self.nav.setCurrentRow(0)
        self.setCentralWidget(body)
        self.statusBar().showMessage("Medisch deel vergrendeld")
        fit(self, 1280, 760)
        self.today.refresh()
        from ui import turns

        turns.later(self._build_lists, owner=self)
        ctx.changes.watch(self, self._changed)  # a save anywhere refreshes Vandaag and the lists
        self.warm_up = None  # the dossier window's code, loaded once Vandaag shows (ui.warm_up)
        self.today.model.modelReset.connect(self._start_warm_up)

    def _start_warm_up(self) -> None:
        from ui.warm_up import DOSSIER_MODULES, WarmUp

        if self.warm_up is None:
            self.warm_up = WarmUp(DOSSIER_MODULES, self)

    def _build_lists(self) -> dict[str, QWidget]:
        if self._lists is not None:
            return self._lists
        from ui.retention_view import RetentionView

        employers = _table(self.employers_model, "employers_view")
        employers.activated.connect(self._employer_activated)
        employees = _table(self.employees_model, "employees_view")
        employees.activated.connect(self._employee_activated)
        cases = _table(self.cases_model, "cases_view")
        cases.activated.connect(self._employee_activated)
        retention = RetentionView(self.ctx)
        self._lists = {"employers": employers, "employees": employees, "cases": cases, "retention": retention}
        pages = (self._page("Werkgevers", employers, self._employer_buttons()),
                 self._page("Werknemers", employees), self._page("Lopende ziekmeldingen", cases), retention)
        current = self.stack.currentIndex()
        for index, page in enumerate(pages, start=1):
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        for view in (employees, employers, cases):
            fit_columns(view, stretch_last=True)  # as when the window opened before its rows came
            if view.model().rowCount():  # the rows that came before the view did
                size_to_contents(view)
        return self._lists

    def _page_chosen(self, row: int) -> None:
        if row > 0:
            self._build_lists()
        self.stack.setCurrentIndex(row)
        if row == 4:
            self.retention.refresh()

    @property
    def employers_view(self) -> QTableView:
        return self._build_lists()["employers"]

    @property
    def employees_view(self) -> QTableView:
        return self._build_lists()["employees"]

    @property
    def cases_view(self) -> QTableView:
        return self._build_lists()["cases"]

    @property
    def retention(self):
        return self._build_lists()["retention"]

    @staticmethod
    def _page(title: str, view: QWidget, buttons: QWidget | None = None) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        label = QLabel(title)
        label.setStyleSheet("font-size: 16pt; font-weight: 600;")
        col.addWidget(label)
        col.addWidget(view)
        if buttons is not None:
            col.addWidget(buttons)
        return page

    def _employer_buttons(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for text, slot, name in (("Werknemers", lambda: self._employer_activated(self.employers_view.currentIndex()),
                                  "employer_employees"),
                                 ("Wijzigen…", self._edit_employer, "employer_edit"),
                                 ("Personeelsbestand…", self._workforce, "employer_workforce"),
                                 ("Importeren…", self._import, "employer_import"),
                                 ("Verzuimstatistiek…", self._statistics, "employer_statistics")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return box

    def _with_employer(self, then) -> None:
        """``then(employer)`` with the employer chosen in the list, read from the core; a hint if
        none is chosen."""
        from desktop_app.services import employers
        from ui import messages

        index = self.employers_view.currentIndex()
        if not index.isValid():
            self.nav.setCurrentRow(1)
            messages.show_info(self, "Kies eerst een werkgever in de lijst Werkgevers.")
            return
        read(self, self.ctx, employers.get, int(index.data(IdRole))).success(then).run_in_background()

    def _edit_employer(self) -> None:
        from ui.dossier_forms import EmployerDialog

        def edit(employer) -> None:  # the lists read again through ui.changes
            EmployerDialog(self.ctx, employer, parent=self).exec()

        self._with_employer(edit)

    def _workforce(self) -> None:
        from ui.workforce_dialog import WorkforceDialog

        self._with_employer(lambda employer: WorkforceDialog(self.ctx, employer, self).exec())

    def _import(self) -> None:
        from ui.import_dialog import ImportDialog

        def run(employer) -> None:  # the lists read again through ui.changes
            ImportDialog(self.ctx, employer, self).exec()

        self._with_employer(run)

    def _import_employers(self) -> None:
        from ui.import_dialog import ImportDialog

        ImportDialog(self.ctx, None, self).exec()  # the lists read again through ui.changes

    def _focus_search(self) -> None:
        self.raise_()
        self.activateWindow()
        self.search.setFocus()
        self.search.selectAll()

    def _employee_activated(self, index) -> None:
        self.open_dossier(int(index.data(IdRole)))

    def _employer_activated(self, index) -> None:
        if not index.isValid():
            return
        employer_id = int(index.data(IdRole))
        self.employees_model.employer_id = employer_id
        self.employees_model.reload()
        self.nav.setCurrentRow(2)

    def open_agenda(self) -> QWidget:
        """The consultation hours: one window, raised if already open."""
        from ui.agenda_window import AgendaWindow

        window = self.agenda
        if window is None or not window.isVisible():
            window = AgendaWindow(self.ctx, self.open_dossier)
            window.destroyed.connect(lambda *_a: setattr(self, "agenda", None))
            self.agenda = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def open_dossier(self, employee_id: int):
        from ui.dossier import DossierWindow

        window = self.dossiers.get(employee_id)
        if window is None or not window.isVisible():
            window = DossierWindow(self.ctx, employee_id)
            window.changed.connect(self.refresh)
            # A closed window is deleted a turn later; opened again before that, the new window
            # is the one kept: the old one's end must not make the lock and logout forget it.
            self._dossiers_opened += 1
            window.setProperty("opened_as", self._dossiers_opened)
            window.destroyed.connect(lambda *_a, i=employee_id, n=self._dossiers_opened: self._dossier_gone(i, n))
            self.dossiers[employee_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _dossier_gone(self, employee_id: int, opened_as: int) -> None:
        window = self.dossiers.get(employee_id)
        if window is not None and (not shiboken6.isValid(window) or window.property("opened_as") == opened_as):
            del self.dossiers[employee_id]

    def refresh(self) -> None:
        self.today.refresh()
        self.cases_model.reload()

    # What each list shows, by the kinds of change (desktop_app.changes) that alter it.
    EMPLOYEE_LIST = ("employee", "employer", "import", "retention", "demo")
    EMPLOYER_LIST = ("employer", "employee", "import", "retention", "demo")
    CASE_LIST = ("absence_case", "employee", "employer", "import", "retention", "demo")

    def _changed(self, changes) -> None:
        """After work that changed something (ui.changes): Vandaag always (it gathers from
        nearly everything), each list when a kind it shows changed; the lists keep their place."""
        self.today.refresh()
        if changes.of(*self.EMPLOYEE_LIST):
            self.employees_model.refresh()
        if changes.of(*self.EMPLOYER_LIST):
            self.employers_model.refresh()
        if changes.of(*self.CASE_LIST):
            self.cases_model.refresh()

    def medical_locked(self) -> None:
        self.statusBar().showMessage("Medisch deel vergrendeld")
        for window in list(self.dossiers.values()):
            window.medical_locked()

    def close_dossiers(self, *, force: bool = False) -> bool:
        """The dossier windows and the agenda (it names employees) close with a lock or logout."""
        if self.agenda is not None:
            self.agenda.close()
        for window in list(self.dossiers.values()):
            if force:
                window.discard_and_close()
            elif not window.close():
                return False
        return True

    def _new_employer(self) -> None:
        from ui.dossier_forms import EmployerDialog

        EmployerDialog(self.ctx, parent=self).exec()  # the lists read again through ui.changes

    def _new_employee(self) -> None:
        from ui.dossier_forms import EmployeeDialog

        dialog = EmployeeDialog(self.ctx, parent=self)
        if dialog.exec() and dialog.saved is not None:  # the list reads again through ui.changes
            self.open_dossier(dialog.saved.id)

    def _backup(self) -> None:
        """Back-up maken: the service refuses (and records) a user who may not; medical staff
        choose a file and watch the copy, which they can cancel without leaving a file behind."""
        from PySide6.QtWidgets import QFileDialog

        from desktop_app.services import backup
        from ui import messages
        from ui.operations import REPORT, TOKEN, job

        def made(info) -> None:
            messages.show_info(self, f"De back-up is gemaakt en gecontroleerd:\n{info.path}")
            self.today.refresh()

        def cancelled() -> None:
            messages.show_info(self, "De back-up is afgebroken. Er is geen bestand achtergebleven.")

        def choose(name: str) -> None:
            path, _f = QFileDialog.getSaveFileName(self, "Back-up opslaan", name,
                                                  "Arbokluis-back-up (*.arbokluis-backup)")
            if not path:
                return
            self.backup_operation = job(self, self.ctx, backup.create_backup, path, progress=REPORT,
                                        cancel=TOKEN, label="Back-up maken…") \
                .success(made).on_cancel(cancelled)
            self.backup_operation.run_in_background()

        # A refusal arrives as PermissionDenied, whose Dutch message the operation shows.
        read(self, self.ctx, backup.suggested_name).success(choose).run_in_background()

    def _dashboard(self) -> None:
        from ui.dashboard_window import open_dashboard

        self.dashboard = open_dashboard(self.ctx, self)

    def _statistics(self) -> None:
        from ui.statistics_dialog import StatisticsDialog

        index = self.employers_view.currentIndex()
        StatisticsDialog(self.ctx, int(index.data(IdRole)) if index.isValid() else None, self).exec()

    def _billable(self) -> None:
        from ui.billable_dialog import BillableDialog

        BillableDialog(self.ctx, self).exec()

    def _register(self) -> None:
        from desktop_app.services import register
        from ui.pdf_preview import produce

        produce(self.ctx, self, "Register van verwerkingsactiviteiten", register.register_pdf,
                suggested_name="verwerkingsregister.pdf")

    def _registers(self) -> None:
        from ui.registers_window import open_registers

        open_registers(self)

    def _users(self) -> None:
        from ui.users_dialog import UsersDialog

        UsersDialog(self.ctx, self).exec()

    def _letter_templates(self) -> None:
        from ui.template_editor import TemplateEditor

        TemplateEditor(self.ctx, self, may_change=Permission.SETTINGS in self.held).exec()

    def _settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        if SettingsDialog(self.ctx, self, may_change=Permission.SETTINGS in self.held).exec():
            self.settings_changed.emit()
