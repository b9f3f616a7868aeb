"""Child process: imports a file of employees. With ``disk`` the operating system refuses to let
any file grow past the size practice.db's WAL has once the import starts writing
(``RLIMIT_FSIZE``, as a full disk or quota would), so the transaction fails part-way through its
writes. With ``kill`` it prints APPLYING, imports, and at the import's first progress report (inside its
one transaction, 200 rows written) prints INSIDE and waits there for the parent's SIGKILL.
Prints the error's class name, or ``done``."""

from __future__ import annotations

import os
import resource
import signal
import sys
import time

import keyring
import keyring.backends.fail


def main() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    from desktop_app.domain.imports import ColumnMapping
    from desktop_app.errors import ArbokluisError
    from desktop_app.services import imports
    from desktop_app.services.practice import login

    folder, path, employer_id, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    session = login(folder, "arts", "Demo-arts-2026!")
    cols = imports.columns(session, path, employer_id)
    report = imports.preview(session, path, ColumnMapping(employer_id, cols.proposed))
    if mode == "disk":
        session.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        limit = os.path.getsize(str(session.files.practice_db) + "-wal") + 64 * 1024
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    progress = _wait_inside if mode == "kill" else None
    print("APPLYING", flush=True)
    try:
        imports.apply(session, report, only_good=False, confirmed_updates=set(), progress=progress)
    except ArbokluisError as exc:
        print(type(exc).__name__, flush=True)
    else:
        print("done", flush=True)
    os._exit(0)  # as if cut off: no orderly close


def _wait_inside(done: int, total: int, text: str) -> None:
    """The import's progress callback: the transaction is open and part of the file written."""
    print("INSIDE", flush=True)
    time.sleep(120)  # the parent kills the process here


if __name__ == "__main__":
    main()
