"""One text validation for every free-text field (issue 15).

The service functions that take free text are listed from their signatures; each is called with a
lone surrogate and with a NUL in that field, and must refuse with a typed ValidationError whose
Dutch message names the field, never crash or store it. The search box takes any string.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date, timedelta

import pytest

from tests.helpers.practices import ARTS, login_as

BAD = {"surrogate": "Klachten \ud800 rug", "nul": "Klachten \x00 rug"}
# Parameter names that hold free text a user types (a name, a reason, a note, a description...).
TEXT_PARAMETERS = {"reason", "note", "purpose", "what", "statement", "body", "summary", "description",
                   "scope", "others_interest", "recipient_name", "handed_to", "consequences", "measures",
                   "outcome", "text", "document", "present", "complainant", "topic_text", "subject"}
NOT_USER_TEXT = {
    "authz.unguarded": "the programmer's reason on a decorator",
    "authz.check": "a permission's name",
    "practice.normalise_username": "normalises, does not store",
    "documents.record_made": "the title of a document the program made",
    "employees.search": "search accepts any string (tested below)",
    "rotation.rotate": "the reason is one of the program's own words",
    "requests.identity_at_desk": "the document is a choice from the list (checked against it)",
    "attachments.add_attachment_for": "the program's own description of a release's document, passed to "
                                      "add_attachment (listed below) as it is",
}
NOT_REACHED = {
    # needs a carried-out correction with a released recipient; validated by notices' own tests
    "notices.record_not_sent": "a change with a recipient to tell",
}


# A parameter whose error is reported under a more specific field name.
FIELD_NAMES: dict[str, str] = {
    "breaches.not_reported:reason": "not_reported_reason", "complaints.extend:reason": "extension_reason",
    "releases.approve:note": "decision_note", "releases.refuse:note": "decision_note",
    "releases.refer_to_supervisor:note": "decision_note", "requests.extend:reason": "extension_reason",
    "requests.sign_off:note": "signoff_note", "request_outcomes.decide_objection:text": "objection_text",
    "requests.lift_restriction:reason": "lift_reason", "restrictions.lift:reason": "lift_reason",
}


def free_text_functions() -> set[tuple[str, str]]:
    import desktop_app.services as services

    found = set()
    for info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"desktop_app.services.{info.name}")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            for p in inspect.signature(fn).parameters.values():
                if p.name in TEXT_PARAMETERS and p.annotation in ("str", str):
                    found.add((f"{info.name}.{name}", p.name))
    return found


def nl(d: date) -> str:
    return d.strftime("%d-%m-%Y")


TODAY = nl(date.today())
YESTERDAY = nl(date.today() - timedelta(days=1))  # a breach discovered at 10:00 lies in the past at any hour


def _ids(s) -> dict:
    """A dossier with what the functions act on: a case, a consent, a release, requests, a
    complaint, a breach, a medical entry."""
    from desktop_app.domain.cases import CaseForm
    from desktop_app.domain.dossier import EmployeeForm, EmployerForm
    from desktop_app.services import (
        breaches,
        cases,
        complaints,
        consents,
        employees,
        employers,
        medical_entries,
        releases,
        requests,
    )
    from desktop_app.services.demo_medical import _tiny_png

    er = employers.create(s, EmployerForm(name="Testwerkgever B.V."))
    e = employees.create(s, EmployeeForm(employer_id=er.id, surname="Jansen", given_names="Piet",
                                         birth_date="01-02-1970"))
    case = cases.open_case(s, e.id, CaseForm(first_day=nl(date.today() - timedelta(days=30)), kind="illness",
                                             percentage="100"))
    consent = consents.record(s, e.id, consents.ConsentForm(
        physician="arts", recipient_name="dr. P. Jansen", recipient_organisation="Ziekenhuis Oost",
        recipient_role="specialist", data_scope="Het consultverslag over de knieklachten",
        purpose="Afstemmen van de behandeling", given_on=TODAY,
        valid_until=nl(date.today() + timedelta(days=60))), signature_png=_tiny_png())
    release = releases.request_release(s, e.id, consent.id, recipient_name="dr. P. Jansen",
                                       recipient_role="specialist", what="Het consultverslag over de knie",
                                       purpose="Afstemmen van de behandeling")
    entry = medical_entries.add_entry(s, e.id, "consultation", {"entry_date": TODAY, "s": "Rugpijn"})
    ids = {"employee": e.id, "case": case.id, "consent": consent.id, "release": release.id, "entry": entry.id}
    for kind in ("inspection", "copy", "correction", "objection", "restriction"):
        ids[kind] = requests.receive(s, e.id, kind, TODAY).id
    ids["complaint"] = complaints.register(s, complainant="P. Jansen", received_on=TODAY, channel="letter",
                                           topic="service", description="Te laat teruggebeld").id
    ids["breach"] = breaches.record(s, summary="Brief naar verkeerd adres", occurred_on=YESTERDAY, occurred_time="09:00",
                                    discovered_on=YESTERDAY, discovered_time="10:00", data_categories=["contact"],
                                    subject_categories=["employees"], subjects_count="1", risk="unlikely", risk_assessment="Eén brief, direct teruggehaald").id
    return ids


def calls(ids: dict):
    """(function, field) -> a call putting ``bad`` in that field, everything else valid."""
    from desktop_app.services import (
        absences,
        attachments,
        breaches,
        cases,
        complaints,
        destruction,
        examinations,
        letters,
        medical_entries,
        releases,
        request_outcomes,
        requests,
        restrictions,
        retention,
        uwv_sealed,
        working_notes,
    )

    e, r = ids["employee"], ids["release"]
    return {
        ("absences.record_absence", "note"): lambda s, b: absences.record_absence(s, "arts", TODAY, TODAY, note=b),
        ("attachments.add_attachment", "description"): lambda s, b: attachments.add_attachment(
            s, e, "brief.pdf", b"%PDF-1.4\n%%EOF\n", description=b),
        ("breaches.record", "summary"): lambda s, b: breaches.record(
            s, summary=b, occurred_on=YESTERDAY, occurred_time="09:00", discovered_on=YESTERDAY, discovered_time="10:00",
            data_categories=["contact"], subject_categories=["employees"], subjects_count="1", risk="unlikely", risk_assessment="Eén brief, direct teruggehaald"),
        ("breaches.record", "consequences"): lambda s, b: breaches.record(
            s, summary="Brief kwijt", occurred_on=YESTERDAY, occurred_time="09:00", discovered_on=YESTERDAY,
            discovered_time="10:00", data_categories=["contact"], subject_categories=["employees"],
            subjects_count="1", risk="unlikely", risk_assessment="Eén brief, direct teruggehaald", consequences=b),
        ("breaches.record", "measures"): lambda s, b: breaches.record(
            s, summary="Brief kwijt", occurred_on=YESTERDAY, occurred_time="09:00", discovered_on=YESTERDAY,
            discovered_time="10:00", data_categories=["contact"], subject_categories=["employees"],
            subjects_count="1", risk="unlikely", risk_assessment="Eén brief, direct teruggehaald", measures=b),
        ("breaches.not_reported", "reason"): lambda s, b: breaches.not_reported(s, ids["breach"], b),
        ("breaches.set_measures", "measures"): lambda s, b: breaches.set_measures(s, ids["breach"], b),
        ("cases.record_milestone", "note"): lambda s, b: cases.record_milestone(
            s, ids["case"], "problem_analysis", TODAY, b),
        ("complaints.register", "complainant"): lambda s, b: complaints.register(
            s, complainant=b, received_on=TODAY, channel="letter", topic="service", description="Te laat"),
        ("complaints.register", "description"): lambda s, b: complaints.register(
            s, complainant="P. Jansen", received_on=TODAY, channel="letter", topic="service", description=b),
        ("complaints.extend", "reason"): lambda s, b: complaints.extend(s, ids["complaint"], b),
        ("complaints.decide", "outcome"): lambda s, b: complaints.decide(s, ids["complaint"], "founded", b),
        ("complaints.decide", "measures"): lambda s, b: complaints.decide(
            s, ids["complaint"], "founded", "Excuses aangeboden", b),
        ("destruction.review", "others_interest"): lambda s, b: destruction.review(
            s, ids["destruction"], others_interest=b),
        ("destruction.destroy_on_request", "reason"): lambda s, b: destruction.destroy_on_request(
            s, ids["destruction"], ["personal"], reason=b),
        ("destruction.destroy_on_request", "others_interest"): lambda s, b: destruction.destroy_on_request(
            s, ids["destruction"], ["personal"], others_interest=b),
        ("medical_entries.correct_entry", "reason"): lambda s, b: medical_entries.correct_entry(
            s, ids["entry"], {"s": "Rugpijn, links"}, b),
        ("releases.request_release", "recipient_name"): lambda s, b: releases.request_release(
            s, e, ids["consent"], recipient_name=b, recipient_role="specialist", what="Consultverslag knie",
            purpose="Afstemmen"),
        ("releases.request_release", "what"): lambda s, b: releases.request_release(
            s, e, ids["consent"], recipient_name="dr. P. Jansen", recipient_role="specialist", what=b,
            purpose="Afstemmen"),
        ("releases.request_release", "purpose"): lambda s, b: releases.request_release(
            s, e, ids["consent"], recipient_name="dr. P. Jansen", recipient_role="specialist",
            what="Consultverslag knie", purpose=b),
        ("releases.request_legal_release", "recipient_name"): lambda s, b: releases.request_legal_release(
            s, e, "uwv_wia", physician="arts", recipient_name=b, what="Het dossier", purpose="WIA"),
        ("releases.request_legal_release", "what"): lambda s, b: releases.request_legal_release(
            s, e, "uwv_wia", physician="arts", recipient_name="UWV", what=b, purpose="WIA"),
        ("releases.request_legal_release", "purpose"): lambda s, b: releases.request_legal_release(
            s, e, "uwv_wia", physician="arts", recipient_name="UWV", what="Het dossier", purpose=b),
        ("releases.approve", "note"): lambda s, b: releases.approve(s, r, b),
        ("releases.refuse", "note"): lambda s, b: releases.refuse(s, r, 1, b),
        ("releases.refer_to_supervisor", "note"): lambda s, b: releases.refer_to_supervisor(s, r, b),
        ("releases.mark_released", "handed_to"): lambda s, b: releases.mark_released(
            s, r, "post", handed_on=TODAY, handed_to=b),
        ("releases.mark_released", "note"): lambda s, b: releases.mark_released(
            s, r, "post", handed_on=TODAY, note=b),
        ("releases.release_feedback_to_employer", "handed_to"): lambda s, b: releases.release_feedback_to_employer(
            s, ids["feedback"], "post", handed_on=TODAY, handed_to=b),
        ("releases.release_feedback_to_employer", "note"): lambda s, b: releases.release_feedback_to_employer(
            s, ids["feedback"], "post", handed_on=TODAY, note=b),
        ("examinations.give_outcome_to_employee", "note"): lambda s, b: examinations.give_outcome_to_employee(
            s, ids["examination"], "handed", handed_on=TODAY, note=b),
        ("examinations.release_outcome_to_employer", "handed_to"):
            lambda s, b: examinations.release_outcome_to_employer(
                s, ids["examination_seen"], "post", handed_on=TODAY, handed_to=b, employee_agreed=True),
        ("examinations.release_outcome_to_employer", "note"):
            lambda s, b: examinations.release_outcome_to_employer(
                s, ids["examination_seen"], "post", handed_on=TODAY, note=b, employee_agreed=True),
        ("request_outcomes.record_inspection", "present"): lambda s, b: request_outcomes.record_inspection(
            s, ids["inspection"], TODAY, b),
        ("request_outcomes.record_inspection", "note"): lambda s, b: request_outcomes.record_inspection(
            s, ids["inspection"], TODAY, "de werknemer", b),
        ("request_outcomes.correct", "reason"): lambda s, b: request_outcomes.correct(
            s, ids["correction"], ids["entry"], {"s": "Rugpijn, links"}, TODAY, b),
        ("request_outcomes.disagree", "statement"): lambda s, b: request_outcomes.disagree(
            s, ids["correction"], b, TODAY),
        ("request_outcomes.decide_objection", "text"): lambda s, b: request_outcomes.decide_objection(
            s, ids["objection"], True, b),
        ("requests.extend", "reason"): lambda s, b: requests.extend(
            s, ids["copy"], nl(date.today() + timedelta(days=50)), b, TODAY),
        ("requests.sign_off", "note"): lambda s, b: requests.sign_off(s, ids["copy"], b),
        ("requests.refuse", "reason"): lambda s, b: requests.refuse(s, ids["copy"], b),
        ("requests.close", "outcome"): lambda s, b: requests.close(s, ids["destruction"], b),
        ("requests.restrict", "reason"): lambda s, b: requests.restrict(s, e, b),
        ("requests.lift_restriction", "reason"): lambda s, b: requests.lift_restriction(s, ids["restricted"], b),
        ("restrictions.start", "reason"): lambda s, b: restrictions.start(s, e, b),
        ("restrictions.lift", "reason"): lambda s, b: restrictions.lift(s, ids["restricted"], b),
        ("retention.decide", "reason"): lambda s, b: retention.decide(s, e, "personal", "keep", reason=b),
        ("retention.decide", "note"): lambda s, b: retention.decide(
            s, e, "personal", "keep", reason="complaint", note=b, review_on=nl(date.today() + timedelta(days=365))),
        ("working_notes.add_working_note", "body"): lambda s, b: working_notes.add_working_note(s, e, b),
        ("letters.save_template", "subject"): lambda s, b: letters.save_template(s, "algemene_brief", b, "Tekst"),
        ("letters.save_template", "body"): lambda s, b: letters.save_template(s, "algemene_brief", "Onderwerp", b),
        # the fields typed when a letter is made (``extra``), each refused at its own name
        ("letters.make_letter", "brief.tekst"): lambda s, b: letters.make_letter(
            s, e, "algemene_brief", {"brief.tekst": b}),
        ("letters.make_letter", "afspraak.plaats"): lambda s, b: letters.make_letter(
            s, e, "uitnodiging_spreekuur", {"afspraak.plaats": b}),
        # uwv16: the UWV documents' hand-overs, and their forms' fields each at its own name
        ("releases.release_uwv_document_to_employer", "handed_to"):
            lambda s, b: releases.release_uwv_document_to_employer(s, ids["uwv_document"], "post", handed_on=TODAY,
                                                                   handed_to=b),
        ("releases.release_uwv_document_to_employer", "note"):
            lambda s, b: releases.release_uwv_document_to_employer(s, ids["uwv_document"], "post", handed_on=TODAY,
                                                                   note=b),
        ("uwv_sealed.hand_over_sealed", "note"): lambda s, b: uwv_sealed.hand_over_sealed(
            s, ids["sealed"], handed_on=TODAY, note=b),
        **{("uwv_documents.make_problem_analysis", name): _uwv_form_call(ids, "problem_analysis", name)
           for name in ("limitations", "capacities", "prognosis", "advice", "adjustments", "medical")},
        **{("uwv_documents.make_current_opinion", name): _uwv_form_call(ids, "current_opinion", name)
           for name in ("opinion", "prognosis", "reintegration", "advice")},
        **{("uwv_sealed.request_sealed", name): _uwv_form_call(ids, "sealed", name)
           for name in ("recipient_name", "note")},
    }


def _uwv_form_call(ids: dict, which: str, name: str):
    """A UWV document's form with ``bad`` in field ``name`` and valid values elsewhere (uwv16)."""
    from dataclasses import replace

    from desktop_app.domain.uwv_documents import CurrentOpinionForm, ProblemAnalysisForm, SealedForm
    from desktop_app.services import uwv_documents, uwv_sealed

    e, case = ids["employee"], ids["case"]
    if which == "problem_analysis":
        form = ProblemAnalysisForm(assessed_on=TODAY, fitness="partly_fit", limitations="Niet tillen",
                                   advice="Halve dagen", medical="Rugklachten")
        return lambda s, b: uwv_documents.make_problem_analysis(s, e, case, replace(form, **{name: b}))
    if which == "current_opinion":
        form = CurrentOpinionForm(assessed_on=TODAY, fitness="partly_fit", opinion="Licht werk")
        return lambda s, b: uwv_documents.make_current_opinion(s, e, case, replace(form, **{name: b}))
    form = SealedForm(entry_ids=[ids["entry"]])
    return lambda s, b: uwv_sealed.request_sealed(s, e, replace(form, **{name: b}), physician="arts")


