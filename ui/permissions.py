"""The client asks the core what the logged-in user may do (``Session.may``); it never works
out a right from the role itself. The answer decides only what is shown: the services check
again, and refuse on the table's terms whatever a window offers.

The question runs on the database thread (an assistant's standing depends on the secrecy
statement on file): the controller asks it once at login, beside the settings, and windows read
that answer (``ctx.held``) without waiting on the database thread.
"""

from __future__ import annotations

from desktop_app.domain.permissions import Permission
from ui.context import AppContext


def may(ctx: AppContext, permission: Permission) -> bool:
    return permission in ctx.held


def held(ctx: AppContext) -> frozenset[Permission]:
    """Everything the user may do, for a window that asks several questions at once."""
    return ctx.held
