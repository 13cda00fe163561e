"""What the inbox shows beside an open chat: the consultant's other chats (is the
resident waiting for an answer, is there something unread) and the resident panel
(channel, language, waiting time, this conversation's reports and callbacks).

Unread marks are kept by the browser (the last resident message it showed for each
chat); the server gives the id of each chat's latest resident message. No personal
data here: the panel names reports by number and callbacks by their window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import List, Optional, Tuple

from sqlalchemy import select

from bot.db import Database
from bot.language_detection import detect
from bot.models import CallbackRequest, Conversation, Message, Report, as_utc
from bot.reports.routing import category
from bot.stats.period import WARSAW

RECENT_USER_MESSAGES = 5


@dataclass(frozen=True)
class Activity:
    """One held chat's state for the list: the latest resident message and since when
    the resident has been waiting for an answer (None: the consultant answered last)."""

    last_user_message: int
    waiting_since: Optional[dt.datetime]


@dataclass(frozen=True)
class ResidentFacts:
    channel: str
    language: str  # pl | uk | en, told from the resident's latest messages
    reports: List[Tuple[str, str, str]]  # (number, category title, status)
    callbacks: List[Tuple[dt.datetime, dt.datetime, str]]  # (window in Kraków, status)


def activity(db: Database, conversation_id: str, requested_at: dt.datetime) -> Activity:
    """Reads the transcript after the last consultant message (since the hand-off
    was asked for when the consultant has not written yet)."""
    with db.session() as session:
        rows = session.execute(
            select(Message.id, Message.sender, Message.created_at)
            .where(Message.conversation_id == conversation_id, Message.sender.in_(
                ("user", "consultant")
            ))
            .order_by(Message.id)
        ).all()
    last_user = max((int(i) for i, sender, _at in rows if sender == "user"), default=0)
    waiting_since: Optional[dt.datetime] = requested_at
    for _id, sender, at in rows:
        if sender == "consultant":
            waiting_since = None
        elif sender == "user" and waiting_since is None:
            waiting_since = as_utc(at)
    return Activity(last_user, waiting_since)


def resident_facts(db: Database, conversation_id: str) -> Optional[ResidentFacts]:
    with db.session() as session:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            return None
        said = session.execute(
            select(Message.text)
            .where(Message.conversation_id == conversation_id, Message.sender == "user")
            .order_by(Message.id.desc())
            .limit(RECENT_USER_MESSAGES)
        ).scalars().all()
        reports = session.execute(
            select(Report.reference, Report.category, Report.kind, Report.status)
            .where(Report.conversation_id == conversation_id)
            .order_by(Report.id)
        ).all()
        callbacks = session.execute(
            select(CallbackRequest.window_start, CallbackRequest.window_end, CallbackRequest.status)
            .where(CallbackRequest.conversation_id == conversation_id)
            .order_by(CallbackRequest.id)
        ).all()
        channel = str(conversation.channel)
    return ResidentFacts(
        channel=channel,
        language=detect(" ".join(reversed([str(text) for text in said]))),
        reports=[
            (str(ref), category(cat).title if kind == "intervention" else str(cat), str(status))
            for ref, cat, kind, status in reports
            if ref
        ],
        callbacks=[
            (as_utc(start).astimezone(WARSAW), as_utc(end).astimezone(WARSAW), str(status))
            for start, end, status in callbacks
        ],
    )
