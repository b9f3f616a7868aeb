"""Issue 13, the settings the register and the retention terms are built from, with the
strangest text the settings form accepts."""

import pytest

from desktop_app.errors import ArbokluisError
from desktop_app.services import retention, settings


@pytest.mark.parametrize("reason", ["\u200b" * 12, "\u202e" * 12, "\ufeff" * 12],
                         ids=["zero-width-spaces", "rtl-overrides", "bom"])
def test_an_invisible_reason_does_not_shorten_the_medical_term(arts, reason):
    """15 years instead of the WGBO's 20 needs a recorded reason of at least 10 characters. Twelve
    invisible characters are no reason; the setting must be refused, and the term in force
    stays 20 years."""
    try:
        settings.update(arts, {"retention_medical_years": "15", "retention_medical_reason": reason})
    except ArbokluisError:
        pass
    assert retention.periods(arts).medical == 20


@pytest.mark.parametrize("values", [
    {"retention_medical_years": "15", "retention_medical_reason": "\ud800" * 12},
    {"register_processors": "Hosting \ud800 B.V."},
], ids=["medical-reason", "register-processors"])
def test_a_lone_surrogate_in_a_text_setting_is_refused_at_its_field(arts, values):
    """A lone surrogate cannot be stored as UTF-8: the form must name the field, not crash with
    an untyped UnicodeEncodeError from the storage layer."""
    with pytest.raises(ArbokluisError):
        settings.update(arts, values)
