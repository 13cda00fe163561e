"""Tables of the app database (see ARCHITECTURE.md, "Data model").

Schema changes go through Alembic (bot/migrations); never create tables
from these classes outside the tests of a migration.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, String, Text
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


class Report(Base):  # type: ignore[misc,valid-type]
    """An intervention report or an idea, with its reference number and routing."""

    __tablename__ = "reports"

    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(20), unique=True, nullable=True)  # KCK-YYYY-NNNNNN
    kind = Column(String(16), nullable=False)  # intervention | idea
    category = Column(String(32), nullable=False)
    unit = Column(String(16), nullable=False)
    description = Column(Text, nullable=False)
    location_text = Column(Text, nullable=True)
    lat = Column(Float, nullable=True)
    lon = Column(Float, nullable=True)
    photo_path = Column(String(255), nullable=True)
    # Contact only with consent; emptied by retention (a later issue).
    contact_name = Column(String(120), nullable=True)
    contact_phone = Column(String(20), nullable=True)  # E.164
    contact_email = Column(String(254), nullable=True)
    contact_consent = Column(Boolean, nullable=False, default=False)
    channel = Column(String(16), nullable=False)  # web | telegram | open311
    conversation_id = Column(String(32), nullable=True)
    status = Column(String(16), nullable=False, default="przyjęte")
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)

    history = relationship(
        "ReportStatusChange",
        back_populates="report",
        order_by="ReportStatusChange.id",
        cascade="all, delete-orphan",
    )


class ReportStatusChange(Base):  # type: ignore[misc,valid-type]
    """One step of a report's status history."""

    __tablename__ = "report_status_history"

    id = Column(Integer, primary_key=True, autoincrement=True)
    report_id = Column(Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False)
    status = Column(String(16), nullable=False)
    note = Column(Text, nullable=True)
    changed_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)

    report = relationship("Report", back_populates="history")