@pytest.fixture
def physician(practice):
    s = login_as(practice, ARTS, unlock=True)
    yield s
    s.close()


@pytest.fixture
def ids(physician):
    from desktop_app.domain.cases import FeedbackForm
    from desktop_app.domain.dossier import EmployeeForm
    from desktop_app.services import activities, employees, requests

    ids = _ids(physician)
    ids["destruction"] = requests.receive(physician, ids["employee"], "destruction", TODAY).id
    for kind in ("inspection", "copy", "correction", "objection", "destruction"):  # identity seen, in progress
        requests.identity_at_desk(physician, ids[kind], "passport", TODAY)
        requests.start(physician, ids[kind])
    for kind in ("inspection",):  # signed off: ready to be carried out
        requests.ready_for_signoff(physician, ids[kind])
        requests.sign_off(physician, ids[kind])
    other = employees.create(physician, EmployeeForm(employer_id=employees.open_dossier(
        physician, ids["employee"]).employer_id, surname="Bakker", birth_date="02-03-1980"))
    requests.restrict(physician, other.id, "De werknemer betwist de juistheid")
    ids["restricted"] = other.id
    ids["feedback"] = activities.add_feedback(physician, ids["employee"], FeedbackForm(
        assessed_on=TODAY, fitness="partly_fit", limitations="Niet tillen", remaining_capacity="Zittend werk",
        expected_duration="1-6w", advice="Halve dagen", adjustments=""), ids["case"]).id
    activities.approve_feedback(physician, ids["feedback"])
    _uwv_ids(physician, ids)
    from desktop_app.services import examinations, medical_entries

    for key in ("examination", "examination_seen"):  # work16: a keuring, and one the employee has seen
        ids[key] = medical_entries.add_entry(physician, ids["employee"], "examination", {
            "examination": "periodic", "findings": "Visus goed", "outcome": "fit"}).id
    examinations.give_outcome_to_employee(physician, ids["examination_seen"], "handed")
    return ids


