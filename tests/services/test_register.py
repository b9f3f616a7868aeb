"""The register of processing activities is generated from the settings and the program's rules:
change a setting and the register changes with it."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from desktop_app.domain.processing_register import RegisterInputs, build
from desktop_app.services import register, settings
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def admin(bare_practice):
    s = login_as(bare_practice, ARTS)
    yield s
    s.close()


def _retention(reg, purpose_word):
    return next(a.retention for a in reg.activities if purpose_word in a.purpose)


def test_the_medical_retention_is_the_configured_one(admin):
    settings.update(admin, {"retention_medical_years": "20"})
    assert _retention(register.register(admin), "Medisch dossier").startswith("20 jaar")


def test_changing_the_medical_retention_changes_the_pdf(admin):
    settings.update(admin, {"retention_medical_years": "25"})
    assert "25 jaar na de laatste wijziging" in text_of(register.register_pdf(admin))


def test_the_trajectory_rule_follows_its_setting(admin):
    settings.update(admin, {"retention_trajectory_years": "3"})
    assert _retention(register.register(admin), "Re-integratietraject") == \
        "3 jaar na het einde van het traject; daarna geanonimiseerd"


def test_the_exposure_periods_follow_their_settings(admin):
    settings.update(admin, {"retention_carcinogenic_years": "45", "retention_radiation_years": "35"})
    text = _retention(register.register(admin), "blootstelling")
    assert "45 jaar" in text
    assert "35 jaar na ioniserende straling" in text


def test_the_processors_are_a_setting(admin):
    settings.update(admin, {"register_processors": "Back-updienst Veilig B.V.; ICT-beheer Jansen"})
    assert register.register(admin).processors == ("Back-updienst Veilig B.V.", "ICT-beheer Jansen")


def test_without_processors_the_register_says_none_are_recorded(admin):
    assert "Geen verwerkers vastgelegd" in register.register(admin).processors[0]


def test_the_controller_is_the_practice_as_set(admin):
    settings.update(admin, {"practice_name": "Arbopraktijk Noord"})
    assert ("Verwerkingsverantwoordelijke", "Arbopraktijk Noord") in register.register(admin).controller


def test_the_lock_times_in_the_security_measures_are_the_settings(admin):
    settings.update(admin, {"medical_lock_minutes": "3", "full_lock_minutes": "10"})
    assert any("na 3 minuten" in m and "na 10 minuten" in m for m in register.register(admin).security)


def test_the_consent_age_is_the_setting(admin):
    settings.update(admin, {"consent_recent_months": "2"})
    medical = next(a for a in register.register(admin).activities if "Medisch dossier" in a.purpose)
    assert "niet ouder dan 2 maanden" in medical.recipients


def test_the_statistics_name_the_suppression_rule(admin):
    stats = next(a for a in register.register(admin).activities if "Verzuimstatistiek" in a.purpose)
    assert "minder dan 10 werknemers geen cijfers" in stats.recipients


def test_the_recipients_name_the_legal_duties(admin):
    medical = next(a for a in register.register(admin).activities if "Medisch dossier" in a.purpose)
    assert "Wet SUWI art. 54" in medical.recipients
    assert "NCvB" in medical.recipients


def test_the_employer_gets_only_functional_feedback(admin):
    care = register.register(admin).activities[0]
    assert "nooit de diagnose" in care.recipients


def test_every_role_may_read_the_register(bare_practice):
    s = login_as(bare_practice, CASEMANAGER)
    assert "Register van verwerkingsactiviteiten" in text_of(register.register_pdf(s))
    s.close()


def test_the_ap_route_is_always_named(admin):
    assert any(label == "Autoriteit Persoonsgegevens" for label, _v in register.register(admin).privacy_contacts)


def test_without_an_fg_setting_the_register_says_so(admin):
    contacts = dict(register.register(admin).privacy_contacts)
    assert contacts["Functionaris gegevensbescherming"] == "niet vastgelegd in de instellingen"


# --- the seam for the FG and the complaint procedure (settings another helper adds) -----------


def _inputs(values: dict[str, str]) -> RegisterInputs:
    years = {"personal": 5, "medical": 20, "carcinogenic": 40, "radiation": 30, "trajectory": 2}
    return RegisterInputs(values, {"dpo_name": "Functionaris gegevensbescherming (naam)",
                                   "complaint_procedure": "Klachtenregeling"}, years, ["behandelend arts"])


def test_an_fg_setting_appears_under_its_label():
    reg = build(_inputs({"practice_name": "P", "dpo_name": "mr. J. de Wit"}))
    assert ("Functionaris gegevensbescherming (naam)", "mr. J. de Wit") in reg.privacy_contacts


def test_a_complaint_procedure_setting_replaces_the_not_recorded_line():
    reg = build(_inputs({"practice_name": "P", "complaint_procedure": "Klachtenfunctionaris, klacht@p.nl"}))
    assert dict(reg.privacy_contacts)["Klachtenregeling"] == "Klachtenfunctionaris, klacht@p.nl"


def test_a_period_the_retention_rules_do_not_name_falls_back_to_its_default():
    reg = build(RegisterInputs({"practice_name": "P"}, {}, {"medical": 20}, ["behandelend arts"]))
    assert _retention(reg, "Re-integratietraject").startswith("2 jaar")
