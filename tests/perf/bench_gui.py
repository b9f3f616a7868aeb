"""Issue 15 rows: how long the GUI thread stalls during a scripted session, with and without a
backup running beside it, and login to a filled "Vandaag".

``gui_stall_max_ms``: a 10 ms QTimer ticks on the GUI thread while a script logs in through the
login window, searches, opens three dossiers, pages to the end of the employee list and opens a
25 MB attachment; the row is the largest gap between two ticks (median over the runs). The same
script without the backup is the baseline, run interleaved with it.

``login_to_main_ms``: from the open session to "Vandaag" having its lines; the baseline is the
core's own calls for that (settings, permissions, today) run straight on the database thread.

The script waits only by processing events, never by blocking, so any stall it sees is the
client's own. ``python -m tests.perf.bench_gui [--quick]`` prints only these rows.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.services import demo
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.perf.runner import Row, print_table

REPEAT = int(os.environ.get("ARBOKLUIS_BENCH_REPEAT", "5"))
ATTACHMENT_BYTES = 25 * 1024 * 1024 - 4096


def _big_pdf(size: int) -> bytes:
    """A valid one-page PDF padded with a stream to about ``size`` bytes."""
    padding = b"0" * (size - 700)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%% %s\nendstream" % (len(padding) + 3, padding),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _prepare(folder: Path, size: str) -> dict:
    """The demo practice plus a 25 MB PDF on the first employee; what the script needs to know."""
    from desktop_app.services import attachments, employees
    from tests.helpers.practices import ARTS, login_as

    demo.create_demo(folder, size=size, dossiers=True)
    s = login_as(folder, ARTS, unlock=True)
    try:
        first = employees.page(s, offset=0, limit=3)
        attachments.add_attachment(s, first[0].id, "scan.pdf", _big_pdf(ATTACHMENT_BYTES))
        info = {"total": employees.count(s), "dossiers": [e.id for e in first],
                "query": first[0].last_name if hasattr(first[0], "last_name") else first[0].list_name.split(",")[0]}
    finally:
        s.close()
    return info


class Ticker:
    """A 10 ms timer on the GUI thread; ``max_gap_ms`` is the longest time between two ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.max_gap = 0.0
        self._step_gap = 0.0
        self.steps: dict[str, float] = {}  # the largest gap within each step of the script

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last)
        self._step_gap = max(self._step_gap, now - self.last)
        self.last = now

    def mark(self, step: str) -> None:
        self._tick()
        self.steps[step] = self._step_gap * 1000
        self._step_gap = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.max_gap = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.max_gap * 1000


def _until(condition, timeout: float = 300.0) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the scripted session did not reach its step")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def _session(ctl, info: dict, backup_dir: Path | None) -> float:
    """One scripted session; the largest tick gap in ms."""
    from desktop_app.services import backup
    from tests.helpers.practices import ARTS
    from ui.viewer import AttachmentsDialog

    ticker = Ticker()
    ticker.start()
    backup_done: list = []
    _until(lambda: ctl.login is not None and ctl.login.isVisible())
    ctl.login.form.set_value("username", ARTS.username)
    ctl.login.form.set_value("password", ARTS.password)
    ctl.login.submit()
    _until(lambda: ctl.main is not None and ctl.main.isVisible() and ctl.main.today.model.rowCount() > 0)
    ticker.mark("login")
    main = ctl.main
    ctx = ctl.ctx
    unlocked: list = []
    ctx.tasks.run(ctx.session.unlock_medical, ARTS.medical_passphrase,
                  on_success=unlocked.append, on_failure=unlocked.append)
    _until(lambda: bool(unlocked))
    if backup_dir is not None:  # beside the rest of the session, as a user would start it
        ctx.tasks.run(backup.create_backup, ctx.session, backup_dir / "kopie.arbokluis-backup",
                      on_success=backup_done.append, on_failure=backup_done.append)
    main.search.setText(info["query"])
    main.search._search()
    _until(lambda: main.search.model.rowCount() > 0)
    main.search.popup.hide()
    ticker.mark("search")
    for employee_id in info["dossiers"]:  # one after the other, as a user opens them
        main.open_dossier(employee_id)
        _until(lambda e=employee_id: getattr(main.dossiers.get(e), "dossier", None) is not None)
    ticker.mark("dossiers")
    main.nav.setCurrentRow(2)
    model, view = main.employees_model, main.employees_view

    def at_end() -> bool:  # the scrollbar dragged to the end: the last page is read, shown
        view.scrollToBottom()
        return model.rowCount() >= info["total"] and model.row_at(info["total"] - 1) is not None

    _until(at_end)
    ticker.mark("paging")
    dialog = AttachmentsDialog(ctx, info["dossiers"][0], main)
    dialog.show()
    _until(lambda: dialog.pdf_view is not None and bool(dialog.pdf_view.drawn_pages()))  # the page is seen
    ticker.mark("attachment")
    dialog.close()
    dialog.deleteLater()
    if backup_dir is not None:
        _until(lambda: bool(backup_done))
    ticker.mark("backup end")
    gap = ticker.stop()
    if os.environ.get("ARBOKLUIS_BENCH_STEPS"):
        print("steps:", {k: round(v) for k, v in ticker.steps.items()}, file=sys.stderr)
    for window in list(main.dossiers.values()):
        window.discard_and_close()
    _until(lambda: not ctx.tasks.busy)
    return gap


