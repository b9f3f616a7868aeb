"""Which steps of a request a user may take now: the one answer the request dialog asks for.

The request's state and kind say which steps exist now; the permission table says who may take
them. The services check the same permissions (they declare ``PERFORM[kind]`` and the sets below
with ``@requires``), so what the dialog offers and what the core allows cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from desktop_app.domain.permissions import Permission
from desktop_app.domain.requests import OutcomeKind, Request, RequestKind, RequestState


class Step(StrEnum):
    IDENTITY = "identity"  # a masked ID copy, or the ID shown at the desk
    START = "start"
    EXTEND = "extend"
    CONSENT = "consent"  # a transfer: the employee's consent to the new arbo service
    READY = "ready"  # ready for the physician's sign-off
    SIGN_OFF = "sign_off"
    PERFORM = "perform"  # the outcome of its kind
    REFUSE = "refuse"
    NOTIFY = "notify"  # AVG art. 19: tell the recipients of earlier releases
    LETTER = "letter"  # letters to the requester (extension, answer, refusal)

    @property
    def label(self) -> str:
        return {"identity": "Identiteit gecontroleerd", "start": "In behandeling", "extend": "Verlengen…",
                "consent": "Toestemming werknemer…", "ready": "Klaar voor akkoord arts",
                "sign_off": "Akkoord bedrijfsarts", "perform": "Uitvoeren…", "refuse": "Afwijzen…",
                "notify": "Ontvangers informeren…", "letter": "Brief…"}[self.value]


HANDLE = frozenset({Permission.PRACTICE_WRITE})
SIGN_OFF = frozenset({Permission.PRACTICE_WRITE, Permission.COPY_SIGN_OFF})
CONSENT = frozenset({Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING})
NOTIFY = frozenset({Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING})
LETTER = NOTIFY  # a letter may list the recipients told under AVG art. 19

# Who may carry out each kind: the services declare exactly these.
PERFORM: dict[RequestKind, frozenset[Permission]] = {
    RequestKind.INSPECTION: frozenset({Permission.PRACTICE_WRITE, Permission.MEDICAL_READ}),
    RequestKind.COPY: frozenset({Permission.PRACTICE_WRITE, Permission.MEDICAL_READ, Permission.COPY_SIGN_OFF}),
    RequestKind.CORRECTION: frozenset({Permission.PRACTICE_WRITE, Permission.MEDICAL_WRITE,
                                       Permission.MEDICAL_CLINICAL}),
    RequestKind.DESTRUCTION: frozenset({Permission.DESTROY, Permission.MEDICAL_WRITE}),
    RequestKind.RESTRICTION: frozenset({Permission.PRACTICE_WRITE}),
    RequestKind.PORTABILITY: frozenset({Permission.PRACTICE_WRITE, Permission.MEDICAL_READ,
                                        Permission.COPY_SIGN_OFF}),
    RequestKind.OBJECTION: frozenset({Permission.PRACTICE_WRITE, Permission.REQUEST_DECIDE}),
    RequestKind.RELEASE: frozenset({Permission.PRACTICE_WRITE, Permission.CONSENT_WORDING}),
    RequestKind.TRANSFER: frozenset({Permission.PRACTICE_WRITE, Permission.MEDICAL_READ, Permission.CONSENT_WORDING,
                                     Permission.COPY_SIGN_OFF, Permission.RELEASE_APPROVE}),
}

# Who may refuse each kind. Whether an objection stands (AVG art. 21) or the medical dossier is
# destroyed or corrected (WGBO art. 7:455, 7:454) is the physician's weighing: refusing it is
# deciding it, so it needs what carrying it out needs. Other kinds are refused by whoever
# handles them (a withdrawn request, a request outside the practice).
REFUSE: dict[RequestKind, frozenset[Permission]] = {
    kind: HANDLE | PERFORM[kind] if kind in (RequestKind.OBJECTION, RequestKind.DESTRUCTION,
                                             RequestKind.CORRECTION) else HANDLE
    for kind in RequestKind
}

# After these outcomes the recipients of earlier releases are told (AVG art. 19).
NOTIFIED_AFTER = frozenset({OutcomeKind.CORRECTED, OutcomeKind.DESTROYED, OutcomeKind.RESTRICTED})


def allowed_steps(request: Request, held: Collection[Permission]) -> list[Step]:
    """The steps ``held`` (a user's permissions) may take on ``request`` now, in the order the
    dialog shows them."""
    state = request.state
    handle = HANDLE <= set(held)
    out: list[Step] = []
    if handle and state is RequestState.RECEIVED:
        out.append(Step.IDENTITY)
    if handle and state is RequestState.IDENTITY_CHECKED:
        out.append(Step.START)
    if handle and request.open and request.extended_until is None:
        out.append(Step.EXTEND)
    if request.kind is RequestKind.TRANSFER and state is RequestState.IN_PROGRESS and CONSENT <= set(held):
        out.append(Step.CONSENT)
    if handle and state is RequestState.IN_PROGRESS and request.kind.needs_signoff and \
            (request.kind is not RequestKind.TRANSFER or request.consent_id is not None):
        out.append(Step.READY)
    if state is RequestState.AWAITING_SIGNOFF and SIGN_OFF <= set(held):
        out.append(Step.SIGN_OFF)
    ready_to_perform = RequestState.SIGNED_OFF if request.kind.needs_signoff else RequestState.IN_PROGRESS
    if state is ready_to_perform and PERFORM[request.kind] <= set(held):
        out.append(Step.PERFORM)
    if request.open and REFUSE[request.kind] <= set(held):
        out.append(Step.REFUSE)
    if request.outcome_kind in NOTIFIED_AFTER and NOTIFY <= set(held):
        out.append(Step.NOTIFY)
    if LETTER <= set(held) and (request.extended_until is not None or not request.open):
        out.append(Step.LETTER)
    return out
