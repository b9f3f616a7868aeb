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
