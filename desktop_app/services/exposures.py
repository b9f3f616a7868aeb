"""Exposure registrations: carcinogenic substances, biological agents, ionising radiation.

They lengthen the retention of the medical record (40 years after carcinogenic or biological
exposure, 30 after ionising radiation; see services.retention). A physician registers them;
medical staff read them; every read and write is logged. Nothing is changed or deleted here.
"""

from __future__ import annotations

from desktop_app.audit import Action
from desktop_app.domain.medical.exposures import Exposure, ExposureForm, parse_exposure
from desktop_app.domain.permissions import Permission
from desktop_app.services import restrictions
from desktop_app.services.authz import requires
from desktop_app.services.medical_section import require_employee
from desktop_app.services.session import Session
from desktop_app.storage import exposures as store


@requires(Permission.MEDICAL_CLINICAL)
def add_exposure(session: Session, employee_id: int, form: ExposureForm) -> Exposure:
    mdb = session.medical()
    require_employee(session, employee_id)
    restrictions.require_not_restricted(session, employee_id)
    new = parse_exposure(form, session.today())
    with mdb.transaction():
        exposure_id = store.insert(mdb, employee_id, new, session.user.id)
        session.record(Action.CREATE, object_type="exposure", object_id=exposure_id,
                       employee_id=employee_id, data=f"blootstelling: {new.category.label}")
    return store.get(mdb, exposure_id)  # type: ignore[return-value]


@requires(Permission.MEDICAL_READ)
def list_exposures(session: Session, employee_id: int) -> list[Exposure]:
    """Oldest first; the read is logged."""
    mdb = session.medical()
    found = store.for_employee(mdb, employee_id)
    session.record(Action.READ_MEDICAL, object_type="exposures", employee_id=employee_id,
                   data=f"blootstellingen ({len(found)})")
    return found
