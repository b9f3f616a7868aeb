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
    Migration(
        2,
        "dossier core: medical entries with versions, attachments, exposures, statements, notes",
        """
        CREATE TABLE medical_entries (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            case_id INTEGER,
            kind TEXT NOT NULL,
            entry_date TEXT NOT NULL,
            third_party_privacy INTEGER NOT NULL DEFAULT 0 CHECK (third_party_privacy IN (0, 1)),
            created_by INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX entries_by_employee ON medical_entries(employee_id, entry_date);
        -- Every version of an entry; a correction adds one, nothing is overwritten.
        -- entry_date: the entry's date as this version states it (a correction may change the
        -- date; medical_entries.entry_date follows the newest version). NULL: the entry's date.
        CREATE TABLE medical_entry_versions (
            entry_id INTEGER NOT NULL REFERENCES medical_entries(id),
            version INTEGER NOT NULL,
            entry_date TEXT,
            body TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            author_id INTEGER NOT NULL,
            on_behalf_of INTEGER,
            created_at TEXT NOT NULL,
            PRIMARY KEY (entry_id, version)
        );
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            entry_id INTEGER REFERENCES medical_entries(id),
            filename TEXT NOT NULL,
            mime TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data BLOB NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            created_by INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX attachments_by_employee ON attachments(employee_id);
        CREATE TABLE exposures (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            category TEXT NOT NULL CHECK (category IN ('carcinogenic', 'biological', 'ionising_radiation')),
            agent TEXT NOT NULL,
            start TEXT NOT NULL,
            end TEXT,
            notes TEXT NOT NULL DEFAULT '',
            created_by INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX exposures_by_employee ON exposures(employee_id);
        CREATE TABLE employee_statements (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            entry_id INTEGER REFERENCES medical_entries(id),
            received_on TEXT NOT NULL,
            statement TEXT NOT NULL,
            recorded_by INTEGER NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX statements_by_employee ON employee_statements(employee_id);
        -- The physician's personal working notes: apart from the dossier, only for the author.
        CREATE TABLE working_notes (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            author_id INTEGER NOT NULL,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX notes_by_author ON working_notes(author_id, employee_id);
        """,
    ),
    # --- helper "retention" -------------------------------------------------------------------
    Migration(
        3,
        "erasure log: what was erased on which decision, never the content",
        # A destruction that reaches both sections commits here first and in practice.db last;
        # a line here without its decision in practice.db is finished at the next attempt
        # (docs/decisions/0007).
        """
        CREATE TABLE erasure_log (
            work_key TEXT PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            category TEXT NOT NULL,
            decision TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            request_id INTEGER,
            grounds TEXT NOT NULL DEFAULT '',
            counts TEXT NOT NULL,
            decided_by INTEGER NOT NULL,
            decided_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        4,
        "attachments kept in pieces of at most 1 MiB",
        # Reading a 25 MB attachment as one value built one 25 MB ``bytes`` while holding Python's
        # lock, and so stalled the GUI thread (issue 15, gui_stall_max_ms); piece by piece, no
        # single call touches more than a megabyte. n counts from 0. The pieces of an existing
        # attachment are cut from its one value with substr(), which SQLite applies to a BLOB
        # byte by byte (an empty one gives NULL, hence the coalesce); the value's column then goes.
        """
        CREATE TABLE attachment_pieces (
            attachment_id INTEGER NOT NULL REFERENCES attachments(id),
            n INTEGER NOT NULL CHECK (n >= 0),
            data BLOB NOT NULL,
            PRIMARY KEY (attachment_id, n)
        );
        INSERT INTO attachment_pieces (attachment_id, n, data)
            WITH RECURSIVE piece(attachment_id, n, size) AS (
                SELECT id, 0, length(data) FROM attachments
                UNION ALL
                SELECT attachment_id, n + 1, size FROM piece WHERE (n + 1) * 1048576 < size
            )
            SELECT piece.attachment_id, piece.n, coalesce(substr(a.data, piece.n * 1048576 + 1, 1048576), X'')
            FROM piece JOIN attachments a ON a.id = piece.attachment_id;
        ALTER TABLE attachments DROP COLUMN data;
        """,
    ),
]
