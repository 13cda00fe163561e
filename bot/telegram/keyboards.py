"""Buttons as inline keyboards, with callback data that always fits 64 bytes.

A button's payload can be long (``/inform{"report_category": "…"}``, a callback
window with dates) and Telegram carries at most 64 bytes of callback data. So
the data is only a digest of the button (``b1:`` + 20 characters), and a
press is resolved against the buttons stored with the conversation's own
transcript (``transcript.offered_buttons``): every message with buttons is
stored before it is sent, whether it answers the resident or arrives from a
consultant.

Why the transcript and not a new table or memory: it already holds every
button shown, survives a gateway restart, works when several gateways share
the database, needs no schema change and nothing to expire. And only a button
that this conversation was really shown can be pressed: forged callback data
resolves to nothing.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Dict, Iterable, List, Optional

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

PREFIX = "b1:"
MAX_CALLBACK_BYTES = 64


def callback_data(button: Dict[str, str]) -> str:
    """``b1:`` and 120 bits of SHA-256 of the title and payload: 23 bytes."""
    seen = f"{button.get('title', '')}\x00{button.get('payload', '')}".encode()
    digest = hashlib.sha256(seen).digest()[:15]
    return PREFIX + base64.urlsafe_b64encode(digest).decode("ascii")


def markup(buttons: List[Dict[str, str]]) -> Optional[InlineKeyboardMarkup]:
    """One button per row (titles are whole phrases), except that buttons titled by a
    number share one row (the rating's 1–5, bot/csat/); None without buttons."""
    if not buttons:
        return None
    rows: List[List[InlineKeyboardButton]] = []
    numbered = False
    for b in buttons:
        title = b.get("title") or "…"
        key = InlineKeyboardButton(title, callback_data=callback_data(b))
        if title.isdigit() and numbered:
            rows[-1].append(key)
        else:
            rows.append([key])
        numbered = title.isdigit()
    return InlineKeyboardMarkup(rows)


def find(data: str, offered: Iterable[Dict[str, str]]) -> Optional[Dict[str, str]]:
    """The offered button that this callback data stands for (newest first), if any."""
    if not data.startswith(PREFIX):
        return None
    return next((button for button in offered if callback_data(button) == data), None)
