"""The register of processing activities (AVG art. 30 lid 1), generated from what the program
does and how the practice set it up: the controller from the settings, the purposes and the
categories of data subjects and data from the records the program keeps, the recipients from
the release rules (the employer only functional feedback, others only with the employee's
targeted consent, the legal duties), the processors from a setting, the retention periods as
configured, the 2-year trajectory rule, the statistics (totals only, small groups suppressed),
and the security measures with the lock times as set.

AVG art. 30 lid 1 asks for: (a) the controller's and the data-protection officer's name and
contact details; (b) the purposes; (c) the categories of data subjects and of personal data;
(d) the categories of recipients; (e) transfers outside the EEA; (f) where possible the periods
after which the data are erased; (g) where possible a description of the security measures
(gdprinfo.eu/nl/nl-article-30; europadecentraal.nl "Register van verwerkingen").

The data-protection officer's contact and the complaint procedure are settings of their own:
every setting whose key starts with one of ``PRIVACY_CONTACT_PREFIXES`` is listed under its
label, and the route to the Autoriteit Persoonsgegevens (AVG art. 77) is always named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop_app.domain.retention import RULES

# The settings that name the FG (functionaris gegevensbescherming) and the complaint route; the
# "requests" work adds them. Seam: any setting with such a key shows in the register.
PRIVACY_CONTACT_PREFIXES = ("dpo_", "fg_", "complaint")
PROCESSORS_KEY = "register_processors"
AP_ROUTE = ("Klacht bij de Autoriteit Persoonsgegevens (AVG art. 77): "
            "autoriteitpersoonsgegevens.nl, Postbus 93374, 2509 AJ Den Haag")


@dataclass(frozen=True)
class LegalDuty:
    """Information that leaves without consent because a law requires it."""

    recipient: str
    what: str
    basis: str


# Seam: the "releases" work records these releases with their basis; its list replaces this one.
LEGAL_DUTIES: tuple[LegalDuty, ...] = (
    LegalDuty("verzekeringsarts van UWV", "medische gegevens die nodig zijn voor de beoordeling "
              "(Ziektewet, WIA), op verzoek", "Wet SUWI art. 54 lid 3 sub c"),
    LegalDuty("Nederlands Centrum voor Beroepsziekten (NCvB)", "melding van een beroepsziekte",
              "Arbowet art. 9 lid 3"),
)


@dataclass(frozen=True)
class Activity:
    purpose: str
    subjects: str
    data: str
    legal_basis: str
    recipients: str
    retention: str


@dataclass(frozen=True)
class ProcessingRegister:
    controller: tuple[tuple[str, str], ...]  # (label, value)
    privacy_contacts: tuple[tuple[str, str], ...]
    activities: tuple[Activity, ...]
    processors: tuple[str, ...]
    transfers: str
    security: tuple[str, ...]


@dataclass(frozen=True)
class RegisterInputs:
    settings: Mapping[str, str]
    setting_labels: Mapping[str, str]  # key → Dutch label, of every known setting
    retention_years: Mapping[str, int]  # as configured (services.retention.years)
    consent_recipients: Sequence[str]  # the kinds of recipient a consent can name
    legal_duties: Sequence[LegalDuty] = LEGAL_DUTIES
    min_group: int = 10
    min_cell: int = 3


def _years(n: int) -> str:
    return f"{n} jaar"


def _join(items: Sequence[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _controller(s: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    address = ", ".join(x for x in (s.get("practice_address", ""),
                                    f"{s.get('practice_postcode', '')} {s.get('practice_city', '')}".strip()) if x)
    rows = [("Verwerkingsverantwoordelijke", s.get("practice_name", "") or "(naam niet ingesteld)"),
            ("Adres", address), ("Telefoon", s.get("practice_phone", "")),
            ("E-mail", s.get("practice_email", "")), ("KvK", s.get("practice_kvk", ""))]
    return tuple((label, value) for label, value in rows if value)


def _privacy(inputs: RegisterInputs) -> tuple[tuple[str, str], ...]:
    rows = []
    for key in sorted(inputs.settings):
        value = (inputs.settings.get(key) or "").strip()
        if key.startswith(PRIVACY_CONTACT_PREFIXES) and value:
            rows.append((inputs.setting_labels.get(key, key), value))
    if not any(k.startswith(("dpo_", "fg_")) and (inputs.settings.get(k) or "").strip()
               for k in inputs.settings):
        rows.insert(0, ("Functionaris gegevensbescherming", "niet vastgelegd in de instellingen"))
    if not any(k.startswith("complaint") and (inputs.settings.get(k) or "").strip()
               for k in inputs.settings):
        rows.append(("Klachtenregeling van de praktijk", "niet vastgelegd in de instellingen"))
    rows.append(("Autoriteit Persoonsgegevens", AP_ROUTE))
    return tuple(rows)


def _personal_retention(y: Mapping[str, int]) -> str:
    text = f"{_years(y['personal'])} na het einde van het dienstverband of van het contract met de werkgever"
    return text + f"; loongerelateerde gegevens {_years(y['payroll'])}"


def _medical_retention(y: Mapping[str, int]) -> str:
    # The counting domain.retention.medical_term applies: from the later of the two days.
    return (f"{_years(y['medical'])} na de laatste wijziging van het dossier of na het einde van het "
            "dienstverband (of van het contract met de werkgever), wat het laatst is (WGBO art. 7:454 "
            "BW: 20 jaar); bij een blootstellingsregistratie zo lang als die")


def _exposure_retention(y: Mapping[str, int]) -> str:
    return (f"{_years(y['carcinogenic'])} na het einde van de blootstelling aan kankerverwekkende "
            f"stoffen of biologische agentia; {_years(y['radiation'])} na ioniserende straling")


def build(inputs: RegisterInputs) -> ProcessingRegister:
    # A period the retention rules no longer name falls back to its default, never to a crash.
    y = {**{name: rule.years for name, rule in RULES.items()}, **inputs.retention_years}
    s = inputs.settings
    employees = "Werknemers van de werkgevers met een contract met de praktijk"
    consented = _join(list(inputs.consent_recipients))
    duties = "; ".join(f"{d.recipient}: {d.what} ({d.basis})" for d in inputs.legal_duties)
    recent = s.get("consent_recent_months", "3")
    activities = (
        Activity(
            "Verzuimbegeleiding en re-integratie (Wet verbetering poortwachter): ziekmeldingen, "
            "termijnen (ook die van de ziekmeldingen bij UWV), activiteiten en afspraken, "
            "terugkoppeling aan de werkgever",
            f"{employees}; contactpersonen van werkgevers",
            "Naam, adres, geboortedatum, geslacht, BSN, contactgegevens; dienstverband "
            "(functie, contracturen, in en uit dienst); verzuim (eerste ziektedag, percentage, "
            "herstel, soort verzuim, vangnetgrond, uitgerekende datum en verlof bij "
            "zwangerschap); activiteiten, afspraken en functionele terugkoppeling",
            "AVG art. 6 lid 1 c (BW art. 7:629 en 7:658a, Arbowet art. 14) en art. 9 lid 2 b "
            "met UAVG art. 30 lid 1 a",
            "Werkgever: alleen of de werknemer kan werken, de beperkingen en mogelijkheden in "
            "werktermen, de verwachte duur en het advies, na goedkeuring door de bedrijfsarts; "
            "nooit de diagnose, de soort verzuim of de vangnetgrond zonder toestemming. De "
            "werknemer krijgt alles wat naar de werkgever gaat",
            _personal_retention(y)),
        Activity(
            "Medisch dossier van de bedrijfsarts: spreekuur, probleemanalyse (medisch deel), "
            "functionele mogelijkheden (FML), brieven van en aan behandelaars, diagnose, bijlagen",
            employees,
            "Gezondheidsgegevens (bijzondere persoonsgegevens), apart versleuteld; alleen "
            "voor medisch personeel",
            "AVG art. 9 lid 2 h met UAVG art. 30 lid 3; WGBO (BW art. 7:454 en 7:457); "
            "KNMG-richtlijn Omgaan met medische gegevens",
            f"Alleen met gerichte, schriftelijke toestemming van de werknemer (niet ouder dan "
            f"{recent} maanden), na beoordeling door de bedrijfsarts: {consented}. Zonder "
            f"toestemming alleen op grond van een wettelijke plicht: {duties}. De werknemer "
            "zelf: inzage en afschrift",
            _medical_retention(y)),
        Activity(
            "Registratie van blootstelling aan kankerverwekkende stoffen, biologische agentia "
            "en ioniserende straling",
            employees,
            "Soort blootstelling, stof of bron, periode",
            "AVG art. 6 lid 1 c en art. 9 lid 2 b (Arbobesluit art. 4.10c en 4.91; "
            "Besluit basisveiligheidsnormen stralingsbescherming)",
            "Niemand zonder toestemming van de werknemer",
            _exposure_retention(y)),
        Activity(
            "Re-integratietraject (eerste of tweede spoor): plan van aanpak, evaluaties, "
            "verslagen",
            employees,
            "Traject, spoor, aanbieder, begin en einde, plan van aanpak, evaluaties",
            "AVG art. 6 lid 1 c (BW art. 7:658a) en art. 9 lid 2 b met UAVG art. 30 lid 1 a",
            "Werkgever en werknemer (functioneel, zoals hierboven); re-integratiebedrijf alleen "
            "met toestemming",
            f"{_years(y['trajectory'])} na het einde van het traject; daarna geanonimiseerd"),
        Activity(
            "Verzuimstatistiek voor de werkgever (Vernet-definities)",
            employees,
            "Ziekmeldingen, duur, percentages, contracturen en dienstverbandperiodes; het "
            "personeelsbestand zoals de werkgever het opgaf",
            "Advies aan de werkgever over het verzuim (Arbowet art. 14); alleen totalen "
            "(AVG art. 5 lid 1 c, dataminimalisatie)",
            f"Werkgever: alleen totalen, zonder namen; bij minder dan {inputs.min_group} "
            f"werknemers geen cijfers, aantallen onder {inputs.min_cell} als "
            f"'< {inputs.min_cell}'",
            "Niet apart bewaard: elk overzicht wordt opnieuw berekend"),
        Activity(
            "Rechten van de werknemer: inzage, afschrift, correctie, vernietiging, beperking, "
            "overdracht, bezwaar; klachten",
            "Werknemers en hun gemachtigden",
            "Verzoeken, identiteitscontrole (kopie zonder foto, MRZ, documentnummer en BSN), "
            "machtigingen, besluiten en de verklaring van de werknemer",
            "AVG art. 6 lid 1 c (AVG art. 12–22; WGBO art. 7:456)",
            "Niemand; na een correctie, vernietiging of beperking worden eerdere ontvangers "
            "ingelicht (AVG art. 19)",
            _personal_retention(y)),
        Activity(
            "Logboek van elke toegang (NEN 7513) en het overzicht voor de werknemer",
            "Gebruikers van de praktijk en werknemers",
            "Wie, in welke rol, namens wie, wanneer, welke werknemer, welke gegevens, welke "
            "handeling, met welke uitkomst",
            "AVG art. 32 (beveiliging); NEN 7513",
            "De werknemer: een overzicht van wie zijn dossier inzag of ontving",
            "Ten minste 5 jaar"),
        Activity(
            "Gebruikers en toegang",
            "Medewerkers van de praktijk",
            "Naam, rol, BIG- of registratienummer, geheimhoudingsverklaring",
            "AVG art. 6 lid 1 c en f (beveiliging, AVG art. 32)",
            "Niemand",
            "Zolang het account bestaat; in het logboek ten minste 5 jaar"),
    )
    processors = tuple(p.strip() for p in (s.get(PROCESSORS_KEY) or "").split(";") if p.strip())
    lock_m, lock_all = s.get("medical_lock_minutes", "5"), s.get("full_lock_minutes", "15")
    security = (
        "Alle gegevens staan versleuteld (SQLCipher, AES-256) op de werkplekken van de praktijk; "
        "het medische deel heeft een eigen sleutel en opent alleen voor medisch personeel met "
        "een eigen wachtzin.",
        f"Het medische deel vergrendelt na {lock_m} minuten zonder gebruik, het hele programma na "
        f"{lock_all} minuten.",
        "Elke toegang tot een dossier staat in een ondertekend logboek dat wijzigingen zichtbaar maakt.",
        "Een assistent ziet medische gegevens alleen na een getekende geheimhoudingsverklaring.",
        "Niets van het medische deel wordt onversleuteld op schijf gezet; documenten worden "
        "alleen opgeslagen op een plek die de gebruiker kiest, desgewenst met een wachtwoord.",
    )
    return ProcessingRegister(
        _controller(s), _privacy(inputs), activities,
        processors or ("Geen verwerkers vastgelegd (instelling 'Verwerkers').",),
        "Geen: het programma bewaart en verstuurt niets buiten de werkplekken van de praktijk.",
        security)
