"""Screenshots of the consultation hours on the demo practice at 1366×768:
python scripts/agenda_screenshots.py OUT_DIR (offscreen: QT_QPA_PLATFORM=offscreen).

A weekly block on Monday and Wednesday mornings, a telephone hour on Friday, a few demo employees
planned into next week; then the day list, the week view and the "Inplannen…" dialog.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui.app import build  # noqa: E402


def main() -> None:
    from desktop_app.services import agenda

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app, ctl = build(["--demo"])
    app.setQuitOnLastWindowClosed(False)  # the login closes before the main window shows
    ctl.start()
    monday = date.today() + timedelta(days=7 - date.today().weekday())

    def nl(d: date) -> str:
        return d.strftime("%d-%m-%Y")

    def later(ms, fn):
        QTimer.singleShot(ms, fn)

    def login():
        ctl.login.form.set_value("username", "arts")
        ctl.login.form.set_value("password", "Demo-arts-2026!")
        ctl.login.submit()
        later(2500, seed)

    def seed():
        try:
            _seed()
        except Exception as exc:  # noqa: BLE001 - a script: say what went wrong
            print("seed failed:", getattr(exc, "message", exc), getattr(exc, "errors", ""), flush=True)
            app.quit()

    def _seed():
        ctx = ctl.ctx
        me = ctx.session.user.id
        until = nl(monday + timedelta(weeks=8))
        mon = ctx.call(agenda.add_block, me, "practice", nl(monday), "08:30", "12:00", "20", until)
        wed = ctx.call(agenda.add_block, me, "video", nl(monday + timedelta(days=2)), "09:00", "11:00", "30", until)
        ctx.call(agenda.add_block, me, "phone", nl(monday + timedelta(days=4)), "13:00", "14:00", "15")
        people = ctl.main.employees_model.rows
        for i, e in enumerate(people[:5]):
            ctx.call(agenda.book, e.id, mon.id, datetime.combine(monday, time(8, 30)) + timedelta(minutes=40 * i))
        for i, e in enumerate(people[5:8]):
            ctx.call(agenda.book, e.id, wed.id, datetime.combine(monday + timedelta(days=2), time(9, 0))
                     + timedelta(minutes=30 * i))
        state["people"] = people
        window = ctl.main.open_agenda()
        window.resize(1366, 768)
        window.day = monday
        window.reload()
        state["w"] = window
        later(800, day)

    def day():
        state["w"].grab().save(str(out / "51-spreekuur-dag.png"))
        state["w"].tabs.setCurrentIndex(1)
        later(800, week)

    def week():
        state["w"].grab().save(str(out / "52-spreekuur-week.png"))
        due = [e for e in state["people"][8:] if (ctl.ctx.call(agenda.suggestion, e.id) or None) is not None
               and ctl.ctx.call(agenda.suggestion, e.id).due is not None]
        e = (due or state["people"][8:])[0]  # one with a problem analysis still to do, if any
        dossier = ctl.main.open_dossier(e.id)
        later(800, lambda: plan(dossier))

    def plan(dossier):
        dialog = dossier.plan_dialog()
        dialog.show()
        later(800, lambda: (dialog.grab().save(str(out / "53-inplannen.png")), app.quit()))

    state: dict = {}
    later(1500, login)
    app.exec()
    ctl.shutdown()


if __name__ == "__main__":
    main()
