"""The forms of the UWV documents: the problem analysis (functional part and medical part), the
physician's current assessment (shown beside the dossier data it is made from), and recording
the hand-over to the employer. The core checks every field and says which one is at fault."""

from __future__ import annotations

from datetime import date

from ui.context import AppContext
from ui.dossier_forms import FEEDBACK_FIELDS
from ui.form import Field
from ui.operations import read
from ui.release_dialogs import ReleaseFormDialog
from ui.tables import nl, plain

_FITNESS = next(f for f in FEEDBACK_FIELDS if f.name == "fitness")
_DURATION = next(f for f in FEEDBACK_FIELDS if f.name == "expected_duration")

PROBLEM_ANALYSIS_FIELDS = [
    Field("assessed_on", "Datum probleemanalyse", kind="date", required=True),
    _FITNESS,
    Field("limitations", "Beperkingen in werktermen", kind="text"),
    Field("capacities", "Mogelijkheden", kind="text"),
    _DURATION,
    Field("prognosis", "Verwachting herstel en werkhervatting", kind="text"),
    Field("advice", "Advies over werkhervatting en re-integratie", kind="text", required=True),
    Field("adjustments", "Aanpassingen of voorzieningen", kind="text"),
    Field("medical", "Medisch deel (alleen voor de werknemer)", kind="text", required=True),
]
CURRENT_OPINION_FIELDS = [
    Field("assessed_on", "Datum oordeel", kind="date", required=True),
    _FITNESS,
    Field("opinion", "Actueel oordeel: beperkingen en mogelijkheden", kind="text", required=True),
    Field("prognosis", "Prognose", kind="text"),
    Field("reintegration", "Oordeel over de re-integratie tot nu toe", kind="text"),
    Field("advice", "Advies voor de komende periode", kind="text"),
]


def problem_analysis_dialog(ctx: AppContext, employee_id: int, case_id: int, parent=None) -> ReleaseFormDialog:
    from desktop_app.domain.uwv_documents import ProblemAnalysisForm
    from desktop_app.services import uwv_documents

    intro = ("De probleemanalyse (week 6). Het functionele deel, in werktermen, gaat naar de werkgever en de "
             "werknemer. Het medische deel komt in het medische dossier en gaat alleen naar de werknemer. Na "
             "goedkeuring staat de stap als gedaan op de Poortwachter-tijdlijn.")
    from ui import medical_windows

    return medical_windows.mark(ReleaseFormDialog(
        ctx, "Probleemanalyse maken", intro, PROBLEM_ANALYSIS_FIELDS,
        lambda s, v: uwv_documents.make_problem_analysis(s, employee_id, case_id, ProblemAnalysisForm(**v)),
        values={"assessed_on": nl(date.today()), "expected_duration": "unknown"}, parent=parent), employee_id)


def current_opinion_dialog(ctx: AppContext, employee_id: int, case_id: int, parent=None) -> ReleaseFormDialog:
    """The form, with the dossier data the document is made from shown above the buttons."""
    from desktop_app.domain.uwv_documents import CurrentOpinionForm
    from desktop_app.services import uwv_documents

    intro = ("Het actuele oordeel van de bedrijfsarts voor het re-integratieverslag (week 87–91), in werktermen. "
             "Het wordt gemaakt uit het dossier zoals het nu is: de ziekmelding, de laatste goedgekeurde "
             "terugkoppeling, de laatste FML (alleen de scores) en het re-integratietraject.")
    dialog = ReleaseFormDialog(
        ctx, "Actueel oordeel maken", intro, CURRENT_OPINION_FIELDS,
        lambda s, v: uwv_documents.make_current_opinion(s, employee_id, case_id, CurrentOpinionForm(**v)),
        values={"assessed_on": nl(date.today())}, parent=parent)
    from ui import medical_windows

    medical_windows.mark(dialog, employee_id)  # made from the FML's scores
    dialog.facts = plain("Gegevens uit het dossier worden geladen…")
    dialog.facts.setObjectName("opinion_facts")
    dialog.extra.addWidget(dialog.facts)
    read(dialog, ctx, uwv_documents.opinion_facts, employee_id, case_id) \
        .success(lambda f: dialog.facts.setText(facts_text(f))).errors_to(dialog.error).run_in_background()
    return dialog


def facts_text(f) -> str:
    parts = [f"Eerste ziektedag {f.first_day}, nu {f.percentage} arbeidsongeschikt."]
    parts.append(f"Terugkoppeling: {dict(f.feedback).get('Oordeel', '')} van {dict(f.feedback).get('Datum', '')}."
                 if f.feedback else "Geen goedgekeurde terugkoppeling.")
    parts.append(f"FML van {f.fml_date}: {f.fml[0]}" if f.fml else "Geen FML.")
    parts.append(f"Traject: {dict(f.trajectory).get('Spoor', '')}." if f.trajectory else "Geen traject.")
    return " ".join(parts)


def uwv_handover_dialog(ctx: AppContext, document, parent=None) -> ReleaseFormDialog:
    """Record that the approved document went to the employer; the employee gets it in full."""
    from desktop_app.domain.releases import METHODS
    from desktop_app.services import releases

    def save(session, v):
        return releases.release_uwv_document_to_employer(session, document.id, v["method"],
                                                         handed_on=v["handed_on"], handed_to=v["handed_to"],
                                                         note=v["note"])

    fields = [Field("method", "Hoe verstrekt", kind="choice", choices=list(METHODS.items())),
              Field("handed_on", "Verstrekt op", kind="date", required=True),
              Field("handed_to", "Aan (leeg: de werkgever)"),
              Field("note", "Toelichting", kind="text")]
    intro = (f"{document.kind.label} van {nl(document.assessed_on)}: de werkgever krijgt het functionele deel, "
             "de werknemer het volledige document. Beide komen in het overzicht van inzage en verstrekking.")
    return ReleaseFormDialog(ctx, "Verstrekt aan de werkgever", intro, fields, save,
                             values={"handed_on": nl(date.today())}, parent=parent, save_text="Vastleggen")
