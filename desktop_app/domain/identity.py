"""How the requester's identity was checked before a request is handled (AVG art. 12 lid 6).

Two ways, both an identity check:

- a copy of the ID document, accepted only with the photo, the machine-readable zone, the
  document number and the BSN blacked out; kept only when the practice chooses to;
- the ID document shown at the desk: who checked it, which kind of document, on which day.
  Nothing is copied.
"""

from __future__ import annotations

from datetime import date

from desktop_app.errors import ValidationError

METHODS = {"copy": "kopie identiteitsbewijs (afgeschermd)", "desk": "getoond aan de balie"}

DOCUMENTS = {"passport": "paspoort", "id_card": "identiteitskaart", "driving_licence": "rijbewijs",
             "residence_permit": "verblijfsdocument"}


def check_masked_copy(*, photo_blacked: bool, mrz_blacked: bool, number_blacked: bool,
                      bsn_blacked: bool) -> None:
    if not all((photo_blacked, mrz_blacked, number_blacked, bsn_blacked)):
        raise ValidationError("identity", "Identiteit: de kopie moet pasfoto, MRZ-code, documentnummer en "
                                          "BSN afgeschermd tonen. Vraag een nieuwe kopie.")


def check_desk(document: str, checked_on: date, *, received_on: date, today: date) -> None:
    if document not in DOCUMENTS:
        raise ValidationError("identity_document", "Soort identiteitsbewijs: kies uit de lijst.")
    if checked_on > today:
        raise ValidationError("identity_checked_on", "Gecontroleerd op: ligt in de toekomst.")
    if checked_on < received_on:
        raise ValidationError("identity_checked_on", "Gecontroleerd op: ligt vóór de ontvangst van het "
                                                     "verzoek.")


def describe(method: str, document: str) -> str:
    """For the request's summary and letters: "getoond aan de balie (paspoort)"."""
    if not method:
        return "nog niet gecontroleerd"
    if method == "desk":
        return f"{METHODS['desk']} ({DOCUMENTS.get(document, document)})"
    return METHODS.get(method, method)
