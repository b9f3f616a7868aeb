"""The medical section's free text: how long a field may be, and when an optional one is empty.

Free text is kept exactly as typed: never trimmed, re-cased or otherwise changed.
"""

from __future__ import annotations

MAX_TEXT = 20000  # a long free-text field (consultation, letter summary, statement)
MAX_LINE = 200  # a one-line field (correspondent, agent)
MAX_NOTE = 2000  # an explanation (FML item, exposure)
MAX_REASON = 1000  # the reason of a correction


def blank(value: object) -> bool:
    """An optional field left empty (only a string can be empty; anything else is checked)."""
    return isinstance(value, str) and not value.strip()
