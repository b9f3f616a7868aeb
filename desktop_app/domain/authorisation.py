"""A representative's authorisation (WGBO art. 7:465; AVG art. 12): signed, dated, and describing
its scope — which requests the representative may make, in words and as a list of kinds.

The authorisation form (``documents.forms.authorisation_form_pdf``) is what the employee signs;
the practice records what it says. A request from a representative is taken only within an
authorisation that is in date and covers its kind, and is checked again before anything is
shown or handed over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from desktop_app.domain import validation
from desktop_app.domain.dates import nl_date
from desktop_app.domain.requests import Authorisation, Request, RequestKind
from desktop_app.errors import ValidationError

RELATIONS = {"partner": "partner", "family": "familielid", "lawyer": "advocaat of rechtshulpverlener",
             "confidant": "vertrouwenspersoon", "guardian": "wettelijk vertegenwoordiger", "other": "anders"}


def parse_kinds(values: Iterable[str]) -> frozenset[RequestKind]:
    kinds = set()
    for value in values:
        try:
            kinds.add(RequestKind(value))
        except ValueError:
            raise ValidationError("authorisation_kinds", "Machtiging voor: kies uit de lijst.") from None
    if not kinds:
        raise ValidationError("authorisation_kinds", "Machtiging voor: kies ten minste één soort verzoek "
                                                     "zoals op de machtiging staat.")
    return frozenset(kinds)


def parse_authorisation(*, representative: str, relation: str, scope: str, kinds: Iterable[str],
                        signed_on: str, valid_until: str) -> Authorisation:
    """The authorisation as typed in, checked field by field (not yet against a request)."""
    representative = validation.text(representative, "requester_name", label="Naam gemachtigde",
                                     required=True, max_length=200)
    if relation not in RELATIONS:
        raise ValidationError("representative_relation", "Relatie tot de werknemer: kies uit de lijst.")
    scope = validation.text(scope, "authorisation_scope", label="Omvang van de machtiging", required=True,
                            max_length=2000, multiline=True)
    parsed_kinds = parse_kinds(kinds)
    signed = validation.parse_date_nl(signed_on, "authorisation_signed_on")
    until = validation.parse_date_nl(valid_until, "authorisation_valid_until",
                                     label="Machtiging geldig tot")
    if until < signed:
        raise ValidationError("authorisation_valid_until", "Machtiging geldig tot: ligt vóór de datum van "
                                                           "ondertekening.")
    return Authorisation(representative, relation, scope, parsed_kinds, signed, until)


def problem(authorisation: Authorisation, kind: RequestKind, on: date) -> tuple[str, str] | None:
    """(field, Dutch reason) why this authorisation does not carry a request of ``kind`` on
    ``on`` (the day it is received, or the day something is shown or handed over), or None."""
    if authorisation.signed_on > on:
        return ("authorisation_signed_on",
                f"Machtiging: ondertekend op {nl_date(authorisation.signed_on)}, na {nl_date(on)}. Een "
                "machtiging moet er zijn vóór het verzoek.")
    if authorisation.valid_until < on:
        return ("authorisation_valid_until",
                f"Machtiging verlopen: geldig tot {nl_date(authorisation.valid_until)}. Vraag de werknemer "
                "om een nieuwe, ondertekende en gedateerde machtiging.")
    if kind not in authorisation.kinds:
        covered = ", ".join(sorted(k.label.lower() for k in authorisation.kinds))
        return ("authorisation_kinds",
                f"Machtiging: geldt niet voor een verzoek om {kind.label.lower()} (alleen voor {covered}). "
                "Vraag de werknemer om een machtiging die dit noemt.")
    return None


def require_actionable(request: Request, kind: RequestKind, on: date) -> None:
    """``ValidationError`` unless ``request`` is a request of ``kind`` whose representative's
    authorisation (if any) carries it on ``on``."""
    if request.kind is not kind:
        raise ValidationError("kind", f"Dit is geen verzoek om {kind.label.lower()}.")
    if request.authorisation is not None:
        found = problem(request.authorisation, request.kind, on)
        if found:
            raise ValidationError(*found)
