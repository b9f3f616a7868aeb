"""The bundled DejaVu fonts: registered once as a family, and every sample name has its glyphs."""

import unicodedata

import pytest
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics

from desktop_app.documents import fonts
from desktop_app.paths import resource_path
from tests.documents import SAMPLE_NAMES


def test_the_fonts_and_their_licence_are_bundled():
    for filename in fonts.FILES.values():
        assert resource_path("fonts", filename).is_file(), filename
    licence = resource_path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence
    assert "DejaVu" in licence


def test_register_is_idempotent_and_makes_a_family():
    fonts.register()
    fonts.register()
    for name in fonts.FILES:
        assert pdfmetrics.getFont(name).face.name.decode().startswith("DejaVuSans")
    assert tt2ps(fonts.SANS, 1, 0) == fonts.BOLD
    assert tt2ps(fonts.SANS, 0, 1) == fonts.OBLIQUE
    assert tt2ps(fonts.BOLD, 0, 1) == fonts.BOLD  # <i> inside bold text stays bold


def test_the_sample_names_hold_the_letters_they_are_meant_to_test():
    joined = "".join(SAMPLE_NAMES)
    for char in "\u0218\u0219\u021a\u021b\u0132\u0133\u2019\u0131\u0130\u1ec5":
        assert char in joined, f"U+{ord(char):04X}"
    assert "\u015e" in joined  # Turkish Ş has a cedilla, Romanian Ț not
    assert "\u0162" not in joined
    assert all(unicodedata.is_normalized("NFC", name) for name in SAMPLE_NAMES)


@pytest.mark.parametrize("font", [fonts.SANS, fonts.BOLD, fonts.OBLIQUE])
def test_every_letter_of_every_sample_name_is_in_the_font(font):
    fonts.register()
    cmap = pdfmetrics.getFont(font).face.charToGlyph
    missing = {c for name in SAMPLE_NAMES for c in name if c != " " and ord(c) not in cmap}
    assert missing == set()
    assert fonts.missing_glyphs("".join(SAMPLE_NAMES), font) == set()


def test_missing_glyphs_finds_what_the_font_cannot_draw():
    assert fonts.missing_glyphs("Wang 王小明") == {"王", "小", "明"}
    assert fonts.missing_glyphs("  \n\t") == set()


def test_nfc_composes_decomposed_letters():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh")
    assert len(decomposed) > len("Nguyễn Thị Ngọc Ánh")
    assert fonts.nfc(decomposed) == "Nguyễn Thị Ngọc Ánh"
    assert fonts.missing_glyphs(decomposed) == set()
