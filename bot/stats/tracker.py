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
* **not understood**: a resident's own words, typed outside a form, on which
  the NLU really fell back (classified ``nlu_fallback`` by the fallback
  classifier in config.yml). Answers to a form's questions are the form's
  business, not the NLU's: a phone number typed into the callback form or
  "pomiń" at the photo question is read by the form, whatever intent the NLU
  gave it, so it is not counted. A form is open between Rasa's ``active_loop``
  events naming it and the one that closes it (the two-stage fallback is also
  a loop, but not a form: a resident's rephrasing there counts). A dialogue
  policy fallback (``action_core_fallback``) is not the NLU falling back and
  does not count either.
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
    create_engine,
    inspect,
    select,
)
from sqlalchemy.engine import Connection, Engine, make_url

from bot.stats.period import Period

FALLBACK_INTENT = "nlu_fallback"
FALLBACK_LOOP = "action_two_stage_fallback"
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
            events.c.type_name.in_(("user", "active_loop")),
        )
        .order_by(events.c.sender_id, events.c.id)
    )
    faq: Counter[str] = Counter()
    form_open: Dict[str, bool] = {}
    for sender, type_name, timestamp, intent, _action, data in connection.execute(query):
        if senders is not None and sender not in senders:
            continue
        if type_name == "active_loop":
            name = _json(data).get("name")
            form_open[sender] = bool(name) and name != FALLBACK_LOOP
            continue
        event = _UserEvent.read(sender, timestamp, intent, data)
        event.in_form = form_open.get(sender, False)
        if intent == FAQ_INTENT:
            faq[event.faq_key] += 1
        _count(event, figures)
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
    in_form: bool = False

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


def _count(event: _UserEvent, figures: TrackerFigures) -> None:
    """A resident's typed message, and whether the NLU fell back on it outside a form."""
    if event.text.startswith("/"):
        return
    figures.residents_messages += 1
    if event.intent == FALLBACK_INTENT and not event.in_form:
        figures.not_understood.append(NotUnderstood(event.sender_id, event.at, event.text))
