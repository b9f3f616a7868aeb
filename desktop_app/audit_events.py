"""What an audit event records: its actions, outcomes and fields (shared by the trail and the
conversion of the trail from before signing)."""

from __future__ import annotations

from enum import StrEnum

from desktop_app import audit_chain


class Action(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK_MEDICAL = "unlock_medical"
    UNLOCK_MEDICAL_FAILED = "unlock_medical_failed"
    LOCK_MEDICAL = "lock_medical"
    READ = "read"
    READ_MEDICAL = "read_medical"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    PRINT = "print"
    REVEAL_BSN = "reveal_bsn"
    SEARCH = "search"
    USER_CHANGE = "user_change"
    KEY_ROTATION = "key_rotation"
    RECOVERY = "recovery"
    BACKUP = "backup"
    RESTORE = "restore"
    READ_AUDIT = "read_audit"
    PRACTICE_CREATED = "practice_created"
    RELEASE = "release"
    ACCESS_DENIED = "access_denied"
    VAULT_TAMPERED = "vault_tampered"
    VAULT_AUTHENTICATED = "vault_authenticated"
    MEDICAL_STATE = "medical_state"  # medical key version and medical.db generation (storage.section_state)
    AUDIT_ACKNOWLEDGED = audit_chain.ACKNOWLEDGED
    AUDIT_CONVERTED = audit_chain.CONVERTED


class Outcome(StrEnum):
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


FIELDS = (
    "seq", "ts", "user_id", "username", "role", "on_behalf_of", "action", "object_type",
    "object_id", "employee_id", "data", "workstation", "outcome",
)
