"""Issue 16's row: importing 10,000 employees from a CSV file (read, check every row as the form
does, match, write in one transaction with an audit event per employee), against the plain
insert of the same rows (``bulk_load.employees`` in one transaction: no file, no checks, no
audit). Median of interleaved runs, each into a new employer with BSNs of its own."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from desktop_app.domain.dossier import EmployerForm
from desktop_app.domain.imports import ColumnMapping, with_employer_name
from desktop_app.services import demo, employers, imports
from desktop_app.services.demo_data import _postcode, _valid_bsn
from desktop_app.storage import bulk_load
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, login_as
from tests.perf.runner import Row

ROWS = 10_000
HEADER = "Achternaam;Voornamen;Geboortedatum;BSN;Postcode;Woonplaats;Personeelsnummer;Datum in dienst"


def _file(folder: Path, run: int, rng: random.Random, used: set[str]) -> Path:
    lines = [HEADER]
    for i in range(ROWS):
        bsn = _valid_bsn(rng)
        while bsn in used:
            bsn = _valid_bsn(rng)
        used.add(bsn)
        lines.append(f"Achternaam{i};Anna Maria;{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-"
                     f"{rng.randint(1960, 2000)};{bsn};{_postcode(rng)};Utrecht;P-{i:05d};01-02-2021")
    path = folder / f"import-{run}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(quick: bool) -> list[Row]:
    runs = 5
    rng = random.Random(16)
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp, install_keyring(MemoryKeyring()):
        folder = Path(tmp) / "praktijk"
        demo.create_demo(folder, dossiers=False)
        session = login_as(folder, ARTS)
        try:
            used: set[str] = set()
            enc, base = [], []
            for k in range(runs):
                path = _file(Path(tmp), k, rng, used)
                employer = employers.create(session, EmployerForm(name=f"Bench {k} B.V."))
                start = time.perf_counter()
                cols = imports.columns(session, path, employer.id)
                report = imports.preview(session, path, ColumnMapping(employer.id, cols.proposed))
                result = imports.apply(session, report, only_good=False, confirmed_updates=set())
                enc.append(time.perf_counter() - start)
                assert result.created == ROWS
                # the same rows, inserted plainly into another employer
                other = employers.create(session, EmployerForm(name=f"Kaal {k} B.V."))
                rows = [r.record for r in report.rows]
                start = time.perf_counter()
                with session.db.transaction():
                    first = bulk_load.next_id(session.db, "employees")
                    bulk_load.employees(session.db, [
                        with_employer_name(e.__class__(**{**e.__dict__, "employer_id": other.id}),
                                           first + i, other.name) for i, e in enumerate(rows)])
                base.append(time.perf_counter() - start)
        finally:
            session.close()
    note = f"{ROWS} rows from CSV: read, check, match, write, audit; median of {runs} interleaved"
    print(f"import_10k_rows_s runs: {[round(t, 2) for t in enc]}; plain insert: {[round(t, 2) for t in base]}")
    return [Row("import_10k_rows_s", statistics.median(enc), "s", statistics.median(base), note)]
