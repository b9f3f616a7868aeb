"""The merge fields a letter template may use: each field's name, its Dutch description, and where
its value comes from (the source). A template names fields as ``{werknemer.naam}``; which sources
a template may draw on is part of the template (``letter_templates``), so a field whose source the
letter does not have (the consent in an invitation) is refused like an unknown one.

Values are plain text: whatever a field holds is printed as text, never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    """Where a field's value comes from."""

    EMPLOYEE = "employee"
    EMPLOYER = "employer"
    CASE = "case"
    PRACTICE = "practice"
    SENDER = "sender"
    DATE = "date"
    APPOINTMENT = "appointment"  # passed in by the caller (the agenda)
    CONSENT = "consent"
    REQUEST = "request"
    NOTICE = "notice"
    NO_SHOW = "no_show"  # the recorded appointment the employee did not appear at
    CALLER = "caller"  # typed by the user when the letter is made

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self.value]


_SOURCE_LABELS = {
    "employee": "het dossier van de werknemer", "employer": "de gegevens van de werkgever",
    "case": "het laatste verzuimgeval", "practice": "de instellingen van de praktijk",
    "sender": "de gebruiker die de brief maakt", "date": "de datum van vandaag",
    "appointment": "de afspraak (in te vullen of uit de agenda)",
    "consent": "de gekozen toestemming van de werknemer", "request": "het gekozen verzoek van de werknemer",
    "notice": "de gekozen ontvanger van eerder verstrekte gegevens",
    "no_show": "de afspraak waarop de werknemer niet verscheen (uit de agenda)",
    "caller": "in te vullen bij het maken van de brief",
}

# The sources every letter has.
BASE_SOURCES = frozenset({Source.EMPLOYEE, Source.EMPLOYER, Source.CASE, Source.PRACTICE, Source.SENDER,
                          Source.DATE})

# Sources whose values the user types (or the agenda passes) when the letter is made.
TYPED_SOURCES = frozenset({Source.APPOINTMENT, Source.CALLER})


@dataclass(frozen=True)
class MergeField:
    name: str
    description: str
    source: Source

    @property
    def token(self) -> str:
        return "{" + self.name + "}"


def _f(name: str, description: str, source: Source) -> MergeField:
    return MergeField(name, description, source)


