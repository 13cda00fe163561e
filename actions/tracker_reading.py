"""Reading Rasa's tracker the same way in every action.

Small helpers for what several actions read from the tracker, so that a
button's payload and a typed message are taken alike everywhere.
"""

from __future__ import annotations

from rasa_sdk import Tracker


def latest_text(tracker: Tracker) -> str:
    """What the resident last typed (or the button payload), "" if nothing."""
    return str((tracker.latest_message or {}).get("text") or "")
