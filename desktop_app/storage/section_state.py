"""How far a section has come: a generation counter kept inside the section (``section_info``),
and the states the audit trail recorded for it (``unlock_medical``, ``lock_medical`` and
``medical_state`` events).

The medical section's generation is advanced at every unlock and lock, and the unlock, lock or
``medical_state`` event signed on the trail in ``practice.db`` names it, with the medical key
version. A ``medical.db`` (or ``vault.json``) put back from an
older copy then names a generation (or medical key version) lower than the trail's: see
``services.session`` (decision 0005, *Rollback of the medical section*).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.storage.connection import Database

GENERATION = "generation"
STATE_ACTIONS = ("unlock_medical", "lock_medical", "medical_state")  # events naming a state


@dataclass(frozen=True)
class RecordedState:
    """The highest medical key version and medical.db generation the trail names (0: none)."""

    version: int = 0
    generation: int = 0


def generation(db: Database) -> int:
    value = db.scalar("SELECT value FROM section_info WHERE key = ?", (GENERATION,))
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def advance(db: Database) -> int:
    """One generation further, committed; returns the new generation."""
    with db.transaction():
        new = generation(db) + 1
        db.execute("INSERT OR REPLACE INTO section_info (key, value) VALUES (?, ?)",
                   (GENERATION, str(new)))
    return new


def state_id(version: int, gen: int) -> str:
    return f"v{version}.g{gen}"


def recorded(db: Database) -> RecordedState:
    """The highest version and generation among the trail's medical_state events."""
    version = gen = 0
    marks = ", ".join("?" for _ in STATE_ACTIONS)
    for (object_id,) in db.query(f"SELECT object_id FROM audit_events WHERE action IN ({marks}) "
                                 "AND object_id LIKE 'v%.g%'", STATE_ACTIONS):
        v, _, g = str(object_id).partition(".g")
        try:
            version = max(version, int(v.removeprefix("v")))
            gen = max(gen, int(g))
        except ValueError:
            continue
    return RecordedState(version, gen)
