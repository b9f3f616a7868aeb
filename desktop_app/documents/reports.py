"""Reports: the access-log extract for an employee, absence statistics per employer (with a
chart), and the register of processing activities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak

from desktop_app.documents import fonts
from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    bullet,
    field_table,
    grid,
    long_date,
    para,
    spacer,
    styles,
)
from desktop_app.domain.processing_register import ProcessingRegister
from desktop_app.domain.statistics import CLASS_LABELS, MIN_CELL, Figures
from desktop_app.domain.statistics_report import StatisticsReport, class_cells, figure_rows

ACTION_LABELS = {
    "read": "ingezien", "read_medical": "medisch deel ingezien", "create": "toegevoegd",
    "update": "gewijzigd", "export": "geëxporteerd", "print": "afgedrukt", "reveal_bsn": "BSN getoond",
    "release": "verstrekt", "read_audit": "logboek ingezien", "delete": "verwijderd",
}


ROLE_LABELS = {"physician": "bedrijfsarts", "assistant": "assistent", "casemanager": "casemanager",
               "recovery": "herstelsleutel"}
OBJECT_LABELS = {
    "employee": "personalia", "document": "document", "attachments": "bijlagen (lijst)",
    "attachment": "bijlage", "medical_entry": "medische aantekening", "medical_entries": "medische aantekeningen",
    "employee_statement": "verklaring werknemer", "functional_feedback": "terugkoppeling werkgever",
    "absence_case": "ziekmelding", "activity": "activiteit", "exposure": "blootstelling",
    "working_note": "werkaantekening", "release": "verstrekking", "consent": "toestemming",
    "request": "verzoek", "audit": "logboek",
}


@dataclass(frozen=True)
class AccessLine:
    when: str  # dd-mm-jjjj uu:mm
    who: str
    role: str
    on_behalf_of: str
    action: str
    what: str


def access_log_pdf(employee_name: str, lines: list[AccessLine], releases: list[tuple[str, str, str, str]],
                   *, letterhead: Letterhead, created: datetime) -> bytes:
    """``releases``: (date, what, to whom, how)."""
    st = styles()
    title = "Overzicht van inzage en verstrekking"
    story = [
        para(title, st["title"]),
        field_table([("Werknemer", employee_name), ("Opgesteld op", long_date(created.date())),
                     ("Aantal regels", str(len(lines)))], st),
        para("Wie uw dossier heeft geopend of gewijzigd", st["h2"]),
        grid(["Wanneer", "Wie", "Rol", "Namens", "Handeling", "Welke gegevens"],
             [[x.when, x.who, ROLE_LABELS.get(x.role, x.role), x.on_behalf_of,
               ACTION_LABELS.get(x.action, x.action), OBJECT_LABELS.get(x.what, x.what)] for x in lines] or [["—", "", "", "", "", ""]], st,
             [24 * mm, 32 * mm, 24 * mm, 24 * mm, 28 * mm, 38 * mm]),
        para("Wat aan anderen is verstrekt", st["h2"]),
        grid(["Datum", "Wat", "Aan", "Hoe"], [list(r) for r in releases] or [["—", "Niets verstrekt", "", ""]],
             st, [24 * mm, 60 * mm, 50 * mm, 36 * mm]),
    ]
    return build_pdf(title, story, letterhead=letterhead, created=created)


def _figures_table(f: Figures, st):
    return field_table(figure_rows(f), st, widths=(60 * mm, None))


CLASSES_IN_PERIOD = "Verzuimgevallen in de periode per duurklasse"
CLASSES_ENDED = "Beëindigde verzuimgevallen per duurklasse"


def _chart(with_p: Figures, without_p: Figures) -> Drawing:
    """Bars per duration class of the cases in the period (``Figures.classes``); classes with
    fewer than MIN_CELL cases are not drawn."""
    fonts.register()
    d = Drawing(170 * mm, 70 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 12 * mm, 150 * mm, 48 * mm
    chart.data = [[0 if f.withheld or c < MIN_CELL else c for c in f.classes] for f in (with_p, without_p)]
    top = max(max(row) for row in chart.data)
    chart.valueAxis.valueMax = max(MIN_CELL, top)
    chart.valueAxis.valueStep = max(1, (max(MIN_CELL, top) + 4) // 5)
    chart.categoryAxis.categoryNames = [label.replace(" dagen", "") for label in CLASS_LABELS]
    chart.categoryAxis.labels.fontName = fonts.SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = fonts.SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#2f5d8a")
    chart.bars[1].fillColor = colors.HexColor("#9fbcd8")
    d.add(chart)
    d.add(String(12 * mm, 64 * mm, f"{CLASSES_IN_PERIOD} (dagen): donker met, licht zonder "
                 "zwangerschapsverzuim", fontName=fonts.SANS, fontSize=7.5))
    return d


def statistics_pdf(report: StatisticsReport, *, letterhead: Letterhead, created: datetime) -> bytes:
    st = styles()
    s = report.statistics
    title = "Verzuimstatistiek"
    story = [
        para(title, st["title"]),
        field_table([("Werkgever", report.employer_name),
                     ("Periode", f"{long_date(s.start)} t/m {long_date(s.end)}"
                      + ("" if report.period.kind == "custom" else f" ({report.period.name})")),
                     ("Definities", "Vernet: verzuimpercentage, meldingsfrequentie, gemiddelde duur")], st),
        para("Alleen totalen; er staan geen namen of persoonsgegevens in dit overzicht.", st["small"]),
        para("Bronnen en rekenwijze", st["h2"]),
        field_table(report.sources, st, widths=(60 * mm, None)),
    ]
    if s.suppressed:
        story.append(para("Deze groep is te klein om cijfers te tonen zonder dat personen herkenbaar "
                          "worden. Er zijn daarom geen cijfers opgenomen.", st["body"]))
    else:
        with_p, without_p = s.with_pregnancy, s.without_pregnancy
        if with_p is None or without_p is None:
            raise ValueError("statistics without figures that are not suppressed")
        story += [para("Inclusief zwangerschapsgerelateerd verzuim", st["h2"]), _figures_table(with_p, st),
                  para("Exclusief zwangerschapsgerelateerd verzuim", st["h2"]), _figures_table(without_p, st),
                  CondPageBreak(62 * mm),  # the short classes table stays in one piece
                  para("Verzuimgevallen naar duur", st["h2"]),
                  grid(["Duurklasse", "In de periode, met zwangerschap", "In de periode, zonder",
                        "Beëindigd, met zwangerschap", "Beëindigd, zonder"],
                       [[label, a, b, c, d] for label, a, b, c, d in
                        zip(CLASS_LABELS, class_cells(with_p, with_p.classes), class_cells(without_p, without_p.classes),
                            class_cells(with_p, with_p.ended_classes),
                            class_cells(without_p, without_p.ended_classes), strict=True)],
                       st, [38 * mm, 33 * mm, 33 * mm, 33 * mm, 33 * mm]),
                  para("In de periode: elk verzuimgeval met een ziektedag in de periode, naar zijn duur "
                       "tot het herstel of tot het einde van de periode. Beëindigd: de gevallen die in "
                       "de periode eindigden, naar hun hele duur (zoals de gemiddelde verzuimduur). "
                       f"Aantallen kleiner dan {MIN_CELL} worden als '< {MIN_CELL}' getoond en niet "
                       "getekend.", st["small"])]
        if sum(with_p.classes) >= MIN_CELL:
            story += [spacer(4), _chart(with_p, without_p)]
    return build_pdf(title, story, letterhead=letterhead, created=created,
                     confidential="Geaggregeerde gegevens – geen persoonsgegevens")


# Soft hyphens (U+00AD) mark where the long compounds may break in the narrow label column.
_SHY = "\u00ad"
_LABEL_WIDTH = 40 * mm
_BREAKS = {"Verwerkingsverantwoordelijke": f"Verwerkings{_SHY}verantwoordelijke",
           "gegevensbescherming": f"gegevens{_SHY}bescherming",
           "Persoonsgegevens": f"Persoons{_SHY}gegevens", "Bewaartermijn": f"Bewaar{_SHY}termijn"}


def _breakable(rows) -> list[tuple[str, str]]:
    out = []
    for label, value in rows:
        for word, broken in _BREAKS.items():
            label = label.replace(word, broken)
        out.append((label, value))
    return out


def register_pdf(register: ProcessingRegister, *, letterhead: Letterhead, created: datetime) -> bytes:
    """The register as generated (``domain.processing_register``): one block per processing."""
    st = styles()
    title = "Register van verwerkingsactiviteiten"
    story = [
        para(title, st["title"]),
        field_table(_breakable([*register.controller, ("Opgesteld op", long_date(created.date()))]), st,
                    widths=(_LABEL_WIDTH, None)),
        para("Opgesteld uit de instellingen van de praktijk en de regels die het programma "
             "toepast (AVG art. 30 lid 1); wijzigt een instelling, dan wijzigt dit register mee.",
             st["small"]),
        para("Functionaris gegevensbescherming en klachten", st["h2"]),
        field_table(_breakable(register.privacy_contacts), st, widths=(_LABEL_WIDTH, None)),
        para("Verwerkingen", st["h2"]),
    ]
    for i, a in enumerate(register.activities, start=1):
        story += [para(f"{i}. {a.purpose}", st["h3"]),
                  field_table(_breakable([("Betrokkenen", a.subjects), ("Gegevens", a.data),
                               ("Grondslag", a.legal_basis), ("Ontvangers", a.recipients),
                               ("Bewaartermijn", a.retention)]), st, widths=(_LABEL_WIDTH, None))]
    story += [para("Verwerkers", st["h2"]), *[bullet(p, st) for p in register.processors],
              para("Doorgifte buiten de Europese Economische Ruimte", st["h2"]),
              para(register.transfers, st["body"]),
              para("Beveiliging", st["h2"]), *[bullet(m, st) for m in register.security]]
    return build_pdf(title, story, letterhead=letterhead, created=created, confidential=None)
