"""Forms for signing on paper, filled in: the consent form and the authorisation form.

A consent recorded with an on-screen signature prints with that signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from desktop_app.documents.layout import (
    Letterhead,
    build_pdf,
    field_table,
    fitted_image,
    para,
    signature_lines,
    spacer,
    styles,
)


@dataclass(frozen=True)
class ConsentFormData:
    employee_name: str
    birth_date: str
    physician_name: str
    recipient_name: str
    recipient_organisation: str
    recipient_role: str
    data_described: str
    purpose: str
    valid_until: str
    signed_on: str = ""
    signature_png: bytes | None = None


@dataclass(frozen=True)
class AuthorisationFormData:
    employee_name: str
    birth_date: str
    representative_name: str
    representative_relation: str
    scope: str
    valid_until: str
    signed_on: str = ""


def _signature(png: bytes | None, st) -> list:
    if not png:
        return []
    try:
        image = fitted_image(png, 60 * mm, 40 * mm, enlarge=True)
    except Exception:
        return [para("(handtekening kon niet worden weergegeven)", st["small"])]
    return [para("Handtekening (op het scherm gezet):", st["small"]), image]


def consent_form_pdf(d: ConsentFormData, *, letterhead: Letterhead, created: datetime) -> bytes:
    st = styles()
    title = "Toestemming voor het verstrekken van medische gegevens"
    story = [
        para(title, st["title"]),
        para(f"Gericht aan de bedrijfsarts: {d.physician_name}", st["body"]),
        spacer(3),
        field_table([("Naam werknemer", d.employee_name), ("Geboortedatum", d.birth_date)], st),
        para("Ik geef toestemming om de volgende gegevens te verstrekken", st["h2"]),
        field_table([
            ("Aan (naam)", d.recipient_name), ("Organisatie", d.recipient_organisation),
            ("Hoedanigheid", d.recipient_role), ("Welke gegevens", d.data_described),
            ("Doel", d.purpose), ("Geldig tot", d.valid_until),
        ], st),
        spacer(3),
    ]
    signing = [
        para("Ik weet dat ik deze toestemming altijd kan intrekken. Ik heb deze toestemming gegeven "
             "nadat mij is uitgelegd welke gegevens worden verstrekt en waarom. Een bedrijfsarts "
             "beoordeelt het verzoek voordat er iets wordt verstrekt.", st["body"]),
        spacer(6),
        *_signature(d.signature_png, st),
    ]
    signing += [field_table([("Datum", d.signed_on)], st)] if d.signed_on else []
    if not d.signature_png:
        signing.append(signature_lines(["Plaats en datum", "Handtekening werknemer"], st))
    story.append(KeepTogether(signing))  # the declaration stands on the page that is signed
    return build_pdf(title, story, letterhead=letterhead, created=created)


def authorisation_form_pdf(d: AuthorisationFormData, *, letterhead: Letterhead, created: datetime) -> bytes:
    st = styles()
    title = "Machtiging voor inzage in het dossier"
    story = [
        para(title, st["title"]),
        field_table([("Naam werknemer", d.employee_name), ("Geboortedatum", d.birth_date)], st),
        para("Ik machtig", st["h2"]),
        field_table([("Naam gemachtigde", d.representative_name), ("Relatie", d.representative_relation),
                     ("Omvang van de machtiging", d.scope), ("Geldig tot", d.valid_until)], st),
        spacer(3),
        KeepTogether([  # the conditions stand on the page that is signed
            para("De gemachtigde legitimeert zich bij de inzage. Gegevens over anderen en de persoonlijke "
                 "werkaantekeningen van de bedrijfsarts vallen buiten de inzage.", st["body"]),
            spacer(6),
            signature_lines(["Plaats en datum", "Handtekening werknemer", "Handtekening gemachtigde"], st),
        ]),
    ]
    return build_pdf(title, story, letterhead=letterhead, created=created)
