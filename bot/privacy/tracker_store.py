"""Rasa's tracker store (``SQLTrackerStore``, table ``events``) as our code changes it.

Rasa owns these rows; we touch them only for personal data: retention strips
the resident's words and values from old events (the rows stay, the dashboard
counts them, bot/stats/tracker.py), erasure on request deletes one
conversation's events (sender_id = our conversation id), and an access request
reads them. Rasa (bot/rasa_tracker_store.py) reuses the tracker it saved only while
the conversation's number of events and highest event id are unchanged, so a deletion
here is what Rasa sees next; a rewrite in place is not, but Rasa drops a kept tracker
after ten minutes without a turn, and retention touches only events days old.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from sqlalchemy import create_engine, inspect, select, update
from sqlalchemy.engine import Connection, Engine

from bot.stats.tracker import events

# Set in an event's JSON once its personal data is stripped, so a later run skips it
# (Rasa ignores keys it does not know when it reads an event back).
ANONYMISED = "kck_anonymised"
BATCH = 500


def tracker_engine(url: str) -> Engine:
    """A writable engine on the tracker store; SQLite waits for Rasa's own writes."""
    if url.startswith("sqlite"):
        return create_engine(
            url, future=True, connect_args={"check_same_thread": False, "timeout": 30}
        )
    return create_engine(url, future=True, pool_pre_ping=True)


def has_events(connection: Connection) -> bool:
    """Whether Rasa has created its table yet (not before its first message)."""
    return bool(inspect(connection).has_table("events"))


def _command(text: str) -> str:
    """What of a user text is kept: a button's or command's intent (``/affirm``), so
    the dashboard still tells button presses from the resident's own words; no text
    and no entity values (``/provide_photo{"report_photo": …}`` keeps ``/provide_photo``)."""
    if not text.startswith("/"):
        return ""
    return text.split("{", 1)[0].strip()


def anonymise(type_name: str, data: Dict[str, Any]) -> Dict[str, Any]:
    """The event without what a resident wrote or gave: user texts and entities,
    slot values, bot texts and buttons, metadata. Kept: the event's kind and time,
    the intent, its ranking and the FAQ key (``parse_data.response_selector``)."""
    out = {key: value for key, value in data.items() if key != "metadata"}
    if type_name == "user":
        text = _command(str(data.get("text") or ""))
        parse_data = data.get("parse_data") or {}
        kept = {
            key: parse_data[key]
            for key in ("intent", "intent_ranking", "response_selector")
            if key in parse_data
        }
        out["text"] = text
        out["parse_data"] = {**kept, "text": text, "entities": []}
    elif type_name == "slot":
        out["value"] = None
    elif type_name == "bot":
        out["text"] = ""
        out["data"] = {}
        utter = (data.get("metadata") or {}).get("utter_action")
        if utter:
            out["metadata"] = {"utter_action": utter}
    elif type_name == "entities":
        out["entities"] = []
    elif type_name == "action":
        out.pop("action_text", None)
    out[ANONYMISED] = True
    return out


def anonymise_before(engine: Engine, before: float, dry_run: bool = False) -> int:
    """Strips personal data from every event older than ``before`` (epoch seconds)
    not stripped yet; returns how many events changed. Rows are never deleted."""
    changed = 0
    last_id = 0
    with engine.connect() as connection:
        if not has_events(connection):
            return 0
    while True:
        with engine.begin() as connection:
            rows = connection.execute(
                select(events.c.id, events.c.type_name, events.c.data)
                .where(events.c.timestamp < before, events.c.id > last_id)
                .where(~events.c.data.contains(f'"{ANONYMISED}"'))
                .order_by(events.c.id)
                .limit(BATCH)
            ).all()
            for row_id, type_name, data in rows:
                if not dry_run:
                    new = json.dumps(anonymise(str(type_name), _load(data)), ensure_ascii=False)
                    connection.execute(
                        update(events).where(events.c.id == row_id).values(data=new)
                    )
                changed += 1
        if len(rows) < BATCH:
            return changed
        last_id = int(rows[-1][0])


def delete_conversation(engine: Engine, sender_id: str) -> int:
    """Deletes every event of one conversation (erasure on request); returns how many."""
    with engine.begin() as connection:
        if not has_events(connection):
            return 0
        result = connection.execute(events.delete().where(events.c.sender_id == sender_id))
        return int(result.rowcount or 0)


def conversation_events(engine: Engine, sender_id: str) -> List[Dict[str, Any]]:
    """One conversation's events, oldest first, as stored (for an access request)."""
    with engine.connect() as connection:
        if not has_events(connection):
            return []
        rows = connection.execute(
            select(
                events.c.type_name,
                events.c.timestamp,
                events.c.intent_name,
                events.c.action_name,
                events.c.data,
            )
            .where(events.c.sender_id == sender_id)
            .order_by(events.c.id)
        ).all()
    return [
        {
            "type_name": type_name,
            "timestamp": timestamp,
            "intent_name": intent,
            "action_name": action,
            "data": _load(data),
        }
        for type_name, timestamp, intent, action, data in rows
    ]


def _load(data: Optional[str]) -> Dict[str, Any]:
    try:
        value = json.loads(data or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
