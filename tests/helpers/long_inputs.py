"""The longest values the forms accept, written as worst-case text, for every document.

Each builder returns a :class:`Case`: the PDF and the values it must show, in the order the
document shows them. The values are built through the document builders' own input types
(``CopyContents``, ``FunctionalFeedback`` + ``LetterParties``, ``ConsentFormData``, …), as
``desktop_app/services/documents.py`` fills them.

Where each limit comes from (the validation that accepts it):

================================  =======  ==================================================
employee given names / prefix /   150/20/  ``domain/dossier.parse_employee``
surname                           100
employer name, contact, street    200      ``domain/dossier.parse_employer`` (``_line``)
user display name                 100      ``services/practice.NewUser.validated``
registration (BIG)                —        not limited; 200 used here
practice settings (letterhead)    200      ``services/settings.update``, one line each
feedback fields                   4000     ``domain/cases.parse_feedback``
activity description, agreements  4000     ``domain/cases.parse_activity``
medical free text, statement      20000    ``domain/medical/free_text.MAX_TEXT``
FML item explanation              2000     ``domain/medical/free_text.MAX_NOTE`` (44 items)
correspondent                     200      ``domain/medical/free_text.MAX_LINE``, one line
diagnosis description             500      ``domain/medical/entry_forms._parse_diagnosis``, one line
correction reason                 1000     ``domain/medical/free_text.MAX_REASON``
attachment file name              255      ``domain/medical/attachments.check_attachment``
consent recipient, organisation   200      ``services/consents.record``
consent "Welke gegevens" / doel   2000/    ``services/consents.record``
                                  1000
representative name, scope        200/     ``services/requests`` (requester name, scope)
                                  2000
release "what", recipient         2000/    ``services/releases.request_release``
                                  200
access-log lines                  5000     ``services/access_log.access_log_pdf`` (limit)
================================  =======  ==================================================
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

from PIL import Image

from desktop_app.documents import dossier_copy, feedback_letter, forms, reports
from desktop_app.documents.layout import Letterhead
from desktop_app.documents.recovery_sheet import recovery_sheet_pdf
from desktop_app.domain.cases import ExpectedDuration, Fitness, FunctionalFeedback
from desktop_app.domain.medical.entries import MedicalEntry
from desktop_app.domain.medical.fml import FML_ITEMS
from desktop_app.domain.medical.free_text import MAX_LINE, MAX_NOTE, MAX_REASON, MAX_TEXT
from desktop_app.domain.medical.kinds import EntryKind
from desktop_app.domain.processing_register import RegisterInputs, build
from desktop_app.domain.statistics import CLASS_LABELS, Figures, Statistics
from desktop_app.domain.statistics_periods import Period, PeriodKind
from desktop_app.domain.statistics_report import StatisticsReport

WHEN = datetime(2026, 11, 23, 10, 30)

GIVEN, PREFIX, SURNAME = 150, 20, 100
ORGANISATION = 200  # employer name, contact, street; consent recipient; release recipient
CITY = 100
USER = 100
SETTING = 200
FEEDBACK = 4000
ACTIVITY = 4000
DIAGNOSIS = 500
FILENAME = 255
CONSENT_SCOPE, CONSENT_PURPOSE = 2000, 1000
SCOPE = 2000
RELEASE_WHAT = 2000
ACCESS_LINES = 5000

# An unbroken word is at most this long (a pasted reference, a run of a key held down).
WORD = 2000
# The widest letters (a long word in a narrow column takes the most lines), then letters with marks.
_LETTERS = "ẄŴẂẀWŒЩШЮœẄŴẂẀWŒЩШЮœĄĘŁŚŻŹĞŞİỘẪẶỆỮ"
_DIACRITICS = ("Łukasz Wąsowski, Żaneta Źródło, Grzegorz Brzęczyszczykiewicz; Çağrı Şahin, İlknur Öztürk, "
               "Ağaoğlu ılık; Nguyễn Thị Ngọc Ánh, Trần Văn Đức, Phạm Thị Hương, Đặng Quốc Việt; ")
_MARKUP = '<b>vet</b> &amp; <font size=99>groot</font> <br/> <para> &lt;i&gt; ]]> <a href="x">y</a> & < > '


def worst(length: int, tag: str, *, multiline: bool = True) -> str:
    """Exactly ``length`` characters starting with ``«tag»``: an unbroken word of up to 2,000
    of the widest letters, then long lines of Polish, Turkish and Vietnamese names and markup-looking text.

    A multi-line value has line breaks and a tab; a one-line value neither, and no space at
    either end (as the one-line fields require).
    """
    head = f"«{tag}»"
    if length <= len(head):
        return head[:length]
    word = (_LETTERS * (WORD // len(_LETTERS) + 1))[: min(WORD, length - len(head))]
    gap = "\n" if multiline else " "
    text = head + word + gap
    n = 0
    while len(text) < length:
        n += 1
        text += _DIACRITICS + _MARKUP + ("\t" if multiline and n % 3 == 0 else "")
        if multiline and n % 4 == 0:
            text += "\n"
    text = text[:length]
    if not multiline and text[-1].isspace():
        text = text[:-1] + "x"
    assert len(text) == length
    return text


def one_line(length: int, tag: str) -> str:
    return worst(length, tag, multiline=False)


def letterhead(logo: bytes | None = None) -> Letterhead:
    """Every practice setting at its limit (the KvK and postcode too: the settings check length only)."""
    return Letterhead(one_line(SETTING, "praktijk"), one_line(SETTING, "adres"), one_line(SETTING, "postcode"),
                      one_line(SETTING, "plaats"), one_line(SETTING, "telefoon"), one_line(SETTING, "email"),
                      one_line(SETTING, "kvk"), logo)


def letterhead_values(lh: Letterhead) -> list[str]:
    """What the first page's letterhead shows, in order."""
    return [lh.name, *lh.lines()]


