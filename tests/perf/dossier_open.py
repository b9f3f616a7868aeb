"""dossier_open_ms: an employee's whole dossier with 200 medical entries.

``dossier_open_ms`` reads it through the storage layer on the encrypted sections, against the same
reads on plain copies; ``dossier_open_service_ms`` is the full service call the window makes,
including its two audit events (a committed write each).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop_app.services import dossier as dossier_service
from desktop_app.services import medical_entries as medical_service
from desktop_app.services.demo_medical import fill as fill_medical
from desktop_app.services.medical_section import author_names
from desktop_app.storage import activities as activities_store
from desktop_app.storage import attachments as attachments_store
from desktop_app.storage import cases as cases_store
from desktop_app.storage import employees as employees_store
from desktop_app.storage import medical_entries
from desktop_app.storage.connection import Database, open_plain
from tests.perf.runner import Row, timed_ms


def _read(practice: Database, med: Database, employee_id: int, today: date, names: dict) -> None:
    from desktop_app.services.cases import _timeline

    employees_store.get(practice, employee_id)
    for case in cases_store.for_employee(practice, employee_id):
        _timeline(case, today)
    activities_store.activities_for(practice, employee_id)
    activities_store.feedback_for(practice, employee_id)
    medical_entries.current_for(med, employee_id, names)
    attachments_store.for_employee(med, employee_id)


def _export(db: Database, target) -> Database:
    db.conn.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
    db.conn.execute("SELECT sqlcipher_export('plain')")
    db.conn.execute("DETACH DATABASE plain")
    return Database(open_plain(target), "plain")


def rows(session, plain_practice: Database, quick: bool) -> list[Row]:
    employee_id = session.db.scalar(
        "SELECT employee_id FROM absence_cases WHERE recovered_on IS NULL ORDER BY id LIMIT 1")
    first = date.today() - timedelta(days=300)
    fill_medical(session, random.Random(1), [], [(None, employee_id, first)], 200, date.today())
    folder = plain_practice.conn.execute("PRAGMA database_list").fetchall()[0][2].rsplit("/", 1)[0]
    plain_medical = _export(session.medical(), f"{folder}/medical-plain.db")
    plain_practice.close()
    plain_practice = _export(session.db, f"{folder}/practice-plain2.db")
    names = author_names(session)
    today = date.today()
    count = session.medical().scalar("SELECT count(*) FROM medical_entries WHERE employee_id = ?", (employee_id,))
    enc = timed_ms(lambda: _read(session.db, session.medical(), employee_id, today, names), 15)
    base = timed_ms(lambda: _read(plain_practice, plain_medical, employee_id, today, names), 15)

    def service_open():
        dossier_service.load(session, employee_id)
        medical_service.list_entries(session, employee_id)

    full = timed_ms(service_open, 15)
    plain_medical.close()
    plain_practice.close()
    return [
        Row("dossier_open_ms", enc, "ms", base, f"{count} medical entries; storage reads"),
        Row("dossier_open_service_ms", full, "ms", note="services incl. 2 audit events"),
    ]
