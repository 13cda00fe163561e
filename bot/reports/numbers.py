"""Report reference numbers: KCK-YYYY-NNNNNN.

The number part is the report's database id, so numbers stay unique however
many reports are filed at once (no "max + 1"). Residents type them in many
ways ("kck 2026 000123", "KCK2026000123", "kck-2026-123"): all are found.
"""

from __future__ import annotations

import re

_PATTERN = re.compile(r"\bkck[\s_/.-]*(\d{4})[\s_/.-]*(\d{1,6})\b", re.IGNORECASE)


def format_reference(year: int, number: int) -> str:
    return f"KCK-{year:04d}-{number:06d}"


def find_reference(text: str) -> str | None:
    """The first reference number in free text, normalised, or None."""
    match = _PATTERN.search(text or "")
    if not match:
        return None
    return format_reference(int(match.group(1)), int(match.group(2)))
