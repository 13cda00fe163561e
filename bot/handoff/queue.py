"""The hand-off queue: chats waiting for a person, taken, transferred, ended.

The state lives in the app database (``handoffs`` and ``conversations.state``)
so that every gateway and the action server see the same queue, and a gateway
restart loses nothing. Times are passed in by the caller (``bot.clock.now()``)
so the queue follows the same clock as the office-hours calendar.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import List, Optional

from sqlalchemy import func, select, update
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select

from bot.db import Database
from bot.models import Conversation, Handoff, as_utc

# What the first line is called in the queue; the second line uses unit codes.
FIRST_LINE = "first"
SECOND_LINE = "second"
DEFAULT_MINUTES_PER_CHAT = 5


@dataclass(frozen=True)
class QueueEntry:
    """One open hand-off as the console lists it."""

    handoff_id: int
    conversation_id: str
    line: str
    unit: Optional[str]
    reason: str
    requested_at: dt.datetime
    taken_at: Optional[dt.datetime]
    consultant_id: Optional[int]
    channel: str
    callback_offered: bool


class AlreadyTaken(Exception):
    """Another consultant took the chat a moment earlier."""


class LimitReached(Exception):
    """The consultant already holds as many chats at once as KCK_CONSOLE_MAX_CHATS allows."""


def _entry(handoff: Handoff, channel: str) -> QueueEntry:
    return QueueEntry(
        handoff_id=int(handoff.id),
        conversation_id=str(handoff.conversation_id),
        line=str(handoff.line),
        unit=handoff.unit,
        reason=str(handoff.reason),
        requested_at=as_utc(handoff.requested_at),
        taken_at=as_utc(handoff.taken_at) if handoff.taken_at else None,
        consultant_id=handoff.consultant_id,
        channel=channel,
        callback_offered=bool(handoff.callback_offered),
    )



def open_handoff(
    db: Database,
    conversation_id: str,
    line: str,
    unit: Optional[str],
    reason: str,
    now: dt.datetime,
) -> int:
    """Queues the conversation; returns the hand-off id (the open one if already queued)."""
    with db.session() as session:
        existing = session.execute(
            select(Handoff).where(
                Handoff.conversation_id == conversation_id, Handoff.ended_at.is_(None)
            )
        ).scalar_one_or_none()
        if existing is not None:
            return int(existing.id)
        handoff = Handoff(
            conversation_id=conversation_id,
            line=line,
            unit=unit,
            reason=reason,
            requested_at=now,
            callback_offered=False,
        )
        session.add(handoff)
        conversation = session.get(Conversation, conversation_id)
        if conversation is not None:
            conversation.state = "queued"
            conversation.unit = unit
        session.flush()
        return int(handoff.id)


def position(db: Database, handoff_id: int) -> int:
    """1 for the first in its queue (same line and unit), counting only untaken chats."""
    with db.session() as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is None or handoff.taken_at is not None or handoff.ended_at is not None:
            return 0
        same_queue = [
            Handoff.ended_at.is_(None),
            Handoff.taken_at.is_(None),
            Handoff.line == handoff.line,
            Handoff.id <= handoff.id,
        ]
        if handoff.unit is None:
            same_queue.append(Handoff.unit.is_(None))
        else:
            same_queue.append(Handoff.unit == handoff.unit)
        return int(session.execute(select(func.count(Handoff.id)).where(*same_queue)).scalar_one())


def minutes_per_chat(db: Database, default: int = DEFAULT_MINUTES_PER_CHAT) -> float:
    """The median length of the last 50 finished chats, or ``default`` with too few to tell."""
    with db.session() as session:
        rows = session.execute(
            select(Handoff.taken_at, Handoff.ended_at)
            .where(Handoff.taken_at.is_not(None), Handoff.outcome == "done")
            .order_by(Handoff.id.desc())
            .limit(50)
        ).all()
    lengths = [(as_utc(end) - as_utc(start)).total_seconds() / 60 for start, end in rows]
    return statistics.median(lengths) if len(lengths) >= 5 else float(default)


def open_entries(db: Database) -> List[QueueEntry]:
    """Every hand-off not yet ended, the longest waiting first (waiting and taken): the
    console offers the chats in this order, so nobody is passed over for a newer one."""
    with db.session() as session:
        rows = session.execute(
            select(Handoff, Conversation.channel)
            .join(Conversation, Conversation.id == Handoff.conversation_id)
            .where(Handoff.ended_at.is_(None))
            .order_by(Handoff.requested_at, Handoff.id)
        ).all()
        return [_entry(handoff, str(channel)) for handoff, channel in rows]


def open_for(db: Database, conversation_id: str) -> Optional[QueueEntry]:
    """The conversation's open hand-off, if any."""
    with db.session() as session:
        row = session.execute(
            select(Handoff, Conversation.channel)
            .join(Conversation, Conversation.id == Handoff.conversation_id)
            .where(Handoff.conversation_id == conversation_id, Handoff.ended_at.is_(None))
        ).first()
        return _entry(row[0], str(row[1])) if row else None


