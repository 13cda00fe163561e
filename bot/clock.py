"""The one clock the bot reads: real time, or real time shifted by configuration.

Why not just ``datetime.now()``: whether a consultant can take over, and which
callback slots are offered, depend on the office hours, so the answer changes
with the time of day. A test of the whole running system (Rasa, the action
server, the gateway, each in its own process) cannot patch code in all of them,
but it can give them all the same environment. So:

* ``KCK_NOW`` unset: ``now()`` is the real time.
* ``KCK_NOW=2026-11-28T10:00:00+01:00`` (ISO 8601 *with* an offset): the clock
  starts at that instant the first time it is read in the process and then
  ticks forward in real time, so timeouts and durations still behave.

The variable is read lazily, on the first call, and the offset is cached;
``reset()`` forgets it, so tests can change the variable between cases.
"""

from __future__ import annotations

import os
import threading
from datetime import datetime, timedelta, timezone

ENV_VAR = "KCK_NOW"

_lock = threading.Lock()
_offset: timedelta | None = None  # None: not read yet


def _parse(value: str) -> datetime:
    """Parse ``KCK_NOW``; a time without an offset is refused, since it is ambiguous."""
    text = value.strip()
    if text.endswith(("Z", "z")):  # Python 3.10's fromisoformat does not take "Z"
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{ENV_VAR}={value!r} is not an ISO 8601 date-time") from exc
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError(
            f"{ENV_VAR}={value!r} has no UTC offset; write e.g. 2026-11-28T10:00:00+01:00"
        )
    return parsed


def _current_offset() -> timedelta:
    """The shift from real time, computed once per process (or per ``reset()``)."""
    global _offset
    with _lock:
        if _offset is None:
            value = os.environ.get(ENV_VAR, "").strip()
            _offset = _parse(value) - datetime.now(timezone.utc) if value else timedelta(0)
        return _offset


def now() -> datetime:
    """The current instant as a timezone-aware UTC datetime (shifted by ``KCK_NOW``)."""
    return datetime.now(timezone.utc) + _current_offset()


def reset() -> None:
    """Forget the cached offset: the next ``now()`` reads ``KCK_NOW`` again (for tests)."""
    global _offset
    with _lock:
        _offset = None
