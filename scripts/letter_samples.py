"""Render the letters made from templates for the demo practice to docs/samples (PDF → PNG).

python scripts/letter_samples.py [OUT_DIR]      (needs poppler-utils for pdftoppm)
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.domain import letter_defaults as d  # noqa: E402
from desktop_app.services import (  # noqa: E402
    agenda,
    consents,
    demo,
    letters,
    medical_entries,
    releases,
    request_outcomes,
    requests,
)
from desktop_app.services.demo_medical import _tiny_png  # noqa: E402
from desktop_app.services.practice import login  # noqa: E402
from scripts.samples import _render  # noqa: E402
from tests.helpers.keyrings import MemoryKeyring, install_keyring  # noqa: E402

APPOINTMENT = {"afspraak.datum": "dinsdag 15-12-2026", "afspraak.tijd": "10:30 uur",
               "afspraak.plaats": "Arbodienst De Linde, Lindelaan 12, Utrecht (spreekkamer 2)",
               "afspraak.meenemen": "uw legitimatiebewijs en, als u die hebt, brieven van uw behandelaars"}


def nl(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _no_show(s, employee_id: int) -> int:
    """A "niet verschenen" at last Monday's 10:30 appointment (the agenda's clock is set back to plan it)."""
    monday = date.today() - timedelta(days=date.today().weekday() + 7)
    real = agenda.now_local
    agenda.now_local = lambda: datetime.combine(monday, time(8))
    try:
        block = agenda.add_block(s, s.user.id, "practice", nl(monday), "10:30", "11:00", "30")
        booking = agenda.book(s, employee_id, block.id, datetime.combine(monday, time(10, 30)))
    finally:
        agenda.now_local = real
    agenda.record_outcome(s, booking.id, "no_show")
    return booking.id


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/samples")
    out.mkdir(parents=True, exist_ok=True)
    today = nl(date.today())
    with tempfile.TemporaryDirectory() as tmp, install_keyring(MemoryKeyring()):
        folder = Path(tmp) / "praktijk"
        demo.create_demo(folder)
        s = login(folder, "arts", "Demo-arts-2026!")
        s.unlock_medical("Demo-medisch-2026!")
        employee_id = s.db.scalar("SELECT c.employee_id FROM absence_cases c WHERE c.recovered_on IS NULL "
                                  "ORDER BY c.first_day LIMIT 1")
        consent = consents.record(s, employee_id, consents.ConsentForm(
            physician="arts", recipient_name="dr. H. de Vries", recipient_organisation="Huisartsenpraktijk Oost",
            recipient_role="treating_physician", data_scope="Diagnose en behandelplan van de rugklachten",
            purpose="Begeleiding bij verzuim en werkhervatting", given_on=today,
            valid_until=nl(date.today() + timedelta(days=60))), signature_png=_tiny_png())
        objection = requests.receive(s, employee_id, "objection", today)
        requests.refuse(s, objection.id, "U hebt uw bezwaar op " + today + " schriftelijk ingetrokken.")
        release = releases.request_release(s, employee_id, consent.id, recipient_name="dr. H. de Vries",
                                           recipient_role="treating_physician", what="Consultverslag over de rug",
                                           purpose="Begeleiding bij verzuim")
        releases.approve(s, release.id)
        releases.mark_released(s, release.id, "post")
        correction = requests.receive(s, employee_id, "correction", today)
        requests.identity_at_desk(s, correction.id, "passport", today)
        requests.start(s, correction.id)
        entry = medical_entries.list_entries(s, employee_id)[0]
        request_outcomes.correct(s, correction.id, entry.id, {**entry.body, "entry_date": nl(entry.entry_date)},
                                 today, "Datum van het consult verbeterd")
        missed = _no_show(s, employee_id)
        docs = {
            "brief-melding-niet-verschenen": letters.make_letter(s, employee_id, d.NO_SHOW_NOTICE, {},
                                                                 booking_id=missed).pdf,
            "brief-uitnodiging-spreekuur": letters.make_letter(s, employee_id, d.INVITATION, APPOINTMENT).pdf,
            "brief-melding-werkgever": letters.make_letter(s, employee_id, d.EMPLOYER_NOTICE, APPOINTMENT).pdf,
            "brief-informatieverzoek-behandelaar": letters.make_letter(
                s, employee_id, d.INFO_REQUEST, {"brief.vraag": "Welke diagnose is gesteld, welke behandeling "
                                                 "loopt er en wat is de verwachte duur ervan?"},
                consent_id=consent.id).pdf,
            "brief-antwoord-verzoek": letters.make_letter(s, employee_id, d.RIGHTS_REPLY, {},
                                                          request_id=objection.id).pdf,
            "brief-mededeling-ontvanger": letters.make_letter(s, employee_id, d.RECIPIENT_NOTICE, {},
                                                              request_id=correction.id, release_id=release.id).pdf,
            "brief-algemeen": letters.make_letter(s, employee_id, d.GENERAL, {
                "brief.tekst": "Wij hebben uw nieuwe adres verwerkt in uw dossier. Klopt er iets niet? Laat het "
                               "ons dan weten."}).pdf,
        }
        s.close()
    for name in docs:
        for old in out.glob(f"{name}-*.png"):
            old.unlink()
    _render(docs, out)


if __name__ == "__main__":
    main()
