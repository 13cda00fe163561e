"""Conversations, their messages, hand-offs to a person and callback requests.

Part of the data model (../shared/design/ARCHITECTURE.md, "Data model"); `bot.models` names all.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import relationship

from bot.models.base import Base, new_id, utcnow


class Conversation(Base):
    """One resident's chat on one channel."""

    __tablename__ = "conversations"

    id = Column(String(32), primary_key=True, default=new_id)
    channel = Column(String(16), nullable=False)  # web | telegram
    # SHA-256 of the widget token (web), or HMAC-SHA256 of the channel user id under
    # Settings.id_hash_key (Telegram: the chat id, never stored in plain).
    token_hash = Column(String(64), nullable=False)
    state = Column(String(16), nullable=False, default="bot")  # bot|queued|consultant|closed
    unit = Column(String(32), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)
    # Set when the resident had the conversation erased ("usuń moje dane",
    # bot/privacy/erasure.py): the row stays for the statistics, without its transcript.
    erased_at = Column(DateTime(timezone=True), nullable=True)

    __table_args__ = (Index("ix_conversations_channel_user", "channel", "token_hash"),)

    messages = relationship(
        "Message",
        back_populates="conversation",
        order_by="Message.id",
        cascade="all, delete-orphan",
    )


class Message(Base):
    """One line of the transcript, in the order it happened."""

    __tablename__ = "messages"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    sender = Column(String(16), nullable=False)  # user | bot | consultant | system
    text = Column(Text, nullable=False, default="")
    payload = Column(Text, nullable=True)
    buttons = Column(Text, nullable=True)  # JSON list of {"title", "payload"}
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    conversation = relationship("Conversation", back_populates="messages")

    __table_args__ = (Index("ix_messages_conversation", "conversation_id", "id"),)


class Handoff(Base):
    """A conversation waiting for, or held by, a person (../shared/design/ARCHITECTURE.md,
    "Hand-off protocol").

    One row per hand-off; a transfer to a unit's second line ends the row with
    outcome ``transferred`` and opens a new one, so waits are measured per queue.
    """

    __tablename__ = "handoffs"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    line = Column(String(8), nullable=False)  # first | second
    unit = Column(String(16), nullable=True)  # for the second line: the unit's code
    reason = Column(String(32), nullable=False)  # request_human | fallback | case_status | ...
    requested_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    taken_at = Column(DateTime(timezone=True), nullable=True)
    ended_at = Column(DateTime(timezone=True), nullable=True)
    consultant_id = Column(Integer, ForeignKey("consultants.id"), nullable=True)
    # None while open; done | transferred | callback | abandoned
    outcome = Column(String(16), nullable=True)
    callback_offered = Column(Boolean, nullable=False, default=False)

    __table_args__ = (
        Index("ix_handoffs_open", "ended_at", "line", "unit"),
        Index("ix_handoffs_conversation", "conversation_id"),
    )


class CallbackRequest(Base):
    """A resident asking to be called back in office hours."""

    __tablename__ = "callback_requests"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(32), nullable=True)
    channel = Column(String(16), nullable=False)
    # Emptied (NULL) by retention and by erasure on request (bot/privacy/); the row stays.
    name = Column(String(120), nullable=True)
    phone = Column(String(20), nullable=True)  # E.164
    window_start = Column(DateTime(timezone=True), nullable=False)
    window_end = Column(DateTime(timezone=True), nullable=False)
    topic = Column(Text, nullable=False)
    unit = Column(String(16), nullable=True)
    consent = Column(Boolean, nullable=False, default=False)
    status = Column(String(16), nullable=False, default="new")  # new | done | failed
    note = Column(Text, nullable=True)
    handled_by = Column(Integer, ForeignKey("consultants.id"), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_callbacks_status", "status", "window_start"),)
