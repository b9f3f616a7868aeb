"""Pieces every letter of the employee's rights shares: the address block and date, the closing
with the signer, and the closing block on where to turn (complaint procedure, the FG, the AP)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, KeepTogether

from desktop_app.documents.layout import Letterhead, long_date, para, spacer

RIGHTS_HEADING = "Vragen of een klacht?"


@dataclass(frozen=True)
class Addressee:
    name: str
    address_lines: tuple[str, ...] = ()


def opening(to: Addressee, letterhead: Letterhead, on: date, st: dict) -> list[Flowable]:
    lines = [to.name, *to.address_lines]
    place = f"{letterhead.city}, " if letterhead.city else ""
    return [para("\n".join(line for line in lines if line), st["body"]), spacer(8),
            para(f"{place}{long_date(on)}", st["body"]), spacer(4)]


def closing(signer: str, role: str, st: dict) -> Flowable:
    return KeepTogether([para("Met vriendelijke groet,", st["body"]), spacer(8), para(signer, st["label"]),
                         para(role, st["body"])])


def rights(paragraphs: Sequence[str], st: dict) -> list[Flowable]:
    """The block on the complaint procedure, the FG and the Autoriteit Persoonsgegevens."""
    return [spacer(6), KeepTogether([para(RIGHTS_HEADING, st["h3"]),
                                     *[para(p, st["small"]) for p in paragraphs]])]
