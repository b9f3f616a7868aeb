"""The values of a letter's merge fields, gathered from where the catalogue says they come from
(``domain.letter_fields``), and the letter's addressee. Every value is plain text."""

from __future__ import annotations

from desktop_app.documents.layout import Letterhead
from desktop_app.documents.letter_parts import Addressee
from desktop_app.domain import names
from desktop_app.domain.dates import nl_date
from desktop_app.domain.letter_fields import Source
from desktop_app.domain.letter_templates import NOT_FOR_EMPLOYER, LetterTemplate, Recipient
from desktop_app.domain.permissions import Permission
from desktop_app.domain.requests import RECIPIENT_ROLES
from desktop_app.errors import ValidationErrors
from desktop_app.services import cases, consents, employees, employers, notices, requests, settings
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import users as users_store

# The recipients a request for information may go to: a treating physician or specialist.
TREATING_ROLES = ("treating_physician", "specialist")
CHANGED = {"correction": "gecorrigeerd", "erasure": "gewist", "restriction": "in hun verwerking beperkt"}


def _d(day) -> str:
    return nl_date(day) if day else ""


def _place(postcode: str, city: str) -> str:
    return " ".join(p for p in (postcode, city) if p)


@requires(Permission.PRACTICE_READ)
def gather(session: Session, t: LetterTemplate, employee_id: int, *, consent_id: int | None = None,
           request_id: int | None = None, release_id: int | None = None,
           booking_id: int | None = None) -> tuple[dict[str, str], Addressee]:
    """Field name → value for every source of ``t``, and to whom the letter goes. A consent,
    request or recipient the letter needs and does not get is refused at that field."""
    e = employees.open_dossier(session, employee_id)
    er = employers.get(session, e.employer_id)
    name = names.employee_formal_name(e.given_names, e.initials, e.prefix, e.surname)
    v = {
        "werknemer.naam": name, "werknemer.voornamen": e.given_names,
        "werknemer.achternaam": " ".join(p for p in (e.prefix, e.surname) if p),
        "werknemer.geboortedatum": _d(e.birth_date), "werknemer.adres": e.street, "werknemer.postcode": e.postcode,
        "werknemer.plaats": e.city, "werknemer.personeelsnummer": e.personnel_number,
        "werknemer.functie": e.job_title,
        "werkgever.naam": er.name, "werkgever.contactpersoon": er.contact_name, "werkgever.adres": er.street,
        "werkgever.postcode": er.postcode, "werkgever.plaats": er.city,
        "datum.vandaag": _d(session.today()),
        "afzender.naam": session.user.display_name, "afzender.functie": session.user.role.label,
    }
    all_cases = cases.for_employee(session, employee_id)
    if t.recipient == Recipient.EMPLOYER and Source.APPOINTMENT in t.sources \
            and not any(c.is_open for c in all_cases):
        raise ValidationErrors({"template": "Sjabloon: deze werknemer is niet ziek gemeld. Een afspraak buiten "
                                            "verzuim (een eigen vraag, een preventief consult) is een zaak van de "
                                            "werknemer: de werkgever krijgt er geen melding van."})
    latest = max(all_cases, key=lambda c: c.first_day, default=None)
    if latest is not None:
        v["verzuim.eerste_dag"] = _d(latest.first_day)
        v["verzuim.soort"] = latest.kind.label
    lh = Letterhead.from_settings(settings.all_settings(session))
    v.update({"praktijk.naam": lh.name, "praktijk.adres": ", ".join(lh.address_lines),
              "praktijk.postcode": lh.postcode, "praktijk.plaats": lh.city, "praktijk.telefoon": lh.phone,
              "praktijk.email": lh.email})
    physician = session.user if session.user.is_physician else (
        users_store.by_username(session.db, session.on_behalf_of) if session.on_behalf_of else None)
    if physician is not None:
        v["arts.naam"] = physician.display_name
        v["arts.registratie"] = physician.registration
    to = Addressee(name, tuple(p for p in (e.street, _place(e.postcode, e.city)) if p))
    if t.recipient == Recipient.EMPLOYER:
        to = Addressee(er.name, tuple(p for p in (f"t.a.v. {er.contact_name}" if er.contact_name else "", er.street,
                                                  _place(er.postcode, er.city)) if p))
    if Source.CONSENT in t.sources:
        to = _consent(session, v, employee_id, consent_id)
    if Source.REQUEST in t.sources or Source.NOTICE in t.sources:
        _request(session, v, employee_id, request_id)
    if Source.NOTICE in t.sources:
        to = _notice(session, v, request_id, release_id)  # type: ignore[arg-type]
    if Source.NO_SHOW in t.sources:
        _no_show(session, v, employee_id, booking_id)
    if t.recipient == Recipient.EMPLOYER:  # a template saved before the rule, or edited in the file
        for name in NOT_FOR_EMPLOYER:
            v.pop(name, None)
    return v, to


