"""The letter templates the program ships with. The practice may change each one's subject and
text (kept in practice.db); key, addressee, sources and whether it is medical stay as here."""

from __future__ import annotations

from desktop_app.domain.letter_fields import Source
from desktop_app.domain.letter_templates import LetterTemplate, Recipient

INVITATION = "uitnodiging_spreekuur"
EMPLOYER_NOTICE = "melding_werkgever_spreekuur"
INFO_REQUEST = "informatieverzoek_behandelaar"
RIGHTS_REPLY = "antwoord_verzoek"
RECIPIENT_NOTICE = "mededeling_eerdere_ontvanger"
GENERAL = "algemene_brief"
NO_SHOW_NOTICE = "melding_niet_verschenen"

_APPOINTMENT = frozenset({Source.APPOINTMENT})

DEFAULTS: tuple[LetterTemplate, ...] = (
    LetterTemplate(
        INVITATION, "Uitnodiging voor het spreekuur", Recipient.EMPLOYEE, _APPOINTMENT, False,
        "Uitnodiging voor het spreekuur van de bedrijfsarts",
        "Beste {werknemer.naam},\n\n"
        "U bent uitgenodigd voor het spreekuur van de bedrijfsarts, {arts.naam}.\n\n"
        "Datum: {afspraak.datum}\nTijd: {afspraak.tijd}\nPlaats: {afspraak.plaats}\n\n"
        "Neemt u mee: {afspraak.meenemen}\n\n"
        "Kunt u niet komen? Laat het ons dan zo snel mogelijk weten via {praktijk.telefoon} of "
        "{praktijk.email}. Wat u met de bedrijfsarts bespreekt, blijft onder het medisch beroepsgeheim; uw "
        "werkgever hoort alleen wat u wel en niet kunt in uw werk."),
    LetterTemplate(
        EMPLOYER_NOTICE, "Melding spreekuurafspraak aan de werkgever", Recipient.EMPLOYER, _APPOINTMENT, False,
        "Spreekuurafspraak van uw medewerker",
        "Geachte {werkgever.contactpersoon},\n\n"
        "Uw medewerker {werknemer.naam} (personeelsnummer {werknemer.personeelsnummer}) is uitgenodigd voor "
        "het spreekuur van de bedrijfsarts.\n\n"
        "Datum: {afspraak.datum}\nTijd: {afspraak.tijd}\n\n"
        "Na het spreekuur ontvangt u een terugkoppeling in functionele termen: wat uw medewerker wel en "
        "niet kan in het werk, de verwachte duur en ons advies. Medische gegevens ontvangt u niet."),
    LetterTemplate(
        INFO_REQUEST, "Verzoek om informatie aan de behandelaar", Recipient.TREATING_PHYSICIAN,
        frozenset({Source.CONSENT, Source.CALLER}), True,
        "Verzoek om medische informatie over {werknemer.naam}, geboren {werknemer.geboortedatum}",
        "Geachte collega {toestemming.ontvanger},\n\n"
        "Als bedrijfsarts begeleid ik {werknemer.naam}, geboren {werknemer.geboortedatum}, wonend te "
        "{werknemer.plaats}, bij het verzuim sinds {verzuim.eerste_dag}. Voor een goede begeleiding vraag "
        "ik u om de volgende informatie:\n\n"
        "{brief.vraag}\n\n"
        "Dit verzoek rust op de schriftelijke toestemming van de werknemer, getekend op "
        "{toestemming.getekend} en geldig tot {toestemming.geldig_tot}. De toestemming noemt als gegevens: "
        "{toestemming.gegevens}; en als doel: {toestemming.doel}. Een afschrift van de toestemming kan ik "
        "u op verzoek sturen.\n\n"
        "Ik vraag u alleen informatie te geven die voor dit doel nodig is. Uw antwoord valt onder het "
        "medisch beroepsgeheim en komt alleen in het medische deel van het dossier."),
    LetterTemplate(
        RIGHTS_REPLY, "Antwoord op een verzoek van de werknemer", Recipient.EMPLOYEE,
        frozenset({Source.REQUEST, Source.CALLER}), False,
        "Antwoord op uw verzoek om {verzoek.soort}",
        "Beste {werknemer.naam},\n\n"
        "Op {verzoek.ontvangen} ontvingen wij uw verzoek om {verzoek.soort} ({verzoek.artikel}). "
        "Hieronder leest u wat wij hebben gedaan.\n\n"
        "{verzoek.uitkomst}\n\n"
        "{brief.tekst}"),
    LetterTemplate(
        RECIPIENT_NOTICE, "Mededeling aan een eerdere ontvanger", Recipient.EARLIER_RECIPIENT,
        frozenset({Source.NOTICE}), False,
        "Mededeling over eerder verstrekte gegevens van {werknemer.naam}",
        "Geachte {ontvanger.naam},\n\n"
        "Op {ontvanger.verstrekt_op} ontving u van ons gegevens over {werknemer.naam}, geboren "
        "{werknemer.geboortedatum}: {ontvanger.gegevens}.\n\n"
        "Op verzoek van de werknemer zijn deze gegevens op {wijziging.datum} {wijziging.soort} "
        "(AVG art. 19). Wilt u de eerder ontvangen gegevens niet meer gebruiken, en ze wissen tenzij een "
        "eigen wettelijke plicht u dwingt ze te bewaren? Een gecorrigeerde versie sturen wij alleen met "
        "toestemming van de werknemer."),
    # Made from the "niet verschenen" record in the agenda. It names the appointment and nothing
    # else: the employer hears that the employee did not appear, never why (DESIGN.md §5).
    LetterTemplate(
        NO_SHOW_NOTICE, "Melding niet verschenen op het spreekuur", Recipient.EMPLOYER,
        frozenset({Source.NO_SHOW}), False,
        "Uw medewerker is niet verschenen op het spreekuur",
        "Geachte {werkgever.contactpersoon},\n\n"
        "Uw medewerker {werknemer.naam} (personeelsnummer {werknemer.personeelsnummer}) was uitgenodigd voor "
        "het spreekuur van de bedrijfsarts op {niet_verschenen.datum} om {niet_verschenen.tijd}, en is niet "
        "verschenen.\n\n"
        "Wij nodigen uw medewerker opnieuw uit. Een reden van het wegblijven geven wij niet door; wilt u "
        "daarover met uw medewerker in gesprek gaan, dan kan dat in het kader van de re-integratieafspraken."),
    LetterTemplate(
        GENERAL, "Brief", Recipient.EMPLOYEE, frozenset({Source.CALLER}), False,
        "Uw dossier bij {praktijk.naam}",
        "Beste {werknemer.naam},\n\n{brief.tekst}"),
)

BY_KEY: dict[str, LetterTemplate] = {t.key: t for t in DEFAULTS}
