"""The practice settings as typed values with defaults, and the rules a change must meet.

Stored as text in practice.db by ``services.settings``; this module needs no storage.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.errors import ValidationError, ValidationErrors


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    default: str
    kind: str = "text"  # text, or a whole number ("minutes", "number") between minimum and maximum
    minimum: int = 0
    maximum: int = 0


SETTINGS: tuple[Setting, ...] = (
    Setting("practice_name", "Naam van de praktijk", ""),
    Setting("practice_address", "Adres", ""),
    Setting("practice_postcode", "Postcode", ""),
    Setting("practice_city", "Plaats", ""),
    Setting("practice_phone", "Telefoon", ""),
    Setting("practice_email", "E-mail", ""),
    Setting("practice_kvk", "KvK-nummer", ""),
    Setting("practice_registration", "AGB-code of BIG-nummer", ""),
    Setting("medical_lock_minutes", "Medisch deel vergrendelen na (minuten)", "5", "minutes", 1, 60),
    Setting("full_lock_minutes", "Programma vergrendelen na (minuten)", "15", "minutes", 1, 240),
    Setting("consent_recent_months", "Toestemming recent: hoogstens (maanden oud)", "3", "number", 1, 12),
    Setting("backup_reminder_days", "Herinnering back-up na (dagen)", "7", "number", 1, 90),
    Setting("retention_personal_years", "Bewaartermijn persoonsgegevens (jaren)", "5", "number", 1, 100),
    Setting("retention_medical_years", "Bewaartermijn medisch dossier (jaren; WGBO 20)", "15", "number", 1, 100),
    Setting("retention_trajectory_years", "Bewaartermijn re-integratietraject (jaren)", "2", "number", 1, 100),
    Setting("retention_carcinogenic_years", "Na blootstelling stoffen/agentia (jaren)", "40", "number", 1, 100),
    Setting("retention_radiation_years", "Na ioniserende straling (jaren)", "30", "number", 1, 100),
    # helper "requests": the data-protection officer (FG) and the complaint procedure
    Setting("dpo_name", "Functionaris gegevensbescherming (FG): naam", ""),
    Setting("dpo_email", "FG: e-mail", ""),
    Setting("dpo_phone", "FG: telefoon", ""),
    Setting("complaint_contact", "Klachten: richten aan", ""),
    Setting("complaint_answer_weeks", "Klachten: oordeel binnen (weken)", "6", "number", 1, 12),
    Setting("complaint_extension_weeks", "Klachten: eenmaal te verlengen met (weken)", "4", "number", 0, 8),
    Setting("complaint_external", "Klachten: externe klachten- of geschilleninstantie", ""),
)
BY_KEY = {s.key: s for s in SETTINGS}


def minutes(values: dict[str, str], key: str) -> int:
    """A whole-number setting from the values read, or its default when it is not a number."""
    setting = BY_KEY[key]
    try:
        return int(values.get(key, setting.default))
    except ValueError:
        return int(setting.default)


def parse_settings(values: dict[str, str]) -> dict[str, str]:
    """The known settings among ``values``, checked; unknown keys are left out."""
    errors = {}
    clean = {}
    for key, value in values.items():
        setting = BY_KEY.get(key)
        if setting is None:
            continue
        if setting.kind in ("minutes", "number"):
            try:
                number = int(value.strip())
            except ValueError:
                errors[key] = f"{setting.label}: vul een heel getal in."
                continue
            if not setting.minimum <= number <= setting.maximum:
                errors[key] = f"{setting.label}: tussen {setting.minimum} en {setting.maximum}."
                continue
            clean[key] = str(number)
        else:
            if len(value) > 200 or any(ord(c) < 32 for c in value):
                errors[key] = f"{setting.label}: hoogstens 200 tekens, zonder stuurtekens."
                continue
            clean[key] = value
    if errors:
        raise ValidationErrors(errors)
    if clean.get("practice_name", "x") == "":
        raise ValidationError("practice_name", "Naam van de praktijk: vul dit in.")
    if int(clean.get("full_lock_minutes", 999)) < int(clean.get("medical_lock_minutes", 0)):
        raise ValidationError("full_lock_minutes",
                              "Programma vergrendelen: niet eerder dan het medische deel.")
    return clean
