"""The practice settings as typed values with defaults, and the rules a change must meet.

Stored as text in practice.db by ``services.settings``; this module needs no storage.
"""

from __future__ import annotations

import unicodedata
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
    legal: str = ""  # for a legal period: where the minimum comes from


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
    # --- retention (helper "retention"): a setting may lengthen a legal period, never shorten
    # it; the medical period may be 15 to 19 years only with a recorded reason.
    Setting("retention_personal_years", "Persoonsgegevens: jaren na uitdienst (minimaal 5)", "5",
            "number", 5, 100, "beleid van de praktijk"),
    Setting("retention_payroll_years", "Loongegevens: jaren na uitdienst (wet: minimaal 7)", "7",
            "number", 7, 100, "fiscale bewaarplicht, AWR art. 52"),
    Setting("retention_medical_years", "Medisch dossier: jaren na laatste aantekening (wet: 20)",
            "20", "number", 15, 100, "WGBO, BW art. 7:454 lid 3"),
    Setting("retention_medical_reason", "Reden voor een medische termijn korter dan 20 jaar", ""),
    Setting("retention_trajectory_years", "Re-integratietraject: jaren na einde (minimaal 2)", "2",
            "number", 2, 100, "AP-beleidsregels De zieke werknemer"),
    Setting("retention_carcinogenic_years", "Kankerverwekkend/biologisch: jaren na blootstelling (wet: 40)",
            "40", "number", 40, 100, "Arbobesluit art. 4.10c en 4.91"),
    Setting("retention_radiation_years", "Ioniserende straling: jaren na blootstelling (wet: 30)", "30",
            "number", 30, 100, "Besluit basisveiligheidsnormen stralingsbescherming"),
    Setting("register_processors", "Verwerkers voor het register (scheid met ;)", ""),  # statswire
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


def parse_settings(values: dict[str, str], stored: dict[str, str] | None = None) -> dict[str, str]:
    """The known settings among ``values``, checked; unknown keys are left out. ``stored``: the
    values in force, for the rules that weigh one setting against another."""
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
            if setting.legal and number < setting.minimum:
                errors[key] = _too_short(setting)
                continue
            if not setting.minimum <= number <= setting.maximum:
                errors[key] = f"{setting.label}: tussen {setting.minimum} en {setting.maximum}."
                continue
            clean[key] = str(number)
        else:
            if len(value) > 200 or any(ord(c) < 32 for c in value):
                errors[key] = f"{setting.label}: hoogstens 200 tekens, zonder stuurtekens."
                continue
            if any(0xD800 <= ord(c) <= 0xDFFF for c in value):  # cannot be stored as UTF-8
                errors[key] = f"{setting.label}: bevat een ongeldig teken dat niet kan worden opgeslagen."
                continue
            clean[key] = value
    if errors:
        raise ValidationErrors(errors)
    if clean.get("practice_name", "x") == "":
        raise ValidationError("practice_name", "Naam van de praktijk: vul dit in.")
    _medical_reason(clean, stored or {})
    if int(clean.get("full_lock_minutes", 999)) < int(clean.get("medical_lock_minutes", 0)):
        raise ValidationError("full_lock_minutes",
                              "Programma vergrendelen: niet eerder dan het medische deel.")
    return clean


MEDICAL_LEGAL_YEARS = 20


def _too_short(setting: Setting) -> str:
    name = setting.label.split(":")[0]
    if setting.key == "retention_medical_years":
        return (f"{name}: niet korter dan {MEDICAL_LEGAL_YEARS} jaar ({setting.legal}); {setting.minimum} tot "
                f"{MEDICAL_LEGAL_YEARS} jaar alleen met een vastgelegde reden. Een instelling mag een "
                "wettelijke termijn verlengen, nooit verkorten.")
    return (f"{name}: niet korter dan {setting.minimum} jaar ({setting.legal}). Een instelling mag een "
            "wettelijke termijn verlengen, nooit verkorten.")


def visible_length(text: str) -> int:
    """The characters a reader sees: not spaces, not format characters (zero-width spaces,
    direction overrides, the byte-order mark), not control characters or lone surrogates."""
    return sum(1 for c in text if not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc", "Cs", "Cn"))


def _medical_reason(clean: dict[str, str], stored: dict[str, str]) -> None:
    """A medical period below the WGBO's 20 years (15 at the least) needs a recorded reason."""
    years = minutes({**stored, **clean}, "retention_medical_years")
    if years >= MEDICAL_LEGAL_YEARS:
        return
    reason = clean.get("retention_medical_reason", stored.get("retention_medical_reason", "")).strip()
    if visible_length(reason) < 10:
        field = "retention_medical_years" if "retention_medical_years" in clean else "retention_medical_reason"
        raise ValidationError(field,
                              f"Medisch dossier: {years} jaar is korter dan de wettelijke 20 jaar (WGBO, BW "
                              "art. 7:454 lid 3). Dat kan alleen met een vastgelegde reden: vul de reden in "
                              "(minstens 10 zichtbare tekens), of kies 20 jaar of meer.")


def retention_years(values: dict[str, str], key: str) -> int:
    """A retention period in force: the stored value, never below its legal minimum (a value
    stored before the minimum was enforced counts as the minimum)."""
    setting = BY_KEY[key]
    number = minutes(values, key)
    if key == "retention_medical_years" and number < MEDICAL_LEGAL_YEARS:
        reason = values.get("retention_medical_reason", "").strip()
        return max(number, setting.minimum) if visible_length(reason) >= 10 else MEDICAL_LEGAL_YEARS
    return max(number, setting.minimum)
