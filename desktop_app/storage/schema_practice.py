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
    # --- statswire: the employer's full-time week and workforce for the statistics; a case's
    # safety-net ground and pregnancy facts (practice only, never to the employer); deadlines
    # that outlive a recovery (early UWV reports) and the version of the rules that made them.
    Migration(
        6,
        "statistics workforce, full-time week, safety-net ground and pregnancy of a case",
        """
        ALTER TABLE employers ADD COLUMN full_time_hours REAL
            CHECK (full_time_hours IS NULL OR (full_time_hours > 0 AND full_time_hours <= 60));
        CREATE TABLE employer_workforce (
            id INTEGER PRIMARY KEY,
            employer_id INTEGER NOT NULL REFERENCES employers(id),
            start TEXT NOT NULL,
            end TEXT NOT NULL,
            headcount REAL NOT NULL CHECK (headcount >= 0),
            fte REAL NOT NULL CHECK (fte >= 0),
            full_time_hours REAL
                CHECK (full_time_hours IS NULL OR (full_time_hours > 0 AND full_time_hours <= 60)),
            entered_by INTEGER NOT NULL REFERENCES users(id),
            entered_at TEXT NOT NULL,
            CHECK (end >= start)
        );
        CREATE INDEX workforce_by_employer ON employer_workforce(employer_id, start);
        ALTER TABLE absence_cases ADD COLUMN ground TEXT
            CHECK (ground IS NULL OR ground IN ('no_risk_policy', 'organ_donation',
                                                'fictitious_employment', 'other'));
        ALTER TABLE absence_cases ADD COLUMN expected_delivery TEXT;
        ALTER TABLE absence_cases ADD COLUMN multiple_pregnancy INTEGER NOT NULL DEFAULT 0
            CHECK (multiple_pregnancy IN (0, 1));
        ALTER TABLE absence_cases ADD COLUMN leave_start TEXT;
        ALTER TABLE absence_cases ADD COLUMN leave_end TEXT;
        -- 0: made by rules older than the service's (recomputed before the next list is read).
        ALTER TABLE absence_cases ADD COLUMN deadline_rules INTEGER NOT NULL DEFAULT 0;
        -- 1: stays on the practice's lists after a recovery (a report to UWV is still due).
        ALTER TABLE case_deadlines ADD COLUMN after_recovery INTEGER NOT NULL DEFAULT 0
            CHECK (after_recovery IN (0, 1));
        CREATE INDEX cases_by_rules ON absence_cases(deadline_rules);
        """,
    ),
    # --- helper "retention" -------------------------------------------------------------------
    Migration(
        7,
        "re-integration trajectories with their reports; retention decisions per item and the "
        "destruction register per category",
        # The plan of approach and its evaluations move from the case (milestone notes, activities
        # of the kind "evaluatie") to a trajectory of their own: one first-track trajectory per
        # case that has any of them or a trajectory end; it ended at that end, or at the case's
        # recovery. The milestones keep their dates (the Poortwachter timeline reads them).
        # A trajectory decision taken per employee before this step applies to each of their
        # trajectories, which count as anonymised only if their texts are really gone (a decision
        # recorded without its work, the old fault, leaves them due again); an anonymised
        # employee had their identity removed.
        """
        CREATE TABLE trajectories (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            case_id INTEGER REFERENCES absence_cases(id),
            track TEXT NOT NULL CHECK (track IN ('first', 'second')),
            provider TEXT NOT NULL DEFAULT '',
            started_on TEXT NOT NULL,
            ended_on TEXT,
            end_reason TEXT NOT NULL DEFAULT '',
            anonymised_at TEXT,
            created_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX trajectories_by_employee ON trajectories(employee_id, started_on);
        CREATE INDEX trajectories_ended ON trajectories(ended_on);
        CREATE TABLE trajectory_reports (
            id INTEGER PRIMARY KEY,
            trajectory_id INTEGER NOT NULL REFERENCES trajectories(id),
            kind TEXT NOT NULL CHECK (kind IN ('plan_of_approach', 'evaluation', 'provider_report',
                                               'final_report')),
            on_date TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            agreements TEXT NOT NULL DEFAULT '',
            author_id INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL
        );
        CREATE INDEX reports_by_trajectory ON trajectory_reports(trajectory_id, on_date);

        INSERT INTO trajectories (employee_id, case_id, track, started_on, ended_on, created_at)
        SELECT c.employee_id, c.id, 'first',
               coalesce((SELECT min(m.done_on) FROM case_milestones m
                         WHERE m.case_id = c.id AND m.code = 'plan_of_approach'), c.first_day),
               coalesce(c.trajectory_end, c.recovered_on),
               strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        FROM absence_cases c
        WHERE c.trajectory_end IS NOT NULL
           OR EXISTS (SELECT 1 FROM case_milestones m WHERE m.case_id = c.id
                      AND m.code IN ('plan_of_approach', 'evaluation'))
           OR EXISTS (SELECT 1 FROM activities a WHERE a.case_id = c.id AND a.kind = 'evaluatie');
        UPDATE trajectories SET ended_on = started_on
        WHERE ended_on IS NOT NULL AND ended_on < started_on;
        INSERT INTO trajectory_reports (trajectory_id, kind, on_date, summary, author_id, created_at)
        SELECT t.id, m.code, m.done_on, m.note, m.recorded_by, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
        FROM case_milestones m JOIN trajectories t ON t.case_id = m.case_id
        WHERE m.code IN ('plan_of_approach', 'evaluation');
        UPDATE case_milestones SET note = ''
        WHERE code IN ('plan_of_approach', 'evaluation')
          AND case_id IN (SELECT case_id FROM trajectories);
        INSERT INTO trajectory_reports (trajectory_id, kind, on_date, summary, agreements, author_id,
                                        created_at)
        SELECT t.id, 'evaluation', a.on_date, a.description, a.agreements, a.author_id, a.created_at
        FROM activities a JOIN trajectories t ON t.case_id = a.case_id
        WHERE a.kind = 'evaluatie';
        DELETE FROM activities
        WHERE kind = 'evaluatie' AND case_id IN (SELECT case_id FROM trajectories);

        ALTER TABLE retention_decisions ADD COLUMN item INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE retention_decisions ADD COLUMN note TEXT NOT NULL DEFAULT '';
        ALTER TABLE retention_decisions ADD COLUMN request_id INTEGER;
        ALTER TABLE retention_decisions ADD COLUMN work_key TEXT;
        CREATE INDEX retention_by_key ON retention_decisions(work_key);
        INSERT INTO retention_decisions (employee_id, category, decision, reason, review_on,
                                         decided_by, decided_at, item)
        SELECT d.employee_id, 'trajectory', d.decision, d.reason, d.review_on, d.decided_by,
               d.decided_at, t.id
        FROM retention_decisions d JOIN trajectories t ON t.employee_id = d.employee_id
        WHERE d.category = 'trajectory' AND d.item = 0;
        UPDATE trajectories SET anonymised_at = (
            SELECT max(d.decided_at) FROM retention_decisions d
            WHERE d.category = 'trajectory' AND d.item = trajectories.id AND d.decision != 'keep')
        WHERE EXISTS (SELECT 1 FROM retention_decisions d WHERE d.category = 'trajectory'
                      AND d.item = trajectories.id AND d.decision != 'keep')
          AND NOT EXISTS (SELECT 1 FROM trajectory_reports r WHERE r.trajectory_id = trajectories.id
                          AND (r.summary != '' OR r.agreements != ''));
        INSERT INTO retention_decisions (employee_id, category, decision, reason, decided_by,
                                         decided_at)
        SELECT d.employee_id, 'identity', 'destroy', d.reason, d.decided_by, d.decided_at
        FROM retention_decisions d JOIN employees e ON e.id = d.employee_id
        WHERE d.category = 'personal' AND d.decision = 'anonymise' AND e.anonymised_at IS NOT NULL;

        ALTER TABLE destruction_register ADD COLUMN category TEXT NOT NULL DEFAULT '';
        ALTER TABLE destruction_register ADD COLUMN item INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE destruction_register ADD COLUMN decision_id INTEGER;
        CREATE INDEX register_by_employee ON destruction_register(employee_id);
        """,
    ),
    # --- releases helper (issue 13, 15): who decides, the hand-over, legal duties, absences ------
    Migration(
        8,
        "releases: addressed physician, legal basis, hand-over record; physician absences",
        # physician_id: the physician the request is addressed to (for a release on consent, the
        # consent's; filled in below for the releases already recorded). attachment_id names a
        # document in the medical section (no foreign key across the two files). For a hand-over
        # recorded before this step the day is taken from released_at (UTC) and the recipient from
        # the release; who handed it over was not recorded then and stays empty.
        """
        ALTER TABLE releases ADD COLUMN physician_id INTEGER REFERENCES users(id);
        ALTER TABLE releases ADD COLUMN legal_basis TEXT;
        ALTER TABLE releases ADD COLUMN decided_as TEXT;
        ALTER TABLE releases ADD COLUMN handed_over_on TEXT;
        ALTER TABLE releases ADD COLUMN handed_over_by INTEGER REFERENCES users(id);
        ALTER TABLE releases ADD COLUMN handed_to TEXT NOT NULL DEFAULT '';
        ALTER TABLE releases ADD COLUMN handover_note TEXT NOT NULL DEFAULT '';
        ALTER TABLE releases ADD COLUMN handover_recorded_by INTEGER REFERENCES users(id);
        ALTER TABLE releases ADD COLUMN attachment_id INTEGER;
        UPDATE releases SET physician_id = (SELECT c.physician_id FROM consents c
                                            WHERE c.id = releases.consent_id)
            WHERE consent_id IS NOT NULL;
        UPDATE releases SET handed_over_on = substr(released_at, 1, 10), handed_to = recipient_name
            WHERE state = 'released' AND released_at IS NOT NULL;
        CREATE INDEX releases_by_consent ON releases(consent_id);
        CREATE TABLE physician_absences (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            starts_on TEXT NOT NULL,
            ends_on TEXT,
            note TEXT NOT NULL DEFAULT '',
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL,
            withdrawn_at TEXT,
            withdrawn_by INTEGER REFERENCES users(id)
        );
        CREATE INDEX absences_by_user ON physician_absences(user_id, starts_on);
        """,
    ),
    # --- end of the releases helper's block ---------------------------------------------------
    # --- helper "requests" (issue 13/15: the employee's rights) ----------------------------------
    Migration(
        9,
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
    # --- helper "fix13" (issue 13 attacks): AVG art. 19 recipients kept with the change ---------
    Migration(
        10,
        "fix13: the recipients of earlier releases are kept with each AVG art. 19 change, so an "
        "erasure that takes the release log still lists whom to tell; feedback is handed over once",
        # No foreign key to releases: the erasure that is the change deletes those rows.
        """
        CREATE TABLE disclosure_recipients (
            change_id INTEGER NOT NULL REFERENCES disclosure_changes(id) ON DELETE CASCADE,
            employee_id INTEGER NOT NULL,
            release_id INTEGER NOT NULL,
            recipient_name TEXT NOT NULL,
            recipient_role TEXT NOT NULL,
            what TEXT NOT NULL,
            released_on TEXT NOT NULL,
            PRIMARY KEY (change_id, release_id)
        );
        INSERT INTO disclosure_recipients
            SELECT c.id, c.employee_id, r.id, r.recipient_name, r.recipient_role, r.what,
                   COALESCE(r.handed_over_on, substr(COALESCE(r.released_at, c.changed_at), 1, 10))
            FROM disclosure_changes c JOIN releases r
              ON r.employee_id = c.employee_id AND instr(',' || c.release_ids || ',', ',' || r.id || ',') > 0
            WHERE r.recipient_role != 'employee' AND r.copy_of IS NULL;
        -- Which approved feedback a hand-over to the employer carried: handed over once.
        ALTER TABLE releases ADD COLUMN feedback_id INTEGER;
        CREATE UNIQUE INDEX releases_feedback_once ON releases(feedback_id)
            WHERE feedback_id IS NOT NULL AND copy_of IS NULL;
        """,
    ),
    # --- end of fix13's block ---------------------------------------------------------------------
    Migration(
        11,
        "import16: the column mapping of an import, remembered per employer (employee imports) "
        "and once for the practice (employer imports: no employer); employees by BSN",
        """
        CREATE TABLE import_mappings (
            employer_id INTEGER REFERENCES employers(id) ON DELETE CASCADE,
            columns TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX import_mappings_one ON import_mappings(coalesce(employer_id, 0));
        -- The import matches its rows to employees by BSN (a scan per batch without it).
        CREATE INDEX employees_by_bsn ON employees(bsn) WHERE bsn != '';
        """,
    ),
    # --- helper "letters16": letters from templates (issue 16) --------------------------------------
    Migration(
        12,
        "letters16: the practice's own letter templates, and the non-medical letters kept in the dossier",
        # A template row exists only when the practice changed a default (domain.letter_defaults).
        # A letter with medical content is a medical entry with its PDF as attachment (medical.db).
        """
        CREATE TABLE letter_templates (
            key TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_by INTEGER NOT NULL REFERENCES users(id),
            updated_at TEXT NOT NULL
        );
        CREATE TABLE letters (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            template_key TEXT NOT NULL,
            title TEXT NOT NULL,
            addressee TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            pdf BLOB NOT NULL,
            made_by INTEGER NOT NULL REFERENCES users(id),
            made_at TEXT NOT NULL
        );
        CREATE INDEX letters_by_employee ON letters(employee_id, id);
        """,
    ),
    # --- end of letters16's block ---------------------------------------------------------------
    # --- helper "agenda16" (issue 16): the physician's consultation hours -----------------------
    Migration(
        13,
        "agenda16: consultation-hour blocks, bookings with their history, and the content-free "
        "notices to the employer of an employee who did not appear",
        # A booking holds no medical content: who, when, where, and its state.
        """
        CREATE TABLE consultation_blocks (
            id INTEGER PRIMARY KEY,
            physician_id INTEGER NOT NULL REFERENCES users(id),
            location TEXT NOT NULL CHECK (location IN ('practice', 'employer', 'phone', 'video')),
            employer_id INTEGER REFERENCES employers(id),
            first_day TEXT NOT NULL,
            starts TEXT NOT NULL,
            ends TEXT NOT NULL,
            slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
            repeat_until TEXT,
            removed_at TEXT,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX consultation_blocks_physician ON consultation_blocks(physician_id, first_day);
        CREATE TABLE consultation_bookings (
            id INTEGER PRIMARY KEY,
            block_id INTEGER NOT NULL REFERENCES consultation_blocks(id),
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            starts TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('planned', 'seen', 'cancelled', 'no_show')),
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL
        );
        -- One booking holds a slot; a cancelled one frees it.
        CREATE UNIQUE INDEX consultation_bookings_slot ON consultation_bookings(block_id, starts)
            WHERE state != 'cancelled';
        CREATE INDEX consultation_bookings_day ON consultation_bookings(starts);
        CREATE INDEX consultation_bookings_employee ON consultation_bookings(employee_id);
        CREATE TABLE consultation_booking_history (
            id INTEGER PRIMARY KEY,
            booking_id INTEGER NOT NULL REFERENCES consultation_bookings(id) ON DELETE CASCADE,
            employee_id INTEGER NOT NULL,
            change TEXT NOT NULL CHECK (change IN ('planned', 'moved', 'seen', 'cancelled', 'no_show')),
            block_id INTEGER NOT NULL,
            starts TEXT NOT NULL,
            previous_block_id INTEGER,
            previous_starts TEXT,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL
        );
        -- "Niet verschenen": what the employer letter is made from. No reason, by design: the
        -- table has no column that could hold one.
        CREATE TABLE no_show_notices (
            id INTEGER PRIMARY KEY,
            booking_id INTEGER NOT NULL UNIQUE REFERENCES consultation_bookings(id) ON DELETE CASCADE,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            employer_id INTEGER REFERENCES employers(id),
            appointment_on TEXT NOT NULL,
            letter_made_at TEXT,
            recorded_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL
        );
        """,
    ),
    # --- end of agenda16's block ------------------------------------------------------------------
    # --- helper "uwv16" (issue 16): the physician's documents for UWV -----------------------------
    Migration(
        14,
        "uwv16: the problem analysis's functional part and the physician's current assessment, "
        "approved before they leave",
        # The functional part only: the problem analysis's medical part is a medical entry in
        # medical.db (medical_entry_id names it; no foreign key reaches across the databases).
        # body is a JSON object of the functional fields and, for a current assessment, the
        # dossier's data as it stood when it was made. handed_release_id: the employer's release.
        """
        CREATE TABLE uwv_documents (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER NOT NULL REFERENCES employees(id),
            case_id INTEGER REFERENCES absence_cases(id),
            kind TEXT NOT NULL CHECK (kind IN ('problem_analysis', 'current_opinion')),
            assessed_on TEXT NOT NULL,
            body TEXT NOT NULL,
            medical_entry_id INTEGER,
            author_id INTEGER NOT NULL REFERENCES users(id),
            created_at TEXT NOT NULL,
            approved_by INTEGER REFERENCES users(id),
            approved_at TEXT,
            handed_release_id INTEGER
        );
        CREATE INDEX uwv_documents_by_employee ON uwv_documents(employee_id, id);
        """,
    ),
    # --- end of uwv16's block -------------------------------------------------------------------
    # --- helper "work16" (issue 16): billable work and the examination outcome's hand-over -------
    Migration(
        15,
        "work16: billable work (time and kind, no medical content) per consultation, examination "
        "or activity; releases know the examination whose outcome they carried",
        # employee_id: NULL once the employee's payroll-related data is destroyed (the line stays
        # for the bookkeeping, naming no one). source_id points into medical.db or activities: no
        # foreign key. confidential: the employee's own question, named to no employer.
        """
        CREATE TABLE billable_work (
            id INTEGER PRIMARY KEY,
            employee_id INTEGER REFERENCES employees(id),
            employer_id INTEGER REFERENCES employers(id),
            on_date TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('spreekuur', 'telefonisch_consult', 'videoconsult',
                'keuring', 'werkplekonderzoek', 'overleg', 'rapportage')),
            minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
            source TEXT NOT NULL CHECK (source IN ('medical_entry', 'activity')),
            source_id INTEGER NOT NULL,
            confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
            done_by INTEGER NOT NULL REFERENCES users(id),
            recorded_at TEXT NOT NULL,
            UNIQUE (source, source_id)
        );
        CREATE INDEX billable_work_by_employer ON billable_work(employer_id, on_date);
        CREATE INDEX billable_work_by_employee ON billable_work(employee_id);
        -- The examination (a medical entry's id) whose outcome a release carried: once to the
        -- employee, once to the employer.
        ALTER TABLE releases ADD COLUMN examination_id INTEGER;
        CREATE UNIQUE INDEX releases_examination_once ON releases(examination_id, recipient_role)
            WHERE examination_id IS NOT NULL;
        """,
    ),
    # --- end of work16's block ----------------------------------------------------------------
    Migration(
        16,
        "an appointment for the employee's own question (open spreekuur) is confidential: only "
        "medical staff see whose it is",
        # The slot is taken for everyone; who holds it, and its history, are shown only to those
        # holding MEDICAL_READ (services.agenda). No employer notice is ever made for it.
        """
        ALTER TABLE consultation_bookings ADD COLUMN confidential INTEGER NOT NULL DEFAULT 0
            CHECK (confidential IN (0, 1));
        """,
    ),
]
