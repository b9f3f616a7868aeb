"""Render every document for the demo practice to docs/samples (PDF → PNG with pdftoppm).

python scripts/samples.py [OUT_DIR]          (needs poppler-utils for pdftoppm)
python scripts/samples.py --long OUT_DIR     every document with the longest accepted input in every
                                             field (tests/helpers/long_inputs.py), to look at
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.documents import forms  # noqa: E402
from desktop_app.documents.recovery_sheet import recovery_sheet_pdf  # noqa: E402
from desktop_app.domain.cases import FeedbackForm  # noqa: E402
from desktop_app.domain.dossier import EmployerForm  # noqa: E402
from desktop_app.domain.medical.statements import StatementForm  # noqa: E402
from desktop_app.domain.ncvb import NcvbForm  # noqa: E402
from desktop_app.domain.workforce import WorkforceForm  # noqa: E402
from desktop_app.services import (  # noqa: E402
    access_log,
    activities,
    attachments,
    demo,
    documents,
    employees,
    employers,
    medical_entries,
    ncvb,  # noqa: E402
    register,
    settings,
    statements,
    statistics,
    workforce,
)
from desktop_app.services.demo_medical import _tiny_png  # noqa: E402
from desktop_app.services.practice import login  # noqa: E402
from tests.helpers.keyrings import MemoryKeyring, install_keyring  # noqa: E402


def _render(docs: dict[str, bytes], out: Path, resolution: int = 70) -> None:
    for name, pdf in docs.items():
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{name}.pdf"
            path.write_bytes(pdf)  # demo data only
            subprocess.run(["pdftoppm", "-png", "-r", str(resolution), str(path), str(out / name)], check=True)
        print(name)


def long_inputs(out: Path) -> None:
    from desktop_app.vault import recovery
    from tests.helpers import long_inputs as li

    lh = li.letterhead(li.png(600, 200))
    cases = [li.feedback_case(lh), li.consent_case(lh), li.consent_case(lh, signature=li.png(400, 4000)),
             li.authorisation_case(lh), li.access_log_case(lh, lines=40), li.statistics_case(lh),
             li.register_case(lh), li.recovery_case(lh, recovery.generate()), li.copy_case(lh),
             li.problem_analysis_employer_case(lh), li.problem_analysis_employee_case(lh),
             li.current_opinion_case(lh), li.sealed_case(lh)]
    _render({f"{i}-{c.name}": c.pdf for i, c in enumerate(cases)}, out, 60)


def _attachment_pdf(text: str, password: str | None = None) -> bytes:
    """A one-page PDF as a treating physician might send it (protected with ``password``)."""
    import io

    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, text)
    c.showPage()
    c.save()
    if password is None:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    writer.encrypt(user_password=password, owner_password=password + "-eigenaar", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _uwv_documents(s, employee_id: int, today: str) -> dict[str, bytes]:
    """uwv16: the problem analysis (employer's and employee's), the current assessment and the
    sealed information for UWV's insurance physician, made and approved as a physician would."""
    from desktop_app.domain.uwv_documents import CurrentOpinionForm, ProblemAnalysisForm, SealedForm
    from desktop_app.services import releases, uwv_documents, uwv_sealed

    case_id = s.db.scalar("SELECT id FROM absence_cases WHERE employee_id = ? AND recovered_on IS NULL",
                          (employee_id,))
    analysis = uwv_documents.approve(s, uwv_documents.make_problem_analysis(s, employee_id, case_id, ProblemAnalysisForm(
        assessed_on=today, fitness="partly_fit", limitations="Niet tillen boven 10 kg; niet langer dan een half "
        "uur achtereen zitten of staan", capacities="Administratief en licht werk, 4 uur per dag",
        expected_duration="6-12w", prognosis="Naar verwachting binnen drie maanden volledig hersteld",
        advice="Opbouw in aangepast werk, te beginnen met 4 uur per dag; evaluatie over drie weken",
        adjustments="Zit-sta-bureau", medical="Lage rugklachten met uitstraling naar het linkerbeen; "
        "fysiotherapie loopt, geen aanwijzingen voor een ernstige oorzaak.")).id)
    opinion = uwv_documents.approve(s, uwv_documents.make_current_opinion(s, employee_id, case_id, CurrentOpinionForm(
        assessed_on=today, fitness="partly_fit", opinion="Belastbaar voor licht fysiek werk, 4 uur per dag; "
        "niet tillen boven 10 kg", prognosis="Verdere verbetering is mogelijk, niet binnen een half jaar",
        reintegration="Werkgever en werknemer hebben zich voldoende ingespannen; aangepast werk loopt",
        advice="Urenuitbreiding onderzoeken; tweede spoor blijft lopen")).id)
    chosen = [c.entry_id for c in uwv_sealed.choices(s, employee_id) if c.chosen]
    sealed = uwv_sealed.request_sealed(s, employee_id, SealedForm(
        entry_ids=chosen, note="Voor vragen ben ik bereikbaar via het telefoonnummer van de praktijk."),
        physician="arts")
    return {
        "probleemanalyse-werkgever": uwv_documents.employer_pdf(s, analysis.id),
        "probleemanalyse-werknemer": uwv_documents.employee_pdf(s, analysis.id),
        "actueel-oordeel-bedrijfsarts": uwv_documents.employer_pdf(s, opinion.id),
        "medische-informatie-verzekeringsarts-uwv": releases.document(s, sealed.id).data,
    }


