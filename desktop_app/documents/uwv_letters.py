"""The problem analysis and the physician's current assessment as PDFs.

The employer's PDF is built from the document's functional part only: it takes no medical
argument, so nothing medical can reach it. The employee's PDF is the same document with, for the
problem analysis, the medical part after it (DESIGN.md §5: the employee gets all of it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    field_table,
    long_date,
    para,
    signature_lines,
    spacer,
    styles,
)
from desktop_app.domain.uwv_documents import MEDICAL_LABEL, UwvDocument, UwvKind

TITLES = {UwvKind.PROBLEM_ANALYSIS: "Probleemanalyse", UwvKind.CURRENT_OPINION: "Actueel oordeel bedrijfsarts"}
WIDTHS = (58 * mm, None)


@dataclass(frozen=True)
class Parties:
    employer_name: str
    employer_contact: str
    employer_address: str
    employee_name: str
    employee_birth: str
    physician_name: str
    physician_registration: str


def _intro(document: UwvDocument, for_employee: bool) -> str:
    if document.kind is UwvKind.PROBLEM_ANALYSIS:
        if for_employee:
            return ("De probleemanalyse in het kader van de Wet verbetering poortwachter. Deel 1 beschrijft in "
                    "werktermen wat u wel en niet kunt; dat deel ontvangt ook uw werkgever. Deel 2 is het medische "
                    "deel: dat is alleen voor u en blijft verder bij de bedrijfsarts.")
        return ("De probleemanalyse in het kader van de Wet verbetering poortwachter, in werktermen. Het medische "
                "deel blijft bij de bedrijfsarts; de werknemer ontvangt de volledige probleemanalyse.")
    return ("Het actuele oordeel van de bedrijfsarts voor het re-integratieverslag (WIA-aanvraag), in werktermen. "
            "Medische gegevens staan er niet in; die ontvangt de verzekeringsarts van UWV rechtstreeks via de "
            "werknemer. De werknemer ontvangt dit oordeel ook.")


def _head(document: UwvDocument, p: Parties, st: dict, *, to_employer: bool, created: datetime,
          letterhead: Letterhead) -> list[Flowable]:
    out: list[Flowable] = []
    if to_employer:
        out += [para("\n".join(x for x in (p.employer_name, f"t.a.v. {p.employer_contact}" if p.employer_contact
                                               else "", p.employer_address) if x), st["body"]), spacer(8)]
    place = f"{letterhead.city}, " if letterhead.city else ""
    out += [para(f"{place}{long_date(created.date())}", st["body"]), spacer(4),
            para(TITLES[document.kind], st["title"]),
            para(f"Betreft: {p.employee_name}" + (f", geboren {p.employee_birth}" if p.employee_birth
                                                  and not to_employer else ""), st["h3"]),
            spacer(2), para(_intro(document, not to_employer), st["body"]), spacer(3)]
    return out


def _facts(document: UwvDocument, st: dict) -> list[Flowable]:
    """The dossier's data the current assessment was made from."""
    f = document.facts
    out: list[Flowable] = [para("Gegevens uit het dossier", st["h2"]),
                           field_table([("Eerste ziektedag", f.first_day),
                                        ("Arbeidsongeschikt (nu)", f.percentage)], st, widths=WIDTHS)]
    if f.feedback:
        out += [para("Laatste goedgekeurde terugkoppeling", st["h3"]), field_table(list(f.feedback), st,
                                                                                  widths=WIDTHS)]
    if f.fml:
        out += [para(f"Functionele mogelijkhedenlijst van {f.fml_date}", st["h3"]),
                field_table([("Samenvatting", f.fml[0]), *[(line.split(":", 1)[0], line.split(":", 1)[1].strip())
                                                           for line in f.fml[1:]]], st, widths=WIDTHS)]
    if f.trajectory:
        out += [para("Re-integratietraject", st["h3"]), field_table(list(f.trajectory), st, widths=WIDTHS)]
    return out


def _functional(document: UwvDocument, st: dict, *, numbered: bool) -> list[Flowable]:
    heading = "Oordeel van de bedrijfsarts" if document.kind is UwvKind.CURRENT_OPINION else (
        "Deel 1 — voor werkgever en werknemer" if numbered else "Functionele mogelijkheden en advies")
    rows = [("Datum", long_date(document.assessed_on)), *document.functional_rows()]
    return [para(heading, st["h2"]), field_table(rows, st, widths=WIDTHS)]


def _medical(lines: Sequence[tuple[str, str]], st: dict) -> list[Flowable]:
    rows = list(lines) or [("Medisch deel", "Het medische deel is niet meer in het dossier aanwezig.")]
    return [spacer(4), para(f"Deel 2 — {MEDICAL_LABEL}", st["h2"]),
            para("Vertrouwelijk: dit deel is alleen voor de werknemer. De werkgever ontvangt het niet.", st["small"]),
            field_table(rows, st, widths=WIDTHS)]


def _closing(p: Parties, st: dict) -> list[Flowable]:
    return [spacer(8), KeepTogether([
        para("Met vriendelijke groet,", st["body"]), spacer(10), para(p.physician_name, st["label"]),
        para(f"bedrijfsarts{', ' + p.physician_registration if p.physician_registration else ''}", st["body"]),
        spacer(6), signature_lines(["Handtekening bedrijfsarts"], st)])]


def employer_pdf(document: UwvDocument, p: Parties, *, letterhead: Letterhead, created: datetime,
                 password: str | None = None) -> bytes:
    st = styles()
    story = _head(document, p, st, to_employer=True, created=created, letterhead=letterhead)
    if document.kind is UwvKind.CURRENT_OPINION:
        story += _facts(document, st)
    story += _functional(document, st, numbered=False) + _closing(p, st)
    return build_pdf(TITLES[document.kind], story, letterhead=letterhead, created=created, password=password,
                     confidential="Vertrouwelijk – bestemd voor de werkgever en de werknemer")


def employee_pdf(document: UwvDocument, p: Parties, medical: Sequence[tuple[str, str]] | None, *,
                 letterhead: Letterhead, created: datetime, password: str | None = None) -> bytes:
    """``medical``: the problem analysis's medical part as (label, text); None for a document
    that has none (the current assessment)."""
    st = styles()
    story = _head(document, p, st, to_employer=False, created=created, letterhead=letterhead)
    if document.kind is UwvKind.CURRENT_OPINION:
        story += _facts(document, st)
    story += _functional(document, st, numbered=medical is not None)
    if medical is not None:
        story += _medical(medical, st)
    story += _closing(p, st)
    return build_pdf(TITLES[document.kind] + " (werknemer)", story, letterhead=letterhead, created=created,
                     password=password)
