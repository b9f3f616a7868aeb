"""What functional feedback to the employer must be before it leaves the practice."""

from __future__ import annotations

from desktop_app.domain.cases import FunctionalFeedback
from desktop_app.errors import PermissionDenied


class NotApproved(PermissionDenied):
    message = ("Deze terugkoppeling is nog niet goedgekeurd door een bedrijfsarts en kan nog niet "
               "worden afgedrukt of verstuurd.")


def require_approved(feedback: FunctionalFeedback) -> None:
    """Called before printing or sending: only approved feedback leaves the practice."""
    if not feedback.approved:
        raise NotApproved(detail="feedback not approved")
