"""The one mechanism that checks the permission table (``domain.permissions``) in the services.

Every public function of ``desktop_app.services`` carries one of two marks:

- ``@requires(Permission.X, ...)``: its first argument is the session; the call goes on only when
  the session's user holds every permission named, and a refusal is recorded on the audit trail
  (outcome ``denied``, with the function and the missing permission, never a value) before
  ``PermissionDenied`` is raised;
- ``@unguarded("why")``: it needs no logged-in user (creating a practice, logging in, restoring a
  backup) or touches no data (a pure calculation). The reason is kept with the function.

``tests/services/test_permissions.py`` walks every module and fails on a public function with
neither mark, then calls each guarded one as every role.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from desktop_app.domain.permissions import Permission, refusal_message
from desktop_app.errors import PermissionDenied

F = TypeVar("F", bound=Callable[..., Any])

PERMISSIONS_ATTR = "__permissions__"
UNGUARDED_ATTR = "__unguarded__"


def requires(*needed: Permission) -> Callable[[F], F]:
    if not needed:
        raise TypeError("requires() needs at least one permission; use @unguarded otherwise")
    for p in needed:
        if not isinstance(p, Permission):
            raise TypeError(f"not a Permission: {p!r}")

    def decorate(fn: F) -> F:
        params = list(inspect.signature(fn).parameters)
        if not params or params[0] != "session":
            raise TypeError(f"{fn.__qualname__}: a guarded service takes the session first")
        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__qualname__}"

        signature = inspect.signature(fn)
        takes_employee = "employee_id" in signature.parameters

        @functools.wraps(fn)
        def guarded(session, *args, **kwargs):
            if not session.holds(needed):
                employee_id = None
                if takes_employee:
                    try:
                        bound = signature.bind_partial(session, *args, **kwargs)
                        employee_id = bound.arguments.get("employee_id")
                    except TypeError:
                        employee_id = None
                check(session, name, needed,
                      employee_id=employee_id if isinstance(employee_id, int) else None)
            return fn(session, *args, **kwargs)

        setattr(guarded, PERMISSIONS_ATTR, frozenset(needed))
        return guarded  # type: ignore[return-value]

    return decorate


def unguarded(reason: str) -> Callable[[F], F]:
    if not reason.strip():
        raise TypeError("unguarded() needs a reason")

    def decorate(fn: F) -> F:
        setattr(fn, UNGUARDED_ATTR, reason)
        return fn

    return decorate


def check(session, name: str, needed: tuple[Permission, ...] | frozenset[Permission], *,
          employee_id: int | None = None) -> None:
    """Raise PermissionDenied, after recording the refusal, unless the user holds ``needed``.

    Also for rules inside a service that refuse on the table's terms (``check(session,
    "releases.approve", [Permission.RELEASE_APPROVE_AS_SUPERVISOR])``).
    """
    held = session.permissions()
    for permission in needed:
        if permission not in held:
            session.record_refusal(name, permission, employee_id=employee_id)
            raise PermissionDenied(refusal_message(permission),
                                   detail=f"{name}: needs {permission}")


def declared(fn: Callable[..., Any]) -> frozenset[Permission] | str | None:
    """What a function declares: its permissions, its unguarded reason, or None."""
    perms = getattr(fn, PERMISSIONS_ATTR, None)
    if perms is not None:
        return perms
    return getattr(fn, UNGUARDED_ATTR, None)
