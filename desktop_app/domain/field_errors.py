"""Collecting field errors, so a form shows every wrong field at once, each with its message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from desktop_app.errors import ValidationError, ValidationErrors

T = TypeVar("T")


class Fields:
    """``take`` runs one field's check; ``done`` raises ValidationErrors if any failed."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def take(self, field: str, check: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return check(*args, **kwargs)
        except ValidationError as exc:
            self.errors.setdefault(exc.field or field, exc.message)
            return None

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def done(self) -> None:
        if self.errors:
            raise ValidationErrors(self.errors)


def optional(check: Callable[..., T]) -> Callable[..., T | None]:
    """Wrap a check so an empty (or whitespace-only) input means "not given"."""

    def wrapped(value: str, *args: Any, **kwargs: Any) -> T | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return check(value, *args, **kwargs)

    return wrapped
