"""What the "Brief maken" dialog offers for one employee: the templates this user may make, the
fields to type per template, and the consents, requests and earlier recipients a letter can
draw on (only for medical staff: they name what a consent or request names)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.dates import nl_date
from desktop_app.domain.letter_fields import TYPED_SOURCES, MergeField, Source, fields_for
from desktop_app.domain.letter_templates import LetterTemplate
from desktop_app.domain.permissions import Permission
from desktop_app.services import agenda, consents, letters, notices, requests
from desktop_app.services.authz import requires
from desktop_app.services.letter_values import TREATING_ROLES
from desktop_app.services.session import Session

_WORDING = frozenset({Source.CONSENT, Source.REQUEST, Source.NOTICE})


@dataclass(frozen=True)
class LetterChoices:
    templates: tuple[LetterTemplate, ...]
    typed: dict[str, tuple[MergeField, ...]]  # template key → fields to type
    consents: tuple[tuple[int, str], ...]  # (consent id, label): valid, for a treating physician
    requests: tuple[tuple[int, str], ...]  # (request id, label): closed requests
    recipients: tuple[tuple[str, str], ...]  # ("request_id:release_id", label)
    no_shows: tuple[tuple[int, str], ...] = ()  # (booking id, label): appointments not appeared at


@requires(Permission.PRACTICE_READ)
def choices(session: Session, employee_id: int) -> LetterChoices:
    wording = session.may(Permission.CONSENT_WORDING)
    medical = session.may(Permission.MEDICAL_WRITE)
    missed = tuple((x.booking.id, x.label) for x in reversed(agenda.no_shows(session, employee_id)))
    offered = tuple(t for t in letters.templates(session)
                    if (wording or not t.sources & _WORDING) and (medical or not t.medical)
                    and (missed or Source.NO_SHOW not in t.sources)
                    and session.may(Permission.PRACTICE_WRITE))
    typed = {t.key: tuple(f for f in fields_for(t.all_sources) if f.source in TYPED_SOURCES) for t in offered}
    cons: tuple = ()
    reqs: tuple = ()
    recs: tuple = ()
    if wording:
        cons = tuple((line.consent.id, f"{line.consent.recipient_name} ({line.consent.role_label}), getekend "
                                       f"{nl_date(line.consent.given_on)}")
                     for line in consents.overview(session, employee_id)
                     if line.status.usable and line.consent.recipient_role in TREATING_ROLES)
        reqs = tuple((r.id, f"{r.kind.label}, ontvangen {nl_date(r.received_on)} ({r.state.label})")
                     for r in requests.for_employee(session, employee_id) if not r.open)
        recs = tuple((f"{c.request_id}:{r.release_id}", f"{r.name} ({r.role_label}), {c.kind_label} op "
                                                          f"{nl_date(c.changed_on)}")
                     for c in notices.for_employee(session, employee_id) if c.request_id is not None
                     for r in c.recipients)
    return LetterChoices(offered, typed, cons, reqs, recs, missed)
