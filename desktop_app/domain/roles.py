"""Roles and what each may do (DESIGN.md §1). Services check these; windows only ask them."""

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


def may_open_medical(user: User, secrecy_statement_on_file: bool) -> bool:
    if user.role is Role.PHYSICIAN:
        return True
    if user.role is Role.ASSISTANT:
        return secrecy_statement_on_file
    return False


def may_approve_release(user: User) -> bool:
    return user.role is Role.PHYSICIAN


def may_manage_users(user: User) -> bool:
    return user.role is Role.PHYSICIAN and user.is_admin
