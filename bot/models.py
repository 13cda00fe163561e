"""Tables of the app database (see ARCHITECTURE.md, "Data model").

Schema changes go through Alembic (bot/migrations); never create tables
from these classes outside the tests of a migration.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def new_id() -> str:
    return uuid.uuid4().hex


class Conversation(Base):  # type: ignore[misc,valid-type]
    """One resident's chat on one channel."""

    __tablename__ = "conversations"

    id = Column(String(32), primary_key=True, default=new_id)
    channel = Column(String(16), nullable=False)  # web | telegram
    # SHA-256 of the widget token (web) or of the channel's user id (Telegram).
    token_hash = Column(String(64), nullable=False)
    state = Column(String(16), nullable=False, default="bot")  # bot|queued|consultant|closed
    unit = Column(String(32), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)

    messages = relationship(
        "Message",
        back_populates="conversation",
        order_by="Message.id",
        cascade="all, delete-orphan",
    )


class Message(Base):  # type: ignore[misc,valid-type]
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
