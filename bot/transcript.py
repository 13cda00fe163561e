"""Conversations in the app database: their access tokens, transcript and
consultants' notes (no HTTP here; every channel and the console read it).

What every resident message reads and writes (``authorize``, ``state_of``,
``recent_turns``, ``append``, and ``create_conversation`` once a chat) goes through
SQLAlchemy Core on one connection rather than an ORM session, with statements built
once: the same SQL without the session's identity map and unit of work, the SELECT of
the conversation before updating it, and the building of each statement, which cost
more CPU than running it on SQLite (0.12 against 0.03 ms for ``state_of``; README
"Performance").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Tuple

from sqlalchemy import bindparam, insert, select, update

from bot.db import Database
from bot.models import (
    Consultant,
    ConsultantNote,
    Conversation,
    Message,
    as_utc,
    new_id,
    utcnow,
)
from bot.tokens import digest, matches

# The keys of a button that the widget, Telegram and the console see.
SHOWN_KEYS = ("title", "payload")

# The statements of every resident message, built once (see above).
_NEW_CONVERSATION = insert(Conversation)
_STATE = select(Conversation.state).where(Conversation.id == bindparam("cid"))
_TOKEN_AND_STATE = select(Conversation.token_hash, Conversation.state).where(
    Conversation.id == bindparam("cid")
)
_NEW_MESSAGE = insert(Message)
_TOUCH = (
    update(Conversation)
    .where(Conversation.id == bindparam("cid"))
    .values(updated_at=bindparam("now"))
)
_TURNS = (
    select(Message.sender, Message.buttons)
    .where(Message.conversation_id == bindparam("cid"))
    .order_by(Message.id.desc())
    .limit(bindparam("n"))
)


@dataclass
class OutMessage:
    """A message of the transcript: stored, sent to the widget and Telegram, shown
in the console; ``to_json`` is the form the widget and console APIs send."""

    sender: str
    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)
    # The text's language when it is not Polish (the gateway's Ukrainian or English
    # note, bot.other_language_reply), so the widget can mark it for screen readers.
    # Not stored: a reloaded transcript leaves the widget to tell it by its script.
    lang: str | None = None
    # An instruction from Rasa to the gateway (a response's ``custom.kck_control``, e.g.
    # ``erase_conversation``): acted on by the router, never shown or stored.
    control: str | None = None

    def to_json(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {"sender": self.sender, "text": self.text}
        if self.buttons:
            # What a button is and does; the router's own marks (``bot.offered``) stay here.
            data["buttons"] = [
                {key: value for key, value in button.items() if key in SHOWN_KEYS}
                for button in self.buttons
            ]
        if self.lang:
            data["lang"] = self.lang
        return data


def create_conversation(db: Database, channel: str, token: str) -> str:
    """Stores a new conversation held by the bot; returns its id."""
    conversation_id = new_id()
    row = {"id": conversation_id, "channel": channel, "token_hash": digest(token), "state": "bot"}
    with db.engine.begin() as connection:
        connection.execute(_NEW_CONVERSATION, row)
    return conversation_id


def channel_conversation(db: Database, channel: str, user_hash: str) -> Tuple[str, str, bool]:
    """The open conversation of a channel's user (found by the keyed hash of their id,
    never the id itself), created when there is none: ``(id, state, created)``."""
    with db.session() as session:
        found = session.execute(
            select(Conversation)
            .where(
                Conversation.channel == channel,
                Conversation.token_hash == user_hash,
                Conversation.state != "closed",
            )
            .order_by(Conversation.created_at.desc())
            .limit(1)
        ).scalar_one_or_none()
        if found is not None:
            return str(found.id), str(found.state), False
        conversation = Conversation(channel=channel, token_hash=user_hash, state="bot")
        session.add(conversation)
        session.flush()
        return str(conversation.id), "bot", True


def state_of(db: Database, conversation_id: str) -> str | None:
    """Who holds the conversation now (bot|queued|consultant|closed); None if unknown."""
    with db.engine.connect() as connection:
        state = connection.execute(_STATE, {"cid": conversation_id}).scalar_one_or_none()
    return None if state is None else str(state)


def offered_buttons(db: Database, conversation_id: str, messages: int = 30) -> List[Dict[str, str]]:
    """The buttons of the conversation's last ``messages`` messages that had any, newest
    first: what the resident may still press (a channel resolves a pressed button here)."""
    with db.session() as session:
        rows = session.execute(
            select(Message.buttons)
            .where(Message.conversation_id == conversation_id, Message.buttons.is_not(None))
            .order_by(Message.id.desc())
            .limit(messages)
        ).scalars()
        return [button for row in rows for button in json.loads(row)]


def authorize(db: Database, conversation_id: str, token: str) -> str | None:
    """The conversation's state when ``token`` opens it, else None."""
    with db.engine.connect() as connection:
        found = connection.execute(_TOKEN_AND_STATE, {"cid": conversation_id}).one_or_none()
    if found is None or not matches(token, found.token_hash):
        return None
    return str(found.state)


