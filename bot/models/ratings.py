"""Residents' ratings of ended chats (bot/csat/).

Part of the data model (../shared/design/ARCHITECTURE.md, "Data model"); `bot.models` names all.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, Integer, String, Text

from bot.models.base import Base, utcnow


class ChatRating(Base):
    """The resident's 1–5 rating of an ended chat (bot/csat/): who handled it, where, when.

    One row per question asked: the assistant's chat once per conversation, a person's
    once per hand-off. ``closed`` once nothing more is taken (skipped, commented, moved on).
    """

    __tablename__ = "chat_ratings"

    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False
    )
    handoff_id = Column(Integer, nullable=True)  # None: the assistant alone
    handled_by = Column(String(16), nullable=False)  # assistant | consultant
    consultant_id = Column(Integer, nullable=True)
    unit = Column(String(16), nullable=True)  # a unit's second line; None: KCK's first line
    channel = Column(String(16), nullable=False)
    asked_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    score = Column(Integer, nullable=True)  # 1..5; None: skipped or not answered
    rated_at = Column(DateTime(timezone=True), nullable=True)
    comment = Column(Text, nullable=True)  # may hold personal data: erased, shown redacted
    closed = Column(Boolean, nullable=False, default=False)

    __table_args__ = (Index("ix_chat_ratings_conversation", "conversation_id"),)
