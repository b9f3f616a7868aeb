"""Roles and users (DESIGN.md §1). What each role may do is the permission table in
``domain.permissions``; the helpers below only read it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NewType

UserId = NewType("UserId", int)


class Role(StrEnum):
    PHYSICIAN = "physician"
    ASSISTANT = "assistant"
    CASEMANAGER = "casemanager"

    @property
    def label(self) -> str:
        return {
            Role.PHYSICIAN: "bedrijfsarts",
            Role.ASSISTANT: "praktijkassistent",
            Role.CASEMANAGER: "casemanager",
        }[self]


MEDICAL_ROLES = frozenset({Role.PHYSICIAN, Role.ASSISTANT})


@dataclass(frozen=True)
class User:
    id: UserId
    username: str
    display_name: str
    role: Role
    is_supervisor: bool = False
    is_admin: bool = False
    registration: str = ""
    active: bool = True

    @property
    def has_medical_slot(self) -> bool:
        """Physicians and assistants hold a medical passphrase; case managers never do."""
        return self.role in MEDICAL_ROLES

    @property
    def is_physician(self) -> bool:
        return self.role is Role.PHYSICIAN

    @property
    def role_label(self) -> str:
        extra = []
        if self.is_supervisor:
            extra.append("kerndeskundige")
        if self.is_admin:
            extra.append("beheerder")
        return self.role.label + (f" ({', '.join(extra)})" if extra else "")
