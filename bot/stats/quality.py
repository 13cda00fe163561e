"""Dashboard figures of quality: residents' ratings (CSAT) and the service level (SLA).

**CSAT** of a group of rated chats: the share of scores 4 and 5 among the scores given
(skipped or unanswered questions are not scores), and the mean score. Ratings count by
``ChatRating.asked_at`` in the period and the rating's channel; groups: the assistant
alone, KCK's consultants (first line), each unit's second line, and all together.

**Service level** of hand-offs *requested* in the period (``Handoff.requested_at``, the
conversation's channel): the share a person took within the target wait
(``Settings.sla_target_seconds``). A hand-off never taken (the resident left, took a
callback, or still waits) counts against it, so the share cannot look better by
losing residents. Per line and for both lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from bot.models import ChatRating, Conversation, Handoff, as_utc
from bot.stats.period import Period

ASSISTANT, CONSULTANT, ALL = "assistant", "consultant", "all"
SATISFIED = (4, 5)
COMMENTS_SHOWN = 100


@dataclass(frozen=True)
class Satisfaction:
    """Ratings of one group: ``group`` is ASSISTANT, CONSULTANT, ALL or a unit's code."""

    group: str
    asked: int
    scores: Tuple[int, ...]

    @property
    def rated(self) -> int:
        return len(self.scores)

    @property
    def satisfied(self) -> int:
        return sum(1 for score in self.scores if score in SATISFIED)

    @property
    def csat(self) -> Optional[float]:
        """Share (0–1) of 4 and 5 among the scores; None without a score."""
        return self.satisfied / self.rated if self.scores else None

    @property
    def mean(self) -> Optional[float]:
        return sum(self.scores) / self.rated if self.scores else None

    def count(self, score: int) -> int:
        return self.scores.count(score)


@dataclass(frozen=True)
class ServiceLevel:
    """Hand-offs of one line (None: both) against the target wait."""

    line: Optional[str]
    target_seconds: int
    within: int = 0
    later: int = 0
    not_taken: int = 0

    @property
    def handoffs(self) -> int:
        return self.within + self.later + self.not_taken

    @property
    def share(self) -> Optional[float]:
        """Share (0–1) taken within the target; None without a hand-off."""
        return self.within / self.handoffs if self.handoffs else None


@dataclass(frozen=True)
class Comment:
    at: dt.datetime
    group: str
    score: int
    text: str  # as stored: the dashboard shows it redacted


@dataclass(frozen=True)
class Quality:
    satisfaction: List[Satisfaction]
    service: List[ServiceLevel]
    comments: List[Comment] = field(default_factory=list)


def group_of(handled_by: str, unit: Optional[str]) -> str:
    if handled_by == ASSISTANT:
        return ASSISTANT
    return unit or CONSULTANT


def satisfaction(rows: Sequence[Tuple[str, Optional[int]]]) -> List[Satisfaction]:
    """Per group (assistant, consultant, units by code, then all) from ``(group, score)``
    pairs, one per question asked (score None: skipped or unanswered)."""
    asked: Dict[str, int] = {ASSISTANT: 0, CONSULTANT: 0}
    scores: Dict[str, List[int]] = {ASSISTANT: [], CONSULTANT: []}
    for group, score in rows:
        asked[group] = asked.get(group, 0) + 1
        scores.setdefault(group, [])
        if score is not None:
            scores[group].append(int(score))
    units = sorted(group for group in asked if group not in (ASSISTANT, CONSULTANT))
    result = [Satisfaction(g, asked[g], tuple(scores[g])) for g in [ASSISTANT, CONSULTANT, *units]]
    everything = tuple(score for values in scores.values() for score in values)
    return [*result, Satisfaction(ALL, sum(asked.values()), everything)]


def service_levels(
    waits: Sequence[Tuple[str, Optional[float]]], target_seconds: int
) -> List[ServiceLevel]:
    """Per line (first, second, then both) from ``(line, seconds waited before a person
    took it)`` pairs, one per hand-off (None: never taken)."""
    counts: Dict[str, List[int]] = {"first": [0, 0, 0], "second": [0, 0, 0]}
    both = [0, 0, 0]
    for line, seconds in waits:
        kind = 2 if seconds is None else (0 if seconds <= target_seconds else 1)
        counts.setdefault(line, [0, 0, 0])[kind] += 1
        both[kind] += 1
    lines = [ServiceLevel(line, target_seconds, *values) for line, values in counts.items()]
    return [*lines, ServiceLevel(None, target_seconds, *both)]


def _in(column: object, period: Period) -> object:
    return and_(column >= period.start, column < period.end)  # type: ignore[operator]


def quality(connection: Connection, period: Period, target_seconds: int) -> Quality:
    """Every quality figure of the period (see the module)."""
    query = select(
        ChatRating.handled_by,
        ChatRating.unit,
        ChatRating.score,
        ChatRating.asked_at,
        ChatRating.comment,
    ).where(_in(ChatRating.asked_at, period))
    if period.channel:
        query = query.where(ChatRating.channel == period.channel)
    rows = connection.execute(query).all()
    pairs = [(group_of(str(by), unit), score) for by, unit, score, _, _ in rows]
    comments = sorted(
        (
            Comment(as_utc(at), group_of(str(by), unit), int(score), str(text))
            for by, unit, score, at, text in rows
            if text and score is not None
        ),
        key=lambda comment: comment.at,
        reverse=True,
    )
    handoffs = (
        select(Handoff.line, Handoff.requested_at, Handoff.taken_at)
        .join(Conversation, Conversation.id == Handoff.conversation_id)
        .where(_in(Handoff.requested_at, period))
    )
    if period.channel:
        handoffs = handoffs.where(Conversation.channel == period.channel)
    waits = [
        (str(line), None if taken is None else (as_utc(taken) - as_utc(asked)).total_seconds())
        for line, asked, taken in connection.execute(handoffs)
    ]
    return Quality(
        satisfaction(pairs), service_levels(waits, target_seconds), comments[:COMMENTS_SHOWN]
    )
