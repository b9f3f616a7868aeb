"""The sealed medical information for UWV's insurance physician (verzekeringsarts), for the WIA
or Ziektewet assessment: a release under a legal duty (``releases.request_legal_release``, the
pattern of ``services.ncvb``), made from medical entries the physician chooses, its PDF kept with
the release in the medical section, reviewed by a physician before it leaves.

It goes through the employee, in a closed envelope, never through the employer:
``hand_over_sealed`` records the hand-over to the employee only, and ``releases.mark_released``
refuses any medical release recorded as handed to the employer. All of it is medical staff's:
the case manager neither makes, reads nor hands it over.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.documents.uwv_sealed import SealedEntry, SealedInformation, sealed_pdf
from desktop_app.domain import names
from desktop_app.domain.dates import nl_date
from desktop_app.domain.medical.entries import MedicalEntry
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.permissions import Permission
from desktop_app.domain.releases import LegalBasis, Method, Release
from desktop_app.domain.uwv_documents import SealedForm, parse_sealed
from desktop_app.errors import PermissionDenied
from desktop_app.services import cases, employees, medical_entries, releases
from desktop_app.services.authz import requires
from desktop_app.services.documents import letterhead, now, record_made
from desktop_app.services.session import Session

FILENAME = "medische-informatie-verzekeringsarts-uwv.pdf"
# Chosen at first: what an insurance physician asks for first.
FIRST_CHOICE = frozenset({EntryKind.PROBLEM_ANALYSIS, EntryKind.DIAGNOSIS, EntryKind.LETTER_IN})


@dataclass(frozen=True)
class SealedChoice:
    entry_id: int
    label: str
    chosen: bool  # suggested


def _entries(session: Session, employee_id: int) -> list[MedicalEntry]:
    """The entries that may go: not those marked as concerning other people's privacy."""
    return [e for e in medical_entries.list_entries(session, employee_id) if not e.third_party_privacy]


@requires(Permission.MEDICAL_CLINICAL)
def choices(session: Session, employee_id: int) -> list[SealedChoice]:
    """The employee's medical entries, newest first, the usual ones (and the latest FML) chosen."""
    out, fml_seen = [], False
    for e in _entries(session, employee_id):
        chosen = e.kind in FIRST_CHOICE or (e.kind is EntryKind.FML and not fml_seen)
        fml_seen = fml_seen or e.kind is EntryKind.FML
        out.append(SealedChoice(e.id, f"{nl_date(e.entry_date)} · {e.kind.label} · {e.summary(80)}", chosen))
    return out


@requires(Permission.MEDICAL_CLINICAL)
def sealed_pdf_for(session: Session, employee_id: int, form: SealedForm) -> bytes:
    """The PDF with its cover; ValidationErrors name the fields at fault."""
    entries = {e.id: e for e in _entries(session, employee_id)}
    basis, recipient, ids, note = parse_sealed(form, list(entries))
    legal = LegalBasis(basis)
    employee = employees.open_dossier(session, employee_id)
    case = max(cases.for_employee(session, employee_id), key=lambda c: c.first_day, default=None)
    info = SealedInformation(
        recipient, legal.label, legal.article,
        names.employee_formal_name(employee.given_names, employee.initials, employee.prefix, employee.surname),
        employee.birth_date, employee.bsn, employee.employer_name, case.first_day if case else None,
        session.user.display_name, session.user.registration, note,
        [SealedEntry(entries[i].kind.label, entries[i].entry_date, entries[i].author_name,
                     tuple(entries[i].display_lines())) for i in ids])
    pdf = sealed_pdf(info, letterhead=letterhead(session), created=now())
    record_made(session, "Medische informatie verzekeringsarts UWV", employee_id)
    return pdf


@requires(Permission.MEDICAL_CLINICAL, Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def request_sealed(session: Session, employee_id: int, form: SealedForm, *, physician: str) -> Release:
    """Make the PDF and ask for its release under the legal duty, reviewed by ``physician``. The
    release's wording names no medical data: only what kind of information goes and how."""
    pdf = sealed_pdf_for(session, employee_id, form)
    legal = LegalBasis(form.basis)
    count = len(tuple(dict.fromkeys(form.entry_ids)))
    return releases.request_legal_release(
        session, employee_id, legal.value, physician=physician, recipient_name=form.recipient_name,
        what=f"Medische informatie ({count} aantekening(en)), in gesloten envelop via de werknemer",
        purpose=legal.purpose, document=pdf, filename=FILENAME)


@requires(Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING)
def hand_over_sealed(session: Session, release_id: int, *, handed_on: str = "", note: str = "") -> Release:
    """The approved envelope was given to the employee, to take to UWV's insurance physician."""
    release = releases.get(session, release_id)
    if release.legal_basis not in (LegalBasis.UWV_WIA, LegalBasis.UWV_ZW):
        raise PermissionDenied("Dit is geen verstrekking aan de verzekeringsarts van UWV.",
                               detail=f"release {release_id}: not a UWV release")
    employee = employees.open_dossier(session, release.employee_id)
    return releases.mark_released(session, release_id, Method.TO_EMPLOYEE.value, handed_on=handed_on,
                                  handed_to=employee.display_name, note=note)
