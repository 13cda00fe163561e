"""Chat ratings in the app database: asking (at most once), rating, skipping, commenting.

Sync functions: the router and the desk call them in the thread pool. A comment is
stored as typed (erasure empties it) and never logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bot.db import Database
from bot.models import ChatRating, Conversation, Handoff


@dataclass(frozen=True)
class OpenRating:
    """The conversation's question still taking an answer."""

    id: int
    score: Optional[int]  # None: not rated yet; else the comment may follow


def ask_assistant(db: Database, conversation_id: str, now: dt.datetime) -> bool:
    """Records the question after the assistant's goodbye; False (do not ask) when this
    conversation was ever asked before, about the assistant or a person."""
    with db.session() as session:
        conversation = session.get(Conversation, conversation_id)
        asked = session.execute(
            select(ChatRating.id).where(ChatRating.conversation_id == conversation_id).limit(1)
        ).first()
        if conversation is None or asked is not None:
            return False
        session.add(
            ChatRating(
                conversation_id=conversation_id,
                handled_by="assistant",
                channel=conversation.channel,
                asked_at=now,
                closed=False,
            )
        )
        return True


def ask_after_handoff(db: Database, handoff_id: int, now: dt.datetime) -> bool:
    """Records the question after a person ended the hand-off; False when it was asked."""
    with db.session() as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is None:
            return False
        conversation = session.get(Conversation, handoff.conversation_id)
        asked = session.execute(
            select(ChatRating.id).where(ChatRating.handoff_id == handoff_id).limit(1)
        ).first()
        if conversation is None or asked is not None:
            return False
        _close_open(session, str(handoff.conversation_id))
        session.add(
            ChatRating(
                conversation_id=handoff.conversation_id,
                handoff_id=handoff_id,
                handled_by="consultant",
                consultant_id=handoff.consultant_id,
                unit=handoff.unit if handoff.line == "second" else None,
                channel=conversation.channel,
                asked_at=now,
                closed=False,
            )
        )
        return True


def _close_open(session: Session, conversation_id: str) -> None:
    """A question still open in the conversation takes nothing once a new one is asked."""
    rows = session.execute(
        select(ChatRating).where(
            ChatRating.conversation_id == conversation_id, ChatRating.closed.is_(False)
        )
    ).scalars()
    for row in rows:
        row.closed = True


# Read for every message while the assistant holds the chat: built once, run on a bare
# connection (no ORM session), as bot/transcript.py does for the message itself.
_OPEN = (
    select(ChatRating.id, ChatRating.score)
    .where(ChatRating.conversation_id == bindparam("cid"), ChatRating.closed.is_(False))
    .order_by(ChatRating.id.desc())
    .limit(1)
)


def open_rating(db: Database, conversation_id: str) -> Optional[OpenRating]:
    """The question still taking an answer (a score, or the comment after it), if any."""
    with db.engine.connect() as connection:
        row = connection.execute(_OPEN, {"cid": conversation_id}).first()
    return OpenRating(int(row[0]), row[1]) if row is not None else None


def rate(db: Database, rating_id: int, score: int, now: dt.datetime) -> None:
    with db.session() as session:
        row = session.get(ChatRating, rating_id)
        if row is not None:
            row.score, row.rated_at = score, now


def comment(db: Database, rating_id: int, text: str) -> None:
    """Stores the comment and closes the question: a comment is taken once."""
    with db.session() as session:
        row = session.get(ChatRating, rating_id)
        if row is not None:
            row.comment, row.closed = text, True


def close(db: Database, rating_id: int) -> None:
    """Nothing more is taken for this question (skipped, or the resident moved on)."""
    with db.session() as session:
        row = session.get(ChatRating, rating_id)
        if row is not None:
            row.closed = True