def _work16(s, employer_id: int) -> dict[str, bytes]:
    """A keuring with its outcome letters, and the month's billable work of the biggest employer."""
    from desktop_app.domain.cases import ActivityForm
    from desktop_app.domain.medical.kinds import EntryKind
    from desktop_app.services import billable_overview, examinations

    staff = [e for e in employees.page(s, limit=500) if e.employer_id == employer_id][:4]
    today = date.today().strftime("%d-%m-%Y")
    keuring = medical_entries.add_entry(s, staff[0].id, EntryKind.EXAMINATION, {
        "examination": "pre_employment", "outcome": "fit",
        "findings": "Visus beiderzijds 1,0; gehoor normaal; geen bezwaren voor werken op hoogte"},
        work={"work_kind": "keuring", "minutes": "45"})
    medical_entries.add_entry(s, staff[1].id, EntryKind.OPEN_CONSULTATION, {
        "occasion": "own_question", "s": "Vraag over klachten bij beeldschermwerk"},
        work={"work_kind": "spreekuur", "minutes": "20"})
    medical_entries.add_entry(s, staff[2].id, EntryKind.CONSULTATION, {"s": "Spreekuur in verzuim"},
                              work={"work_kind": "telefonisch_consult", "minutes": "15"})
    activities.add_activity(s, staff[3].id, ActivityForm(on_date=today, kind="werkgever",
                                                         description="Overleg met de leidinggevende"),
                            work={"work_kind": "overleg", "minutes": "30"})
    now = date.today()
    return {
        "keuring-uitslag-werknemer": examinations.outcome_pdf(s, keuring.id, "employee"),
        "keuring-uitslag-werkgever": examinations.outcome_pdf(s, keuring.id, "employer"),
        "declarabele-uren": billable_overview.overview_pdf(s, employer_id, now.year, now.month),
    }


def main() -> None:
    if sys.argv[1:2] == ["--long"]:
        out = Path(sys.argv[2])
        out.mkdir(parents=True, exist_ok=True)
        long_inputs(out)
        return
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
        chosen = {attachments.add_attachment(s, employee_id, name, data).id for name, data in (
            ("verwijsbrief.png", _tiny_png()),
            ("verslag-fysiotherapie.pdf", _attachment_pdf("Verslag fysiotherapie (demo)")),
            ("uitslag-ziekenhuis.pdf", _attachment_pdf("Uitslag (demo)", password="geheim-2026")),
        )}
        entries = medical_entries.list_entries(s, employee_id)
        medical_entries.correct_entry(s, entries[0].id, {**entries[0].body, "p": "Fysiotherapie, opbouw 4 uur per dag",
                                                         "entry_date": entries[0].entry_date.strftime("%d-%m-%Y")},
                                      "Plan aangevuld na overleg")
        statements.add_statement(s, employee_id, StatementForm("Ik vind dat mijn klachten door de werkdruk komen.", today))
        biggest = max(employers.list_all(s), key=lambda e: employers.employee_counts(s).get(e.id, 0))
        # The statistics as a practice makes them: the employer's full-time week and the
        # workforce it gave for last year; the register with a processor set.
        employers.update(s, biggest.id, EmployerForm(**{**vars(EmployerForm.of(biggest)), "full_time_hours": "38"}))
        last_year = next(p for p in statistics.periods(s) if p.kind == "last_year")
        workforce.add(s, biggest.id, WorkforceForm(last_year.start.strftime("%d-%m-%Y"),
                                                   last_year.end.strftime("%d-%m-%Y"), "48", "39,5"))
        settings.update(s, {"register_processors": "Veilig Opslag B.V. (versleutelde back-ups, Nederland)"})
        docs = {
            "dossier-afschrift": documents.dossier_copy_pdf(s, employee_id, include_attachments=chosen),
            "terugkoppeling-werkgever": documents.feedback_letter_pdf(s, fb.id),
            "toestemmingsformulier": documents.consent_form_pdf(s, forms.ConsentFormData(
                "Łukasz Wąsowski", "14-02-1984", "dr. A. (Anna) de Vries", "dr. P. Jansen",
                "Ziekenhuis Oost, afdeling orthopedie", "specialist",
                "Consultverslagen en FML van september tot en met november 2026",
                "Afstemmen van de behandeling op de werkhervatting", "23-02-2027")),
            "machtiging": documents.authorisation_form_pdf(s, forms.AuthorisationFormData(
                "Ayşe Çelik", "12-03-1985", "Mehmet Çelik", "echtgenoot", "Inzage in het hele dossier",
                "31-12-2026")),
            "inzageoverzicht": access_log.access_log_pdf(s, employee_id),
            "verzuimstatistiek": statistics.statistics_pdf(s, biggest.id, last_year.start, last_year.end),
            "verwerkingsregister": register.register_pdf(s),
            "melding-beroepsziekte-ncvb": ncvb.report_pdf(s, employee_id, NcvbForm(
                disease="Contacteczeem van beide handen", disease_code="E.01",
                exposure="Natte handen en schoonmaakmiddelen, ongeveer 6 uur per dag, zonder handschoenen",
                sector="Schoonmaak", profession="Schoonmaker", absence="kort",
                remarks="Klachten verdwijnen in vakanties en komen terug na werkhervatting.")),
            **_uwv_documents(s, employee_id, today),
            **_work16(s, biggest.id),
            "herstelsleutel": recovery_sheet_pdf(letterhead=documents.letterhead(s),
                                                 recovery_key=created.recovery_key,
                                                 practice_id=created.practice_id, created=datetime.now()),
        }
        s.close()
    for name in docs:
        for old in out.glob(f"{name}-*.png"):
            old.unlink()  # a document with fewer pages than before leaves no stale page behind
    _render(docs, out)


if __name__ == "__main__":
    main()
