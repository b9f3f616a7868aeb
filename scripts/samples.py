"""Render every document for the demo practice to docs/samples (PDF → PNG with pdftoppm).

python scripts/samples.py [OUT_DIR]   (needs poppler-utils for pdftoppm)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.documents import forms  # noqa: E402
from desktop_app.documents.recovery_sheet import recovery_sheet_pdf  # noqa: E402
from desktop_app.domain.cases import FeedbackForm  # noqa: E402
from desktop_app.domain.medical.statements import StatementForm  # noqa: E402
from desktop_app.services import (  # noqa: E402
    activities,
    attachments,
    demo,
    documents,
    employers,
    medical_entries,
    statements,
)
from desktop_app.services.demo_medical import _tiny_png  # noqa: E402
from desktop_app.services.practice import login  # noqa: E402
from tests.helpers.keyrings import MemoryKeyring, install_keyring  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/samples")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, install_keyring(MemoryKeyring()):
        folder = Path(tmp) / "praktijk"
        created = demo.create_demo(folder)
        s = login(folder, "arts", "Demo-arts-2026!")
        s.unlock_medical("Demo-medisch-2026!")
        employee_id = s.db.scalar("SELECT c.employee_id FROM absence_cases c WHERE c.recovered_on IS NULL "
                                  "ORDER BY c.first_day LIMIT 1")
        today = date.today().strftime("%d-%m-%Y")
        fb = activities.add_feedback(s, employee_id, FeedbackForm(
            assessed_on=today, fitness="partly_fit", limitations="Niet tillen boven 10 kg; wisselen "
            "tussen zitten en staan elk half uur", remaining_capacity="Administratief en licht werk, "
            "4 uur per dag", advice="Opbouw in aangepast werk; evaluatie over drie weken",
            adjustments="Zit-sta-bureau", expected_duration="1-6w"))
        activities.approve_feedback(s, fb.id)
        attachment = attachments.add_attachment(s, employee_id, "verwijsbrief.png", _tiny_png())
        entries = medical_entries.list_entries(s, employee_id)
        medical_entries.correct_entry(s, entries[0].id, {**entries[0].body, "p": "Fysiotherapie, opbouw 4 uur per dag",
                                                         "entry_date": entries[0].entry_date.strftime("%d-%m-%Y")},
                                      "Plan aangevuld na overleg")
        statements.add_statement(s, employee_id, StatementForm("Ik vind dat mijn klachten door de werkdruk komen.", today))
        biggest = max(employers.list_all(s), key=lambda e: employers.employee_counts(s).get(e.id, 0))
        docs = {
            "dossier-afschrift": documents.dossier_copy_pdf(s, employee_id, include_attachments={attachment.id}),
            "terugkoppeling-werkgever": documents.feedback_letter_pdf(s, fb.id),
            "toestemmingsformulier": documents.consent_form_pdf(s, forms.ConsentFormData(
                "Łukasz Wąsowski", "14-02-1984", "dr. A. (Anna) de Vries", "dr. P. Jansen",
                "Ziekenhuis Oost, afdeling orthopedie", "specialist",
                "Consultverslagen en FML van september tot en met november 2026",
                "Afstemmen van de behandeling op de werkhervatting", "23-02-2027")),
            "machtiging": documents.authorisation_form_pdf(s, forms.AuthorisationFormData(
                "Ayşe Çelik", "12-03-1985", "Mehmet Çelik", "echtgenoot", "Inzage in het hele dossier",
                "31-12-2026")),
            "inzageoverzicht": documents.access_log_pdf(s, employee_id, [
                (today, "Terugkoppeling aan werkgever (functioneel)", biggest.name, "post")]),
            "verzuimstatistiek": documents.statistics_pdf(s, biggest.id, date.today() - timedelta(days=3 * 365),
                                                          date.today()),
            "verwerkingsregister": documents.register_pdf(s),
            "herstelsleutel": recovery_sheet_pdf(letterhead=documents.letterhead(s),
                                                 recovery_key=created.recovery_key,
                                                 practice_id=created.practice_id, created=datetime.now()),
        }
        s.close()
    for name, pdf in docs.items():
        path = Path(tmp) / f"{name}.pdf"
        with tempfile.TemporaryDirectory() as t2:
            path = Path(t2) / f"{name}.pdf"
            path.write_bytes(pdf)  # demo data only
            subprocess.run(["pdftoppm", "-png", "-r", "70", str(path), str(out / name)], check=True)
        print(name)


if __name__ == "__main__":
    main()