def _no_show(session: Session, v: dict[str, str], employee_id: int, booking_id: int | None) -> None:
    from desktop_app.services import agenda

    found = next((x for x in agenda.no_shows(session, employee_id) if x.booking.id == booking_id), None)
    if found is None:
        raise ValidationErrors({"booking_id": "Afspraak: kies de afspraak waarop de werknemer niet verscheen "
                                              "(vastgelegd in de agenda met 'Niet verschenen')."})
    v.update({"niet_verschenen.datum": _d(found.booking.starts.date()),
              "niet_verschenen.tijd": f"{found.booking.starts:%H:%M}"})


def _consent(session: Session, v: dict[str, str], employee_id: int, consent_id: int | None) -> Addressee:
    refusal = ("Toestemming: een verzoek om informatie aan een behandelaar rust op een geldige toestemming "
               "van de werknemer. Kies er een, of leg eerst de toestemming vast.")
    if consent_id is None:
        raise ValidationErrors({"consent_id": refusal})
    consent = consents.get(session, consent_id)
    if consent.employee_id != employee_id:
        raise ValidationErrors({"consent_id": refusal})
    status = consents.status_of(session, consent)
    if not status.usable:
        raise ValidationErrors({"consent_id": f"Toestemming: deze toestemming is {status.label}; een verzoek om "
                                              "informatie kan er niet op rusten."})
    if consent.recipient_role not in TREATING_ROLES:
        raise ValidationErrors({"consent_id": f"Toestemming: deze toestemming is voor {consent.role_label}, niet "
                                              "voor een behandelaar."})
    v.update({"toestemming.ontvanger": consent.recipient_name,
              "toestemming.organisatie": consent.recipient_organisation,
              "toestemming.gegevens": consent.data_scope, "toestemming.doel": consent.purpose,
              "toestemming.getekend": _d(consent.given_on), "toestemming.geldig_tot": _d(consent.valid_until)})
    return Addressee(consent.recipient_name, (consent.recipient_organisation,) if consent.recipient_organisation
                     else ())


def _request(session: Session, v: dict[str, str], employee_id: int, request_id: int | None) -> None:
    if request_id is None:
        raise ValidationErrors({"request_id": "Verzoek: kies het verzoek van de werknemer waar deze brief over "
                                              "gaat."})
    request = requests.get(session, request_id)
    if request.employee_id != employee_id:
        raise ValidationErrors({"request_id": "Verzoek: kies een verzoek van deze werknemer."})
    if request.open:
        raise ValidationErrors({"request_id": "Verzoek: het antwoord volgt als het verzoek is afgehandeld."})
    v.update({"verzoek.soort": request.kind.label.lower(), "verzoek.artikel": request.kind.article,
              "verzoek.ontvangen": _d(request.received_on), "verzoek.uitkomst": request.outcome})


def _notice(session: Session, v: dict[str, str], request_id: int, release_id: int | None) -> Addressee:
    change = notices.for_request(session, request_id)
    if change is None:
        raise ValidationErrors({"request_id": "Verzoek: dit verzoek heeft geen correctie, wissing of beperking "
                                              "opgeleverd waarover eerdere ontvangers iets horen."})
    recipient = next((r for r in change.recipients if r.release_id == release_id), None)
    if recipient is None:
        raise ValidationErrors({"release_id": "Ontvanger: kies een ontvanger die vóór de wijziging gegevens van "
                                              "ons kreeg."})
    v.update({"ontvanger.naam": recipient.name, "ontvanger.gegevens": recipient.what,
              "ontvanger.verstrekt_op": _d(recipient.released_on),
              "wijziging.soort": CHANGED.get(change.kind, change.kind_label), "wijziging.datum": _d(change.changed_on)})
    return Addressee(recipient.name, (recipient.role_label,) if recipient.role_label else ())


__all__ = ["CHANGED", "RECIPIENT_ROLES", "TREATING_ROLES", "gather"]
