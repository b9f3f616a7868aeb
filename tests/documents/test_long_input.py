"""Every document built with the longest value the forms accept in every field.

The values are worst-case text (tests/helpers/long_inputs.py): unbroken 2,000-letter words, long
lines of Polish, Turkish and Vietnamese names, markup-looking text. Each PDF is read back with
pypdf: it opens, every value is there, whole and in order across the pages, markup stays literal,
the pages say "Pagina n van m", and nothing is drawn off the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from reportlab.lib.pagesizes import A4

from desktop_app.vault import recovery
from tests.documents import reader
from tests.helpers import long_inputs as li

PAGE_NUMBER = re.compile(r"Pagina (\d+) van (\d+)")
OBLIQUE = "DejaVuSans-Oblique"  # only the "… (vervolg)" labels of continued fields are oblique


def compact(text: str) -> str:
    """Without any whitespace: line breaks fall where the page decides, the text stays."""
    return re.sub(r"\s+", "", text)


@dataclass
class Run:
    text: str
    x: float
    y: float
    font: str
    size: float


def runs(page) -> list[Run]:
    """The page's text pieces in drawing order, with where they start and their font."""
    found: list[Run] = []

    def visit(text, cm, tm, font, size):
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str(font.get("/BaseFont", "")) if font else ""
        found.append(Run(text, x, y, re.sub(r"^/([A-Z]{6}\+)?", "", name), float(size)))

    page.extract_text(visitor_text=visit)
    return found


@dataclass
class Page:
    top: str  # the letterhead (first page) or the small header (later pages)
    body: str  # compacted, continued labels left out
    number: tuple[int, int] | None
    runs: list[Run]
    last: Run | None  # the last piece of the body, in drawing order


def pages_of(case: li.Case) -> list[Page]:
    """Each page split into its furniture and its body.

    The first page starts with the letterhead (the runs that spell it), later pages with the small
    header (the runs on the first run's baseline); the footer is everything on or below the
    baseline of "Pagina n van m". What lies between is the body.
    """
    head = compact("".join(li.letterhead_values(case.letterhead)))
    out = []
    for index, page in enumerate(reader(case.pdf).pages):
        rs = runs(page)
        numbers = [r for r in rs if PAGE_NUMBER.fullmatch(r.text.strip())]
        floor = numbers[0].y + 0.5 if numbers else -1
        number = tuple(int(g) for g in PAGE_NUMBER.fullmatch(numbers[0].text.strip()).groups()) if numbers else None
        top, rest = [], list(rs)
        if index == 0:
            while rest and head.startswith(compact("".join(r.text for r in top + rest[:1]))):
                top.append(rest.pop(0))
        elif rest and number is not None:
            baseline = rest[0].y
            while rest and abs(rest[0].y - baseline) < 0.5:
                top.append(rest.pop(0))
        body = [r for r in rest if r.y > floor and not r.font.endswith(OBLIQUE)]
        out.append(Page(compact("".join(r.text for r in top)), compact("".join(r.text for r in body)), number, rs,
                        body[-1] if body else None))
    return out


def body_of(case: li.Case, pages: list[Page]) -> str:
    """All pages' body text, without the header rows a grid repeats on each of its pages.

    A grid row too tall for the room left is split: its short cells stand whole on the first
    page, beside the start of the long one. They are left out too, so the long value reads on.
    """
    body = "".join(p.body for p in pages)
    for header in case.repeats:
        body = body.replace(compact(header), "")
    for short in case.beside:
        assert compact(short) in body
        body = body.replace(compact(short), "")
    return body


def assert_in_order(case: li.Case, pages: list[Page]) -> None:
    body = body_of(case, pages)
    at = 0
    for number, value in enumerate(case.values):
        found = body.find(compact(value), at)
        assert found >= 0, f"{case.name}: value {number} ({value[:20]!r}…) missing or out of order"
        at = found + len(compact(value))


