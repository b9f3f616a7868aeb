"""Screenshots of the main screens on the demo practice: python scripts/screenshots.py OUT_DIR.

Run under Xvfb (xvfb-run -s "-screen 0 1366x768x24"); set QT_SCALE_FACTOR=2 for 200 %.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui.app import build  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    app, ctl = build(["--demo"])
    ctl.start()
    state: dict = {}

    def shot(widget, name):
        widget.grab().save(str(out / f"{name}.png"))

    def later(ms, fn):
        QTimer.singleShot(ms, fn)

    def login():
        shot(ctl.login, "01-aanmelden")
        ctl.login.form.set_value("username", "arts")
        ctl.login.form.set_value("password", "Demo-arts-2026!")
        ctl.login.submit()
        later(2500, today)

    def today():
        m = ctl.main
        m.resize(1366, 740)
        shot(m, "02-vandaag")
        m.nav.setCurrentRow(2)
        later(300, employees)

    def employees():
        m = ctl.main
        shot(m, "03-werknemers")
        m.search.setText("celik")
        m.search.search_now()
        later(300, search)

    def search():
        m = ctl.main
        shot(m.search.popup, "04-zoeken")
        m.search.popup.hide()
        row = ctl.ctx.tasks.call(lambda: ctl.ctx.session.db.one(
            "SELECT c.employee_id FROM absence_cases c WHERE c.recovered_on IS NULL "
            "AND EXISTS (SELECT 1 FROM activities a WHERE a.case_id = c.id) ORDER BY c.first_day LIMIT 1"))
        state["id"] = row[0]
        m.open_dossier(row[0])
        later(1000, dossier)

    def dossier():
        w = ctl.main.dossiers[state["id"]]
        w.resize(1200, 720)
        shot(w, "05-dossier-personalia")
        w.tabs.setCurrentIndex(1)
        later(200, lambda: (shot(w, "06-dossier-verzuim"), w.tabs.setCurrentIndex(2),
                            later(200, lambda: activities(w))))

    def activities(w):
        shot(w, "07-dossier-activiteiten")
        w.tabs.setCurrentWidget(w.medical)
        later(200, lambda: medical_locked(w))

    def medical_locked(w):
        shot(w, "08-medisch-vergrendeld")
        w.medical.passphrase.set_value("passphrase", "Demo-medisch-2026!")
        w.medical.unlock()
        later(1500, lambda: medical_open(w))

    def medical_open(w):
        w.medical.entries_table.selectRow(0)
        w.medical.editor.set_value("s", "Klachten nemen af, werkt 4 uur per dag aangepast.")
        later(200, lambda: (shot(w, "09-medisch-open"), w.tabs.setCurrentWidget(w.rights),
                            later(300, lambda: (shot(w, "11-toestemming-en-verzoeken"), lock()))))

    def lock():
        ctl.lock("handmatig")
        later(300, lambda: (shot(ctl.login, "10-vergrendeld"), app.quit()))

    later(1200, login)
    app.exec()
    ctl.shutdown()


if __name__ == "__main__":
    main()
