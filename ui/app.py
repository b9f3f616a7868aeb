"""The arbokluis GUI entry point: ``arbokluis [--demo] [--data-dir DIR]``."""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile

from desktop_app.vault.hardening import disable_core_dumps


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="arbokluis")
    parser.add_argument("--demo", action="store_true",
                        help="open a demo practice in a fresh temporary folder")
    parser.add_argument("--data-dir", help="the practice's data folder")
    parser.add_argument("--self-test", action="store_true", help="check the installation")
    return parser.parse_args(argv)


def make_demo_folder() -> str:
    """A fresh demo practice in a temporary folder, removed again on exit."""
    from desktop_app.services import demo

    folder = tempfile.mkdtemp(prefix="arbokluis-demo-")
    atexit.register(shutil.rmtree, folder, True)
    target = os.path.join(folder, "praktijk")
    demo.create_demo(target)
    return target


def main(argv: list[str] | None = None) -> int:
    disable_core_dumps()
    args = parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from ui.main_window import start

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Arbokluis")
    data_dir = make_demo_folder() if args.demo else args.data_dir
    window = start(data_dir, demo=args.demo)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
