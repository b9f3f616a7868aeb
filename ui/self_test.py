"""``arbokluis --self-test``: checks, without a screen, that everything the program needs loads and
works; one line per check; exit status 0 only when all pass. Runs in the bundle as well."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path


def _qt() -> str:
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", os.environ.get("QT_QPA_PLATFORM", "offscreen")])
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.drawText(4, 30, "Ĳ Ş Đ")
    painter.end()
    assert isinstance(app, QGuiApplication)
    return f"Qt {qVersion()} ({app.platformName()})"


def probe_command() -> list[str]:
    """How to start this program in a child process (the bundle is its own executable)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--platform-probe"]
    return [sys.executable, "-m", "ui.app", "--platform-probe"]


def _screen() -> str:
    """The platform the program will really use (xcb, wayland, windows, cocoa…), started in a
    child process with this environment: a platform plugin that cannot load aborts Qt."""
    import subprocess

    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    if _real_platform is not None:
        env["QT_QPA_PLATFORM"] = _real_platform
    done = subprocess.run(probe_command(), env=env, capture_output=True, text=True, timeout=60)
    found = [line.split(" ", 1)[1] for line in done.stdout.splitlines() if line.startswith("PLATFORM ")]
    if done.returncode != 0 or not found:
        lines = [line.strip() for line in (done.stderr or "").splitlines() if line.strip()]
        why = [line for line in lines if line.startswith("qt.qpa") and "Could not load" not in line]
        last = (why or lines)[:2]
        missing = missing_xcb_libraries()
        hint = (f"; ontbrekende bibliotheken: {' '.join(missing)} (sudo apt-get install -y "
                f"{' '.join(debian_package(m) for m in missing)})") if missing else ""
        raise RuntimeError(f"het scherm ({env.get('QT_QPA_PLATFORM') or 'standaard'}) start niet: "
                           f"{' / '.join(last) or 'afgebroken'}{hint}")
    return found[0]


def missing_xcb_libraries() -> list[str]:
    """The shared libraries Qt's xcb platform plugin needs and cannot find (Linux only)."""
    import subprocess

    if not sys.platform.startswith("linux"):
        return []
    try:
        import PySide6

        plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split()[0] for line in out.splitlines() if "not found" in line})


def debian_package(library: str) -> str:
    """The Debian/Ubuntu package of a library: libxcb-icccm.so.4 → libxcb-icccm4."""
    name, _so, version = library.partition(".so.")
    name = name.lower()
    version = version.split(".")[0]
    return f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}"


def _qtpdf() -> str:
    from PySide6.QtPdf import QPdfDocument  # noqa: F401
    from PySide6.QtPdfWidgets import QPdfView  # noqa: F401

    return "QtPdf geladen"


def _sqlcipher() -> str:
    from desktop_app.services import self_check

    return self_check.encryption_library()


def _keyring() -> str:
    from desktop_app.vault import binding

    name = binding.backend_name()
    return f"sleutelbos: {name}" if name else "geen sleutelbos op dit systeem (praktijk werkt dan ongekoppeld)"


def _fonts() -> str:
    from desktop_app.documents.fonts import missing_glyphs

    sample = "Łukasz Çağrı Ştefan Nguyễn Thị Ελένη Олександр Ĳsselmeer"
    missing = missing_glyphs(sample)
    assert not missing, f"ontbrekende tekens: {''.join(sorted(missing))}"
    return "lettertype DejaVu Sans compleet"


def _practice() -> str:
    import keyring
    import keyring.backends.fail

    from desktop_app.domain.roles import Role
    from desktop_app.services import self_check
    from desktop_app.services.practice import NewUser, create_practice, login

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # never leave a test secret in the user's keyring
    try:
        with tempfile.TemporaryDirectory(prefix="arbokluis-selftest-") as tmp:
            folder = Path(tmp) / "praktijk"
            create_practice(folder, practice_name="Zelftest", first_user=NewUser(
                "test", "Zelftest", Role.PHYSICIAN, "Zelftest-wachtwoord-1!", "Zelftest-wachtzin-medisch-1!",
                is_admin=True))
            session = login(folder, "test", "Zelftest-wachtwoord-1!")
            session.unlock_medical("Zelftest-wachtzin-medisch-1!")
            written = self_check.medical_write_read(session)
            ok = session.audit.verify().ok
            session.close()
            assert written, "medisch deel: geschreven waarde niet teruggelezen"
            assert ok, "logboek klopt niet"
            assert not (folder / "practice.db").read_bytes().startswith(b"SQLite format 3")
    finally:
        keyring.set_keyring(previous)
    return "versleutelde proefpraktijk aangemaakt, geopend en gecontroleerd"


def _pdf() -> str:
    import io
    from datetime import datetime

    from pypdf import PdfReader

    from desktop_app.documents.layout import Letterhead, build_pdf, para, styles

    pdf = build_pdf("Zelftest", [para("Nguyễn Thị Ngọc Ánh", styles()["body"])],
                    letterhead=Letterhead("Zelftest"), created=datetime.now())
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Nguyễn Thị Ngọc Ánh" in text
    return f"PDF gemaakt ({len(pdf) // 1024} kB) en teruggelezen"


_real_platform: str | None = None  # QT_QPA_PLATFORM as the program would see it

CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("beeldscherm", _screen), ("Qt", _qt), ("QtPdf", _qtpdf), ("SQLCipher", _sqlcipher), ("sleutelbos", _keyring),
    ("reportlab en lettertypen", _fonts), ("praktijk", _practice), ("PDF", _pdf),
]


def run() -> int:
    from desktop_app.version import __version__

    global _real_platform
    # The other checks draw offscreen; the screen check starts the real platform in a child.
    _real_platform = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    print(f"Arbokluis {__version__} — zelftest")
    failed = 0
    for name, check in CHECKS:
        try:
            detail = check()
        except Exception as exc:  # every failure is one line, with the kind of error
            failed += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            print(f"FOUT {name}: {type(exc).__name__} {exc} ({Path(where.filename).name}:{where.lineno})")
        else:
            print(f"OK   {name}: {detail}")
    if _real_platform is None:  # leave the environment as it was (the self-test runs in tests too)
        os.environ.pop("QT_QPA_PLATFORM", None)
    else:
        os.environ["QT_QPA_PLATFORM"] = _real_platform
    print("Alle controles geslaagd." if not failed else f"{failed} controle(s) mislukt.")
    return 0 if not failed else 1
