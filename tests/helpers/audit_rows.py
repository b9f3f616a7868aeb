"""Reading the audit trail in tests: the events a call added."""

_COLUMNS = "action, object_type, employee_id, data, outcome"


def last_seq(session) -> int:
    return session.db.scalar("SELECT coalesce(max(seq), 0) FROM audit_events")


def events_after(session, seq):
    """(action, object_type, employee_id, data, outcome) of the events after ``seq``."""
    return session.db.query(f"SELECT {_COLUMNS} FROM audit_events WHERE seq > ? ORDER BY seq", (seq,))


def events_with_user_after(session, seq):
    """The same, with the acting user's name as a sixth column."""
    return session.db.query(f"SELECT {_COLUMNS}, username FROM audit_events WHERE seq > ? ORDER BY seq",
                            (seq,))
