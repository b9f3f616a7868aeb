"""Screenshots of the letters from templates on the demo practice: "Brief maken", its preview and
the template editor. python scripts/letter_screenshots.py OUT_DIR (under Xvfb at 1366x768, or
QT_QPA_PLATFORM=offscreen)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui.app import build  # noqa: E402

APPOINTMENT = {"afspraak.datum": "dinsdag 15-12-2026", "afspraak.tijd": "10:30 uur",
               "afspraak.plaats": "Arbodienst De Linde, Lindelaan 12, Utrecht (spreekkamer 2)",
               "afspraak.meenemen": "uw legitimatiebewijs"}


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app, ctl = build(["--demo"])
    app.setQuitOnLastWindowClosed(False)  # the login closes before the main window shows
    ctl.start()
    state: dict = {}

    def shot(widget, name):
        widget.grab().save(str(out / f"{name}.png"))
        print(name, file=sys.stderr)

    def later(ms, fn):
        QTimer.singleShot(ms, fn)

    def when(ready, fn, settle=600):
        """Run ``fn`` once ``ready()`` holds (polled), after letting the screen settle."""
        if ready():
            later(settle, fn)
        else:
            later(200, lambda: when(ready, fn, settle))

    def login():
        ctl.login.form.set_value("username", "arts")
        ctl.login.form.set_value("password", "Demo-arts-2026!")
        ctl.login.submit()
        when(lambda: ctl.main is not None and ctl.main.isVisible(), dossier, 2000)

    def dossier():
        from ui.letter_dialog import LetterDialog

        row = ctl.ctx.tasks.call(lambda: ctl.ctx.session.db.one(
            "SELECT c.employee_id FROM absence_cases c WHERE c.recovered_on IS NULL ORDER BY c.first_day LIMIT 1"))
        ctl.main.open_dossier(row[0])
        w = ctl.main.dossiers[row[0]]
        state["dialog"] = LetterDialog(ctl.ctx, row[0], w, template_key="uitnodiging_spreekuur",
                                       appointment=APPOINTMENT)
        state["dialog"].show()
        when(lambda: state["dialog"].form is not None, letter)

    def letter():
        d = state["dialog"]
        shot(d, "48-brief-maken")
        d.show_preview()
        when(lambda: d.preview is not None, preview)

    def preview():
        d = state["dialog"]
        d.preview.resize(900, 740)
        later(800, lambda: (shot(d.preview, "49-brief-voorbeeld"), templates()))

    def templates():
        from ui.template_editor import TemplateEditor

        state["dialog"].preview.close()
        state["editor"] = TemplateEditor(ctl.ctx, ctl.main, may_change=True)
        state["editor"].show()
        when(lambda: state["editor"].items != [],
             lambda: (shot(state["editor"], "50-briefsjablonen"), app.quit()))

    later(1500, login)  # the login window first (sooner, under Xvfb at 200 %, it is not there yet)
    app.exec()
    ctl.shutdown()


if __name__ == "__main__":
    main()