def _uwv_ids(s, ids: dict) -> None:
    """uwv16: an approved problem analysis and an approved sealed release to UWV."""
    from desktop_app.domain.uwv_documents import ProblemAnalysisForm, SealedForm
    from desktop_app.services import releases, uwv_documents, uwv_sealed

    doc = uwv_documents.make_problem_analysis(s, ids["employee"], ids["case"], ProblemAnalysisForm(
        assessed_on=TODAY, fitness="partly_fit", limitations="Niet tillen", advice="Halve dagen",
        medical="Rugklachten"))
    ids["uwv_document"] = uwv_documents.approve(s, doc.id).id
    sealed = uwv_sealed.request_sealed(s, ids["employee"], SealedForm(entry_ids=[ids["entry"]]), physician="arts")
    ids["sealed"] = releases.approve(s, sealed.id).id


def test_every_free_text_field_is_listed_here(ids):
    listed = set(calls(ids))
    skipped = {(fn, p) for fn, p in free_text_functions() if fn in NOT_USER_TEXT or fn in NOT_REACHED}
    assert free_text_functions() - skipped - listed == set()


def _outcome(physician, call, field, bad) -> str:
    """"refused" for a ValidationError with a Dutch message at the field, else what happened."""
    from desktop_app.errors import ValidationError, ValidationErrors

    try:
        call(physician, bad)
    except ValidationErrors as exc:
        errors = dict(exc.errors)
        return "refused" if errors.get(field) else f"refused at {sorted(errors)}"
    except ValidationError as exc:
        return "refused" if exc.message and exc.field == field else f"refused at {exc.field}"
    except Exception as exc:  # noqa: BLE001 - what happened instead is the finding
        return f"{type(exc).__name__}: {getattr(exc, 'detail', exc)}"
    return "accepted"


@pytest.mark.parametrize("bad", sorted(BAD))
def test_every_free_text_field_refuses_an_invalid_character_with_a_dutch_message(physician, ids, bad):
    outcomes = {f"{fn}:{field}": _outcome(physician, call, FIELD_NAMES.get(f"{fn}:{field}", field), BAD[bad]) for (fn, field), call in calls(ids).items()}
    wrong = {k: v for k, v in outcomes.items() if v != "refused"}
    print("\n".join(f"{k} -> {v}" for k, v in sorted(wrong.items())))
    assert wrong == {}


@pytest.mark.parametrize("query", ["\x00", "\ud800", 'a"b', "'; DROP TABLE employees; --", "jan*", "NEAR(a b)",
                                   "a AND OR NOT", '"', "^", "x" * 1000, "(", "{col}:a"])
def test_search_accepts_any_string(physician, query):
    from desktop_app.services import employees

    assert isinstance(employees.search(physician, query), list)
