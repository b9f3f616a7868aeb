"""The medical section's schema, as numbered migrations. Never edit a released step: add one."""

from desktop_app.storage.migrations import Migration

MIGRATIONS: list[Migration] = [
    Migration(
        1,
        "section identity",
        """
        CREATE TABLE section_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
]
