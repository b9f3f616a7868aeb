"""The embedded Unicode fonts: DejaVu Sans (regular, bold, oblique) and DejaVu Sans Mono.

DejaVu Sans has every letter of the names a practice meets: Polish, Czech, Turkish (İ, ı), Romanian
with comma below (ș ț), Vietnamese, Greek, Cyrillic and the Dutch ĳ (U+0132/U+0133). reportlab
embeds a subset of each font in every PDF, so the reader needs no font of its own.

reportlab does no text shaping: a letter written as base letter plus combining mark would be drawn
as two glyphs and extracted as two characters. :func:`nfc` composes text first, so every Vietnamese
letter is one glyph and text extraction gives back the same string.
"""

from __future__ import annotations

import threading
import unicodedata

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.paths import resource_path

SANS = "ArbokluisSans"
BOLD = "ArbokluisSans-Bold"
OBLIQUE = "ArbokluisSans-Oblique"
MONO = "ArbokluisMono"

FILES = {
    SANS: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
    MONO: "DejaVuSansMono.ttf",
}

_lock = threading.Lock()  # documents are built off the GUI thread
_registered = False


def register() -> None:
    """Register the fonts with reportlab once per process; later calls return at once."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        # The family, so <b> and <i> in a paragraph pick the right face. There is no bold oblique
        # file; bold stands in for it.
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, BOLD)
        addMapping(SANS, 0, 1, OBLIQUE)
        addMapping(SANS, 1, 1, BOLD)
        _registered = True


def nfc(text: str) -> str:
    """Composed form: one glyph per letter, and text extraction gives back the same string."""
    return unicodedata.normalize("NFC", text)


def missing_glyphs(text: str, font: str = SANS) -> set[str]:
    """The characters of ``text`` (after NFC) that ``font`` cannot draw; whitespace is ignored."""
    register()
    char_to_glyph = pdfmetrics.getFont(font).face.charToGlyph
    return {c for c in nfc(text) if not c.isspace() and ord(c) not in char_to_glyph}
