"""The one mechanism that checks the permission table (``domain.permissions``) in the services.

Every public function of ``desktop_app.services`` carries one of two marks:

- ``@requires(Permission.X, ...)``: its first argument is the session; the call goes on only when
  the session's user holds every permission named, and a refusal is recorded on the audit trail
  (action ``access_denied``, outcome ``denied``, with the function and the missing permission,
  never a value) before ``Refused`` (a ``PermissionDenied``) is raised;
- ``@unguarded("why")``: it needs no logged-in user (creating a practice, logging in, restoring a
  backup) or touches no data (a pure calculation). The reason is kept with the function.

Rules that depend on the object (the physician a consent is addressed to, a referred release)
stay inside the service; where such a rule refuses on the table's terms it calls ``check`` so
the refusal is audited the same way.

``tests/services/test_permissions.py`` walks every module and fails on a public function with
neither mark, then calls each guarded one as every role.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from desktop_app.domain.permissions import Permission, refusal_message
from desktop_app.errors import PermissionDenied

F = TypeVar("F", bound=Callable[..., Any])

PERMISSIONS_ATTR = "__permissions__"
UNGUARDED_ATTR = "__unguarded__"


class Refused(PermissionDenied):
    """The permission table refused the call (and the refusal is on the audit trail).

    Other ``PermissionDenied`` errors say no for the object's sake (a restricted dossier, feedback
    not yet approved); this one says no for the user's role.
    """

    def __init__(self, message: str | None = None, *, detail: str = "",
                 permission: Permission | None = None, name: str = "") -> None:
        super().__init__(message, detail=detail)
        self.permission = permission
        self.name = name


def unguarded(reason: str) -> Callable[[F], F]:
    """Mark a public service function that needs no logged-in user or touches no data."""
    if not reason.strip():
        raise TypeError("unguarded() needs a reason")

    def decorate(fn: F) -> F:
        setattr(fn, UNGUARDED_ATTR, reason)
        return fn

    return decorate


unguarded("the permission mechanism itself")(unguarded)


@unguarded("the permission mechanism itself")
def requires(*needed: Permission) -> Callable[[F], F]:
    """Guard a service function: the session (its first argument) must hold every ``needed``."""
    if not needed:
        raise TypeError("requires() needs at least one permission; use @unguarded otherwise")
    for p in needed:
        if not isinstance(p, Permission):
            raise TypeError(f"not a Permission: {p!r}")

    def decorate(fn: F) -> F:
        signature = inspect.signature(fn)
        params = list(signature.parameters)
        if not params or params[0] != "session":
            raise TypeError(f"{fn.__qualname__}: a guarded service takes the session first")
        name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__qualname__}"
        takes_employee = "employee_id" in signature.parameters
        frozen = frozenset(needed)

        @functools.wraps(fn)
        def guarded(session, *args, **kwargs):
            if not session.holds(frozen):
                employee_id = None
                if takes_employee:
                    try:
                        bound = signature.bind_partial(session, *args, **kwargs)
                        employee_id = bound.arguments.get("employee_id")
                    except TypeError:
                        employee_id = None
                check(session, name, needed,
                      employee_id=employee_id if type(employee_id) is int else None)
            return fn(session, *args, **kwargs)

        setattr(guarded, PERMISSIONS_ATTR, frozen)
        return guarded  # type: ignore[return-value]

    return decorate


@unguarded("the permission mechanism itself")
def check(session, name: str, needed: Iterable[Permission], *,
          employee_id: int | None = None) -> None:
    """Raise ``Refused``, after recording the refusal, unless the user holds ``needed``.

    Also for rules inside a service that refuse on the table's terms (``check(session,
    "releases.approve", [Permission.RELEASE_APPROVE_AS_SUPERVISOR])``). One refusal, one event:
    the first permission missing is the one recorded.
    """
    held = session.permissions()
    for permission in needed:
        if permission not in held:
            session.record_refusal(name, permission, employee_id=employee_id)
            raise Refused(refusal_message(permission), detail=f"{name}: needs {permission}",
                          permission=permission, name=name)


@unguarded("the permission mechanism itself")
def declared(fn: Callable[..., Any]) -> frozenset[Permission] | str | None:
    """What a function declares: its permissions, its unguarded reason, or None."""
    perms = getattr(fn, PERMISSIONS_ATTR, None)
    if perms is not None:
        return perms
    return getattr(fn, UNGUARDED_ATTR, None)
