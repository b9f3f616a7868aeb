"""Checks shared by the services: restriction of processing (AVG art. 18) and the like.

A restricted dossier can be read but not changed or released until the restriction is lifted.
"""

from __future__ import annotations

from desktop_app.domain.permissions import Permission
from desktop_app.errors import PermissionDenied
from desktop_app.services.authz import requires


class Restricted(PermissionDenied):
    message = (
        "De verwerking van dit dossier is beperkt (AVG art. 18): het kan worden ingezien, maar "
        "niet gewijzigd of verstrekt tot de beperking is opgeheven."
    )


@requires(Permission.PRACTICE_READ)
def is_restricted(session, employee_id: int) -> bool:
    row = session.db.one(
        "SELECT 1 FROM restrictions WHERE employee_id = ? AND lifted_at IS NULL LIMIT 1",
        (employee_id,))
    return row is not None


@requires(Permission.PRACTICE_READ)
def require_not_restricted(session, employee_id: int) -> None:
    if is_restricted(session, employee_id):
        raise Restricted(detail=f"employee {employee_id} restricted")
