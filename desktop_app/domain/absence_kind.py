"""The kinds of absence a case can be (its own module so the deadline rules can use it without
importing the case records, which import the timeline)."""

from __future__ import annotations

from enum import StrEnum


class AbsenceKind(StrEnum):
    ILLNESS = "illness"
    PREGNANCY = "pregnancy"
    WORK_ACCIDENT = "work_accident"
    SAFETY_NET = "safety_net"

    @property
    def label(self) -> str:
        return {
            "illness": "Ziekte",
            "pregnancy": "Zwangerschapsgerelateerd",
            "work_accident": "Arbeidsongeval",
            "safety_net": "Vangnet (Ziektewet)",
        }[self.value]
