"""The arbokluis GUI entry point: ``arbokluis [--demo] [--data-dir DIR] [--self-test]``."""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

from desktop_app.vault.hardening import disable_core_dumps


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="arbokluis")
    parser.add_argument("--demo", action="store_true", help="open a demo practice in a fresh temporary folder")
    parser.add_argument("--data-dir", help="the practice's data folder")
    parser.add_argument("--self-test", action="store_true", help="check the installation and exit")
    parser.add_argument("--version", action="store_true")
    parser.add_argument("--platform-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


DEMO_PREFIX = "arbokluis-demo-"
DEMO_OWNER = "eigenaar.pid"  # the process that made the demo folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return False
    return True


def sweep_stale_demos(root: str | Path | None = None) -> list[Path]:
    """Remove the demo folders whose program is gone (killed, or crashed before its exit handler
    ran); a demo that is still running keeps its folder. Returns what was removed."""
    removed = []
    for folder in Path(root or tempfile.gettempdir()).glob(DEMO_PREFIX + "*"):
        try:
            pid = int((folder / DEMO_OWNER).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue  # not ours to judge (no owner written yet, or not a demo folder of this version)
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def make_demo_folder() -> Path:
    """A fresh demo practice in a temporary folder, removed again on exit; the folders of demos
    that were killed are removed first."""
    from desktop_app.services import demo

    sweep_stale_demos()
    folder = tempfile.mkdtemp(prefix=DEMO_PREFIX)
    (Path(folder) / DEMO_OWNER).write_text(str(os.getpid()), encoding="ascii")
    atexit.register(shutil.rmtree, folder, True)
    target = Path(folder) / "praktijk"
    demo.create_demo(target)
    return target


def platform_probe() -> int:
    """Start Qt on the platform the program would use, and say which (``--self-test`` runs this
    in a child process: a platform that cannot load aborts the process)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    print(f"PLATFORM {app.platformName()}", flush=True)
    return 0


def apply_style(app) -> None:
    from desktop_app.paths import resource_path

    try:
        style = resource_path("arbokluis.qss").read_text(encoding="utf-8")
    except OSError:
        return  # the default look still works
    if app.styleSheet() != style:  # once per application: setting it again re-polishes every widget
        app.setStyleSheet(style)


def apply_icon(app) -> None:
    from PySide6.QtGui import QIcon

    from desktop_app.paths import resource_path

    if not app.windowIcon().isNull():
        return  # once per application: setting it again re-applies it to every top-level widget
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        path = resource_path("icons", f"arbokluis-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    app.setWindowIcon(icon)


def build(argv: list[str] | None = None):
    """Create the application objects; returns (app, controller). Used by main() and the tests."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.paths import data_dir
    from ui.context import AppContext
    from ui.controller import Controller
    from ui.taskman import TaskManager

    args = parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Arbokluis")
    app.setApplicationDisplayName("Arbokluis")
    from desktop_app.version import __version__

    app.setApplicationVersion(__version__)
    apply_style(app)
    apply_icon(app)
    folder = make_demo_folder() if args.demo else data_dir(args.data_dir)
    ctx = AppContext(TaskManager(), folder, demo=args.demo)
    if args.demo:
        from desktop_app.services.demo import PRACTICE_NAME

        ctx.settings["practice_name"] = PRACTICE_NAME
    controller = Controller(app, ctx)
    from ui import gc_guard

    controller.gc_timer = gc_guard.install(app)
    from ui.crash import CrashHook

    controller.crash_hook = CrashHook(controller)
    if not os.environ.get("PYTEST_CURRENT_TEST"):
        controller.crash_hook.install()
    return app, controller


def main(argv: list[str] | None = None) -> int:
    from desktop_app.errors import PracticeInUse
    from desktop_app.services.instance_lock import InstanceLock

    disable_core_dumps()
    args = parse_args(argv)
    if args.platform_probe:
        return platform_probe()
    if args.self_test:
        from ui.self_test import run

        return run()
    if args.version:
        from desktop_app.version import __version__

        print(f"Arbokluis {__version__}")
        return 0
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    app, controller = build(argv)
    try:
        lock = InstanceLock(controller.ctx.data_dir).acquire()
    except PracticeInUse as exc:
        from ui import messages

        messages.show_error(None, exc.message)
        return 1
    atexit.register(lock.release)
    controller.start()
    try:
        return app.exec()
    finally:
        controller.shutdown()


if __name__ == "__main__":
    sys.exit(main())