def append(
    db: Database,
    conversation_id: str,
    messages: List[OutMessage],
    payload: str | None = None,
) -> None:
    """Appends messages to the transcript in order (payload goes with the first), and
    marks the conversation as updated, in one transaction."""
    rows = [
        {
            "conversation_id": conversation_id,
            "sender": message.sender,
            "text": message.text,
            "payload": payload if index == 0 else None,
            "buttons": json.dumps(message.buttons, ensure_ascii=False) if message.buttons else None,
        }
        for index, message in enumerate(messages)
    ]
    with db.engine.begin() as connection:
        # One executemany: SQLite runs it row by row, and PostgreSQL's multi-row VALUES
        # takes the serial ids in the list's order, so the ids keep the transcript's order.
        connection.execute(_NEW_MESSAGE, rows)
        connection.execute(_TOUCH, {"cid": conversation_id, "now": utcnow()})


@dataclass(frozen=True)
class Admission:
    """A widget message's right in: its bearer token, then the conversation's rate limit
    (``allow`` counts the message, thread-safe), checked in that order by ``arrive``."""

    token: str
    allow: Callable[[], bool]


class Refused(Exception):
    """``arrive`` refused the message (nothing stored): 401 for the token, 429 the limit."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def arrive(
    db: Database,
    conversation_id: str,
    turns: int,
    message: OutMessage | None,
    payload: str | None = None,
    admission: Admission | None = None,
) -> Tuple[str, List[Tuple[str, List[Dict[str, str]]]]]:
    """A resident's message arrives (one trip to a database thread): who holds the
    conversation ("bot" if unknown), its last ``turns`` turns before the message (what the
    router judges it by), then ``message`` stored with its payload (when given). With an
    ``admission``, the token and the limit first, in the same trip (``Refused``)."""
    if admission is None:
        state = state_of(db, conversation_id) or "bot"
    else:
        found = authorize(db, conversation_id, admission.token)
        if found is None:
            raise Refused(401)
        if not admission.allow():
            raise Refused(429)
        state = found
    recent = recent_turns(db, conversation_id, turns) if turns else []
    if message is not None:
        append(db, conversation_id, [message], payload)
    return state, recent


def history(db: Database, conversation_id: str) -> List[OutMessage]:
    """The whole transcript, oldest first (what a reloaded widget and the console's
chat view show)."""
    with db.session() as session:
        rows = session.execute(
            select(Message).where(Message.conversation_id == conversation_id).order_by(Message.id)
        ).scalars()
        return [
            OutMessage(
                sender=row.sender,
                text=row.text,
                buttons=json.loads(row.buttons) if row.buttons else [],
            )
            for row in rows
        ]


def notes(db: Database, conversation_id: str) -> List[Dict[str, str]]:
    """Consultants' internal notes on a chat, oldest first (never shown to the resident)."""
    with db.session() as session:
        rows = session.execute(
            select(ConsultantNote.text, ConsultantNote.created_at, Consultant.display_name)
            .join(Consultant, Consultant.id == ConsultantNote.consultant_id)
            .where(ConsultantNote.conversation_id == conversation_id)
            .order_by(ConsultantNote.id)
        ).all()
        return [
            {"text": text, "at": as_utc(at).isoformat(), "author": author}
            for text, at, author in rows
        ]


def recent_turns(
    db: Database, conversation_id: str, messages: int = 60
) -> List[Tuple[str, List[Dict[str, str]]]]:
    """The last ``messages`` messages as ``(sender, buttons)``, newest first: what the
    router needs to tell a button of the latest question from an older one."""
    with db.engine.connect() as connection:
        rows = connection.execute(_TURNS, {"cid": conversation_id, "n": messages}).all()
        return [(str(sender), json.loads(buttons) if buttons else []) for sender, buttons in rows]
