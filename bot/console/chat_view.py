"""What the console's chat view reads: the transcript and the notes with their times.

Times are shown as the hour and minute in Kraków (Europe/Warsaw) in the console's
language (babel), so a consultant sees when the resident wrote and how long ago a
note was left; the live view stamps new messages the same way in the browser.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict, List

from babel.dates import format_time
from sqlalchemy import select

from bot import transcript
from bot.console.i18n import current_locale
from bot.db import Database
from bot.models import Message, as_utc
from bot.router import ALARM_SENDER
from bot.safety import answers as safety_answers
from bot.stats.period import WARSAW
from bot.transcript import OutMessage


def clock(at: dt.datetime) -> str:
    """E.g. "14:05": the hour in Kraków, in the console's language."""
    return str(format_time(as_utc(at), "HH:mm", tzinfo=WARSAW, locale=current_locale()))


def timed_messages(db: Database, conversation_id: str) -> List[Dict[str, Any]]:
    """The transcript for the console, oldest first, each with its time; each 112 answer
    is followed by the alarm the console showed live (bot/router.py), so a reloaded chat
    page shows it too."""
    with db.session() as session:
        rows = session.execute(
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        ).scalars()
        stored = [
            (
                OutMessage(
                    sender=row.sender,
                    text=row.text,
                    buttons=json.loads(row.buttons) if row.buttons else [],
                ),
                clock(row.created_at),
            )
            for row in rows
        ]
    shown: List[Dict[str, Any]] = []
    for message, time in stored:
        if not message.text:
            continue
        shown.append({**message.to_json(), "time": time})
        if message.sender == "system" and safety_answers.is_alarm(message.text):
            alarm = {"sender": ALARM_SENDER, "text": safety_answers.CONSOLE_ALARM, "time": time}
            shown.append(alarm)
    return shown


def timed_notes(db: Database, conversation_id: str) -> List[Dict[str, str]]:
    """Consultants' internal notes, oldest first, each with its time."""
    notes = transcript.notes(db, conversation_id)
    return [{**note, "time": clock(dt.datetime.fromisoformat(note["at"]))} for note in notes]