def conversation_of(db: Database, handoff_id: int) -> Optional[str]:
    """The conversation a hand-off belongs to (None for an unknown hand-off)."""
    with db.session() as session:
        handoff = session.get(Handoff, handoff_id)
        return None if handoff is None else str(handoff.conversation_id)


def _held_query(consultant_id: int) -> Select:
    """Counts the chats the consultant holds (taken, not ended); aliased so that it can
    sit inside an UPDATE of the same table."""
    held = aliased(Handoff)
    return select(func.count(held.id)).where(
        held.consultant_id == consultant_id, held.taken_at.is_not(None), held.ended_at.is_(None)
    )


def take(
    db: Database,
    handoff_id: int,
    consultant_id: int,
    now: dt.datetime,
    max_chats: int = 0,
) -> QueueEntry:
    """Gives the chat to the consultant; AlreadyTaken when someone was faster,
    LimitReached when the consultant already holds ``max_chats`` chats (0: no limit).

    One conditional UPDATE decides, so two consultants clicking at once never
    both get the chat, and one consultant clicking twice never passes the limit.
    """
    conditions = [
        Handoff.id == handoff_id, Handoff.taken_at.is_(None), Handoff.ended_at.is_(None)
    ]
    if max_chats > 0:
        conditions.append(_held_query(consultant_id).scalar_subquery() < max_chats)
    with db.session() as session:
        result = session.execute(
            update(Handoff)
            .where(*conditions)
            .values(taken_at=now, consultant_id=consultant_id)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            held = session.execute(_held_query(consultant_id)).scalar_one()
            if max_chats > 0 and held >= max_chats:
                raise LimitReached(max_chats)
            raise AlreadyTaken(handoff_id)
        handoff = session.get(Handoff, handoff_id)
        assert handoff is not None
        conversation = session.get(Conversation, handoff.conversation_id)
        assert conversation is not None
        conversation.state = "consultant"
        session.flush()
        return _entry(handoff, str(conversation.channel))


def transfer(db: Database, handoff_id: int, unit: str, reason: str, now: dt.datetime) -> int:
    """Ends this hand-off as transferred and queues the chat for the unit's second line."""
    with db.session() as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is None or handoff.ended_at is not None:
            raise LookupError(handoff_id)
        handoff.ended_at = now
        handoff.outcome = "transferred"
        conversation_id = str(handoff.conversation_id)
    return open_handoff(db, conversation_id, SECOND_LINE, unit, reason, now)


def end(db: Database, handoff_id: int, outcome: str, now: dt.datetime) -> Optional[str]:
    """Closes the hand-off and gives the chat back to the bot; returns the conversation id."""
    with db.session() as session:
        handoff = session.get(Handoff, handoff_id)
        if handoff is None or handoff.ended_at is not None:
            return None
        handoff.ended_at = now
        handoff.outcome = outcome
        conversation = session.get(Conversation, handoff.conversation_id)
        if conversation is not None:
            conversation.state = "bot"
        return str(handoff.conversation_id)


def waiting_longer_than(db: Database, since: dt.datetime) -> List[QueueEntry]:
    """Untaken chats queued before ``since`` that were not yet offered a callback."""
    return [
        entry
        for entry in open_entries(db)
        if entry.taken_at is None and not entry.callback_offered and entry.requested_at < since
    ]


def mark_callback_offered(db: Database, handoff_id: int) -> bool:
    """Marks the offer made; False when it already was (another gateway got there first),
    so that with several gateways the resident is offered the callback once."""
    with db.session() as session:
        result = session.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.callback_offered.is_(False))
            .values(callback_offered=True)
        )
        return bool(result.rowcount)
