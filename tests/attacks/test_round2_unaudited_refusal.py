"""Round 2: a refused ``audit-acknowledge`` leaves no trace on a trail that is in order.

``acknowledge.acknowledge_breaks`` refuses a user who is not an admin physician without recording
it ("the trail may be the very thing that is broken"), even when the trail is whole and could take
the event. Issue 12: every refusal is on the audit trail. A case manager can try the command as
often as they like, and a physician reading the trail sees nothing of it.
"""

from __future__ import annotations

import pytest

from desktop_app.errors import PermissionDenied
from desktop_app.services import audit_log
from desktop_app.services.acknowledge import acknowledge_breaks
from tests.helpers.practices import ARTS, CASEMANAGER, login_as


def test_a_refused_acknowledgement_on_a_whole_trail_is_recorded(bare_practice):
    with pytest.raises(PermissionDenied):
        acknowledge_breaks(bare_practice, CASEMANAGER.username, CASEMANAGER.password)
    arts = login_as(bare_practice, ARTS)
    try:
        refused = [e for e in audit_log.events(arts)
                   if e.username == CASEMANAGER.username and e.outcome == "denied"]
    finally:
        arts.close()
    assert refused, "no event of the case manager's refused acknowledgement"