def employee_name() -> str:
    """The display name with every part at its limit: given names, prefix, surname."""
    return " ".join((one_line(GIVEN, "voornamen"), one_line(PREFIX, "tv"), one_line(SURNAME, "achternaam")))


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (47, 93, 138)).save(out, "PNG")
    return out.getvalue()


def one_page_pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return out.getvalue()


@dataclass
class Case:
    """A document built from the longest input, and what it must show in order."""

    name: str
    pdf: bytes
    letterhead: Letterhead
    values: list[str]
    repeats: list[str] = field(default_factory=list)  # grid headers, repeated on every page of the grid
    beside: list[str] = field(default_factory=list)  # short cells beside a long one that may split
    appended: int = 0  # pages of attached PDFs after the document's own


# --- the documents ---------------------------------------------------------------------------


def feedback_case(lh: Letterhead) -> Case:
    fb = FunctionalFeedback(
        1, 1, None, date(2026, 11, 20), Fitness.PARTLY_FIT, worst(FEEDBACK, "beperkingen"),
        worst(FEEDBACK, "mogelijkheden"), ExpectedDuration.OVER_3_MONTHS, worst(FEEDBACK, "advies"),
        worst(FEEDBACK, "aanpassingen"), 1)
    parties = feedback_letter.LetterParties(
        one_line(ORGANISATION, "werkgever"), one_line(ORGANISATION, "contact"),
        ", ".join((one_line(ORGANISATION, "straat"), "3511 AB " + one_line(CITY, "stad"))),
        employee_name(), one_line(USER, "arts"), one_line(200, "big"))
    pdf = feedback_letter.feedback_letter_pdf(fb, parties, letterhead=lh, created=WHEN)
    values = [parties.employer_name, parties.employer_contact, parties.employer_address, parties.employee_name,
              fb.limitations, fb.remaining_capacity, fb.advice, fb.adjustments, parties.physician_name,
              parties.physician_registration]
    return Case("terugkoppeling", pdf, lh, values)


