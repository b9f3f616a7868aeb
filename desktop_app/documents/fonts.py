"""The embedded Unicode font: DejaVu Sans, which has every letter of the names a practice meets
(Polish, Czech, Turkish, Romanian with comma below, Vietnamese, Greek, Cyrillic, Dutch ĳ)."""

from __future__ import annotations

import unicodedata

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.paths import resource_path

SANS, BOLD, OBLIQUE, MONO = "ArbokluisSans", "ArbokluisSans-Bold", "ArbokluisSans-Oblique", "ArbokluisMono"
_FILES = {SANS: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", OBLIQUE: "DejaVuSans-Oblique.ttf",
          MONO: "DejaVuSansMono.ttf"}
_registered = False


def register() -> None:
    global _registered
    if _registered:
        return
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, BOLD)
    addMapping(SANS, 0, 1, OBLIQUE)
    addMapping(SANS, 1, 1, BOLD)
    _registered = True


def missing_glyphs(text: str, font: str = SANS) -> set[str]:
    register()
    face = pdfmetrics.getFont(font).face
    return {c for c in nfc(text) if not c.isspace() and ord(c) not in face.charToGlyph}


def nfc(text: str) -> str:
    """Composed form: one glyph per letter, and text extraction gives back the same string."""
    return unicodedata.normalize("NFC", text)
