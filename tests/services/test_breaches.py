"""The data-breach register (AVG art. 33): what, when, whose data by category and number, the risk,
reported to the AP within 72 hours of discovery (the deadline shown from that moment) or why not,
the measures; physicians keep it; it is on the audit trail without its words."""

from datetime import date, datetime, timedelta

import pytest

from desktop_app.errors import PermissionDenied, ValidationError
from desktop_app.services import breaches
from tests.helpers.audit_rows import events_after, last_seq
from tests.helpers.practices import ASSISTENT, login_as


def day(moment: datetime) -> str:
    return moment.strftime("%d-%m-%Y")


def hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def record(arts, discovered: datetime | None = None, **kw):
    discovered = discovered or breaches.now() - timedelta(hours=5)
    occurred = discovered - timedelta(hours=2)
    values = dict(summary="Een e-mail met een terugkoppeling ging naar de verkeerde werkgever.",
                  occurred_on=day(occurred), occurred_time=hhmm(occurred), discovered_on=day(discovered),
                  discovered_time=hhmm(discovered), data_categories=["contact", "absence"],
                  subject_categories=["employees"], subjects_count="1", consequences="",
                  risk="risk", risk_assessment="Verzuimgegevens bij een onbevoegde; geen medische gegevens.")
    values.update(kw)
    return breaches.record(arts, **values)


def test_the_report_deadline_is_72_hours_after_discovery(arts):
    discovered = breaches.now() - timedelta(hours=5)
    assert record(arts, discovered).report_deadline == discovered + timedelta(hours=72)


def test_the_register_shows_the_hours_left_to_report(arts):
    discovered = breaches.now() - timedelta(hours=5)
    b = record(arts, discovered)
    assert "(nog 67 uur)" in b.report_status(discovered + timedelta(hours=5))


def test_the_register_says_when_the_term_has_passed(arts):
    b = record(arts, breaches.now() - timedelta(hours=80))
    assert "termijn verstreken" in b.report_status(breaches.now())


def test_a_report_after_72_hours_needs_the_reason_for_the_delay(arts):
    b = record(arts, breaches.now() - timedelta(hours=80))
    with pytest.raises(ValidationError) as err:
        breaches.report_to_ap(arts, b.id, day(breaches.now()), hhmm(breaches.now()), "M-2026-1234")
    assert err.value.field == "late_reason"


def test_a_report_in_time_is_recorded_with_the_aps_reference(arts):
    b = record(arts)
    reported = breaches.report_to_ap(arts, b.id, day(breaches.now()), hhmm(breaches.now()), "M-2026-1234")
    assert (reported.ap_reference, reported.report_settled) == ("M-2026-1234", True)


def test_a_breach_with_a_risk_cannot_be_left_unreported(arts):
    b = record(arts)
    with pytest.raises(ValidationError) as err:
        breaches.not_reported(arts, b.id, "Klein lek")
    assert "verplicht" in err.value.message


def test_a_breach_unlikely_to_harm_is_documented_with_why_it_was_not_reported(arts):
    b = record(arts, risk="unlikely", risk_assessment="De bijlage was versleuteld; de sleutel is niet gelekt.")
    assert breaches.not_reported(arts, b.id, "Versleuteld; geen risico.").report_status(breaches.now()) == \
        "niet gemeld: Versleuteld; geen risico."


def test_whose_data_is_a_category_and_a_number_never_a_bsn(arts):
    with pytest.raises(ValidationError) as err:
        record(arts, summary="Het dossier van BSN 123456782 lag op de printer.")
    assert err.value.field == "summary"


def test_the_summary_with_a_lone_surrogate_gets_a_dutch_message_at_the_field(arts):
    with pytest.raises(ValidationError) as err:
        record(arts, summary="Lek \udc00")
    assert (err.value.field, "ongeldig teken" in err.value.message) == ("summary", True)


def test_discovery_cannot_lie_in_the_future(arts):
    with pytest.raises(ValidationError) as err:
        record(arts, breaches.now() + timedelta(days=1))
    assert err.value.field == "discovered"


def test_a_high_risk_breach_closes_only_when_the_people_concerned_were_told_or_why_not(arts):
    b = record(arts, risk="high", measures="Werkgever gevraagd de e-mail te verwijderen.")
    breaches.report_to_ap(arts, b.id, day(breaches.now()), hhmm(breaches.now()), "M-1")
    with pytest.raises(ValidationError) as err:
        breaches.close(arts, b.id)
    assert "AVG art. 34" in err.value.message


def test_a_breach_followed_up_closes(arts):
    b = record(arts, risk="high", measures="Werkgever gevraagd de e-mail te verwijderen.")
    breaches.report_to_ap(arts, b.id, day(breaches.now()), hhmm(breaches.now()), "M-1")
    breaches.subjects_informed(arts, b.id, day(breaches.now()))
    assert breaches.close(arts, b.id).closed_on == date.today()


def test_the_audit_trail_has_the_breach_but_not_its_words(arts):
    since = last_seq(arts)
    record(arts, summary="GEHEIM-LEK-42 in de post")
    assert [(e[0], "GEHEIM" in repr(e)) for e in events_after(arts, since)] == [("create", False)]


def test_an_assistant_keeps_no_breach_register(bare_practice, arts):
    assistant = login_as(bare_practice, ASSISTENT, unlock=True)
    try:
        with pytest.raises(PermissionDenied):
            record(assistant)
    finally:
        assistant.close()