_ALL = (
    _f("werknemer.naam", "Naam van de werknemer (voorletters, tussenvoegsel, achternaam)", Source.EMPLOYEE),
    _f("werknemer.voornamen", "Voornamen van de werknemer", Source.EMPLOYEE),
    _f("werknemer.achternaam", "Achternaam van de werknemer, met tussenvoegsel", Source.EMPLOYEE),
    _f("werknemer.geboortedatum", "Geboortedatum van de werknemer (dd-mm-jjjj)", Source.EMPLOYEE),
    _f("werknemer.adres", "Straat en huisnummer van de werknemer", Source.EMPLOYEE),
    _f("werknemer.postcode", "Postcode van de werknemer", Source.EMPLOYEE),
    _f("werknemer.plaats", "Woonplaats van de werknemer", Source.EMPLOYEE),
    _f("werknemer.personeelsnummer", "Personeelsnummer", Source.EMPLOYEE),
    _f("werknemer.functie", "Functie van de werknemer", Source.EMPLOYEE),
    _f("werkgever.naam", "Naam van de werkgever", Source.EMPLOYER),
    _f("werkgever.contactpersoon", "Contactpersoon bij de werkgever", Source.EMPLOYER),
    _f("werkgever.adres", "Straat en huisnummer van de werkgever", Source.EMPLOYER),
    _f("werkgever.postcode", "Postcode van de werkgever", Source.EMPLOYER),
    _f("werkgever.plaats", "Vestigingsplaats van de werkgever", Source.EMPLOYER),
    _f("verzuim.eerste_dag", "Eerste verzuimdag van het laatste verzuimgeval (dd-mm-jjjj)", Source.CASE),
    _f("verzuim.soort", "Soort verzuim (ziekte, zwangerschap, …) van het laatste verzuimgeval", Source.CASE),
    _f("praktijk.naam", "Naam van de praktijk", Source.PRACTICE),
    _f("praktijk.adres", "Adres van de praktijk", Source.PRACTICE),
    _f("praktijk.postcode", "Postcode van de praktijk", Source.PRACTICE),
    _f("praktijk.plaats", "Plaats van de praktijk", Source.PRACTICE),
    _f("praktijk.telefoon", "Telefoonnummer van de praktijk", Source.PRACTICE),
    _f("praktijk.email", "E-mailadres van de praktijk", Source.PRACTICE),
    _f("arts.naam", "Naam van de bedrijfsarts (de ondertekenaar, of voor wie de assistent werkt)", Source.SENDER),
    _f("arts.registratie", "BIG-registratie van de bedrijfsarts", Source.SENDER),
    _f("afzender.naam", "Naam van de gebruiker die de brief maakt", Source.SENDER),
    _f("afzender.functie", "Functie van de gebruiker die de brief maakt", Source.SENDER),
    _f("datum.vandaag", "De datum van vandaag (dd-mm-jjjj)", Source.DATE),
    _f("afspraak.datum", "Datum van de afspraak", Source.APPOINTMENT),
    _f("afspraak.tijd", "Tijd van de afspraak", Source.APPOINTMENT),
    _f("afspraak.plaats", "Plaats van de afspraak", Source.APPOINTMENT),
    _f("afspraak.meenemen", "Wat de werknemer meeneemt naar de afspraak", Source.APPOINTMENT),
    _f("toestemming.ontvanger", "Aan wie de toestemming verstrekking toestaat (de behandelaar)", Source.CONSENT),
    _f("toestemming.organisatie", "Organisatie van de behandelaar", Source.CONSENT),
    _f("toestemming.gegevens", "Welke gegevens de toestemming noemt", Source.CONSENT),
    _f("toestemming.doel", "Het doel dat de toestemming noemt", Source.CONSENT),
    _f("toestemming.getekend", "Datum waarop de werknemer de toestemming tekende", Source.CONSENT),
    _f("toestemming.geldig_tot", "Tot wanneer de toestemming geldt", Source.CONSENT),
    _f("verzoek.soort", "Soort verzoek van de werknemer (inzage, correctie, …)", Source.REQUEST),
    _f("verzoek.artikel", "Wetsartikel van het verzoek", Source.REQUEST),
    _f("verzoek.ontvangen", "Datum waarop het verzoek binnenkwam", Source.REQUEST),
    _f("verzoek.uitkomst", "Wat het verzoek heeft opgeleverd (zoals vastgelegd)", Source.REQUEST),
    _f("ontvanger.naam", "Naam van de eerdere ontvanger", Source.NOTICE),
    _f("ontvanger.gegevens", "Welke gegevens de ontvanger eerder kreeg", Source.NOTICE),
    _f("ontvanger.verstrekt_op", "Datum waarop de gegevens werden verstrekt", Source.NOTICE),
    _f("wijziging.soort", "Wat er met de gegevens gebeurde (gecorrigeerd, gewist, beperkt)", Source.NOTICE),
    _f("wijziging.datum", "Datum van de correctie, wissing of beperking", Source.NOTICE),
    _f("niet_verschenen.datum", "Datum van de afspraak waarop de werknemer niet verscheen", Source.NO_SHOW),
    _f("niet_verschenen.tijd", "Tijd van de afspraak waarop de werknemer niet verscheen", Source.NO_SHOW),
    _f("brief.vraag", "De vraag aan de behandelaar", Source.CALLER),
    _f("brief.tekst", "Vrije tekst, in te vullen bij het maken van de brief", Source.CALLER),
)

FIELDS: dict[str, MergeField] = {f.name: f for f in _ALL}


def fields_for(sources: frozenset[Source]) -> list[MergeField]:
    """The fields a template with these sources may use, in catalogue order."""
    return [f for f in _ALL if f.source in sources]