def consent_case(lh: Letterhead, *, signature: bytes | None = None) -> Case:
    d = forms.ConsentFormData(
        employee_name(), "14-02-1984", one_line(USER, "arts"), worst(ORGANISATION, "ontvanger", multiline=False),
        one_line(ORGANISATION, "organisatie"), "specialist", worst(CONSENT_SCOPE, "gegevens"),
        worst(CONSENT_PURPOSE, "doel"), "23-02-2027", "23-11-2026" if signature else "", signature)
    pdf = forms.consent_form_pdf(d, letterhead=lh, created=WHEN)
    values = [d.physician_name, d.employee_name, d.recipient_name, d.recipient_organisation, d.data_described,
              d.purpose]
    return Case("toestemming", pdf, lh, values)


def authorisation_case(lh: Letterhead) -> Case:
    d = forms.AuthorisationFormData(employee_name(), "14-02-1984", one_line(ORGANISATION, "gemachtigde"),
                                    one_line(ORGANISATION, "relatie"), worst(SCOPE, "omvang"), "31-12-2027")
    pdf = forms.authorisation_form_pdf(d, letterhead=lh, created=WHEN)
    return Case("machtiging", pdf, lh, [d.employee_name, d.representative_name, d.representative_relation,
                                        d.scope])


def access_log_case(lh: Letterhead, *, lines: int = 300) -> Case:
    """Lines whose names are at their limit, and releases with each field at its limit in turn
    (the other cells of that row short, so only the long one can be split across pages)."""
    log = [reports.AccessLine(f"{(i % 28) + 1:02d}-11-2026 10:{i % 60:02d}", one_line(USER, f"gebruiker{i}"),
                              "physician", one_line(USER, f"namens{i}"), "read_medical", "medical_entries")
           for i in range(lines)]
    releases = [("23-11-2026", worst(RELEASE_WHAT, "verstrekt"), "Ziekenhuis", "post"),
                ("23-11-2026", "Brief", one_line(ORGANISATION, "aan"), "post"),
                ("23-11-2026", "Brief", "Huisarts", one_line(ORGANISATION, "hoe"))]
    name = employee_name()
    pdf = reports.access_log_pdf(name, log, releases, letterhead=lh, created=WHEN)
    values = [name]
    for x in log:
        values += [x.who, x.on_behalf_of]
    values += [releases[0][1], releases[1][2], releases[2][3]]
    return Case("inzageoverzicht", pdf, lh, values,
                ["Wanneer Wie Rol Namens Handeling Welke gegevens", "Datum Wat Aan Hoe"],
                beside=["Ziekenhuis", "post", "Brief", "Huisarts"])


def access_log_count_case(lh: Letterhead) -> Case:
    """As many lines as the extract takes (short ones)."""
    log = [reports.AccessLine(f"{(i % 28) + 1:02d}-11-2026 10:{i % 60:02d}", f"Gebruiker {i}", "assistant", "",
                              "read", "employee") for i in range(ACCESS_LINES)]
    name = employee_name()
    pdf = reports.access_log_pdf(name, log, [], letterhead=lh, created=WHEN)
    return Case("inzageoverzicht-5000", pdf, lh, [name] + [x.who for x in log],
                ["Wanneer Wie Rol Namens Handeling Welke gegevens", "Datum Wat Aan Hoe"])


def statistics_case(lh: Letterhead) -> Case:
    def figures(scale: int) -> Figures:
        return Figures(99.99, 1234.56, 36500.0, 987654 * scale, 1234567 * scale, 20000.0,
                       [123456 * scale] * len(CLASS_LABELS), [98765 * scale] * len(CLASS_LABELS),
                       average_fte=18765.43)

    s = Statistics(date(1926, 1, 1), date(2026, 12, 31), 20000, False, figures(2), figures(1))
    name = one_line(ORGANISATION, "werkgever")
    period = Period(PeriodKind.CUSTOM, s.start, s.end, "Andere periode")
    pdf = reports.statistics_pdf(StatisticsReport(1, name, period, s), letterhead=lh, created=WHEN)
    return Case("statistiek", pdf, lh, [name])


