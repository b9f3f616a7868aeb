"""Practice settings (``domain.settings``) as stored in practice.db: everyone reads them, an admin
physician changes them. A retention period is never set below the law (``parse_settings``)."""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.permissions import Permission
from desktop_app.domain.settings import BY_KEY, SETTINGS, Setting, minutes, parse_settings
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import settings as store

__all__ = ["BY_KEY", "SETTINGS", "Setting", "all_settings", "minutes", "update"]


@requires(Permission.PRACTICE_READ)
def all_settings(session: Session) -> dict[str, str]:
    stored = store.stored(session.db)
    return {s.key: stored.get(s.key, s.default) for s in SETTINGS} | {
        k: v for k, v in stored.items() if k not in BY_KEY and k != "marker"}


@requires(Permission.SETTINGS)
def update(session: Session, values: dict[str, str]) -> dict[str, str]:
    clean = parse_settings(values, all_settings(session))
    with session.db.transaction():
        store.store(session.db, clean.items())
        session.record(Action.UPDATE, object_type="settings", data=", ".join(sorted(clean)))
    return all_settings(session)
