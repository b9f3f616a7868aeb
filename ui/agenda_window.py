"""The consultation hours (spreekuur): the physician's day list and a week view.

Keys: Left/Right a day back or on, PageUp/PageDown a week, Home today; Up/Down move through the
slots; Enter opens the booking's dossier with a new consultation dated on the slot's day. What a
slot holds, and whether it may be booked, comes from ``services.agenda``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.agenda import WEEKDAYS, BookingState
from desktop_app.domain.letter_defaults import EMPLOYER_NOTICE, INVITATION
from desktop_app.domain.permissions import Permission
from ui import messages, permissions
from ui.context import AppContext
from ui.models import nl_date
from ui.operations import read, save
from ui.screen_fit import fit
from ui.tables import fill, plain, table

SHORT_DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
STATE_COLOURS = {BookingState.SEEN: Qt.GlobalColor.darkGreen, BookingState.NO_SHOW: Qt.GlobalColor.darkRed}
LineRole = Qt.ItemDataRole.UserRole + 1


class AgendaWindow(QWidget):
    """``open_dossier(employee_id)`` opens (or raises) the dossier window and returns it."""

    def __init__(self, ctx: AppContext, open_dossier: Callable[[int], QWidget | None], parent=None,
                 *, on: date | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.open_dossier = open_dossier
        self.held = permissions.held(ctx)
        self.day = on or date.today()
        self.day_lines: list = []
        self.week_days: list = []
        self.shown: date | None = None  # the day the day list shows (tests wait on it)
        self._asked = 0
        self.setObjectName("agenda_window")
        self.setWindowTitle("Spreekuur")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        col = QVBoxLayout(self)
        bar = QHBoxLayout()
        for text, step, name in (("◀ Vorige", -1, "agenda_previous"), ("Vandaag", 0, "agenda_today"),
                                 ("Volgende ▶", 1, "agenda_next")):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(lambda _c=False, s=step: self.go(0 if s == 0 else s, today=s == 0))
            bar.addWidget(b)
        self.title = plain("")
        self.title.setObjectName("agenda_title")
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        bar.addWidget(self.title, 1)
        if Permission.MEDICAL_WRITE in self.held:  # the physician or the assistant acting for them
            add = QPushButton("Spreekuur toevoegen…")
            add.setObjectName("agenda_add_block")
            add.clicked.connect(self._add_block)
            bar.addWidget(add)
        col.addLayout(bar)
        col.addWidget(plain("←/→ dag, PageUp/PageDown week, Home vandaag, Enter opent de afspraak."))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("agenda_tabs")
        self.tabs.addTab(self._day_page(), "Dag")
        self.tabs.addTab(self._week_page(), "Week")
        self.tabs.currentChanged.connect(lambda _i: self.reload())
        col.addWidget(self.tabs, 1)
        self.message = plain("")
        self.message.setObjectName("agenda_message")
        self.message.setStyleSheet("color: #8b0000;")
        col.addWidget(self.message)
        QShortcut(QKeySequence("Ctrl+W"), self, activated=self.close)
        QShortcut(QKeySequence("Escape"), self, activated=self.close)
        fit(self, 1280, 720)
        self.reload()

    # --- pages ----------------------------------------------------------------------------------

    def _day_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        self.day_table = table(["Tijd", "Arts", "Plaats", "Werknemer", "Werkgever", "Status"], "agenda_day")
        self.day_table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.day_table.activated.connect(lambda _i: self.open_selected())
        self.day_table.installEventFilter(self)
        col.addWidget(self.day_table, 1)
        row = QHBoxLayout()
        for text, slot, name in (("Dossier en consult openen", self.open_selected, "agenda_open"),
                                 ("Gezien", lambda: self.record(BookingState.SEEN), "agenda_seen"),
                                 ("Tijdig afgemeld", lambda: self.record(BookingState.CANCELLED),
                                  "agenda_cancelled"),
                                 ("Niet verschenen", lambda: self.record(BookingState.NO_SHOW), "agenda_no_show"),
                                 ("Verplaatsen…", self._move, "agenda_move"),
                                 ("Uitnodiging…", lambda: self.letter(INVITATION), "agenda_invitation"),
                                 ("Melding werkgever…", lambda: self.letter(EMPLOYER_NOTICE),
                                  "agenda_employer_notice"),
                                 ("Melding niet verschenen…", self.no_show_letter, "agenda_no_show_letter")):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        if Permission.MEDICAL_WRITE in self.held:
            remove = QPushButton("Spreekuur verwijderen…")
            remove.setObjectName("agenda_remove_block")
            remove.setToolTip("Verwijdert het spreekuur van het gekozen tijdstip, met de hele wekelijkse reeks.")
            remove.clicked.connect(self._remove_block)
            row.addWidget(remove)
        col.addLayout(row)
        return page

    def _week_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        self.week_table = QTableWidget(0, 7)
        self.week_table.setObjectName("agenda_week")
        self.week_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.week_table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.week_table.setWordWrap(True)
        self.week_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week_table.verticalHeader().setDefaultSectionSize(self.week_table.fontMetrics().height() * 2 + 8)
        self.week_table.activated.connect(lambda _i: self.open_selected())
        self.week_table.installEventFilter(self)
        self.week_table.currentCellChanged.connect(self._week_cell_changed)
        col.addWidget(self.week_table, 1)
        return page

    @property
    def in_week(self) -> bool:
        return self.tabs.currentIndex() == 1

    # --- loading --------------------------------------------------------------------------------

    def go(self, days: int, *, today: bool = False) -> None:
        self.day = date.today() if today else self.day + timedelta(days=days)
        self.reload()

    def reload(self) -> None:
        from desktop_app.services import agenda

        self._asked += 1
        asked = self._asked

        def latest(show):  # an answer to an earlier key press is dropped: only the last one shows
            return lambda result: asked == self._asked and show(result)

        if self.in_week:
            read(self, self.ctx, agenda.week, self.day).success(latest(self._show_week)).run_in_background()
        else:
            read(self, self.ctx, agenda.day_list, self.day).success(latest(self._show_day)).run_in_background()

    def _show_day(self, day) -> None:
        self.message.clear()
        self.day_lines = list(day.lines)
        self.shown = day.on
        self.title.setText(f"{WEEKDAYS[day.on.weekday()]} {nl_date(day.on)} — {day.booked} afspraken")
        fill(self.day_table, [[f"{x.slot.starts:%H:%M}–{x.slot.ends:%H:%M}", x.physician_name,
                               x.slot.location.label, x.employee_name, x.employer_name, x.state_label]
                              for x in self.day_lines], list(range(len(self.day_lines))))
        for r, x in enumerate(self.day_lines):
            colour = STATE_COLOURS.get(x.booking.state) if x.booking else None
            if colour is not None:
                self.day_table.item(r, 5).setForeground(colour)
        if self.day_lines:
            booked = next((r for r, x in enumerate(self.day_lines) if x.booking), 0)
            self.day_table.selectRow(booked)
        if not self.day_lines:
            self.message.setText("Geen spreekuur op deze dag.")

    def _show_week(self, days) -> None:
        self.message.clear()
        self.week_days = list(days)
        monday = days[0].on
        self.title.setText(f"Week {monday.isocalendar()[1]}: {nl_date(monday)} t/m {nl_date(days[-1].on)}")
        self.week_table.blockSignals(True)
        self.week_table.clear()
        self.week_table.setHorizontalHeaderLabels([f"{SHORT_DAYS[i]} {nl_date(d.on)[:5]}" for i, d in enumerate(days)])
        times = sorted({x.slot.starts.time() for d in days for x in d.lines})
        self.week_table.setRowCount(len(times))
        self.week_table.setVerticalHeaderLabels([f"{t:%H:%M}" for t in times])
        for c, d in enumerate(days):
            for r, t in enumerate(times):
                here = [x for x in d.lines if x.slot.starts.time() == t]
                if not here:
                    continue
                text = " / ".join(x.employee_name if x.booking else "bezet" if x.taken
                                  else f"vrij ({x.slot.location.label})" for x in here)
                item = QTableWidgetItem(text)
                item.setToolTip("\n".join(f"{x.physician_name}: {x.employee_name or x.state_label} "
                                          f"({x.slot.location.label}, {x.state_label})" for x in here))
                item.setData(LineRole, here)
                if any(x.booking or x.taken for x in here):
                    item.setBackground(Qt.GlobalColor.lightGray)
                self.week_table.setItem(r, c, item)
        column = (self.day - monday).days
        self.week_table.setCurrentCell(max(0, self._first_row(column)), column)
        self.week_table.blockSignals(False)
        if not times:
            self.message.setText("Geen spreekuur in deze week.")

    def _first_row(self, column: int) -> int:
        for r in range(self.week_table.rowCount()):
            item = self.week_table.item(r, column)
            if item is not None and any(x.booking for x in item.data(LineRole)):
                return r
        return 0

    def _week_cell_changed(self, _row: int, column: int, *_prev) -> None:
        if self.week_days and 0 <= column < 7:
            self.day = self.week_days[column].on

    # --- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and watched in (self.day_table, self.week_table):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
            step = {Qt.Key.Key_PageUp: -7, Qt.Key.Key_PageDown: 7}.get(key)
            if step is None and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                step = -1 if key == Qt.Key.Key_Left else 1
                if self.in_week:
                    column = self.week_table.currentColumn() + step
                    if 0 <= column < 7:  # within the week: the cursor moves to that day
                        self.week_table.setCurrentCell(max(self.week_table.currentRow(), 0), column)
                        return True
            if key == Qt.Key.Key_Home:
                self.go(0, today=True)
                return True
            if step is not None:
                self.go(step)
                return True
        return super().eventFilter(watched, event)

    # --- actions --------------------------------------------------------------------------------

    def selected_line(self):
        """The booked slot under the cursor (in the week: the first booking of the cell)."""
        if self.in_week:
            item = self.week_table.currentItem()
            lines = item.data(LineRole) if item is not None else []
            return next((x for x in lines or [] if x.booking), (lines or [None])[0])
        row = self.day_table.currentRow()
        return self.day_lines[row] if 0 <= row < len(self.day_lines) else None

    def open_selected(self) -> None:
        """The dossier of the booked employee, with a new consultation dated on the slot's day."""
        line = self.selected_line()
        if line is not None and line.taken:
            self.message.setText("Dit tijdstip is bezet door een afspraak die alleen medische medewerkers zien.")
            return
        if line is None or line.booking is None:
            self.message.setText("Dit tijdstip is vrij. Plan een werknemer in vanuit diens dossier (Inplannen…).")
            return
        window = self.open_dossier(line.booking.employee_id)
        start = getattr(window, "start_consult", None)
        if start is not None:
            start(line.slot.starts.date())

    def letter(self, template_key: str):
        """The invitation (or the employer's notice) of the chosen appointment, with its date,
        time and place filled in; made, previewed and kept in the dossier as any letter."""
        from desktop_app.domain.agenda import invitation_values
        from ui.letter_dialog import LetterDialog

        line = self.selected_line()
        if line is None or line.booking is None or not line.booking.active:
            self.message.setText("Kies eerst een geplande afspraak.")
            return None
        self.letter_dialog = None

        def open_letter(allowed: bool = True) -> None:
            if not allowed:
                self.message.setText("De werkgever krijgt van deze afspraak geen melding: de werknemer is niet "
                                     "ziek gemeld, of komt op eigen vraag (open spreekuur).")
                return
            self.letter_dialog = LetterDialog(self.ctx, line.booking.employee_id, self, template_key=template_key,
                                              appointment=invitation_values(line.slot), booking_id=line.booking.id,
                                              medical_templates=False)
            self.letter_dialog.show()

        if template_key == EMPLOYER_NOTICE:  # the core says whether the employer may hear of it
            from desktop_app.services import agenda

            read(self, self.ctx, agenda.employer_may_hear, line.booking.id).success(open_letter) \
                .errors_to(self.message).run_in_background()
            return None
        open_letter()
        return self.letter_dialog

    def no_show_letter(self):
        """The employer's letter for the chosen "niet verschenen" appointment: its date and time,
        never a reason."""
        from desktop_app.domain.letter_defaults import NO_SHOW_NOTICE
        from ui.letter_dialog import LetterDialog

        line = self.selected_line()
        if line is None or line.booking is None or line.booking.state is not BookingState.NO_SHOW:
            self.message.setText("Kies eerst een afspraak waarbij 'Niet verschenen' is vastgelegd.")
            return None
        self.letter_dialog = LetterDialog(self.ctx, line.booking.employee_id, self, template_key=NO_SHOW_NOTICE,
                                          booking_id=line.booking.id, medical_templates=False)
        self.letter_dialog.show()
        return self.letter_dialog

    def record(self, outcome: BookingState) -> None:
        from desktop_app.services import agenda

        line = None if self.in_week else self.selected_line()
        if line is None or line.booking is None:
            self.message.setText("Kies eerst een afspraak in de daglijst.")
            return
        def go() -> None:
            save(self, self.ctx, agenda.record_outcome, line.booking.id, outcome).errors_to(self.message) \
                .success(lambda _b: self.reload()).run_in_background()

        if outcome is not BookingState.NO_SHOW:
            go()
            return

        def confirm(employer_hears: bool) -> None:  # the core says whether the employer is told
            told = ("De werkgever krijgt daarvan bericht, zonder reden." if employer_hears else
                    "De werkgever krijgt daarvan geen bericht (geen verzuim, of op eigen vraag).")
            if messages.ask_yes_no(self, f"{line.employee_name} is niet verschenen. {told} Vastleggen?"):
                go()

        read(self, self.ctx, agenda.employer_may_hear, line.booking.id).success(confirm) \
            .errors_to(self.message).run_in_background()

    def move_dialog(self):
        """"Verplaatsen…" for the planned booking chosen in the day list, or None."""
        from ui.agenda_plan import PlanDialog

        line = None if self.in_week else self.selected_line()
        if line is None or line.booking is None or line.booking.state is not BookingState.PLANNED:
            return None
        return PlanDialog(self.ctx, line.booking.employee_id, line.employee_name, self, moving=line.booking)

    def _move(self) -> None:
        dialog = self.move_dialog()
        if dialog is None:
            self.message.setText("Kies eerst een geplande afspraak in de daglijst.")
            return
        if dialog.exec():
            self.reload()

    def _remove_block(self) -> None:
        from desktop_app.services import agenda

        line = None if self.in_week else self.selected_line()
        if line is None:
            self.message.setText("Kies eerst een tijdstip van het spreekuur in de daglijst.")
            return
        if not messages.ask_yes_no(self, "Dit spreekuur verwijderen, met de hele wekelijkse reeks? "
                                         "Geplande afspraken moeten eerst verplaatst of afgemeld zijn."):
            return
        save(self, self.ctx, agenda.remove_block, line.slot.block_id).errors_to(self.message) \
            .success(lambda _r: self.reload()).run_in_background()

    def _add_block(self) -> None:
        from desktop_app.services import agenda, employers

        def show(found) -> None:
            if self.block_dialog(*found).exec():
                self.reload()

        read(self, self.ctx, lambda s: (agenda.physicians(s), employers.list_all(s))) \
            .success(show).run_in_background()

    def block_dialog(self, physicians, employers=()):
        """The form of a new block of consultation hours (one-off, or weekly until a date)."""
        from desktop_app.domain.agenda import LOCATION_LABELS
        from desktop_app.services import agenda
        from ui.dossier_forms import FormDialog
        from ui.form import Field

        me = self.ctx.session.user.id
        choices = sorted(((str(p.id), p.name) for p in physicians), key=lambda c: c[0] != str(me))
        fields = [Field("physician_id", "Arts", kind="choice", choices=choices),
                  Field("location", "Plaats", kind="choice",
                        choices=[(str(k), v) for k, v in LOCATION_LABELS.items()]),
                  Field("employer_id", "Werkgever (alleen bij spreekuur bij de werkgever)", kind="choice",
                        choices=[("", "—")] + [(str(e.id), e.name) for e in employers]),
                  Field("first_day", "Datum", kind="date", required=True),
                  Field("starts", "Van (uu:mm)", required=True, placeholder="09:00"),
                  Field("ends", "Tot (uu:mm)", required=True, placeholder="12:00"),
                  Field("slot_minutes", "Duur per afspraak (minuten)", required=True, placeholder="20"),
                  Field("repeat_until", "Wekelijks herhalen tot en met", kind="date")]

        def add(session, v):
            employer = int(v["employer_id"]) if v.get("employer_id") else None
            return agenda.add_block(session, int(v["physician_id"]), v["location"], v["first_day"], v["starts"],
                                    v["ends"], v["slot_minutes"], v["repeat_until"], employer)

        return FormDialog(self.ctx, "Spreekuur toevoegen", fields, add,
                          values={"first_day": nl_date(self.day), "slot_minutes": "20"}, parent=self)

