"""Fetch a row by its id or raise ``NotFound``: the one place a missing row becomes an error.

    employee = get_or_not_found(employees.get, session.db, employee_id, what="employee")

The getter is any storage function called as ``getter(db, key, *more)`` that returns None (or an
empty list, for a row with its versions) when there is nothing under ``key``. The error's
English ``detail`` names the kind and the id, never a value of the row; its Dutch message is
``NotFound``'s own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from desktop_app.errors import NotFound
from desktop_app.storage.connection import Database

T = TypeVar("T")


def get_or_not_found(getter: Callable[..., T | None], db: Database, key: int, *more,
                     what: str) -> T:
    """``getter(db, key, *more)``, or ``NotFound`` ("<what> <key> not found") when it finds none."""
    row = getter(db, key, *more)
    if row is None or (isinstance(row, list) and not row):
        raise NotFound(detail=f"{what} {key} not found")
    return row
