"""The practice section's schema, as numbered migrations. Never edit a released step: add one."""

from desktop_app.storage.migrations import Migration

MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "users, secrecy statements, settings, audit trail",
        """
        CREATE TABLE section_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('physician', 'assistant', 'casemanager')),
            is_supervisor INTEGER NOT NULL DEFAULT 0 CHECK (is_supervisor IN (0, 1)),
            is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
            registration TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            removed_at TEXT
        );
        CREATE TABLE secrecy_statements (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            signed_on TEXT NOT NULL,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL,
            revoked_on TEXT
        );
        CREATE INDEX secrecy_by_user ON secrecy_statements(user_id);
        CREATE TABLE audit_events (
            seq INTEGER PRIMARY KEY,
            ts TEXT NOT NULL,
            user_id INTEGER,
            username TEXT NOT NULL,
            role TEXT NOT NULL,
            on_behalf_of TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            object_type TEXT NOT NULL DEFAULT '',
            object_id TEXT NOT NULL DEFAULT '',
            employee_id INTEGER,
            data TEXT NOT NULL DEFAULT '',
            workstation TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL,
            mac BLOB NOT NULL
        );
        CREATE INDEX audit_by_employee ON audit_events(employee_id);
        """,
    ),
]
