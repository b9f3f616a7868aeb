"""The employer's workforce per period, as the employer gave it, for the absence statistics.

Every role that keeps dossiers may enter, correct and remove an entry (it holds no personal
data: averages of the employer's staff); each change names who made it and when, and is on the
audit trail. Entries of one employer never overlap.
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.dates import nl_date
from desktop_app.domain.permissions import Permission
from desktop_app.domain.workforce import (
    NewWorkforce,
    WorkforceEntry,
    WorkforceForm,
    overlap_error,
    overlapping,
    parse_workforce,
)
from desktop_app.errors import NotFound
from desktop_app.services import employers
from desktop_app.services.authz import requires
from desktop_app.services.session import Session
from desktop_app.storage import workforce as store


def _describe(entry: WorkforceEntry | NewWorkforce) -> str:
    return f"personeelsbestand {nl_date(entry.start)} t/m {nl_date(entry.end)}"


@requires(Permission.PRACTICE_WRITE)
def add(session: Session, employer_id: int, form: WorkforceForm) -> WorkforceEntry:
    employer = employers.get(session, employer_id)
    new = parse_workforce(form, session.today(), employer_week=employer.full_time_hours)
    with session.db.transaction():
        other = overlapping(new, store.for_employer(session.db, employer_id))
        if other is not None:
            raise overlap_error(other)
        entry_id = store.insert(session.db, employer_id, new, session.user.id)
        session.record(Action.CREATE, object_type="employer_workforce", object_id=entry_id,
                       data=_describe(new))
    return get(session, entry_id)


@requires(Permission.PRACTICE_WRITE)
def update(session: Session, entry_id: int, form: WorkforceForm) -> WorkforceEntry:
    old = get(session, entry_id)
    employer = employers.get(session, old.employer_id)
    new = parse_workforce(form, session.today(), employer_week=employer.full_time_hours)
    with session.db.transaction():
        other = overlapping(new, store.for_employer(session.db, old.employer_id), replacing=entry_id)
        if other is not None:
            raise overlap_error(other)
        store.update(session.db, entry_id, new, session.user.id)
        session.record(Action.UPDATE, object_type="employer_workforce", object_id=entry_id,
                       data=_describe(old))
    return get(session, entry_id)


@requires(Permission.PRACTICE_WRITE)
def remove(session: Session, entry_id: int) -> None:
    old = get(session, entry_id)
    with session.db.transaction():
        store.delete(session.db, entry_id)
        session.record(Action.DELETE, object_type="employer_workforce", object_id=entry_id,
                       data=_describe(old))


@requires(Permission.PRACTICE_READ)
def get(session: Session, entry_id: int) -> WorkforceEntry:
    entry = store.get(session.db, entry_id)
    if entry is None:
        raise NotFound(detail=f"workforce entry {entry_id}")
    return entry


@requires(Permission.PRACTICE_READ)
def for_employer(session: Session, employer_id: int) -> list[WorkforceEntry]:
    employers.get(session, employer_id)
    return store.for_employer(session.db, employer_id)
