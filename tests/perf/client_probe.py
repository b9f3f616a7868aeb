"""Run by bench_client in a fresh process: start the client, report when the login window shows."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer


class ShownProbe(QObject):
    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Show and obj.objectName() == "login":
            print(f"LOGIN_SHOWN {time.time():.6f}", flush=True)
            QTimer.singleShot(0, lambda: sys.exit(0))
        return False


def main() -> None:
    from ui.app import build

    app, ctl = build(["--data-dir", sys.argv[1]])
    probe = ShownProbe()
    app.installEventFilter(probe)
    ctl.start()
    QTimer.singleShot(10000, app.quit)
    app.exec()
    ctl.shutdown()


if __name__ == "__main__":
    main()