def register_case(lh: Letterhead) -> Case:
    settings = {"practice_name": lh.name, "practice_kvk": lh.kvk,
                "register_processors": "; ".join([one_line(200 // 3 - 2, "verwerker")] * 3)}
    years = {"personal": 100, "payroll": 100, "medical": 100, "carcinogenic": 100, "radiation": 100,
             "trajectory": 100}
    register = build(RegisterInputs(settings, {}, years, ["behandelend arts"]))
    pdf = reports.register_pdf(register, letterhead=lh, created=WHEN)
    return Case("register", pdf, lh, [lh.name, lh.kvk])


def recovery_case(lh: Letterhead, key: str) -> Case:
    practice_id = "7f3c9a2e-1b4d-4c8e-9a6f-2d1e0b3c4a5f"
    pdf = recovery_sheet_pdf(letterhead=lh, recovery_key=key, practice_id=practice_id, created=WHEN)
    return Case("herstelsleutel", pdf, lh, [key, lh.name, practice_id])


def _entry(entry_id: int, kind: EntryKind, body: dict, *, version: int = 1, reason: str = "",
           author: str = "") -> MedicalEntry:
    return MedicalEntry(entry_id, 1, None, kind, date(2026, 10, 1), version, body, 1,
                        author or one_line(USER, "auteur"), f"2026-10-0{version}T10:00:00", reason)


def copy_entries() -> list[list[MedicalEntry]]:
    """One entry of every kind with every field at its limit, an FML with all 44 items limited,
    and a note corrected twice (the correction reasons at their limit too)."""
    consultation = {k: worst(MAX_TEXT, f"soep-{k}") for k in ("s", "o", "e", "p", "text")}
    fml = {"summary": worst(MAX_TEXT, "fml-toelichting"),
           "items": {code: {"score": "sterk_beperkt", "note": worst(MAX_NOTE, f"fml-{code}")} for code in FML_ITEMS}}
    letter_in = {"correspondent": one_line(MAX_LINE, "van"), "summary": worst(MAX_TEXT, "brief-in"),
                 "letter_date": "2026-09-30"}
    letter_out = {"correspondent": one_line(MAX_LINE, "aan"), "summary": worst(MAX_TEXT, "brief-uit")}
    diagnosis = {"system": "CAS", "code": "L84.123-45.6", "description": one_line(DIAGNOSIS, "diagnose")}
    note_versions = [
        _entry(7, EntryKind.NOTE, {"text": worst(MAX_TEXT, f"aantekening-v{v}")}, version=v,
               reason="" if v == 1 else worst(MAX_REASON, f"reden-v{v}"))
        for v in (1, 2, 3)
    ]
    return [
        [_entry(1, EntryKind.CONSULTATION, consultation)],
        [_entry(2, EntryKind.PROBLEM_ANALYSIS, {"text": worst(MAX_TEXT, "probleemanalyse")})],
        [_entry(3, EntryKind.FML, fml)],
        [_entry(4, EntryKind.LETTER_IN, letter_in)],
        [_entry(5, EntryKind.LETTER_OUT, letter_out)],
        [_entry(6, EntryKind.DIAGNOSIS, diagnosis)],
        note_versions,
        [_entry(8, EntryKind.OPEN_CONSULTATION, {"occasion": "own_question", **{
            k: worst(MAX_TEXT, f"open-{k}") for k in ("s", "o", "e", "p", "text")}})],
        [_entry(9, EntryKind.EXAMINATION, {"examination": "pre_employment",
                                           "findings": worst(MAX_TEXT, "bevindingen"), "outcome": "unfit"})],
    ]


def copy_values(entries: list[list[MedicalEntry]]) -> list[str]:
    """The entries' texts in the order the copy prints them (the current version, then the older
    ones newest first)."""
    out: list[str] = []
    for versions in entries:
        current = versions[-1]
        out.append(current.author_name)
        for old_or_current in [current, *reversed(versions[:-1])]:
            if old_or_current is not current:
                out.append(versions[old_or_current.version].reason)
            if old_or_current.kind is EntryKind.FML:
                out.append(old_or_current.body["summary"])
                out += [v["note"] for v in old_or_current.body["items"].values()]
            else:
                out += [text for _label, text in old_or_current.display_lines()]
    return out


def copy_contents(*, attachments: list[tuple[str, str, bytes | None]] | None = None) -> dossier_copy.CopyContents:
    entries = copy_entries()
    if attachments is None:
        attachments = [(f"{i:02d}" + one_line(FILENAME - 6, f"bijlage{i}") + ".pdf", "application/pdf", None)
                       for i in range(40)]
        good = one_page_pdf("BIJLAGE-INHOUD")
        attachments[10] = (attachments[10][0], "application/pdf", good)  # included: one page after the copy
        attachments[20] = (attachments[20][0], "application/pdf", good[: len(good) // 2])  # damaged
        attachments[30] = (attachments[30][0][:-4] + ".png", "image/png", png(300, 200))
    practice_part = [(f"Verzuim vanaf 0{i + 1}-01-2026", "Ziekte; hersteld per 15-01-2026") for i in range(5)]
    practice_part += [(f"{(i % 28) + 1:02d}-02-2026 · Gesprek", f"Activiteit {i}") for i in range(60)]
    practice_part.append(("01-03-2026 · Gesprek", worst(ACTIVITY, "activiteit") + "\nAfspraken: "
                          + worst(ACTIVITY, "afspraken")))
    statements = [("10-11-2026", worst(MAX_TEXT, "verklaring-1")), ("11-11-2026", worst(MAX_TEXT, "verklaring-2"))]
    left_out = [f"Aantekening van 0{i + 1}-10-2026: bevat gegevens over anderen (privacy van derden)" for i in range(8)]
    left_out.append("Persoonlijke werkaantekeningen van de bedrijfsarts maken geen deel uit van het dossier.")
    return dossier_copy.CopyContents(
        employee_name(), "14-02-1984", one_line(ORGANISATION, "werkgever"),
        ["verzuim en re-integratie", "medische aantekeningen", "verklaringen", "bijlagen"],
        one_line(USER, "goedkeurder") + ", bedrijfsarts", entries, statements, attachments, practice_part, left_out)


def copy_case(lh: Letterhead, contents: dossier_copy.CopyContents | None = None) -> Case:
    c = contents or copy_contents()
    pdf = dossier_copy.dossier_copy_pdf(c, letterhead=lh, created=WHEN)
    values = [c.employee_name, c.employer_name, c.approved_by, *c.left_out]
    values += [text for _heading, text in c.practice_part[-1:]]
    values += copy_values(c.entries)
    values += [text for _on, text in c.statements]
    values += [name for name, _mime, _data in c.attachments]
    appended = sum(1 for _name, mime, data in c.attachments if mime == "application/pdf" and data
                   and data.rstrip().endswith(b"%%EOF"))  # the readable ones, one page each
    return Case("afschrift", pdf, lh, values, ["Onderdeel Score Toelichting"], appended=appended)


def ncvb_case(lh: Letterhead) -> Case:
    """The NCvB report with every field at the form's limit (``domain.ncvb.check``)."""
    from desktop_app.documents.ncvb_report import ncvb_report_pdf
    from desktop_app.domain.ncvb import NcvbForm, NcvbReport, check

    form = check(NcvbForm(disease=one_line(300, "ziekte"), exposure=worst(4000, "blootstelling"),
                          sector=one_line(200, "sector"), profession=one_line(200, "beroep"),
                          disease_code=one_line(40, "code"), absence="lang", remarks=worst(4000, "toelichting")))
    report = NcvbReport(form, "vrouw", "40–44 jaar", date(2026, 11, 20), one_line(USER, "arts"), one_line(200, "big"))
    pdf = ncvb_report_pdf(report, letterhead=lh, created=WHEN)
    return Case("ncvb", pdf, lh, [form.disease, form.disease_code, form.exposure, form.sector, form.profession,
                                  report.physician, report.registration, form.remarks])


# --- uwv16: the UWV documents, every field at its form's limit (``domain.uwv_documents``) ---------


def _uwv_parties():
    from desktop_app.documents.uwv_letters import Parties

    return Parties(one_line(ORGANISATION, "werkgever"), one_line(ORGANISATION, "contact"),
                   ", ".join((one_line(ORGANISATION, "straat"), "3511 AB " + one_line(CITY, "stad"))),
                   employee_name(), "02-03-1980", one_line(USER, "arts"), one_line(200, "big"))


def _problem_analysis():
    from desktop_app.domain.uwv_documents import (
        MAX_FIELD,
        ProblemAnalysisForm,
        UwvDocument,
        UwvKind,
        parse_problem_analysis,
    )

    form = ProblemAnalysisForm(
        assessed_on="20-11-2026", fitness="partly_fit", limitations=worst(MAX_FIELD, "beperkingen"),
        capacities=worst(MAX_FIELD, "mogelijkheden"), expected_duration="gt3m",
        prognosis=worst(MAX_FIELD, "verwachting"), advice=worst(MAX_FIELD, "advies"),
        adjustments=worst(MAX_FIELD, "aanpassingen"), medical=worst(MAX_TEXT, "medisch"))
    on, body, medical = parse_problem_analysis(form, first_day=date(2026, 10, 1), today=date(2026, 11, 23))
    doc = UwvDocument(1, 1, 1, UwvKind.PROBLEM_ANALYSIS, on, body, 7, 1, "2026-11-20T10:00:00", approved_by=1)
    return doc, medical, [body[k] for k in ("limitations", "capacities", "prognosis", "advice", "adjustments")]


def problem_analysis_employer_case(lh: Letterhead) -> Case:
    from desktop_app.documents import uwv_letters

    doc, _medical, texts = _problem_analysis()
    p = _uwv_parties()
    pdf = uwv_letters.employer_pdf(doc, p, letterhead=lh, created=WHEN)
    return Case("probleemanalyse-werkgever", pdf, lh, [p.employer_name, p.employer_contact, p.employer_address,
                                                       p.employee_name, *texts, p.physician_name,
                                                       p.physician_registration])


def problem_analysis_employee_case(lh: Letterhead) -> Case:
    from desktop_app.documents import uwv_letters

    doc, medical, texts = _problem_analysis()
    p = _uwv_parties()
    pdf = uwv_letters.employee_pdf(doc, p, [("Medische probleemanalyse", medical)], letterhead=lh, created=WHEN)
    return Case("probleemanalyse-werknemer", pdf, lh, [p.employee_name, *texts, medical, p.physician_name,
                                                       p.physician_registration])


def current_opinion_case(lh: Letterhead) -> Case:
    from desktop_app.documents import uwv_letters
    from desktop_app.domain.medical.fml import FmlBody, FmlItemScore, FmlScore
    from desktop_app.domain.uwv_documents import (
        MAX_FIELD,
        CurrentOpinionForm,
        OpinionFacts,
        UwvDocument,
        UwvKind,
        fml_lines,
        parse_current_opinion,
    )

    form = CurrentOpinionForm(assessed_on="20-11-2026", fitness="unfit", opinion=worst(MAX_FIELD, "oordeel"),
                              prognosis=worst(MAX_FIELD, "prognose"), reintegration=worst(MAX_FIELD, "reintegratie"),
                              advice=worst(MAX_FIELD, "advies"))
    on, body = parse_current_opinion(form, first_day=date(2025, 1, 6), today=date(2026, 11, 23))
    fml = FmlBody(tuple(FmlItemScore(code, FmlScore.STRONGLY_LIMITED, "verborgen") for code in FML_ITEMS))
    feedback = (("Beperkingen in werk", worst(FEEDBACK, "fb-beperkingen")), ("Advies", worst(FEEDBACK, "fb-advies")))
    facts = OpinionFacts("06-01-2025", "100%", feedback, fml_lines(fml.overview()), "01-10-2026",
                         (("Uitvoerder", one_line(200, "uitvoerder")),))
    body["facts"] = facts.to_json()
    doc = UwvDocument(1, 1, 1, UwvKind.CURRENT_OPINION, on, body, None, 1, "2026-11-20T10:00:00", approved_by=1)
    p = _uwv_parties()
    pdf = uwv_letters.employer_pdf(doc, p, letterhead=lh, created=WHEN)
    values = [p.employer_name, p.employee_name, *[v for _k, v in feedback], facts.trajectory[0][1],
              *[body[k] for k in ("opinion", "prognosis", "reintegration", "advice")], p.physician_name]
    return Case("actueel-oordeel", pdf, lh, values)


def sealed_case(lh: Letterhead) -> Case:
    from desktop_app.documents.uwv_sealed import SealedEntry, SealedInformation, sealed_pdf
    from desktop_app.domain.uwv_documents import MAX_FIELD, MAX_RECIPIENT

    entries = [SealedEntry("Probleemanalyse (medisch deel)", date(2026, 10, 1), one_line(USER, "auteur"),
                           (("Medische probleemanalyse", worst(MAX_TEXT, "pa")),)),
               SealedEntry("Diagnose", date(2026, 10, 2), one_line(USER, "auteur2"),
                           (("Omschrijving", one_line(DIAGNOSIS, "diagnose")),))]
    info = SealedInformation(one_line(MAX_RECIPIENT, "ontvanger"), "Informatie aan de verzekeringsarts van UWV",
                             "Wet SUWI art. 54 lid 3", employee_name(), date(1980, 3, 2), "123456782",
                             one_line(ORGANISATION, "werkgever"), date(2025, 1, 6), one_line(USER, "arts"),
                             one_line(200, "big"), worst(MAX_FIELD, "toelichting"), entries)
    pdf = sealed_pdf(info, letterhead=lh, created=WHEN)
    values = [info.recipient, info.employee_name, info.physician, info.recipient, info.employee_name,
              info.employer_name, info.physician, info.registration, info.note,
              *[text for e in entries for _label, text in e.lines]]
    return Case("uwv-verzegeld", pdf, lh, values)
# --- work16: the keuring's outcome letter and the overview of billable work ------------------------


def examination_outcome_case(lh: Letterhead, *, for_employee: bool) -> Case:
    from desktop_app.documents import examination_outcome
    from desktop_app.documents.letter_parts import Addressee
    from desktop_app.domain.medical.examinations import ExaminationKind, Outcome, OutcomeLetter

    letter = OutcomeLetter(employee_name(), date(1984, 2, 14), one_line(ORGANISATION, "werkgever"),
                           one_line(100, "functie"), ExaminationKind.PRE_EMPLOYMENT, date(2026, 11, 20),
                           Outcome.UNFIT, one_line(USER, "arts"))
    to = Addressee(one_line(ORGANISATION, "aan"), (one_line(ORGANISATION, "straat"), "3511 AB " + one_line(CITY, "stad")))
    pdf = examination_outcome.outcome_pdf(letter, to, for_employee=for_employee, letterhead=lh, created=WHEN)
    values = [to.name, *to.address_lines, letter.employee_name, letter.employer_name, letter.job_title,
              letter.physician_name]
    return Case("keuring-werknemer" if for_employee else "keuring-werkgever", pdf, lh, values)


def billable_case(lh: Letterhead) -> Case:
    from desktop_app.documents import billable_overview
    from desktop_app.domain.billing import Line, Month, Overview, WorkKind

    kinds = list(WorkKind)
    lines = tuple(Line(date(2026, 11, 1 + i % 28), employee_name() if i % 40 == 0 else f"Werknemer {i}",
                       one_line(50, f"pnr{i}") if i % 40 == 0 else str(i), kinds[i % len(kinds)], 600,
                       one_line(USER, f"door{i}") if i % 40 == 0 else "dr. Arts", confidential=i % 7 == 3)
                  for i in range(120))
    o = Overview(one_line(ORGANISATION, "werkgever"), Month(2026, 11), lines)
    pdf = billable_overview.overview_pdf(o, letterhead=lh, created=WHEN)
    first = lines[0]
    values = [o.employer_name, first.employee_name, first.personnel_number, first.done_by]
    return Case("declarabele-uren", pdf, lh, values,
                repeats=["Datum", "Werknemer", "Pers.nr.", "Soort werk", "Min.", "Door"])
