"""Dashboard figures from Rasa's tracker store (table ``events`` of ``SQLTrackerStore``).

Rasa writes one row per event: ``sender_id`` (our conversation id),
``type_name`` (``user``, ``action``, ``bot``…), ``timestamp`` (seconds since
the epoch, the real clock of Rasa's process), ``intent_name`` (user events),
``action_name`` (action events) and ``data`` (the event as JSON). Only
reading; the gateway opens a SQLite tracker read-only (``tracker_engine``).

Definitions (events whose ``timestamp`` falls in the period):

* **resident's message**: a ``user`` event whose text does not start with
  ``/``: button presses and commands (``/out_of_scope``, ``/start``) are not
  the resident's own words. A text blanked by the retention job still counts.
* **not understood**: a resident's message classified ``nlu_fallback``
  (``FallbackClassifier`` in config.yml), or after which, before the same
  conversation's next user event, ``action_core_fallback`` (the dialogue
  policy did not know what to do, actions/fallback.py) or
  ``action_default_fallback`` ran. In Rasa 3.6 the two-stage fallback's
  last step (actions/handoff.py: a person takes over) runs inside
  ``action_two_stage_fallback`` and leaves no ``action_default_fallback``
  event, but every message it handles was classified ``nlu_fallback``.
* **fallback rate**: not understood / residents' messages.
* **FAQ key**: of a user event with intent ``faq`` (the retrieval intent), the
  key the response selector chose: ``parse_data.response_selector.faq.
  response.intent_response_key`` (``faq/dowod_osobisty`` → ``dowod_osobisty``),
  else ``parse_data.intent.full_retrieval_intent_name`` (the same key).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Collection, Dict, List, Optional, Tuple

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    create_engine,
    inspect,
    or_,
    select,
)
from sqlalchemy.engine import Connection, Engine, make_url

from bot.stats.period import Period

FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIONS = ("action_default_fallback", "action_core_fallback")
FAQ_INTENT = "faq"

# The shape of Rasa 3.6's ``SQLTrackerStore.SQLEvent`` (rasa/core/tracker_store.py).
events = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


@dataclass(frozen=True)
class NotUnderstood:
    """A resident's message the assistant did not understand ("" when its text was removed)."""

    sender_id: str
    at: dt.datetime
    text: str


@dataclass
class TrackerFigures:
    residents_messages: int = 0
    not_understood: List[NotUnderstood] = field(default_factory=list)  # newest first
    faq_keys: List[Tuple[str, int]] = field(default_factory=list)  # most asked first

    @property
    def fallback_rate(self) -> Optional[float]:
        if not self.residents_messages:
            return None
        return len(self.not_understood) / self.residents_messages


def tracker_engine(url: str) -> Engine:
    """An engine on the tracker store; a SQLite file is opened read-only, so the
    dashboard can never lock or change what Rasa writes."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return create_engine(
            f"sqlite:///file:{parsed.database}?mode=ro&uri=true",
            future=True,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
    return create_engine(url, future=True, pool_pre_ping=True)


def tracker_figures(
    connection: Connection, period: Period, senders: Optional[Collection[str]] = None
) -> TrackerFigures:
    """The figures of the module docstring; ``senders``: only these conversations
    (the channel filter: tracker events do not say which channel they came from)."""
    figures = TrackerFigures()
    if not inspect(connection).has_table("events"):
        return figures  # Rasa has not written anything yet
    query = (
        select(
            events.c.sender_id,
            events.c.type_name,
            events.c.timestamp,
            events.c.intent_name,
            events.c.action_name,
            events.c.data,
        )
        .where(
            events.c.timestamp >= period.start.timestamp(),
            events.c.timestamp < period.end.timestamp(),
            or_(
                events.c.type_name == "user",
                and_(events.c.type_name == "action", events.c.action_name.in_(FALLBACK_ACTIONS)),
            ),
        )
        .order_by(events.c.sender_id, events.c.id)
    )
    faq: Counter[str] = Counter()
    pending: Optional[_UserEvent] = None
    for sender, type_name, timestamp, intent, _action, data in connection.execute(query):
        if senders is not None and sender not in senders:
            continue
        if pending is not None and pending.sender_id != sender:
            _close(pending, figures)
            pending = None
        if type_name == "action":
            if pending is not None:
                pending.fallback_action = True
            continue
        if pending is not None:
            _close(pending, figures)
        pending = _UserEvent.read(sender, timestamp, intent, data)
        if intent == FAQ_INTENT:
            faq[pending.faq_key] += 1
    if pending is not None:
        _close(pending, figures)
    figures.not_understood.sort(key=lambda item: (item.at, item.sender_id), reverse=True)
    figures.faq_keys = sorted(faq.items(), key=lambda item: (-item[1], item[0]))
    return figures


@dataclass
class _UserEvent:
    sender_id: str
    at: dt.datetime
    text: str
    intent: Optional[str]
    faq_key: str
    fallback_action: bool = False

    @classmethod
    def read(
        cls, sender: str, timestamp: float, intent: Optional[str], data: Optional[str]
    ) -> _UserEvent:
        event = _json(data)
        parse_data = event.get("parse_data") or {}
        selector = (parse_data.get("response_selector") or {}).get(FAQ_INTENT) or {}
        key = str(
            (selector.get("response") or {}).get("intent_response_key")
            or (parse_data.get("intent") or {}).get("full_retrieval_intent_name")
            or ""
        )
        return cls(
            sender_id=str(sender),
            at=dt.datetime.fromtimestamp(float(timestamp), tz=dt.timezone.utc),
            text=str(event.get("text") or ""),
            intent=intent,
            faq_key=key.split("/", 1)[-1],
        )


def _json(data: Optional[str]) -> Dict[str, Any]:
    try:
        value = json.loads(data or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _close(event: _UserEvent, figures: TrackerFigures) -> None:
    """Counts a user event once its turn is over (the next user event or sender)."""
    if event.text.startswith("/"):
        return
    figures.residents_messages += 1
    if event.intent == FALLBACK_INTENT or event.fallback_action:
        figures.not_understood.append(NotUnderstood(event.sender_id, event.at, event.text))
