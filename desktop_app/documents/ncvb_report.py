"""The occupational-disease report to the NCvB as a PDF: the disease, the exposure, the sector
and the profession, with the employee's sex and age class only (``domain.ncvb``)."""

from __future__ import annotations

from datetime import datetime

from desktop_app.documents.layout import Letterhead, build_pdf, field_table, para, spacer, styles
from desktop_app.domain.dates import nl_date
from desktop_app.domain.ncvb import ABSENCE, NcvbReport

TITLE = "Melding beroepsziekte aan het NCvB"


def ncvb_report_pdf(r: NcvbReport, *, letterhead: Letterhead, created: datetime) -> bytes:
    st = styles()
    f = r.form
    story = [
        para(TITLE, st["title"]), spacer(2),
        para("Melding op grond van artikel 9 lid 3 Arbeidsomstandighedenwet, aan het Nederlands Centrum "
             "voor Beroepsziekten. Deze melding bevat geen gegevens waarmee de werknemer te herkennen is.",
             st["body"]), spacer(4),
        para("De beroepsziekte", st["h3"]),
        field_table([("Beroepsziekte (diagnose)", f.disease), ("Code", f.disease_code or "—"),
                      ("Belasting of blootstelling in het werk", f.exposure),
                      ("Verzuim", dict(ABSENCE)[f.absence])], st),
        spacer(3), para("Werk en werknemer", st["h3"]),
        field_table([("Sector", f.sector), ("Beroep", f.profession), ("Geslacht", r.sex),
                      ("Leeftijd", r.age_class)], st),
        spacer(3), para("Melder", st["h3"]),
        field_table([("Bedrijfsarts", r.physician), ("Registratie (BIG)", r.registration or "—"),
                      ("Datum melding", nl_date(r.reported_on))], st),
    ]
    if f.remarks:
        story += [spacer(3), field_table([("Toelichting", f.remarks)], st)]
    return build_pdf(TITLE, story, letterhead=letterhead, created=created)
