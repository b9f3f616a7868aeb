"""Child process of the kill harness: writes records forever, printing each id once committed."""

from __future__ import annotations

import sys
from datetime import date

import keyring
import keyring.backends.fail


def main() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    from desktop_app.domain.cases import ActivityForm
    from desktop_app.services import activities, medical_entries
    from desktop_app.services.practice import login

    folder, employee_id, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    session = login(folder, "arts", "Demo-arts-2026!")
    session.unlock_medical("Demo-medisch-2026!")
    today = date.today().strftime("%d-%m-%Y")
    i = start
    while True:
        if i % 2:
            medical_entries.add_entry(session, employee_id, "note", {"text": f"kill-marker-{i}", "entry_date": today})
        else:
            activities.add_activity(session, employee_id, ActivityForm(on_date=today, description=f"kill-marker-{i}"))
        print(f"SAVED {i}", flush=True)
        i += 1


if __name__ == "__main__":
    main()
