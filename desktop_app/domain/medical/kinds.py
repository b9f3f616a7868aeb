"""The kinds of medical entry: their Dutch labels, their form fields, and who records them.

A body is stored as a JSON object in ``medical_entry_versions.body``, one per version of an entry
(``bodies``). The stored shapes, which copies and exports read too:

=================  =====================================================================
consultation       ``{"s", "o", "e", "p", "text"}`` — only the fields that were filled in
open_consultation  ``{"occasion", "s", "o", "e", "p", "text"}`` — a consultation without an
                   absence case (``open_consultations``)
examination        ``{"examination", "findings", "outcome"}`` — a keuring (``examinations``)
problem_analysis   ``{"text"}``
fml                ``{"summary"?, "items": {item code: {"score": score code, "note": text}}}``
letter_in / _out   ``{"correspondent", "summary", "letter_date"?}`` (ISO date)
diagnosis          ``{"system", "code", "description"}``
note               ``{"text"}``
=================  =====================================================================

Which permission recording a kind needs is decided here (``permissions_to_record``) and checked by
the service with the one mechanism (``services.authz``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NewType

from desktop_app.domain.permissions import Permission

EntryId = NewType("EntryId", int)


class EntryKind(StrEnum):
    CONSULTATION = "consultation"
    PROBLEM_ANALYSIS = "problem_analysis"
    FML = "fml"
    LETTER_IN = "letter_in"
    LETTER_OUT = "letter_out"
    DIAGNOSIS = "diagnosis"
    NOTE = "note"
    OPEN_CONSULTATION = "open_consultation"
    EXAMINATION = "examination"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self.value]


_KIND_LABELS = {
    "consultation": "Consult",
    "problem_analysis": "Probleemanalyse (medisch deel)",
    "fml": "Functionele mogelijkhedenlijst (FML)",
    "letter_in": "Brief van behandelaar",
    "letter_out": "Brief aan behandelaar",
    "diagnosis": "Diagnose",
    "note": "Aantekening",
    "open_consultation": "Consult zonder verzuim",
    "examination": "Keuring",
}

# Never tied to an absence case: the employee's own question, a preventive consultation, a keuring.
WITHOUT_CASE = frozenset({EntryKind.OPEN_CONSULTATION, EntryKind.EXAMINATION})

# The assistant, under derived medical secrecy and acting for a physician, records what arrives
# and goes out (letters) and administrative notes; besides these, attachments and the employee's
# statements (their own modules). The medical judgement — consultation, problem analysis, FML,
# diagnosis — is the physician's (Permission.MEDICAL_CLINICAL), and so are corrections and exposure
# registrations. A kind not listed here is the physician's.
STAFF_KINDS = frozenset({EntryKind.LETTER_IN, EntryKind.LETTER_OUT, EntryKind.NOTE})


def permissions_to_record(kind: EntryKind) -> tuple[Permission, ...]:
    """What the user must hold to record an entry of ``kind`` (see domain.permissions)."""
    if kind in STAFF_KINDS:
        return (Permission.MEDICAL_WRITE,)
    return (Permission.MEDICAL_WRITE, Permission.MEDICAL_CLINICAL)


# Which fields each kind's form has: (name, Dutch label, required). FML items come on top.
BODY_FIELDS: dict[EntryKind, list[tuple[str, str, bool]]] = {
    EntryKind.CONSULTATION: [("s", "S – subjectief", False), ("o", "O – objectief", False),
                             ("e", "E – evaluatie", False), ("p", "P – plan", False),
                             ("text", "Vrije tekst", False)],
    EntryKind.PROBLEM_ANALYSIS: [("text", "Medische probleemanalyse", True)],
    EntryKind.FML: [("summary", "Toelichting", False)],
    EntryKind.LETTER_IN: [("correspondent", "Van (behandelaar)", True),
                          ("letter_date", "Datum van de brief", False), ("summary", "Inhoud", True)],
    EntryKind.LETTER_OUT: [("correspondent", "Aan (behandelaar)", True),
                           ("letter_date", "Datum van de brief", False), ("summary", "Inhoud", True)],
    EntryKind.DIAGNOSIS: [("system", "Codering", True), ("code", "Code", True),
                          ("description", "Omschrijving", True)],
    EntryKind.NOTE: [("text", "Aantekening", True)],
    EntryKind.OPEN_CONSULTATION: [("occasion", "Aanleiding", True), ("s", "S – subjectief", False),
                                  ("o", "O – objectief", False), ("e", "E – evaluatie", False),
                                  ("p", "P – plan", False), ("text", "Vrije tekst", False)],
    EntryKind.EXAMINATION: [("examination", "Soort keuring", True),
                            ("findings", "Medische bevindingen", True),
                            ("outcome", "Uitslag", True)],
}

# Free-text fields per kind, kept exactly as typed (the FML's explanations come on top).
FREE_TEXT_FIELDS: dict[EntryKind, tuple[str, ...]] = {
    EntryKind.CONSULTATION: ("s", "o", "e", "p", "text"),
    EntryKind.PROBLEM_ANALYSIS: ("text",),
    EntryKind.FML: ("summary",),
    EntryKind.LETTER_IN: ("correspondent", "summary"),
    EntryKind.LETTER_OUT: ("correspondent", "summary"),
    EntryKind.DIAGNOSIS: ("description",),
    EntryKind.NOTE: ("text",),
    EntryKind.OPEN_CONSULTATION: ("s", "o", "e", "p", "text"),
    EntryKind.EXAMINATION: ("findings",),
}
