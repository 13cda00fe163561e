"""Dashboard figures from the app database: conversations, hand-offs, callbacks, reports.

How a conversation is counted (``conversation_shares``): every conversation
*created* in the period (and on the channel) falls in exactly one class, the
first that applies, so the four shares add up to 100 %:

1. **own case** (the seed's 22 %): at least one hand-off with reason
   ``case_status``: the resident asked about their own case, which needs the
   unit's files, so it went to that unit's second line;
2. **second line, complex** (the seed's 5 %): otherwise, at least one hand-off
   on the ``second`` line, i.e. a consultant transferred the chat to a unit's
   specialist (``queue.transfer``, reason ``transfer``) because it was complex;
3. **consultant** (first line): otherwise, at least one hand-off, all of them
   on the ``first`` line (reasons ``request_human``, ``fallback``);
4. **assistant alone**: no hand-off at all: never queued for a person.

Classes 3 and 4 together are the first line (the seed's 73 %). A hand-off
counts from the moment it is queued, whether a person then took it, the
resident left, or a callback was offered instead; the hand-off's own time
does not matter, only the conversation's creation.

Times: each figure filters on one column, named in its docstring; bounds are
``Period.start`` (inclusive) and ``Period.end`` (exclusive), in UTC.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Dict, List, Optional, Set

from sqlalchemy import and_, case, func, select
from sqlalchemy.engine import Connection

from bot.models import CallbackRequest, Conversation, Handoff, Report, as_utc
from bot.stats.period import Period

OWN_CASE_REASON = "case_status"
SECOND_LINE = "second"


@dataclass(frozen=True)
class ConversationShares:
    """Conversations created in the period, by who answered them (see the module)."""

    total: int
    assistant_alone: int
    consultant: int
    second_line_complex: int
    own_case: int


@dataclass(frozen=True)
class CallbackCounts:
    """Callback requests made in the period (``created_at``) and what became of them."""

    requested: int
    done: int
    failed: int
    waiting: int


@dataclass(frozen=True)
class ReportCount:
    """Reports or ideas (``kind``) of one category, unit and status, filed in the period."""

    kind: str
    category: str
    unit: str
    status: str
    count: int


@dataclass(frozen=True)
class WaitFigures:
    """Queue waits (``taken_at - requested_at``) of hand-offs *taken* in the period."""

    line: Optional[str]  # first | second; None: both lines together
    taken: int
    median_seconds: Optional[float]  # None when nothing was taken


def _in(column: object, period: Period) -> object:
    return and_(column >= period.start, column < period.end)  # type: ignore[operator]


def conversation_shares(connection: Connection, period: Period) -> ConversationShares:
    """See the module docstring; conversations filtered on ``created_at`` and ``channel``."""
    own = func.max(case((Handoff.reason == OWN_CASE_REASON, 1), else_=0))
    second = func.max(case((Handoff.line == SECOND_LINE, 1), else_=0))
    query = (
        select(
            Conversation.id,
            func.count(Handoff.id).label("handoffs"),
            own.label("own"),
            second.label("second"),
        )
        .select_from(Conversation)
        .outerjoin(Handoff, Handoff.conversation_id == Conversation.id)
        .where(_in(Conversation.created_at, period))
        .group_by(Conversation.id)
    )
    if period.channel:
        query = query.where(Conversation.channel == period.channel)
    per = query.subquery()

    def count(condition: object) -> object:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = connection.execute(
        select(
            func.count(),
            count(per.c.handoffs == 0),
            count(and_(per.c.handoffs > 0, per.c.own == 0, per.c.second == 0)),
            count(and_(per.c.own == 0, per.c.second == 1)),
            count(per.c.own == 1),
        ).select_from(per)
    ).one()
    return ConversationShares(*(int(value or 0) for value in row))


def callback_counts(connection: Connection, period: Period) -> CallbackCounts:
    """Requests by status; ``waiting`` is still ``new`` (not yet called or failed)."""
    query = (
        select(CallbackRequest.status, func.count())
        .where(_in(CallbackRequest.created_at, period))
        .group_by(CallbackRequest.status)
    )
    if period.channel:
        query = query.where(CallbackRequest.channel == period.channel)
    by_status: Dict[str, int] = {str(s): int(n) for s, n in connection.execute(query)}
    return CallbackCounts(
        requested=sum(by_status.values()),
        done=by_status.get("done", 0),
        failed=by_status.get("failed", 0),
        waiting=by_status.get("new", 0),
    )


def report_counts(connection: Connection, period: Period) -> List[ReportCount]:
    """Reports and ideas filed in the period (``created_at``, ``channel``), by their
    *current* status, sorted by kind, category, unit and status."""
    columns = (Report.kind, Report.category, Report.unit, Report.status)
    query = select(*columns, func.count()).where(_in(Report.created_at, period)).group_by(*columns)
    if period.channel:
        query = query.where(Report.channel == period.channel)
    rows = [
        ReportCount(str(k), str(c), str(u), str(s), int(n))
        for k, c, u, s, n in connection.execute(query)
    ]
    return sorted(rows, key=lambda r: (r.kind, r.category, r.unit, r.status))


def queue_waits(connection: Connection, period: Period) -> List[WaitFigures]:
    """Median waits per line (first, second) and for both, of hand-offs whose
    ``taken_at`` falls in the period (channel: the conversation's)."""
    query = (
        select(Handoff.line, Handoff.requested_at, Handoff.taken_at)
        .join(Conversation, Conversation.id == Handoff.conversation_id)
        .where(_in(Handoff.taken_at, period))
    )
    if period.channel:
        query = query.where(Conversation.channel == period.channel)
    waits: Dict[str, List[float]] = {"first": [], "second": []}
    for line, requested, taken in connection.execute(query):
        seconds = (as_utc(taken) - as_utc(requested)).total_seconds()
        waits.setdefault(str(line), []).append(seconds)
    everything = [s for values in waits.values() for s in values]
    figures = [_wait(line, values) for line, values in waits.items()]
    return [*figures, _wait(None, everything)]


def _wait(line: Optional[str], seconds: List[float]) -> WaitFigures:
    return WaitFigures(line, len(seconds), statistics.median(seconds) if seconds else None)


def channel_conversations(connection: Connection, channel: str) -> Set[str]:
    """Ids of every conversation on the channel: Rasa's sender ids, to filter the tracker."""
    rows = connection.execute(select(Conversation.id).where(Conversation.channel == channel))
    return {str(conversation_id) for (conversation_id,) in rows}
