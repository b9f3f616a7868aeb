"""Reading the small JSON files beside the vault as data that anyone with folder access may have
written: ``vault.json``, ``audit-head.json``, the attempts files, the keyring head.

``json.loads`` raises ``RecursionError`` on deep nesting and accepts ``Infinity``, ``NaN`` and
``1e400`` (which ``int()`` then turns into ``OverflowError``). Here every such input is a
``ValueError``, which each reader already turns into its own typed, Dutch "damaged" error, and a
file larger than its reader's limit is refused before it is parsed.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 32  # the deepest file we write (vault.json) nests 5 levels


def _no_constant(name: str) -> Any:
    raise ValueError(f"JSON constant {name} not allowed")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _depth(value: Any, limit: int) -> None:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            raise ValueError("nested too deep")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def loads(raw: bytes | str, *, max_bytes: int | None = None, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``raw``; ValueError for anything that is not plain, finite, shallow JSON."""
    if max_bytes is not None and len(raw) > max_bytes:
        raise ValueError("file too large")
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError:
        raise ValueError("nested too deep") from None
    _depth(value, max_depth)
    return value