CASES = {
    "terugkoppeling": lambda lh: li.feedback_case(lh),
    "toestemming": lambda lh: li.consent_case(lh),
    "toestemming-met-handtekening": lambda lh: li.consent_case(lh, signature=li.png(400, 4000)),
    "machtiging": lambda lh: li.authorisation_case(lh),
    "inzageoverzicht": lambda lh: li.access_log_case(lh),
    "inzageoverzicht-5000": lambda lh: li.access_log_count_case(lh),
    "statistiek": lambda lh: li.statistics_case(lh),
    "register": lambda lh: li.register_case(lh),
    "herstelsleutel": lambda lh: li.recovery_case(lh, recovery.generate()),
    "afschrift": lambda lh: li.copy_case(lh),
    "ncvb": li.ncvb_case,
    "probleemanalyse-werkgever": li.problem_analysis_employer_case,  # uwv16
    "probleemanalyse-werknemer": li.problem_analysis_employee_case,
    "actueel-oordeel": li.current_opinion_case,
    "uwv-verzegeld": li.sealed_case,
    "keuring-werknemer": lambda lh: li.examination_outcome_case(lh, for_employee=True),
    "keuring-werkgever": lambda lh: li.examination_outcome_case(lh, for_employee=False),
    "declarabele-uren": li.billable_case,
}


SLOW = {"inzageoverzicht-5000"}  # 5,000 lines on 120 pages: built and read back in about 20 s


@pytest.fixture(scope="module", params=[pytest.param(name, marks=pytest.mark.slow) if name in SLOW else name
                                        for name in sorted(CASES)])
def case(request) -> li.Case:
    return built(request.param)


_built: dict[str, li.Case] = {}


def built(name: str) -> li.Case:
    """Each document built once per test run (the copy takes seconds)."""
    if name not in _built:
        _built[name] = CASES[name](li.letterhead(li.png(600, 200)))
    return _built[name]


@pytest.fixture(scope="module")
def pages(case) -> list[Page]:
    return pages_of(case)


def test_the_pdf_opens_and_every_page_says_pagina_n_van_m(case, pages):
    own = len(pages) - case.appended  # attached PDFs follow with their own numbering
    assert own >= 1
    assert [p.number for p in pages[:own]] == [(n, own) for n in range(1, own + 1)]


def test_every_value_is_there_whole_and_in_order(case, pages):
    assert_in_order(case, pages)


def test_readable_attached_pdfs_follow_the_copy_and_the_rest_are_listed_with_the_reason():
    case = built("afschrift")
    pages = pages_of(case)
    assert case.appended == 1
    assert "BIJLAGE-INHOUD" in pages[-1].body
    body = body_of(case, pages)
    assert compact("niet opgenomen: de PDF is beschadigd en kan niet worden gelezen") in body
    assert compact("(PNG-afbeelding) — opgenomen in dit afschrift") in body


def test_markup_in_the_values_is_drawn_as_written(case, pages):
    body = body_of(case, pages)
    marked = [v for v in case.values if "<b>" in v]
    for value in marked:
        assert compact(value) in body
    assert "<fontsize=99>" in body or not marked  # the markup itself is on the page, not applied


def test_the_letterhead_is_whole_on_the_first_page_and_cut_short_in_later_headers(case, pages):
    assert pages[0].top == compact("".join(li.letterhead_values(case.letterhead)))
    for page in pages[1: len(pages) - case.appended]:
        name = page.top.split("…")[0]
        assert "…" in page.top, page.top[:40]
        assert compact(case.letterhead.name).startswith(name)
        assert len(name) > 20


def test_no_page_ends_with_a_heading(case, pages):
    """Headings (bold, 10 pt and up) stay with the start of what follows them."""
    own = pages[: len(pages) - case.appended]
    for number, page in enumerate(own[:-1], start=1):
        last = page.last
        assert last is not None, number
        heading = last.font.endswith("DejaVuSans-Bold") and last.size >= 10
        assert not heading, (number, last.text[:40])


def test_nothing_is_drawn_off_the_page(case, pages):
    width, height = A4
    for page in pages:
        for r in page.runs:
            assert 0 <= r.x < width, (r.text[:30], r.x)
            assert 0 <= r.y < height, (r.text[:30], r.y)
