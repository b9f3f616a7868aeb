"""Issue 4 rows, on the large demo practice: search, dossier open, overdue list, making it.

The baseline is the same practice section exported to plain SQLite in the same run
(``sqlcipher_export``; demo data only, in a temporary folder) and queried by the same code.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date
from pathlib import Path

from desktop_app.services import demo
from desktop_app.storage import cases as cases_store
from desktop_app.storage import search as search_store
from desktop_app.storage.connection import Database, open_plain
from tests.helpers.keyrings import MemoryKeyring, install_keyring
from tests.helpers.practices import ARTS, login_as
from tests.perf.runner import Row, percentile, timed_ms


def _plain_copy(session, folder: Path) -> Database:
    target = folder / "practice-plain.db"
    conn = session.db.conn
    conn.execute(f"ATTACH DATABASE '{target}' AS plain KEY ''")
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    return Database(open_plain(target), "plain")


def _typed_prefixes(db: Database, n: int, rng: random.Random) -> list[str]:
    words = [r[0] for r in db.query("SELECT surname FROM employees ORDER BY random() LIMIT 400")]
    words += [r[0].split()[0] for r in db.query("SELECT given_names FROM employees ORDER BY random() LIMIT 200")]
    out: list[str] = []
    while len(out) < n:
        word = rng.choice(words)
        for k in range(1, len(word) + 1):  # as typed, letter by letter
            out.append(word[:k])
    return out[:n]


def _search_times(db: Database, queries: list[str]) -> list[float]:
    times = []
    for q in queries:
        start = time.perf_counter()
        search_store.search(db, q, 50)
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(quick: bool) -> list[Row]:
    rows: list[Row] = []
    size = "small" if quick else "large"
    n_queries = 200 if quick else 1000
    with tempfile.TemporaryDirectory(prefix="arbokluis-bench-") as tmp, install_keyring(MemoryKeyring()):
        folder = Path(tmp) / "praktijk"
        start = time.perf_counter()
        demo.create_demo(folder, size=size)
        rows.append(Row("demo_large_s" if size == "large" else "demo_small_s",
                        time.perf_counter() - start, "s", note=f"{size} demo practice, incl. key derivations"))
        session = login_as(folder, ARTS, unlock=True)
        try:
            plain = _plain_copy(session, Path(tmp))
            rng = random.Random(7)
            queries = _typed_prefixes(session.db, n_queries, rng)
            enc = _search_times(session.db, queries)
            base = _search_times(plain, queries)
            note = f"{n_queries} typed prefixes, {size} practice"
            rows.append(Row("search_median_ms", percentile(enc, 50), "ms", percentile(base, 50), note))
            rows.append(Row("search_p95_ms", percentile(enc, 95), "ms", percentile(base, 95), note))

            today = date.today()
            rows.append(Row("overdue_list_ms",
                            timed_ms(lambda: cases_store.open_deadlines(session.db, before=today), 9), "ms",
                            timed_ms(lambda: cases_store.open_deadlines(plain, before=today), 9),
                            f"{cases_store.count_open(session.db)} open cases"))
            rows.extend(_dossier_open(session, plain, quick))
            plain.close()
        finally:
            session.close()
    return rows


def _dossier_open(session, plain: Database, quick: bool) -> list[Row]:
    try:
        from tests.perf import dossier_open
    except ImportError:
        return []
    return dossier_open.rows(session, plain, quick)
