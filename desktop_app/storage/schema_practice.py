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
    Migration(
        2,
        "dossier core: employers, employees, absence cases, activities, functional feedback, search",
        """
        CREATE TABLE employers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kvk TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            contact_name TEXT NOT NULL DEFAULT '',
            contact_email TEXT NOT NULL DEFAULT '',
            contact_phone TEXT NOT NULL DEFAULT '',
            contract_start TEXT,
            contract_end TEXT,
            service_package TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE employees (
            id INTEGER PRIMARY KEY,
            employer_id INTEGER NOT NULL REFERENCES employers(id),
            surname TEXT NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            given_names TEXT NOT NULL DEFAULT '',
            initials TEXT NOT NULL DEFAULT '',
            birth_date TEXT,
            gender TEXT NOT NULL DEFAULT '',
            bsn TEXT NOT NULL DEFAULT '',
            street TEXT NOT NULL DEFAULT '',
            postcode TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            personnel_number TEXT NOT NULL DEFAULT '',
            job_title TEXT NOT NULL DEFAULT '',
            contract_hours REAL,
            employment_start TEXT,
            employment_end TEXT,
            sort_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX employees_by_employer ON employees(employer_id, sort_key);
        CREATE INDEX employees_by_sort ON employees(sort_key);
        CREATE INDEX employees_by_birth ON employees(birth_date);
        CREATE INDEX employees_by_personnel ON employees(personnel_number);
        CREATE TABLE absence_cases (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            first_day TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('illness', 'pregnancy', 'work_accident', 'safety_net')),
            recovered_on TEXT,
            wage_sanction_weeks INTEGER NOT NULL DEFAULT 0,
            uwv_letter_received TEXT,
            trajectory_end TEXT,
            responsible_physician INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX cases_by_employee ON absence_cases(employee_id, first_day);
        CREATE INDEX cases_open ON absence_cases(recovered_on);
        -- Episodes of one case: a relapse within four weeks continues the same case.
        CREATE TABLE case_episodes (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES absence_cases(id) ON DELETE CASCADE,
            start TEXT NOT NULL,
            end TEXT
        );
        CREATE INDEX episodes_by_case ON case_episodes(case_id, start);
        -- Degree of incapacity over time (100 = fully absent).
        CREATE TABLE case_levels (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES absence_cases(id) ON DELETE CASCADE,
            from_date TEXT NOT NULL,
            percentage REAL NOT NULL CHECK (percentage BETWEEN 0 AND 100)
        );
        CREATE INDEX levels_by_case ON case_levels(case_id, from_date);
        CREATE TABLE case_milestones (
            case_id INTEGER NOT NULL REFERENCES absence_cases(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            done_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER REFERENCES users(id),
            PRIMARY KEY (case_id, code, done_on)
        );
        -- Milestone due dates, kept current by the service, for the practice-wide overdue list.
        CREATE TABLE case_deadlines (
            case_id INTEGER NOT NULL REFERENCES absence_cases(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            due TEXT NOT NULL,
            done_on TEXT,
            PRIMARY KEY (case_id, code)
        );
        CREATE INDEX deadlines_open ON case_deadlines(done_on, due);
        CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            case_id INTEGER REFERENCES absence_cases(id),
            on_date TEXT NOT NULL,
            kind TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            agreements TEXT NOT NULL DEFAULT '',
            author_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX activities_by_employee ON activities(employee_id, on_date);
        CREATE INDEX activities_by_case ON activities(case_id, on_date);
        CREATE TABLE functional_feedback (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            case_id INTEGER REFERENCES absence_cases(id),
            assessed_on TEXT NOT NULL,
            fitness TEXT NOT NULL CHECK (fitness IN ('fit', 'partly_fit', 'unfit')),
            limitations TEXT NOT NULL DEFAULT '',
            remaining_capacity TEXT NOT NULL DEFAULT '',
            expected_duration TEXT NOT NULL DEFAULT '',
            advice TEXT NOT NULL DEFAULT '',
            adjustments TEXT NOT NULL DEFAULT '',
            author_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            approved_by INTEGER REFERENCES users(id),
            approved_at TEXT
        );
        CREATE INDEX feedback_by_employee ON functional_feedback(employee_id, assessed_on);
        -- Restriction of processing (AVG art. 18): read-only until lifted.
        CREATE TABLE restrictions (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            reason TEXT NOT NULL,
            started_at TEXT NOT NULL,
            started_by INTEGER NOT NULL REFERENCES users(id),
            lifted_at TEXT,
            lifted_by INTEGER REFERENCES users(id)
        );
        CREATE INDEX restrictions_by_employee ON restrictions(employee_id, lifted_at);
        -- Accent- and case-folded search text, maintained by the service (names need folding
        -- beyond what the tokenizer does: ł, ø, ß, ı ...).
        CREATE VIRTUAL TABLE employee_search USING fts5(
            names, birth, personnel, employer,
            tokenize = 'trigram remove_diacritics 1'
        );
        """,
    ),
    Migration(
        3,
        "consents, releases, data-subject requests, destruction register",
        """
        CREATE TABLE consents (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            physician_id INTEGER NOT NULL REFERENCES users(id),
            recipient_name TEXT NOT NULL,
            recipient_organisation TEXT NOT NULL DEFAULT '',
            recipient_role TEXT NOT NULL,
            data_scope TEXT NOT NULL,
            entry_ids TEXT NOT NULL DEFAULT '[]',
            purpose TEXT NOT NULL,
            given_on TEXT NOT NULL,
            valid_until TEXT NOT NULL,
            signature_png BLOB,
            signed_form BLOB,
            signed_form_mime TEXT,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL,
            revoked_on TEXT,
            revoked_by INTEGER REFERENCES users(id)
        );
        CREATE INDEX consents_by_employee ON consents(employee_id);
        CREATE TABLE releases (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            consent_id INTEGER REFERENCES consents(id),
            recipient_name TEXT NOT NULL,
            recipient_role TEXT NOT NULL,
            what TEXT NOT NULL,
            purpose TEXT NOT NULL DEFAULT '',
            medical INTEGER NOT NULL DEFAULT 1,
            state TEXT NOT NULL CHECK (state IN ('requested', 'referred', 'approved', 'refused', 'released')),
            requested_by INTEGER NOT NULL REFERENCES users(id),
            requested_at TEXT NOT NULL,
            decided_by INTEGER REFERENCES users(id),
            decided_at TEXT,
            refusal_ground INTEGER,
            decision_note TEXT NOT NULL DEFAULT '',
            method TEXT,
            released_at TEXT,
            copy_of INTEGER REFERENCES releases(id)
        );
        CREATE INDEX releases_by_employee ON releases(employee_id);
        CREATE INDEX releases_open ON releases(state);
        CREATE TABLE requests (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            kind TEXT NOT NULL,
            requester_kind TEXT NOT NULL CHECK (requester_kind IN ('employee', 'representative', 'other')),
            requester_name TEXT NOT NULL DEFAULT '',
            authorisation_scope TEXT NOT NULL DEFAULT '',
            authorisation_signed_on TEXT,
            authorisation_document BLOB,
            received_on TEXT NOT NULL,
            deadline TEXT NOT NULL,
            extended_until TEXT,
            extension_reason TEXT NOT NULL DEFAULT '',
            extension_letter_on TEXT,
            identity_checked_on TEXT,
            identity_checked_by INTEGER REFERENCES users(id),
            id_copy BLOB,
            state TEXT NOT NULL,
            outcome TEXT NOT NULL DEFAULT '',
            signed_off_by INTEGER REFERENCES users(id),
            closed_on TEXT,
            created_by INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX requests_open ON requests(state, deadline);
        CREATE TABLE request_events (
            id INTEGER PRIMARY KEY,
            request_id INTEGER NOT NULL REFERENCES requests(id),
            at TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES users(id),
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        -- What was destroyed, when, by whom, on what request: never the content.
        CREATE TABLE destruction_register (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            request_id INTEGER,
            destroyed_at TEXT NOT NULL,
            destroyed_by INTEGER NOT NULL REFERENCES users(id),
            categories TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """,
    ),
    Migration(
        4,
        "retention decisions",
        """
        CREATE TABLE retention_decisions (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            category TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('destroy', 'anonymise', 'keep')),
            reason TEXT NOT NULL DEFAULT '',
            review_on TEXT,
            decided_by INTEGER NOT NULL REFERENCES users(id),
            decided_at TEXT NOT NULL
        );
        CREATE INDEX retention_by_employee ON retention_decisions(employee_id, category);
        ALTER TABLE employees ADD COLUMN anonymised_at TEXT;
        """,
    ),
    Migration(
        5,
        "signed audit trail: keyless hash chain, signer and signature per event",
        # The events written before this step keep their HMAC (legacy_mac); the first login after
        # the upgrade checks that chain and gives them their place in the hash chain
        # (desktop_app.audit_legacy). The table is rebuilt because its mac column was NOT NULL.
        """
        CREATE TABLE audit_events_v5 (
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
            signer TEXT NOT NULL DEFAULT '',
            hash BLOB,
            sig BLOB,
            legacy_mac BLOB
        );
        INSERT INTO audit_events_v5 (seq, ts, user_id, username, role, on_behalf_of, action,
            object_type, object_id, employee_id, data, workstation, outcome, legacy_mac)
        SELECT seq, ts, user_id, username, role, on_behalf_of, action, object_type, object_id,
            employee_id, data, workstation, outcome, mac FROM audit_events;
        DROP TABLE audit_events;
        ALTER TABLE audit_events_v5 RENAME TO audit_events;
        CREATE INDEX audit_by_employee ON audit_events(employee_id);
        """,
    ),
    # --- helper "requests" (issue 13/15: the employee's rights) ----------------------------------
    Migration(
        6,
        "requests: identity at the desk, the representative's authorisation, outcomes; AVG art. 19 "
        "notices; complaints; data breaches",
        # No foreign keys to employees, consents or releases: erasure deletes those rows of an
        # employee and must not be stopped by a register line that names them by id only.
        """
        ALTER TABLE requests ADD COLUMN identity_method TEXT NOT NULL DEFAULT '';
        ALTER TABLE requests ADD COLUMN identity_document TEXT NOT NULL DEFAULT '';
        ALTER TABLE requests ADD COLUMN representative_relation TEXT NOT NULL DEFAULT '';
        ALTER TABLE requests ADD COLUMN authorisation_kinds TEXT NOT NULL DEFAULT '';
        ALTER TABLE requests ADD COLUMN authorisation_valid_until TEXT;
        ALTER TABLE requests ADD COLUMN consent_id INTEGER;
        ALTER TABLE requests ADD COLUMN outcome_kind TEXT NOT NULL DEFAULT '';
        ALTER TABLE requests ADD COLUMN document_made_at TEXT;
        ALTER TABLE requests ADD COLUMN release_id INTEGER;
        UPDATE requests SET identity_method = 'copy' WHERE identity_checked_on IS NOT NULL;
        CREATE INDEX requests_by_employee ON requests(employee_id, received_on);
        CREATE INDEX request_events_by_request ON request_events(request_id);
        -- What a request led to: when, by whom, who was present or how it was handed over, and
        -- the record it made (a new version of an entry, a statement, a restriction, a release).
        CREATE TABLE request_outcomes (
            request_id INTEGER PRIMARY KEY REFERENCES requests(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            on_date TEXT NOT NULL,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL,
            present TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            entry_id INTEGER,
            version INTEGER,
            statement_id INTEGER,
            restriction_id INTEGER,
            release_id INTEGER,
            made_at TEXT
        );
        ALTER TABLE restrictions ADD COLUMN request_id INTEGER;
        ALTER TABLE restrictions ADD COLUMN lift_reason TEXT NOT NULL DEFAULT '';
        ALTER TABLE restrictions ADD COLUMN employee_informed_on TEXT;
        -- AVG art. 19: a correction, erasure or restriction, and per recipient of an earlier
        -- release whether and how they were told (or why not).
        CREATE TABLE disclosure_changes (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('correction', 'erasure', 'restriction')),
            request_id INTEGER,
            changed_at TEXT NOT NULL,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            -- the releases handed over before the change: the recipients to tell
            release_ids TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX disclosure_changes_by_employee ON disclosure_changes(employee_id);
        CREATE TABLE recipient_notices (
            id INTEGER PRIMARY KEY,
            change_id INTEGER NOT NULL REFERENCES disclosure_changes(id) ON DELETE CASCADE,
            employee_id INTEGER NOT NULL,
            release_id INTEGER NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('sent', 'not_sent')),
            method TEXT NOT NULL DEFAULT '',
            on_date TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL,
            UNIQUE (change_id, release_id)
        );
        -- The complaint register (Arbowet art. 14 lid 2 h; the practice's complaint procedure).
        CREATE TABLE complaints (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER,
            complainant TEXT NOT NULL,
            received_on TEXT NOT NULL,
            channel TEXT NOT NULL,
            topic TEXT NOT NULL,
            description TEXT NOT NULL,
            deadline TEXT NOT NULL,
            acknowledged_on TEXT,
            handler_id INTEGER REFERENCES users(id),
            extended_until TEXT,
            extension_reason TEXT NOT NULL DEFAULT '',
            verdict TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            measures TEXT NOT NULL DEFAULT '',
            closed_on TEXT,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX complaints_open ON complaints(closed_on, deadline);
        -- The data-breach register (AVG art. 33 lid 5): facts, effects, measures; whose data by
        -- category and number, never by name.
        CREATE TABLE data_breaches (
            id INTEGER PRIMARY KEY,
            summary TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            discovered_at TEXT NOT NULL,
            data_categories TEXT NOT NULL,
            subject_categories TEXT NOT NULL,
            subjects_count INTEGER NOT NULL,
            count_estimated INTEGER NOT NULL DEFAULT 0 CHECK (count_estimated IN (0, 1)),
            consequences TEXT NOT NULL DEFAULT '',
            risk TEXT NOT NULL CHECK (risk IN ('unlikely', 'risk', 'high')),
            risk_assessment TEXT NOT NULL,
            reported_at TEXT,
            ap_reference TEXT NOT NULL DEFAULT '',
            not_reported_reason TEXT NOT NULL DEFAULT '',
            late_reason TEXT NOT NULL DEFAULT '',
            subjects_informed_on TEXT,
            subjects_not_informed_reason TEXT NOT NULL DEFAULT '',
            measures TEXT NOT NULL DEFAULT '',
            closed_on TEXT,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    ),
]
