"""Child process: destroys an employee's medical dossier while the operating system refuses to let
any file grow past the size practice.db's WAL has now (``RLIMIT_FSIZE``, as a full disk or quota
would). The medical section's commit fits, practice.db's commit does not: the destruction is cut
off between the two commits. Prints the error's class name."""

from __future__ import annotations

import os
import resource
import signal
import sys
from datetime import date

import keyring
import keyring.backends.fail


def main() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    from desktop_app.errors import ArbokluisError
    from desktop_app.services import employees, retention
    from desktop_app.services.practice import login

    folder, employee_id, day = sys.argv[1], int(sys.argv[2]), date.fromisoformat(sys.argv[3])
    session = login(folder, "arts", "Demo-arts-2026!")
    session.unlock_medical("Demo-medisch-2026!")
    session.today = lambda: day  # the injected date
    session.medical().execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the medical WAL starts empty
    for _ in range(40):  # practice.db's WAL grows well beyond what the medical commit needs
        employees.open_dossier(session, employee_id)
    limit = os.path.getsize(str(session.files.practice_db) + "-wal")
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    try:
        retention.decide(session, employee_id, "medical", "destroy")
    except ArbokluisError as exc:
        print(type(exc).__name__, flush=True)
    else:
        print("done", flush=True)
    os._exit(0)  # as if cut off: no orderly close


if __name__ == "__main__":
    main()