def _log_out(ctl) -> None:
    ctl.main.close_dossiers(force=True)
    ctl.logout()
    _until(lambda: ctl.login is not None and ctl.login.isVisible() and not ctl.ctx.tasks.busy)


def _on_db_thread(tasks, fn, *args):
    done: list = []
    tasks.run(fn, *args, on_success=lambda r: done.append((r, None)), on_failure=lambda e: done.append((None, e)))
    _until(lambda: bool(done))
    result, error = done[0]
    if error is not None:
        raise error
    return result


def stall_rows(ctl, info: dict, tmp: Path, repeat: int) -> list[Row]:
    alone: list[float] = []
    beside: list[float] = []
    for i in range(repeat):
        alone.append(_session(ctl, info, None))
        _log_out(ctl)
        target = tmp / f"backup{i}"
        target.mkdir()
        beside.append(_session(ctl, info, target))
        _log_out(ctl)
        for f in target.iterdir():
            f.unlink()
    note = f"{len(alone)} runs; {info['total']} employees, 25 MB attachment"
    return [
        Row("gui_stall_max_ms", statistics.median(beside), "ms", baseline=statistics.median(alone),
            note="backup beside the session; baseline: same session alone; " + note),
        Row("gui_stall_alone_max_ms", statistics.median(alone), "ms", note="the session without a backup"),
    ]


def login_rows(ctl, folder: Path, repeat: int) -> list[Row]:
    from desktop_app.services import settings
    from desktop_app.services import today as today_service
    from desktop_app.services.practice import login
    from tests.helpers.practices import ARTS

    def core_only(session) -> None:
        settings.all_settings(session)
        session.permissions()
        today_service.today(session)

    main_ms: list[float] = []
    core_ms: list[float] = []
    for _ in range(repeat):
        session = _on_db_thread(ctl.ctx.tasks, login, folder, ARTS.username, ARTS.password)
        start = time.perf_counter()
        _on_db_thread(ctl.ctx.tasks, core_only, session)
        core_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        ctl.login.hide()
        ctl._logged_in(session)
        _until(lambda: ctl.main is not None and ctl.main.today.model.rowCount() > 0)
        main_ms.append((time.perf_counter() - start) * 1000)
        _log_out(ctl)
    return [Row("login_to_main_ms", statistics.median(main_ms), "ms", baseline=statistics.median(core_ms),
                note=f"until Vandaag is filled, median of {repeat}; baseline: the core's calls alone")]


def run(quick: bool) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    size = "small" if quick else "large"
    repeat = REPEAT
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp, install_keyring(MemoryKeyring()):
        tmp = Path(tmp)
        folder = tmp / "praktijk"
        info = _prepare(folder, size)
        from ui import messages
        from ui.app import build

        messages.show_info = lambda *a, **k: None  # no modal box in a benchmark
        messages.show_error = lambda *a, **k: None
        _app, ctl = build(["--data-dir", str(folder)])
        ctl.start()
        try:
            rows = login_rows(ctl, folder, repeat)
            rows += stall_rows(ctl, info, tmp, repeat)
        finally:
            ctl.shutdown()
    for row in rows:
        row.note = f"{size} practice; {row.note}"
    return rows


if __name__ == "__main__":
    print_table(run("--quick" in sys.argv))
    sys.stdout.flush()
    os._exit(0)
